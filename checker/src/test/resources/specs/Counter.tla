---------------------------- MODULE Counter ----------------------------
(* A counter modulo N: exactly N distinct states and N + 1 generated ones
   (the initial state, then one successor of each state). Written for
   Capsid's checker tests. *)
EXTENDS Naturals

CONSTANT N

VARIABLE x

Init == x = 0

\* The only action: count up, wrapping at N.
Tick == x' = (x + 1) % N

Next == Tick

Spec == Init /\ [][Next]_x

TypeOK == x \in 0..(N - 1)

\* Fails once x reaches 3 (used with CounterSmall.cfg).
Small == x < 3

\* An action property that fails on the wrap-around (CounterIncreasing.cfg).
Increasing == [][x' > x]_x

=============================================================================

---------------------------- MODULE Deadlock ----------------------------
(* Counts to 2 and stops: a deadlock in the third state. *)
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x < 2 /\ x' = x + 1
=============================================================================

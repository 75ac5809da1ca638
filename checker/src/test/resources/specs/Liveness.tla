---------------------------- MODULE Liveness ----------------------------
(* x cycles through 0, 1, 2 forever and y never changes, so <>(y = 1) fails:
   with weak fairness the counterexample is a loop back to the first state;
   without fairness it stutters in the first state. *)
EXTENDS Naturals
VARIABLES x, y
vars == <<x, y>>
Init == x = 0 /\ y = 0
Next == x' = (x + 1) % 3 /\ UNCHANGED y
FairSpec == Init /\ [][Next]_vars /\ WF_vars(Next)
UnfairSpec == Init /\ [][Next]_vars
YBecomesOne == <>(y = 1)
=============================================================================

---------------------------- MODULE Grid ----------------------------
(* Three counters modulo K: K^3 distinct states, 3 K^3 + 1 generated. Large K
   makes a long run (for the timeout and kill tests). *)
EXTENDS Naturals
CONSTANT K
VARIABLES a, b, c
Init == a = 0 /\ b = 0 /\ c = 0
Next == \/ a' = (a + 1) % K /\ UNCHANGED <<b, c>>
        \/ b' = (b + 1) % K /\ UNCHANGED <<a, c>>
        \/ c' = (c + 1) % K /\ UNCHANGED <<a, b>>
=============================================================================

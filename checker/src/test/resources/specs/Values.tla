---------------------------- MODULE Values ----------------------------
(* A state holding one value of each kind TLC prints; the invariant fails in
   the second state, so both states come back in the error trace. *)
EXTENDS Integers, Sequences, TLC
CONSTANTS Procs
VARIABLES v, w
Init == /\ v = [num |-> -42, str |-> "say \"hi\"\\ \n\tnow", yes |-> TRUE, no |-> FALSE,
                set |-> {3, 1, 2}, empty |-> {}, seq |-> <<1, <<>>, "a">>,
                fn |-> (0 :> "zero" @@ 7 :> "seven"), procs |-> Procs,
                pfn |-> [p \in Procs |-> p = CHOOSE q \in Procs : TRUE],
                rng |-> 2..4, sets |-> SUBSET {1, 2}, recs |-> [a : {1, 2}, b : {"x"}]]
        /\ w = 0
Next == w' = w + 1 /\ UNCHANGED v
Never == w < 1
=============================================================================

---------------------------- MODULE EvalError ----------------------------
(* Adds a string to a number when x reaches 2. *)
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = x + (IF x = 2 THEN "two" ELSE 1)
=============================================================================

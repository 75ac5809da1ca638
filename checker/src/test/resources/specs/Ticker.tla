---------------------------- MODULE Ticker ----------------------------
(* A counter modulo 3, written for Capsid's worker-policy tests. Ticker.cfg
   checks safety only (an invariant and an action property: more than one
   worker is sound). TickerLive.tla adds weak fairness and checks BackToZero,
   a leads-to property, both defined here: the policy must read this module
   to see them. This comment's <> and WF_ and ~> are no operators. *)
EXTENDS Naturals

VARIABLE x

vars == <<x>>
Empty == <<>>

Init == x = 0
Next == x' = (x + 1) % 3
Spec == Init /\ [][Next]_vars

TypeOK == x \in 0..2 /\ Empty = <<>>
Steps == [][x' = (x + 1) % 3]_vars

\* weak fairness of Next, and what it makes true
Fairness == WF_vars(Next)
BackToZero == x = 2 ~> x = 0
=============================================================================

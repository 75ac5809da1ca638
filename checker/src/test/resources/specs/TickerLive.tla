---------------------------- MODULE TickerLive ----------------------------
(* Ticker under weak fairness (Fairness and BackToZero come from Ticker). *)
EXTENDS Ticker

FairSpec == Spec /\ Fairness
=============================================================================

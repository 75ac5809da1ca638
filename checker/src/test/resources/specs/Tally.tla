------------------------------- MODULE Tally -------------------------------
(* A tiny spec for OutcomesTest: a counter below Max that can be locked.     *)
(* Its outcomes, with Max >= 1: Inc:OK Inc:EAGAIN Inc:EPERM Dec:OK Dec:EINVAL *)
(* Lock:OK Reset:OK; Reset:EBUSY (n above Max) is written but unreachable.   *)
(* The recorder is the one spec/MCNamespaceUnshare.tla defines.              *)
EXTENDS Naturals, Sequences, TLC

CONSTANT Max

VARIABLES n, locked, lastAction

vars == <<n, locked, lastAction>>
stateVars == <<n, locked>>

Done(act, err) == lastAction' = [act |-> act, err |-> err]
Fail(act, err) == Done(act, err) /\ UNCHANGED stateVars

Init == n = 0 /\ locked = FALSE /\ lastAction = [act |-> "Boot", err |-> "OK"]

Inc == IF locked THEN Fail("Inc", "EPERM")
       ELSE IF n = Max THEN Fail("Inc", "EAGAIN")
       ELSE n' = n + 1 /\ Done("Inc", "OK") /\ UNCHANGED locked

Dec == IF n = 0 THEN Fail("Dec", "EINVAL")
       ELSE n' = n - 1 /\ Done("Dec", "OK") /\ UNCHANGED locked

Lock == locked' = TRUE /\ Done("Lock", "OK") /\ UNCHANGED n

Reset == IF n > Max THEN Fail("Reset", "EBUSY")
         ELSE n' = 0 /\ Done("Reset", "OK") /\ UNCHANGED locked

Next == Inc \/ Dec \/ Lock \/ Reset

Spec == Init /\ [][Next]_vars

TypeOK == n \in 0..Max

\* Fails at the first Lock: a check the recorder's model must leave out.
NeverLocked == [][~locked']_vars

StepOutcome == lastAction'.act \o ":" \o lastAction'.err

OutcomeRegister == 17

ASSUME TLCSet(OutcomeRegister, {})

RecordOutcome ==
    LET o == StepOutcome
    IN IF o \in TLCGet(OutcomeRegister) THEN TRUE
       ELSE /\ PrintT(<<"capsid-outcome", o>>)
            /\ TLCSet(OutcomeRegister, TLCGet(OutcomeRegister) \cup {o})

OutcomesRecorded == [][RecordOutcome]_vars
=============================================================================

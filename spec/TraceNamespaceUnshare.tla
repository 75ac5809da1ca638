----------------------- MODULE TraceNamespaceUnshare -----------------------
(***************************************************************************)
(* Trace validation of NamespaceUnshare: is a kernel run a behaviour of    *)
(* the spec?  The kernel's event log (docs/event-log.md) becomes the       *)
(* constant TraceLog, one record per event after Boot and a last record   *)
(* [action |-> "end"]; each step of                                        *)
(* TraceNext must match the next event with an action of the spec that is  *)
(* enabled, succeeds, and agrees with what the kernel reported (result,    *)
(* new task, pids, target, ...).  Read-only calls and failed calls leave   *)
(* no event and need no step.                                              *)
(*                                                                         *)
(* TLC checks TraceSpec with deadlock checking on and the invariant        *)
(* TraceAccepted (ev.action # "end"): TLC reporting TraceAccepted         *)
(* violated means every event was matched (the run IS a behaviour); a      *)
(* deadlock at l means event l matches no enabled action (it is NOT).      *)
(* capsid.refinement.TraceValidation writes the log module and reads the  *)
(* verdict.                                                                *)
(***************************************************************************)
EXTENDS NamespaceUnshare

CONSTANT TraceLog

VARIABLES
    l,   \* the next event to match, 1-based
    ev   \* that event (a record); the final [action |-> "end"] after the last event

\* ev is TraceLog[l], kept in a variable: TLC does not cache a constant substituted in
\* the model (TraceLog <- Log) and would rebuild the whole log at every use, so the
\* log is read once per step.
EventAt(i) == TraceLog[i]

traceVars == <<vars, l, ev>>

Ev == ev
IsEvent(a) == ev.action = a

\* The step succeeded with the result the kernel reported.
Reported(ret) == lastAction'.err = "OK" /\ lastAction'.ret = ret

ForkIfLogged ==
    /\ IsEvent("Fork")
    /\ nextTid = Ev.child
    /\ Fork(Ev.task, Ev.flags)
    /\ Reported(Ev.ret)
    /\ pids'[Ev.child] = Ev.pids
    /\ pidns'[Ev.child] = Ev.ns

\* What a death did, as the kernel logged it: the children moved to the reaper, and
\* the processes (by root pid) killed and reaped with a dying init.
DeathLogged ==
    /\ \A u \in Ev.reparented : parent'[u] = Ev.reaper
    /\ \A p \in Ev.zapped : p \in DOMAIN pmap[1] /\ st'[pmap[1][p]] = "reaped"

ExitIfLogged == IsEvent("Exit") /\ Exit(Ev.task) /\ Reported(0) /\ DeathLogged

KillIfLogged ==
    /\ IsEvent("Kill")
    /\ Kill(Ev.task, Ev.pid, Ev.sig)
    /\ Reported(0)
    /\ lastAction'.target = Ev.target
    /\ Ev.killed = (st[Ev.target] = "live" /\ st'[Ev.target] = "zombie")
    /\ DeathLogged

WaitIfLogged ==
    /\ IsEvent("Wait")
    /\ IF Ev.any THEN Wait(Ev.task, TRUE, 0) ELSE Wait(Ev.task, FALSE, Ev.pid)
    /\ Reported(Ev.ret)
    \* (IF, not \/: TLC would take both disjuncts of an action as branches)
    /\ IF Ev.reaped = 0 THEN TRUE ELSE st[Ev.reaped] = "zombie" /\ st'[Ev.reaped] = "reaped"

UnshareIfLogged ==
    /\ IsEvent("Unshare")
    /\ Unshare(Ev.task, Ev.flags)
    /\ Reported(0)
    /\ nsfc'[Ev.task] = Ev.pidForChildren /\ uts'[Ev.task] = Ev.uts /\ mnt'[Ev.task] = Ev.mnt

NsOpenIfLogged ==
    /\ IsEvent("NsOpen")
    /\ NsOpen(Ev.task, Ev.pid, Ev.type)
    /\ Reported(Ev.ret)
    /\ lastAction'.target = Ev.target
    /\ fds'[Ev.task][Ev.ret] = [kind |-> Ev.type, id |-> Ev.ns]

SetNsIfLogged ==
    /\ IsEvent("SetNs")
    /\ fds[Ev.task][Ev.fd] = [kind |-> Ev.type, id |-> Ev.ns]
    /\ SetNs(Ev.task, Ev.fd)
    /\ Reported(0)

SetHostnameIfLogged ==
    /\ IsEvent("SetHostname")
    /\ uts[Ev.task] = Ev.uts
    /\ SetHostname(Ev.task, Ev.name)
    /\ Reported(0)

JailIfLogged == IsEvent("Jail") /\ Jail(Ev.task) /\ Reported(0)

CloseIfLogged ==
    /\ IsEvent("Close")
    /\ fds[Ev.task][Ev.fd] = [kind |-> Ev.kind, id |-> Ev.object]
    /\ Close(Ev.task, Ev.fd)
    /\ Reported(0)

DupIfLogged ==
    /\ IsEvent("Dup")
    /\ fds[Ev.task][Ev.fd] = [kind |-> Ev.kind, id |-> Ev.object]
    /\ Dup(Ev.task, Ev.fd)
    /\ Reported(Ev.ret)

TraceInit == Init /\ l = 1 /\ ev = EventAt(1)

TraceNext ==
    /\ \/ ForkIfLogged \/ ExitIfLogged \/ KillIfLogged \/ WaitIfLogged
       \/ UnshareIfLogged \/ NsOpenIfLogged \/ SetNsIfLogged \/ SetHostnameIfLogged
       \/ JailIfLogged \/ CloseIfLogged \/ DupIfLogged
    /\ l' = l + 1
    /\ ev' = EventAt(l + 1)

TraceSpec == TraceInit /\ [][TraceNext]_traceVars

\* Violated exactly when the whole log was matched.
TraceAccepted == ev.action # "end"
=============================================================================

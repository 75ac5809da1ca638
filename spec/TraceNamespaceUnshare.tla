----------------------- MODULE TraceNamespaceUnshare -----------------------
(***************************************************************************)
(* Trace validation of NamespaceUnshare: is a kernel run a behaviour of    *)
(* the spec?  The kernel's logs (docs/event-log.md) become the constant    *)
(* TraceLog, one record per step and a last record [action |-> "end"].    *)
(*                                                                         *)
(* With the event log alone, a step is an event after Boot.  With the call *)
(* log too, a step is a call: every call the spec models, failed and       *)
(* read-only ones included, carrying the event it caused, if any           *)
(* (logged = TRUE).  Each step of TraceNext must match the record with an  *)
(* action of the spec that is enabled and agrees with everything the       *)
(* kernel reported:                                                        *)
(*  - a call that caused an event: the action succeeds with the kernel's   *)
(*    result, and its effects equal the event's (new task, pids, the       *)
(*    namespaces entered, the descriptor used; for a death, exactly the    *)
(*    tasks the spec reparents, to the reaper, and exactly the processes   *)
(*    it kills with a dying init);                                         *)
(*  - a failed call: the action takes its errno branch with the kernel's   *)
(*    errno (lastAction'.err), so a kernel that refuses a valid call or    *)
(*    answers with another errno is rejected;                              *)
(*  - a call that succeeded without an event (getpid, getppid,             *)
(*    gethostname): the action returns the kernel's result and changes    *)
(*    nothing;                                                             *)
(*  - a call by a task that is no live process: the kernel's entry point   *)
(*    answers ESRCH, and no action of the spec is taken.                  *)
(* Records of calls the spec does not model are left out of TraceLog and   *)
(* counted by capsid.refinement.NamespaceTrace, which also says how ipc,   *)
(* net and user namespaces are projected away.                             *)
(*                                                                         *)
(* TLC checks TraceSpec with deadlock checking on and ONE worker (TLC    *)
(* 2.18 gives bogus trace-validation verdicts with several).  After the    *)
(* last record the trace only stutters (TraceDone), so a run of TLC that  *)
(* passes, having reached l = Len(TraceLog) (its states number the records *)
(* plus one), means every record was matched: the run IS a behaviour; a   *)
(* deadlock at l means record l matches no enabled action: it is NOT.     *)
(* (No invariant marks the end: TLC would print the whole matched trace   *)
(* as a counterexample, most of the time a run takes on a long log.)      *)
(* capsid.refinement.TraceValidation writes the log module and reads the  *)
(* verdict.                                                                *)
(***************************************************************************)
EXTENDS NamespaceUnshare

CONSTANT TraceLog

VARIABLES
    l,   \* the next record to match, 1-based
    ev   \* that record; the final [action |-> "end"] after the last one

\* ev is TraceLog[i], kept in a variable so that the log is read once per step.  TLC
\* does not cache a constant substituted in the model (TraceLog <- Log): it would
\* rebuild the whole log at every read, O(n) a step.  So the generated model also
\* overrides EventAt (EventAt <- LogAt, LogAt(i) == Log[i]): Log is a definition of
\* its own, which TLC evaluates once.  (Measured: half the CPU time on 600 calls.)
EventAt(i) == TraceLog[i]

traceVars == <<vars, l, ev>>

Ev == ev

\* A record of action a that carries an event, by a task of the model.  (Every field
\* the actions below index by is checked first: a log naming a task, fd or process the
\* spec does not have is rejected, not an evaluation error.)
IsEvent(a) == ev.action = a /\ ev.logged /\ ev.task \in Tids

\* A record of action a that carries no event (call log only).
IsCall(a) == ev.action = a /\ ~ev.logged /\ ev.task \in Tids

\* The step succeeded with the result the kernel reported.
Reported(ret) == lastAction'.err = "OK" /\ lastAction'.ret = ret

ForkIfLogged ==
    /\ IsEvent("Fork")
    /\ nextTid = Ev.child
    /\ Fork(Ev.task, Ev.flags)
    /\ Reported(Ev.ret)
    /\ pids'[Ev.child] = Ev.pids
    /\ pidns'[Ev.child] = Ev.ns

\* What a death did, as the kernel logged it, equals what the spec did: the process
\* that died; exactly the tasks whose parent the spec changed, all to the reaper (0
\* when none moved); exactly the root pids of the processes the spec killed and
\* reaped with a dying init.
DeathLogged(died) ==
    LET moved == {u \in Tids : parent'[u] # parent[u]}
        zapped == {pids[u][1] : u \in {v \in Tids : Exists(v) /\ st'[v] = "reaped"}}
    IN /\ Ev.died = died
       /\ Ev.reparented = moved
       /\ IF moved = {} THEN Ev.reaper = 0 ELSE \A u \in moved : parent'[u] = Ev.reaper
       /\ Ev.zapped = zapped

ExitIfLogged == IsEvent("Exit") /\ Exit(Ev.task) /\ Reported(0) /\ DeathLogged(Ev.task)

KillIfLogged ==
    /\ IsEvent("Kill")
    /\ Kill(Ev.task, Ev.pid, Ev.sig)
    /\ Reported(0)
    /\ lastAction'.target = Ev.target
    /\ Ev.killed = (st[Ev.target] = "live" /\ st'[Ev.target] = "zombie")
    /\ DeathLogged(IF Ev.killed THEN Ev.target ELSE 0)

WaitIfLogged ==
    /\ IsEvent("Wait")
    /\ IF Ev.any THEN Wait(Ev.task, TRUE, 0) ELSE Wait(Ev.task, FALSE, Ev.pid)
    /\ Reported(Ev.ret)
    \* (IF, not \/: TLC would take both disjuncts of an action as branches)
    /\ IF Ev.reaped = 0 THEN UNCHANGED st
       ELSE Ev.reaped \in Tids /\ st[Ev.reaped] = "zombie" /\ st'[Ev.reaped] = "reaped"

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
    /\ Ev.fd \in DOMAIN fds[Ev.task]
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
    /\ Ev.fd \in DOMAIN fds[Ev.task]
    /\ fds[Ev.task][Ev.fd] = [kind |-> Ev.kind, id |-> Ev.object]
    /\ Close(Ev.task, Ev.fd)
    /\ Reported(0)

DupIfLogged ==
    /\ IsEvent("Dup")
    /\ Ev.fd \in DOMAIN fds[Ev.task]
    /\ fds[Ev.task][Ev.fd] = [kind |-> Ev.kind, id |-> Ev.object]
    /\ Dup(Ev.task, Ev.fd)
    /\ Reported(Ev.ret)

\* The spec's action for the call a record names, with the record's arguments.
Called ==
    \/ IsCall("Fork") /\ Fork(Ev.task, Ev.flags)
    \/ IsCall("Exit") /\ Exit(Ev.task)
    \/ IsCall("Kill") /\ Kill(Ev.task, Ev.pid, Ev.sig)
    \/ IsCall("Wait") /\ Wait(Ev.task, Ev.any, Ev.pid)
    \/ IsCall("Getpid") /\ Getpid(Ev.task)
    \/ IsCall("Getppid") /\ Getppid(Ev.task)
    \/ IsCall("Unshare") /\ Unshare(Ev.task, Ev.flags)
    \/ IsCall("NsOpen") /\ NsOpen(Ev.task, Ev.pid, Ev.type)
    \/ IsCall("SetNs") /\ SetNs(Ev.task, Ev.fd)
    \/ IsCall("SetHostname") /\ SetHostname(Ev.task, Ev.name)
    \/ IsCall("Gethostname") /\ Gethostname(Ev.task)
    \/ IsCall("Jail") /\ Jail(Ev.task)
    \/ IsCall("Close") /\ Close(Ev.task, Ev.fd)
    \/ IsCall("Dup") /\ Dup(Ev.task, Ev.fd)

\* A call that caused no event: it failed with exactly the kernel's errno (the action's
\* errno branch), or it succeeded and returned exactly the kernel's result; either way
\* the spec's action changes nothing, as the absence of an event says.
CallIfUnlogged ==
    /\ Called
    /\ lastAction'.err = Ev.err
    /\ Ev.err = "OK" => lastAction'.ret = Ev.ret
    /\ UNCHANGED stateVars

\* A call by a task that is no live process (never created, a zombie, or reaped): the
\* kernel's entry point (Kernel#syscall) answers ESRCH; every action of the spec needs a
\* live caller, so none is taken and nothing changes.
RefusedCaller ==
    /\ Ev.action # "end"
    /\ ~Ev.logged
    /\ Ev.err = "ESRCH"
    /\ Ev.task \notin Tids \/ ~Live(Ev.task)
    /\ UNCHANGED vars

TraceInit == Init /\ l = 1 /\ ev = EventAt(1)

\* Every record matched: nothing is left to do (a stuttering step, so that the end is no deadlock).
TraceDone == ev.action = "end" /\ UNCHANGED traceVars

TraceNext ==
    \/ /\ \/ ForkIfLogged \/ ExitIfLogged \/ KillIfLogged \/ WaitIfLogged
          \/ UnshareIfLogged \/ NsOpenIfLogged \/ SetNsIfLogged \/ SetHostnameIfLogged
          \/ JailIfLogged \/ CloseIfLogged \/ DupIfLogged
          \/ CallIfUnlogged
          \/ RefusedCaller
       /\ l' = l + 1
       /\ ev' = EventAt(l + 1)
    \/ TraceDone

TraceSpec == TraceInit /\ [][TraceNext]_traceVars
=============================================================================

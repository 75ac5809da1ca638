--------------------- MODULE TraceCapabilityDelegation ---------------------
(***************************************************************************)
(* Trace validation of CapabilityDelegation: is a kernel run a behaviour  *)
(* of the spec?  As in TraceNamespaceUnshare, the kernel's logs            *)
(* (docs/event-log.md) become the constant TraceLog, one record per step  *)
(* and a last record [action |-> "end"]; each step of TraceNext must match *)
(* the record with an enabled action of the spec that agrees with          *)
(* everything the kernel reported, in both directions:                     *)
(*  - a call that caused an event: the action succeeds with the kernel's   *)
(*    result, the capability it made names the object and carries the     *)
(*    badge the event gives, cap_grant's target is the process the pid     *)
(*    names, and the sets the event lists equal the spec's: the slots a    *)
(*    cap_revoke removed are exactly FD's descendants, in every table; the *)
(*    slots a close moved are exactly the closed slot's children, and the  *)
(*    slot they moved to (read from the kernel's tree after the close) is  *)
(*    exactly its parent; a dup's copy hangs exactly under FD's parent;    *)
(*  - a failed call: the action takes its errno branch with the kernel's   *)
(*    errno, so a kernel that refuses a valid call, or accepts one the     *)
(*    spec refuses, is rejected;                                           *)
(*  - cap_rights and cap_badge: the action returns exactly the kernel's   *)
(*    result and changes nothing;                                          *)
(*  - a death (exit, a kill that killed, and each process a dying         *)
(*    namespace init killed with it): one Exit step per process that died, *)
(*    in which its whole table closes;                                     *)
(*  - a call by a task that is no live process: ESRCH, and no action.     *)
(* capsid.refinement.CapTrace writes the records.  What this spec leaves  *)
(* to NamespaceUnshare is left out of TraceLog there and counted: failed  *)
(* forks and ns_opens other than EMFILE (their causes are pid namespaces  *)
(* and visibility), and every call with no effect on a capability table   *)
(* (unshare, setns, sethostname, wait, a kill that killed nothing, ...).  *)
(* cap_grant names its target by pid, as the caller sees it; CapTrace     *)
(* resolves that pid from the log's own fork records (each child's pid at *)
(* every level of its pid namespaces), so the record's `pid` is the       *)
(* process the pid named (MaxProcs + 1 when it names none) and `target`  *)
(* the process the kernel says it granted to.                             *)
(*                                                                         *)
(* Objects are the namespaces the log's ns_opens name, as "TYPE:ID".      *)
(* The model's FdMax is the boot's fd_max, or two more than the highest   *)
(* fd the log shows when that is smaller: every slot in use was returned  *)
(* by a logged call (fork copies the parent's fds), so no table reaches  *)
(* the smaller bound, and the spec takes the same branches under both;    *)
(* it keeps Slots small, which TLC evaluates whole at every step.         *)
(*                                                                         *)
(* TLC checks TraceSpec with deadlock checking on and ONE worker: a run   *)
(* that passes through Len(TraceLog) + 1 states matched every record; a  *)
(* deadlock at l means record l matches no enabled action.                *)
(***************************************************************************)
EXTENDS CapabilityDelegation

CONSTANT TraceLog

VARIABLES
    l,   \* the next record to match, 1-based
    ev   \* that record; the final [action |-> "end"] after the last one

\* Read once per step through a definition the generated model overrides (see
\* TraceNamespaceUnshare: TLC would rebuild a substituted constant at every read).
EventAt(i) == TraceLog[i]

traceVars == <<vars, l, ev>>

\* LowestFree without recursion, for the model to substitute (LowestFree <- FastLowestFree):
\* the same value, but a table of 1,024 slots does not nest 1,024 calls in TLC's stack.
FastLowestFree(p) ==
    LET free == Fds \ DOMAIN table[p]
    IN IF free = {} THEN -1 ELSE CHOOSE i \in free : \A j \in 0..(i - 1) : j \in DOMAIN table[p]

\* The pid argument of a cap_grant whose pid names no process the caller can see.
NoProc == MaxProcs + 1

Ev == ev

\* A record of action a that carries an event, by a process of the model.
IsEvent(a) == ev.action = a /\ ev.logged /\ ev.task \in Procs

\* A record of action a that carries no event (call log only).
IsCall(a) == ev.action = a /\ ~ev.logged /\ ev.task \in Procs

Reported(ret) == lastAction'.err = "OK" /\ lastAction'.ret = ret

\* The capability the step put in slot fd of q's table.
Made(q, fd) == table'[q][fd]

Slot(s) == s[2] \in DOMAIN table[s[1]]

NsOpenIfLogged ==
    /\ IsEvent("NsOpen")
    /\ Ev.obj \in Objects
    /\ NsOpen(Ev.task, Ev.obj)
    /\ Reported(Ev.ret)

CapDeriveIfLogged ==
    /\ IsEvent("CapDerive")
    /\ CapDerive(Ev.task, Ev.fd, Ev.rights, Ev.badge)
    /\ Reported(Ev.ret)
    /\ Made(Ev.task, Ev.ret).obj = Ev.obj
    /\ Made(Ev.task, Ev.ret).badge = Ev.newBadge

CapGrantIfLogged ==
    /\ IsEvent("CapGrant")
    /\ Ev.target = Ev.pid
    /\ CapGrant(Ev.task, Ev.fd, Ev.pid)
    /\ Reported(Ev.ret)
    /\ Made(Ev.target, Ev.ret).obj = Ev.obj

\* The slots in use before the step and not after it.
Removed == {x \in Used : x[2] \notin DOMAIN table'[x[1]]}

CapRevokeIfLogged ==
    /\ IsEvent("CapRevoke")
    /\ CapRevoke(Ev.task, Ev.fd)
    /\ Reported(Ev.ret)
    /\ Removed = Ev.removed

CloseIfLogged ==
    /\ IsEvent("Close")
    /\ Slot(<<Ev.task, Ev.fd>>)
    /\ Cap(<<Ev.task, Ev.fd>>).obj = Ev.obj
    /\ {x \in Used : parent[x] = <<Ev.task, Ev.fd>>} = Ev.moved
    /\ parent[<<Ev.task, Ev.fd>>] = Ev.to
    /\ Close(Ev.task, Ev.fd)
    /\ Reported(0)

DupIfLogged ==
    /\ IsEvent("Dup")
    /\ Slot(<<Ev.task, Ev.fd>>)
    /\ Cap(<<Ev.task, Ev.fd>>).obj = Ev.obj
    /\ Dup(Ev.task, Ev.fd)
    /\ Reported(Ev.ret)
    /\ parent'[<<Ev.task, Ev.ret>>] = Ev.parent

ForkIfLogged ==
    /\ IsEvent("Fork")
    /\ Ev.child = nextProc
    /\ Fork(Ev.task)
    /\ Reported(Ev.child)

\* One process's death: its whole table closes (Exit of that process).
DeathIfLogged == IsEvent("Death") /\ Exit(Ev.task) /\ Reported(0)

\* The spec's action for the call a record names, with the record's arguments.
Called ==
    \* (a failed ns_open names no object; EMFILE does not depend on which, and one
    \* chosen keeps the step deterministic: one state per record)
    \/ IsCall("NsOpen") /\ Objects # {} /\ NsOpen(Ev.task, CHOOSE o \in Objects : TRUE)
    \/ IsCall("CapDerive") /\ CapDerive(Ev.task, Ev.fd, Ev.rights, Ev.badge)
    \/ IsCall("CapGrant") /\ CapGrant(Ev.task, Ev.fd, Ev.pid)
    \/ IsCall("CapRevoke") /\ CapRevoke(Ev.task, Ev.fd)
    \/ IsCall("CapRights") /\ CapRights(Ev.task, Ev.fd)
    \/ IsCall("CapBadge") /\ CapBadge(Ev.task, Ev.fd)
    \/ IsCall("Close") /\ Close(Ev.task, Ev.fd)
    \/ IsCall("Dup") /\ Dup(Ev.task, Ev.fd)
    \/ IsCall("Exit") /\ Exit(Ev.task)

\* A call that caused no event: it failed with exactly the kernel's errno, or it
\* succeeded, changed nothing and returned exactly the kernel's result.
CallIfUnlogged ==
    /\ Called
    /\ lastAction'.err = Ev.err
    /\ Ev.err = "OK" => lastAction'.ret = Ev.ret
    /\ UNCHANGED stateVars

\* A call by a task that is no live process: the kernel's entry point answers ESRCH.
RefusedCaller ==
    /\ Ev.action # "end"
    /\ ~Ev.logged
    /\ Ev.err = "ESRCH"
    /\ Ev.task \notin Procs \/ ~Live(Ev.task)
    /\ UNCHANGED vars

TraceInit == Init /\ l = 1 /\ ev = EventAt(1)

TraceDone == ev.action = "end" /\ UNCHANGED traceVars

TraceNext ==
    \/ /\ \/ NsOpenIfLogged \/ CapDeriveIfLogged \/ CapGrantIfLogged \/ CapRevokeIfLogged
          \/ CloseIfLogged \/ DupIfLogged \/ ForkIfLogged \/ DeathIfLogged
          \/ CallIfUnlogged
          \/ RefusedCaller
       /\ l' = l + 1
       /\ ev' = EventAt(l + 1)
    \/ TraceDone

=============================================================================

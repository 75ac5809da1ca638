-------------------------- MODULE NamespaceUnshare --------------------------
(***************************************************************************)
(* Namespace unsharing (DESIGN.md, protocol 1; ABI.md section 3,          *)
(* "Processes and pid namespaces (as Linux)").                             *)
(*                                                                         *)
(* Processes (tasks) live in a tree of pid namespaces and have a pid at   *)
(* every level from their own namespace up to the root.  They fork with  *)
(* namespace flags, unshare, open namespaces as descriptors, enter them   *)
(* with setns, set hostnames per uts namespace, jail themselves, exit, are *)
(* killed and are reaped.  Every system call is one action; a call's     *)
(* failure is the same action with an errno as its result and no other   *)
(* change, so a trace of this spec says what the kernel must answer too. *)
(*                                                                         *)
(* Each action names the kernel method that implements it; that method    *)
(* carries @SpecAction(spec = "NamespaceUnshare", action = <name>).       *)
(*                                                                         *)
(* Abstracted away, and why:                                               *)
(*  - ipc, net and user namespaces: they have no behaviour yet (ABI.md);  *)
(*    the spec never passes newipc/newnet/newuser nor opens them.         *)
(*  - mount tables: empty until the files issue; a mount namespace is an  *)
(*    identity only.                                                       *)
(*  - exit codes: no call observes them yet.                               *)
(*  - capability rights and the derivation tree: every descriptor here    *)
(*    comes from ns_open (r|x|grant) or copies of it, so no right is ever *)
(*    missing; derivation belongs to CapabilityDelegation.                *)
(*  - the event log: lastAction is the history variable naming the last   *)
(*    call (act), its caller (t), arguments (arg), result (ret) and errno  *)
(*    (err, "OK" on success); VIEW leaves it out.                          *)
(***************************************************************************)
EXTENDS Naturals, Integers, Sequences, FiniteSets, TLC

CONSTANTS
    MaxTasks,       \* task ids 1..MaxTasks; task 1 is the boot init
    MaxPidNs,       \* pid namespaces ever created (ids 1..MaxPidNs; 1 is the root)
    MaxUts,         \* uts namespaces ever created
    MaxMnt,         \* mount namespaces ever created
    PidMax,         \* BootConfig.pidMax: pids are below it
    PidReserved,    \* BootConfig.pidReserved: where allocation resumes after the wrap
    PidNsLevels,    \* BootConfig.pidNsLevels: levels allowed below the root
    FdMax,          \* BootConfig.fdMax: descriptors per task
    BootHostname,   \* the root uts namespace's hostname
    FlagSets,       \* flag sets fork and unshare are tried with; "bad" stands for any other bit
    PidArgs,        \* pid numbers kill, wait and ns_open are tried with
    FdArgs,         \* fd numbers setns, close and dup are tried with
    SigArgs,        \* "KILL", "TERM", "0", or anything else (EINVAL)
    TypeArgs,       \* "pid", "uts", "mnt", or anything else (EINVAL)
    HostArgs        \* hostnames sethostname is tried with, valid or not

Tids == 1..MaxTasks
PidNsIds == 1..MaxPidNs
UtsIds == 1..MaxUts
MntIds == 1..MaxMnt
NsFlags == {"newpid", "newuts", "newns"}
Errnos == {"EPERM", "EBADF", "EINVAL", "ESRCH", "ECHILD", "EAGAIN", "ENOMEM", "EMFILE", "ENOSPC"}
\* UtsNamespace.validHostname: 1-64 characters of [A-Za-z0-9.-]
ValidHostChars == {"a","b","c","d","e","f","g","h","i","j","k","l","m","n","o","p","q","r","s",
                   "t","u","v","w","x","y","z",
                   "A","B","C","D","E","F","G","H","I","J","K","L","M","N","O","P","Q","R","S",
                   "T","U","V","W","X","Y","Z","0","1","2","3","4","5","6","7","8","9",".","-"}
ValidHostname(h) == Len(h) >= 1 /\ Len(h) <= 64
                    /\ \A i \in 1..Len(h) : SubSeq(h, i, i) \in ValidHostChars
NoJail == [pidns |-> 0, nsfc |-> 0, uts |-> 0, mnt |-> 0]
EmptyFds == [i \in {} |-> [kind |-> "none", id |-> 0]]

VARIABLES
    st,         \* st[t]: "none" (not yet created), "live", "zombie" or "reaped"
    parent,     \* parent[t]: the parent task, 0 for the root init
    pids,       \* pids[t]: the pid at every level, root first
    pidns,      \* pidns[t]: the pid namespace t lives in
    nsfc,       \* nsfc[t]: the pid namespace t's children go to (0 for a zombie)
    uts,        \* uts[t]: t's uts namespace (0 for a zombie)
    mnt,        \* mnt[t]: t's mount namespace (0 for a zombie)
    jail,       \* jail[t]: the namespaces t was jailed in, NoJail if never
    fds,        \* fds[t]: fd number -> [kind, id] of the namespace it names
    exitSeq,    \* exitSeq[t]: the order in which t died (0 while live)
    clock,      \* the last exitSeq handed out
    nextTid,    \* the task id the next fork gets
    forker,     \* forker[t]: the task that forked t, 0 for the boot init (a ghost: history
                \* the kernel does not keep; OrphansGoToNamespaceInit states the orphan rule
                \* through it, independently of Die, which never reads it)
    pnParent,   \* pnParent[n]: the parent pid namespace, 0 for the root
    pnLevel,    \* pnLevel[n]: depth below the root
    pmap,       \* pmap[n]: pid -> task, every task (live or zombie) visible in n
    lastPid,    \* lastPid[n]: the last pid handed out in n (Linux's idr cursor - 1)
    pinit,      \* pinit[n]: n's init (its first process), 0 before it and after it is reaped
    pdead,      \* pdead[n]: n's init died; nothing may join n again
    nextPn,     \* the id the next pid namespace gets
    hostname,   \* hostname[u]: the hostname of uts namespace u
    nextUts,
    nextMnt,
    lastAction  \* history: the last call, its arguments and result (not part of the VIEW)

taskVars == <<st, parent, pids, pidns, nsfc, uts, mnt, jail, fds, exitSeq, clock, nextTid, forker>>
pnVars == <<pnParent, pnLevel, pmap, lastPid, pinit, pdead, nextPn>>
otherVars == <<hostname, nextUts, nextMnt>>
vars == <<taskVars, pnVars, otherVars, lastAction>>
stateVars == <<taskVars, pnVars, otherVars>>   \* the VIEW
\* The state without the ghost: the VIEW of models that do not check the orphan rule.
\* No action reads forker, so two states that differ in it alone have the same futures.
kernelVars == <<st, parent, pids, pidns, nsfc, uts, mnt, jail, fds, exitSeq, clock, nextTid, pnVars, otherVars>>

-----------------------------------------------------------------------------
(* Helpers *)

Exists(t) == st[t] \in {"live", "zombie"}
Live(t) == st[t] = "live"
Range(f) == {f[x] : x \in DOMAIN f}
Min(S) == CHOOSE x \in S : \A y \in S : x <= y
Max(S) == CHOOSE x \in S : \A y \in S : x >= y

\* a is n or an ancestor of n
RECURSIVE AncOrSelf(_, _)
AncOrSelf(a, n) == IF n = a THEN TRUE ELSE IF pnParent[n] = 0 THEN FALSE ELSE AncOrSelf(a, pnParent[n])

\* the namespaces from the root down to n
RECURSIVE Path(_)
Path(n) == IF pnParent[n] = 0 THEN <<n>> ELSE Append(Path(pnParent[n]), n)

\* the task with pid k in namespace n, 0 for none
Lookup(n, k) == IF k \in DOMAIN pmap[n] THEN pmap[n][k] ELSE 0

\* u's pid as seen from namespace n, 0 when u is not visible there
PidIn(u, n) == IF AncOrSelf(n, pidns[u]) THEN pids[u][pnLevel[n] + 1] ELSE 0

Children(t) == {u \in Tids : Exists(u) /\ parent[u] = t}

\* The pid the next allocation in n takes, -1 when every pid is taken: cyclic from
\* the last pid, wrapping at PidMax to PidReserved once the cursor passed it, else to 1
\* (PidNamespace#peekNextPid, as Linux's alloc_pid).
RECURSIVE FirstFree(_, _, _, _)
FirstFree(n, cand, lo, tries) ==
    IF tries = 0 THEN -1
    ELSE IF cand \notin DOMAIN pmap[n] THEN cand
    ELSE FirstFree(n, IF cand + 1 >= PidMax THEN lo ELSE cand + 1, lo, tries - 1)
NextPid(n) ==
    LET lo == IF lastPid[n] + 1 > PidReserved THEN PidReserved ELSE 1
        start == IF lastPid[n] + 1 >= PidMax THEN lo ELSE lastPid[n] + 1
    IN FirstFree(n, start, lo, PidMax - lo)

\* the lowest free descriptor of t, -1 when the table is full
RECURSIVE LowestFrom(_, _)
LowestFrom(f, i) == IF i >= FdMax THEN -1 ELSE IF i \notin DOMAIN f THEN i ELSE LowestFrom(f, i + 1)
LowestFree(t) == LowestFrom(fds[t], 0)

ObjOf(u, ty) == CASE ty = "pid" -> [kind |-> "pid", id |-> pidns[u]]
                  [] ty = "uts" -> [kind |-> "uts", id |-> uts[u]]
                  [] ty = "mnt" -> [kind |-> "mnt", id |-> mnt[u]]

JailOf(pn, fc, u, m) == [pidns |-> pn, nsfc |-> fc, uts |-> u, mnt |-> m]

\* A failed call: its result, and nothing else changes.
Fail(t, name, arg, errno) ==
    /\ lastAction' = [act |-> name, t |-> t, arg |-> arg, ret |-> 0, err |-> errno]
    /\ UNCHANGED stateVars

\* A call that changes nothing and returns ret.
Observe(t, name, arg, ret) ==
    /\ lastAction' = [act |-> name, t |-> t, arg |-> arg, ret |-> ret, err |-> "OK"]
    /\ UNCHANGED stateVars

-----------------------------------------------------------------------------
(* Initial state: the boot (ProcessTable's constructor).                   *)

Init ==
    /\ st = [t \in Tids |-> IF t = 1 THEN "live" ELSE "none"]
    /\ parent = [t \in Tids |-> 0]
    /\ pids = [t \in Tids |-> IF t = 1 THEN <<1>> ELSE <<>>]
    /\ pidns = [t \in Tids |-> IF t = 1 THEN 1 ELSE 0]
    /\ nsfc = [t \in Tids |-> IF t = 1 THEN 1 ELSE 0]
    /\ uts = [t \in Tids |-> IF t = 1 THEN 1 ELSE 0]
    /\ mnt = [t \in Tids |-> IF t = 1 THEN 1 ELSE 0]
    /\ jail = [t \in Tids |-> NoJail]
    /\ fds = [t \in Tids |-> EmptyFds]
    /\ exitSeq = [t \in Tids |-> 0]
    /\ clock = 0
    /\ nextTid = 2
    /\ forker = [t \in Tids |-> 0]
    /\ pnParent = [n \in PidNsIds |-> 0]
    /\ pnLevel = [n \in PidNsIds |-> 0]
    /\ pmap = [n \in PidNsIds |-> IF n = 1 THEN (1 :> 1) ELSE << >>]
    /\ lastPid = [n \in PidNsIds |-> IF n = 1 THEN 1 ELSE 0]
    /\ pinit = [n \in PidNsIds |-> IF n = 1 THEN 1 ELSE 0]
    /\ pdead = [n \in PidNsIds |-> FALSE]
    /\ nextPn = 2
    /\ hostname = [u \in UtsIds |-> BootHostname]
    /\ nextUts = 2
    /\ nextMnt = 2
    /\ lastAction = [act |-> "Boot", t |-> 0, arg |-> [hostname |-> BootHostname], ret |-> 0, err |-> "OK"]

-----------------------------------------------------------------------------
(* fork [FLAGS]                                                            *)
(* kernel: capsid.kernel.process.ProcessTable#fork                         *)
(* The child goes into t's namespace for children, or with newpid into a  *)
(* new child of it, where it is pid 1 and the init.  Errors in ABI.md's   *)
(* order: EPERM (jailed, with flags), EINVAL (unknown flag; newpid while  *)
(* the namespace for children is not t's own, as Linux's copy_pid_ns),    *)
(* ENOSPC (a level beyond PidNsLevels), then level by level from the      *)
(* innermost: ENOMEM (the level's init died), EAGAIN (no free pid).       *)
Fork(t, F) ==
    LET arg == [flags |-> F]
        newPid == "newpid" \in F
        base == nsfc[t]
        path == Path(base)
        blocked == {i \in 1..Len(path) : pdead[path[i]] \/ NextPid(path[i]) = -1}
    IN
    /\ Live(t)
    /\ IF jail[t] # NoJail /\ F # {} THEN Fail(t, "Fork", arg, "EPERM")
       ELSE IF ~(F \subseteq NsFlags) THEN Fail(t, "Fork", arg, "EINVAL")
       ELSE IF newPid /\ base # pidns[t] THEN Fail(t, "Fork", arg, "EINVAL")
       ELSE IF newPid /\ pnLevel[base] + 1 > PidNsLevels THEN Fail(t, "Fork", arg, "ENOSPC")
       ELSE IF blocked # {} THEN
            Fail(t, "Fork", arg, IF pdead[path[Max(blocked)]] THEN "ENOMEM" ELSE "EAGAIN")
       ELSE
       \* the model's bounds (not the kernel's): no more tasks or namespaces than declared
       /\ nextTid <= MaxTasks
       /\ newPid => nextPn <= MaxPidNs
       /\ "newuts" \in F => nextUts <= MaxUts
       /\ "newns" \in F => nextMnt <= MaxMnt
       /\ LET c == nextTid
              cns == IF newPid THEN nextPn ELSE base
              cpath == IF newPid THEN Append(path, nextPn) ELSE path
              cpids == [i \in 1..Len(cpath) |-> IF i > Len(path) THEN 1 ELSE NextPid(path[i])]
              cuts == IF "newuts" \in F THEN nextUts ELSE uts[t]
              cmnt == IF "newns" \in F THEN nextMnt ELSE mnt[t]
          IN
          /\ st' = [st EXCEPT ![c] = "live"]
          /\ parent' = [parent EXCEPT ![c] = t]
          /\ pids' = [pids EXCEPT ![c] = cpids]
          /\ pidns' = [pidns EXCEPT ![c] = cns]
          /\ nsfc' = [nsfc EXCEPT ![c] = cns]
          /\ uts' = [uts EXCEPT ![c] = cuts]
          /\ mnt' = [mnt EXCEPT ![c] = cmnt]
          /\ jail' = [jail EXCEPT ![c] = IF jail[t] # NoJail THEN JailOf(cns, cns, cuts, cmnt) ELSE NoJail]
          /\ fds' = [fds EXCEPT ![c] = fds[t]]
          /\ nextTid' = c + 1
          /\ forker' = [forker EXCEPT ![c] = t]
          /\ pnParent' = IF newPid THEN [pnParent EXCEPT ![nextPn] = base] ELSE pnParent
          /\ pnLevel' = IF newPid THEN [pnLevel EXCEPT ![nextPn] = pnLevel[base] + 1] ELSE pnLevel
          /\ pmap' = [n \in PidNsIds |->
                        IF \E i \in 1..Len(cpath) : cpath[i] = n
                        THEN LET i == CHOOSE j \in 1..Len(cpath) : cpath[j] = n
                             IN (cpids[i] :> c) @@ pmap[n]
                        ELSE pmap[n]]
          /\ lastPid' = [n \in PidNsIds |->
                        IF \E i \in 1..Len(cpath) : cpath[i] = n
                        THEN cpids[CHOOSE j \in 1..Len(cpath) : cpath[j] = n]
                        ELSE lastPid[n]]
          /\ pinit' = IF pinit[cns] = 0 THEN [pinit EXCEPT ![cns] = c] ELSE pinit
          /\ nextPn' = IF newPid THEN nextPn + 1 ELSE nextPn
          /\ hostname' = IF "newuts" \in F THEN [hostname EXCEPT ![nextUts] = hostname[uts[t]]] ELSE hostname
          /\ nextUts' = IF "newuts" \in F THEN nextUts + 1 ELSE nextUts
          /\ nextMnt' = IF "newns" \in F THEN nextMnt + 1 ELSE nextMnt
          /\ lastAction' = [act |-> "Fork", t |-> t, arg |-> arg, ret |-> cpids[pnLevel[pidns[t]] + 1], err |-> "OK"]
          /\ UNCHANGED <<exitSeq, clock, pdead>>

-----------------------------------------------------------------------------
(* Dying (used by Exit and Kill): p becomes a zombie.  When p is the init *)
(* of its namespace, every other process visible there is killed and      *)
(* reaped with it ("killed and reaped with it", ABI.md), and every        *)
(* namespace whose init was among them is dead too.  Otherwise p's        *)
(* children go to the init of p's own namespace.                          *)
(* Implemented by ProcessTable#die (private), which #exit and #kill call.  *)
Die(p) ==
    LET n == pidns[p]
        isInit == pinit[n] = p
        victims == IF isInit THEN {u \in Tids : u # p /\ Exists(u) /\ AncOrSelf(n, pidns[u])} ELSE {}
        reaper == pinit[n]
    IN
    /\ st' = [u \in Tids |-> IF u = p THEN "zombie" ELSE IF u \in victims THEN "reaped" ELSE st[u]]
    /\ parent' = [u \in Tids |-> IF ~isInit /\ Exists(u) /\ parent[u] = p THEN reaper ELSE parent[u]]
    /\ nsfc' = [u \in Tids |-> IF u = p \/ u \in victims THEN 0 ELSE nsfc[u]]
    /\ uts' = [u \in Tids |-> IF u = p \/ u \in victims THEN 0 ELSE uts[u]]
    /\ mnt' = [u \in Tids |-> IF u = p \/ u \in victims THEN 0 ELSE mnt[u]]
    /\ jail' = [u \in Tids |-> IF u = p \/ u \in victims THEN NoJail ELSE jail[u]]
    /\ fds' = [u \in Tids |-> IF u = p \/ u \in victims THEN EmptyFds ELSE fds[u]]
    /\ exitSeq' = [exitSeq EXCEPT ![p] = clock + 1]
    /\ clock' = clock + 1
    \* (victims have pids in n, its ancestors and its descendants only: other
    \* namespaces keep their maps)
    /\ pmap' = [m \in PidNsIds |-> IF isInit /\ (AncOrSelf(m, n) \/ AncOrSelf(n, m))
                                    THEN [k \in {j \in DOMAIN pmap[m] : pmap[m][j] \notin victims} |-> pmap[m][k]]
                                    ELSE pmap[m]]
    /\ pinit' = [m \in PidNsIds |-> IF pinit[m] \in victims THEN 0 ELSE pinit[m]]
    /\ pdead' = [m \in PidNsIds |-> IF (m = n /\ isInit) \/ pinit[m] \in victims THEN TRUE ELSE pdead[m]]
    /\ UNCHANGED <<pids, pidns, nextTid, forker, pnParent, pnLevel, lastPid, nextPn, otherVars>>

\* The dying process and what dying did, as the kernel's event reports it.
Victims(p) == IF pinit[pidns[p]] = p
              THEN {u \in Tids : u # p /\ Exists(u) /\ AncOrSelf(pidns[p], pidns[u])}
              ELSE {}

(* exit CODE                                                               *)
(* kernel: capsid.kernel.process.ProcessTable#exit                         *)
(* The root init cannot exit: EPERM.                                       *)
Exit(t) ==
    /\ Live(t)
    /\ IF t = 1 THEN Fail(t, "Exit", [code |-> 0], "EPERM")
       ELSE /\ Die(t)
            /\ lastAction' = [act |-> "Exit", t |-> t, arg |-> [code |-> 0], ret |-> 0, err |-> "OK"]

(* kill PID SIG                                                            *)
(* kernel: capsid.kernel.process.ProcessTable#kill                         *)
(* EINVAL for another signal or a pid <= 0, ESRCH for a pid t cannot see. *)
(* A namespace init ignores TERM, and KILL from its own namespace; KILL   *)
(* from an ancestor namespace kills it.  The root init is never killed;   *)
(* a zombie stays as it is.                                                *)
Kill(t, k, sig) ==
    LET arg == [pid |-> k, sig |-> sig]
        u == IF k > 0 THEN Lookup(pidns[t], k) ELSE 0
        kills == /\ sig # "0"
                 /\ u # 0 /\ Live(u) /\ u # 1
                 /\ ~(pinit[pidns[u]] = u /\ (sig = "TERM" \/ pidns[t] = pidns[u]))
    IN
    /\ Live(t)
    /\ IF sig \notin {"KILL", "TERM", "0"} \/ k <= 0 THEN Fail(t, "Kill", arg, "EINVAL")
       ELSE IF u = 0 THEN Fail(t, "Kill", arg, "ESRCH")
       ELSE IF kills
            THEN /\ Die(u)
                 /\ lastAction' = [act |-> "Kill", t |-> t, arg |-> arg, ret |-> 0, err |-> "OK", target |-> u]
            ELSE /\ lastAction' = [act |-> "Kill", t |-> t, arg |-> arg, ret |-> 0, err |-> "OK", target |-> u]
                 /\ UNCHANGED stateVars

(* Reaping z: gone from every table; a namespace whose init it was has none *)
(* any more.  Implemented by ProcessTable#reap (private), called by #wait.  *)
Reap(z) ==
    /\ st' = [st EXCEPT ![z] = "reaped"]
    \* (z has a pid in its namespace and the ancestors only)
    /\ pmap' = [m \in PidNsIds |-> IF AncOrSelf(m, pidns[z])
                                    THEN [j \in DOMAIN pmap[m] \ {PidIn(z, m)} |-> pmap[m][j]]
                                    ELSE pmap[m]]
    /\ pinit' = [m \in PidNsIds |-> IF pinit[m] = z THEN 0 ELSE pinit[m]]
    /\ UNCHANGED <<parent, pids, pidns, nsfc, uts, mnt, jail, fds, exitSeq, clock, nextTid, forker,
                   pnParent, pnLevel, lastPid, pdead, nextPn, otherVars>>

(* wait [PID]: any = TRUE for the form without PID (k is then unused)      *)
(* kernel: capsid.kernel.process.ProcessTable#wait                         *)
(* Reaps the zombie child that exited first (or child k); 0 when none     *)
(* has exited; ECHILD without children or when k is no child; EINVAL for  *)
(* k <= 0.                                                                 *)
Wait(t, any, k) ==
    LET arg == IF any THEN [any |-> TRUE] ELSE [pid |-> k]
        zs == {u \in Children(t) : st[u] = "zombie"}
        target == IF ~any /\ k > 0 THEN Lookup(pidns[t], k) ELSE 0
        z == IF any
             THEN IF zs = {} THEN 0 ELSE CHOOSE u \in zs : \A v \in zs : exitSeq[u] <= exitSeq[v]
             ELSE IF target # 0 /\ st[target] = "zombie" THEN target ELSE 0
    IN
    /\ Live(t)
    /\ IF ~any /\ k <= 0 THEN Fail(t, "Wait", arg, "EINVAL")
       ELSE IF Children(t) = {} THEN Fail(t, "Wait", arg, "ECHILD")
       ELSE IF ~any /\ (target = 0 \/ parent[target] # t) THEN Fail(t, "Wait", arg, "ECHILD")
       ELSE IF z = 0 THEN Observe(t, "Wait", arg, 0)
       ELSE /\ Reap(z)
            /\ lastAction' = [act |-> "Wait", t |-> t, arg |-> arg, ret |-> PidIn(z, pidns[t]), err |-> "OK"]

(* getpid (read-only): t's pid in its own namespace                        *)
(* kernel: capsid.kernel.process.ProcessTable#getpid                       *)
Getpid(t) == Live(t) /\ Observe(t, "Getpid", [none |-> 0], PidIn(t, pidns[t]))

(* getppid (read-only): the parent's pid as t sees it, 0 when invisible    *)
(* kernel: capsid.kernel.process.ProcessTable#getppid                      *)
Getppid(t) == Live(t) /\ Observe(t, "Getppid", [none |-> 0],
                                  IF parent[t] = 0 THEN 0 ELSE PidIn(parent[t], pidns[t]))

-----------------------------------------------------------------------------
(* unshare FLAGS                                                           *)
(* kernel: capsid.kernel.process.ProcessTable#unshare                      *)
(* newpid gives t's future children a new pid namespace below t's own;    *)
(* newuts (hostname copied) and newns move t at once.  EPERM when jailed, *)
(* EINVAL for an unknown flag or a second newpid, ENOSPC beyond the       *)
(* levels.                                                                 *)
Unshare(t, F) ==
    LET arg == [flags |-> F]
    IN
    /\ Live(t)
    /\ IF jail[t] # NoJail THEN Fail(t, "Unshare", arg, "EPERM")
       ELSE IF ~(F \subseteq NsFlags) THEN Fail(t, "Unshare", arg, "EINVAL")
       ELSE IF "newpid" \in F /\ nsfc[t] # pidns[t] THEN Fail(t, "Unshare", arg, "EINVAL")
       ELSE IF "newpid" \in F /\ pnLevel[pidns[t]] + 1 > PidNsLevels THEN Fail(t, "Unshare", arg, "ENOSPC")
       ELSE
       /\ "newpid" \in F => nextPn <= MaxPidNs
       /\ "newuts" \in F => nextUts <= MaxUts
       /\ "newns" \in F => nextMnt <= MaxMnt
       /\ nsfc' = IF "newpid" \in F THEN [nsfc EXCEPT ![t] = nextPn] ELSE nsfc
       /\ pnParent' = IF "newpid" \in F THEN [pnParent EXCEPT ![nextPn] = pidns[t]] ELSE pnParent
       /\ pnLevel' = IF "newpid" \in F THEN [pnLevel EXCEPT ![nextPn] = pnLevel[pidns[t]] + 1] ELSE pnLevel
       /\ nextPn' = IF "newpid" \in F THEN nextPn + 1 ELSE nextPn
       /\ uts' = IF "newuts" \in F THEN [uts EXCEPT ![t] = nextUts] ELSE uts
       /\ hostname' = IF "newuts" \in F THEN [hostname EXCEPT ![nextUts] = hostname[uts[t]]] ELSE hostname
       /\ nextUts' = IF "newuts" \in F THEN nextUts + 1 ELSE nextUts
       /\ mnt' = IF "newns" \in F THEN [mnt EXCEPT ![t] = nextMnt] ELSE mnt
       /\ nextMnt' = IF "newns" \in F THEN nextMnt + 1 ELSE nextMnt
       /\ lastAction' = [act |-> "Unshare", t |-> t, arg |-> arg, ret |-> 0, err |-> "OK"]
       /\ UNCHANGED <<st, parent, pids, pidns, jail, fds, exitSeq, clock, nextTid, forker,
                      pmap, lastPid, pinit, pdead>>

(* ns_open PID TYPE                                                        *)
(* kernel: capsid.kernel.cap.CapCalls#nsOpen                               *)
(* A descriptor naming that process's namespace of TYPE.  EINVAL for      *)
(* another TYPE, ESRCH when PID names no live process t can see, EMFILE   *)
(* when t's table is full.                                                 *)
NsOpen(t, k, ty) ==
    LET arg == [pid |-> k, type |-> ty]
        u == IF k > 0 THEN Lookup(pidns[t], k) ELSE 0
        fd == LowestFree(t)
    IN
    /\ Live(t)
    /\ IF ty \notin {"pid", "uts", "mnt"} THEN Fail(t, "NsOpen", arg, "EINVAL")
       ELSE IF u = 0 \/ ~Live(u) THEN Fail(t, "NsOpen", arg, "ESRCH")
       ELSE IF fd = -1 THEN Fail(t, "NsOpen", arg, "EMFILE")
       ELSE /\ fds' = [fds EXCEPT ![t] = (fd :> ObjOf(u, ty)) @@ fds[t]]
            /\ lastAction' = [act |-> "NsOpen", t |-> t, arg |-> arg, ret |-> fd, err |-> "OK", target |-> u]
            /\ UNCHANGED <<st, parent, pids, pidns, nsfc, uts, mnt, jail, exitSeq, clock, nextTid, forker,
                           pnVars, otherVars>>

(* setns FD                                                                *)
(* kernel: capsid.kernel.process.ProcessTable#setns                        *)
(* Enters the namespace FD names; a pid namespace applies to t's future   *)
(* children only, and must be t's own or a descendant of it (EINVAL).     *)
(* EPERM when jailed, EBADF for a bad FD.                                  *)
SetNs(t, fd) ==
    LET arg == [fd |-> fd]
        o == fds[t][fd]
    IN
    /\ Live(t)
    /\ IF jail[t] # NoJail THEN Fail(t, "SetNs", arg, "EPERM")
       ELSE IF fd \notin DOMAIN fds[t] THEN Fail(t, "SetNs", arg, "EBADF")
       ELSE IF o.kind = "pid" /\ ~AncOrSelf(pidns[t], o.id) THEN Fail(t, "SetNs", arg, "EINVAL")
       ELSE /\ nsfc' = IF o.kind = "pid" THEN [nsfc EXCEPT ![t] = o.id] ELSE nsfc
            /\ uts' = IF o.kind = "uts" THEN [uts EXCEPT ![t] = o.id] ELSE uts
            /\ mnt' = IF o.kind = "mnt" THEN [mnt EXCEPT ![t] = o.id] ELSE mnt
            /\ lastAction' = [act |-> "SetNs", t |-> t, arg |-> arg, ret |-> 0, err |-> "OK"]
            /\ UNCHANGED <<st, parent, pids, pidns, jail, fds, exitSeq, clock, nextTid, forker, pnVars, otherVars>>

(* sethostname NAME: EINVAL unless 1-64 characters of [A-Za-z0-9.-]        *)
(* kernel: capsid.kernel.process.ProcessTable#sethostname                  *)
SetHostname(t, h) ==
    LET arg == [name |-> h]
    IN
    /\ Live(t)
    /\ IF ~ValidHostname(h) THEN Fail(t, "SetHostname", arg, "EINVAL")
       ELSE /\ hostname' = [hostname EXCEPT ![uts[t]] = h]
            /\ lastAction' = [act |-> "SetHostname", t |-> t, arg |-> arg, ret |-> 0, err |-> "OK"]
            /\ UNCHANGED <<taskVars, pnVars, nextUts, nextMnt>>

(* gethostname (read-only)                                                 *)
(* kernel: capsid.kernel.process.ProcessTable#gethostname                  *)
Gethostname(t) == Live(t) /\ Observe(t, "Gethostname", [none |-> 0], hostname[uts[t]])

(* jail: set once, inherited by children (Fork); 0 again.                 *)
(* kernel: capsid.kernel.process.ProcessTable#jail                         *)
Jail(t) ==
    /\ Live(t)
    /\ jail' = IF jail[t] = NoJail THEN [jail EXCEPT ![t] = JailOf(pidns[t], nsfc[t], uts[t], mnt[t])] ELSE jail
    /\ lastAction' = [act |-> "Jail", t |-> t, arg |-> [none |-> 0], ret |-> 0, err |-> "OK"]
    /\ UNCHANGED <<st, parent, pids, pidns, nsfc, uts, mnt, fds, exitSeq, clock, nextTid, forker, pnVars, otherVars>>

(* close FD: EBADF for a bad FD                                            *)
(* kernel: capsid.kernel.cap.CapCalls#close                                *)
Close(t, fd) ==
    LET arg == [fd |-> fd]
    IN
    /\ Live(t)
    /\ IF fd \notin DOMAIN fds[t] THEN Fail(t, "Close", arg, "EBADF")
       ELSE /\ fds' = [fds EXCEPT ![t] = [i \in DOMAIN fds[t] \ {fd} |-> fds[t][i]]]
            /\ lastAction' = [act |-> "Close", t |-> t, arg |-> arg, ret |-> 0, err |-> "OK"]
            /\ UNCHANGED <<st, parent, pids, pidns, nsfc, uts, mnt, jail, exitSeq, clock, nextTid, forker,
                           pnVars, otherVars>>

(* dup FD: a copy in the lowest free slot; EBADF, EMFILE                   *)
(* kernel: capsid.kernel.cap.CapCalls#dup                                  *)
Dup(t, fd) ==
    LET arg == [fd |-> fd]
        nfd == LowestFree(t)
    IN
    /\ Live(t)
    /\ IF fd \notin DOMAIN fds[t] THEN Fail(t, "Dup", arg, "EBADF")
       ELSE IF nfd = -1 THEN Fail(t, "Dup", arg, "EMFILE")
       ELSE /\ fds' = [fds EXCEPT ![t] = (nfd :> fds[t][fd]) @@ fds[t]]
            /\ lastAction' = [act |-> "Dup", t |-> t, arg |-> arg, ret |-> nfd, err |-> "OK"]
            /\ UNCHANGED <<st, parent, pids, pidns, nsfc, uts, mnt, jail, exitSeq, clock, nextTid, forker,
                           pnVars, otherVars>>

-----------------------------------------------------------------------------
Next ==
    \E t \in Tids :
        \/ \E F \in FlagSets : Fork(t, F) \/ Unshare(t, F)
        \/ Exit(t)
        \/ \E k \in PidArgs, s \in SigArgs : Kill(t, k, s)
        \/ Wait(t, TRUE, 0) \/ \E k \in PidArgs : Wait(t, FALSE, k)
        \/ Getpid(t) \/ Getppid(t) \/ Gethostname(t) \/ Jail(t)
        \/ \E k \in PidArgs, ty \in TypeArgs : NsOpen(t, k, ty)
        \/ \E fd \in FdArgs : SetNs(t, fd) \/ Close(t, fd) \/ Dup(t, fd)
        \/ \E h \in HostArgs : SetHostname(t, h)

\* A parent that keeps waiting (for any child) reaps: the fairness the liveness property needs.
WaitAnyReaps(t) == Wait(t, TRUE, 0) /\ lastAction'.err = "OK" /\ lastAction'.ret # 0

Spec == Init /\ [][Next]_vars
FairSpec == Spec /\ \A t \in Tids : WF_vars(WaitAnyReaps(t))

-----------------------------------------------------------------------------
(***************************************************************************)
(* Invariants, one named operator each (STYLE.md).  Each states a rule of  *)
(* ABI.md section 3 in terms of the state, not by repeating the update of  *)
(* the action that implements it, and each has a spec mutant that TLC     *)
(* reports on a model `capsid verify` checks (spec/manifest.json,         *)
(* spec/NamespaceUnshare.mutants.json).  The kernel checks each one under  *)
(* the same name after every step of every generated program.              *)
(***************************************************************************)

Created(n) == n < nextPn

\* u has pid 1 in its own namespace: it is (or was) that namespace's init. Read from
\* the task's own pids, not from pinit, so that the rules below do not lean on the
\* bookkeeping the actions keep.
IsInit(u) == pids[u][pnLevel[pidns[u]] + 1] = 1

\* The init of n has died (it is a zombie or reaped). Pid 1 of a namespace is never
\* handed out again once its holder died (the namespace takes no more processes), so
\* this is a fact about the tasks alone, independent of pdead.
InitDied(n) == \E u \in Tids : st[u] \in {"zombie", "reaped"} /\ pidns[u] = n /\ IsInit(u)

TypeOK ==
    /\ st \in [Tids -> {"none", "live", "zombie", "reaped"}]
    /\ parent \in [Tids -> Tids \cup {0}]
    /\ forker \in [Tids -> Tids \cup {0}]
    /\ pidns \in [Tids -> 0..MaxPidNs]
    /\ nsfc \in [Tids -> 0..MaxPidNs]
    /\ uts \in [Tids -> 0..MaxUts]
    /\ mnt \in [Tids -> 0..MaxMnt]
    /\ exitSeq \in [Tids -> 0..MaxTasks * 2]
    /\ nextTid \in 2..MaxTasks + 1
    /\ pnParent \in [PidNsIds -> 0..MaxPidNs]
    /\ pnLevel \in [PidNsIds -> Nat]
    /\ pinit \in [PidNsIds -> 0..MaxTasks]
    /\ pdead \in [PidNsIds -> BOOLEAN]
    /\ \A t \in Tids : DOMAIN fds[t] \subseteq 0..(FdMax - 1)
    /\ \A t \in Tids : Exists(t) => Len(pids[t]) = pnLevel[pidns[t]] + 1

\* A pid names one process per namespace, and a process has one pid per namespace.
PidsUniquePerNamespace ==
    \A n \in PidNsIds : \A k1, k2 \in DOMAIN pmap[n] :
        k1 # k2 => pmap[n][k1] # pmap[n][k2]

\* A process is visible (has a pid) exactly in its own namespace and its ancestors.
VisibleExactlyInOwnAndAncestors ==
    \A u \in Tids : Exists(u) =>
        \A n \in PidNsIds : Created(n) =>
            ((u \in Range(pmap[n])) <=> AncOrSelf(n, pidns[u]))
            /\ (u \in Range(pmap[n]) => pmap[n][PidIn(u, n)] = u)

\* Pid 1 of a namespace is its init, which lives in it.
PidOneIsInit ==
    \A n \in PidNsIds : pinit[n] # 0 => Lookup(n, 1) = pinit[n] /\ pidns[pinit[n]] = n

\* A namespace for children (set by unshare or setns) is always one's own or a
\* descendant of it: nobody setns's into a pid namespace it cannot see.
SetnsOnlyBelow == \A t \in Tids : Live(t) => AncOrSelf(pidns[t], nsfc[t])

\* Once an init dies its namespace is empty forever: no process but that init's zombie
\* exists in it or in any namespace below it, and its pid table holds nothing else.
\* (Stated on every state, so "forever" needs no separate property: the old
\* DeadStaysDead only restated that no action clears pdead.)
DeadNamespaceEmpty ==
    \A n \in PidNsIds : Created(n) /\ InitDied(n) =>
        /\ \A u \in Tids : Exists(u) /\ AncOrSelf(n, pidns[u]) => pidns[u] = n /\ IsInit(u)
        /\ \A k \in DOMAIN pmap[n] : k = 1 /\ st[pmap[n][k]] = "zombie"
        /\ \A m \in PidNsIds : Created(m) /\ m # n /\ AncOrSelf(n, m) => DOMAIN pmap[m] = {}

DepthBound == \A n \in PidNsIds : pnLevel[n] <= PidNsLevels

\* A jailed process never leaves its jail: its namespaces are those it was jailed in.
JailHolds ==
    \A t \in Tids : Live(t) /\ jail[t] # NoJail =>
        jail[t] = JailOf(pidns[t], nsfc[t], uts[t], mnt[t])

\* Every live process has a live parent (the root init excepted): orphans are adopted.
EveryOrphanAdopted ==
    \A t \in Tids : Exists(t) /\ t # 1 => Live(parent[t])

\* Orphans go to the init of the exiting parent's own namespace (ABI.md), stated
\* through the history of who forked whom rather than through Die: a process's parent
\* is the process that forked it while that one lives, and afterwards the init of
\* the namespace the forker lived in. (Once that init dies the process is dead too:
\* it is visible in the forker's namespace.)
OrphansGoToNamespaceInit ==
    \A t \in Tids : Exists(t) /\ t # 1 =>
        parent[t] = IF Live(forker[t]) THEN forker[t] ELSE pinit[pidns[forker[t]]]

(***************************************************************************)
(* Action properties (checked as PROPERTY: they speak of two states, or of  *)
(* the history variable, which the VIEW leaves out of the state: an        *)
(* invariant on lastAction would not be checked on a step that changes     *)
(* nothing else).  None reads the unprimed lastAction, which the VIEW      *)
(* does not distinguish.                                                   *)
(***************************************************************************)

LA == lastAction'
Succeeded(a) == LA.act = a /\ LA.err = "OK"

\* Nobody names what it cannot see: a successful kill or ns_open reached a process
\* visible to the caller (in the caller's namespace or a descendant of it).
NoNamingTheInvisible ==
    [][LA.act \in {"Kill", "NsOpen"} /\ LA.err = "OK" =>
         AncOrSelf(pidns[LA.t], pidns[LA.target])]_vars

\* A jail is never lifted, and children of a jailed process are jailed. The first
\* half is a frame condition, and says so: it restates that Jail keeps an existing
\* jail and that no other action clears jail[t] of a live task. It is kept because it
\* is the only check that fires when some action forgets the jail (JailHolds and
\* JailRefusesEscapes then have nothing left to hold a task to); the rule as the ABI
\* states it is JailRefusesEscapes.
JailIsForever ==
    [][/\ \A t \in Tids : Live(t) /\ jail[t] # NoJail /\ Live(t)' => jail'[t] = jail[t]
       /\ Succeeded("Fork") /\ jail[LA.t] # NoJail => jail'[nextTid] # NoJail]_vars

\* A jailed process gets EPERM for setns (of every type), unshare and fork with flags.
JailRefusesEscapes ==
    [][(LA.act \in {"SetNs", "Unshare"} \/ (LA.act = "Fork" /\ LA.arg.flags # {}))
         /\ jail[LA.t] # NoJail
         => LA.err = "EPERM"]_vars

\* Pids are allocated in order (ABI.md, as Linux): at each level the child gets the
\* first free number after the last one handed out there; only when every number up
\* to pid_max is taken does allocation wrap, to pid_reserved once the cursor has
\* passed it (else to 1), and take the first free number from there. A namespace
\* created by this very fork numbers the child 1. Written as sets of taken numbers,
\* not through NextPid, whose recursion it checks.
RECURSIVE PathUnder(_, _)
PathUnder(pp, n) == IF pp[n] = 0 THEN <<n>> ELSE Append(PathUnder(pp, pp[n]), n)
Taken(n) == DOMAIN pmap[n]
InOrder(n, k) ==
    /\ k \in 1..(PidMax - 1) /\ k \notin Taken(n)
    /\ \/ k > lastPid[n] /\ \A j \in (lastPid[n] + 1)..(k - 1) : j \in Taken(n)
       \/ /\ \A j \in (lastPid[n] + 1)..(PidMax - 1) : j \in Taken(n)
          /\ LET lo == IF lastPid[n] >= PidReserved THEN PidReserved ELSE 1
             IN k >= lo /\ \A j \in lo..(k - 1) : j \in Taken(n)
PidsAllocatedInOrder ==
    [][Succeeded("Fork") =>
         LET c == nextTid
             cpath == PathUnder(pnParent', pidns'[c])
         IN /\ Len(pids'[c]) = Len(cpath)
            /\ \A i \in 1..Len(cpath) :
                 IF Created(cpath[i]) THEN InOrder(cpath[i], pids'[c][i]) ELSE pids'[c][i] = 1]_vars

\* The signal rules: KILL or TERM kills a live target, except the boot init, a
\* namespace init receiving TERM, and a namespace init receiving KILL from inside its
\* own namespace; signal 0 kills nobody. Besides the target, only the processes in and
\* below a dying init's namespace die with it.
InitSignalRules ==
    [][Succeeded("Kill") =>
         LET u == LA.target
             sig == LA.arg.sig
             spared == u = 1 \/ (IsInit(u) /\ (sig = "TERM" \/ pidns[LA.t] = pidns[u]))
             dies == sig \in {"KILL", "TERM"} /\ Live(u) /\ ~spared
         IN /\ (Live(u) /\ st'[u] # "live") <=> dies
            /\ \A v \in Tids \ {u} :
                  Exists(v) /\ st'[v] # st[v] => dies /\ IsInit(u) /\ AncOrSelf(pidns[u], pidns[v])]_vars

\* A second newpid is refused: unshare newpid or fork newpid while the caller's
\* namespace for children differs from its own is EINVAL (EPERM when jailed), as
\* Linux's copy_pid_ns.
NewpidOnlyFromOwnNamespace ==
    [][LA.act \in {"Unshare", "Fork"} /\ "newpid" \in LA.arg.flags /\ nsfc[LA.t] # pidns[LA.t]
         => LA.err = IF jail[LA.t] # NoJail THEN "EPERM" ELSE "EINVAL"]_vars

\* fork copies the caller's descriptor table.
ForkCopiesDescriptors == [][Succeeded("Fork") => fds'[nextTid] = fds[LA.t]]_vars

\* Hostnames are per uts namespace: only a successful sethostname changes one, and
\* only the caller's; a new uts namespace starts with its creator's hostname; and
\* gethostname answers the caller's.
HostnamesPerUts ==
    [][/\ \A u \in UtsIds : u < nextUts /\ hostname'[u] # hostname[u] =>
             Succeeded("SetHostname") /\ u = uts[LA.t] /\ hostname'[u] = LA.arg.name
       /\ \A u \in UtsIds : nextUts <= u /\ u < nextUts' => hostname'[u] = hostname[uts[LA.t]]
       /\ Succeeded("Gethostname") => LA.ret = hostname[uts[LA.t]]]_vars

(* Liveness: a zombie whose parent keeps waiting is reaped (under FairSpec). *)
ZombieReaped == \A t \in Tids : st[t] = "zombie" ~> st[t] = "reaped"

=============================================================================

------------------------- MODULE MCNamespaceUnshare -------------------------
(* Models of NamespaceUnshare (STYLE.md: MC<Spec> holds the model's values).  *)
(*  - MCNamespaceUnshare.cfg: the CI model, every invariant and action        *)
(*    property; 3 tasks and small limits, so that every boundary (the pid    *)
(*    wrap, EAGAIN, ENOSPC, EMFILE) and every errno of every action is in    *)
(*    reach.                                                                  *)
(*  - MCNamespaceUnshareLiveness.cfg: the CI liveness model (ZombieReaped     *)
(*    under FairSpec).  Liveness checking keeps the behaviour graph, whose    *)
(*    size grows with every successor, so it runs on the process calls only. *)
(*  - MCNamespaceUnshareDeep.cfg: more tasks, namespaces, descriptors and    *)
(*    arguments; run by `capsid verify --deep`, recorded in proofs-log/.     *)
(*  - MCNamespaceUnshareGraph.cfg: the state graph that refinement walks     *)
(*    cover (capsid refine): no VIEW, so every state holds the call that led *)
(*    to it and every outcome of every action is an edge of its own.         *)
(*  - MCNamespaceUnshareSim.cfg: the simulation model for random traces.     *)
EXTENDS NamespaceUnshare

CIFlagSets == {{}, {"newpid"}, {"newuts"}, {"bad"}}
CIPidArgs == {0, 1, 2, 3}
CIFdArgs == {0, 1}
CISigArgs == {"KILL", "TERM", "0", "HUP"}
CITypeArgs == {"pid", "bad"}
CIHostArgs == {"web", "a_b"}
\* The CI model's bound: every errno branch needs at most one death, one process
\* holding descriptors, one jailed process and one hostname changed; the targeted
\* models below go further where a rule needs it.
CIBound ==
    /\ clock <= 1
    /\ Cardinality({t \in Tids : fds[t] # EmptyFds}) <= 1
    /\ Cardinality({t \in Tids : jail[t] # NoJail}) <= 1
    /\ Cardinality({u \in UtsIds : hostname[u] # BootHostname}) <= 1

\* ---- The targeted CI models (spec/manifest.json: the rules each is there for) ----

\* Process calls only (fork, unshare newpid, exit, wait, kill): the orphan, nesting and
\* pid-allocation models. No descriptors, hostnames or jails: none of them takes part
\* in the rules these models are for, and each would multiply the states.
ProcFlagSets == {{}, {"newpid"}}
ProcPidArgs == {1, 2, 3, 4, 5}
ProcSigArgs == {"KILL", "TERM"}
KillOnly == {"KILL"}
NoPidArgs == {}

\* The process calls alone, as a next-state relation of their own: every behaviour of
\* ProcSpec is one of Spec (a sound restriction for the safety properties these models
\* check), without the calls (jail, descriptors, hostnames, read-only calls) that
\* would multiply the states and take no part in the rules the models are for.
ProcNext ==
    \E t \in Tids :
        \/ \E F \in FlagSets : Fork(t, F)
        \/ \E F \in FlagSets \ {{}} : Unshare(t, F)
        \/ Exit(t)
        \/ \E k \in PidArgs, s \in SigArgs : Kill(t, k, s)
        \/ Wait(t, TRUE, 0)
ProcSpec == Init /\ [][ProcNext]_vars

\* The orphan model forks without unshare (fork newpid makes the child namespace).
OrphanNext ==
    \E t \in Tids :
        \/ \E F \in FlagSets : Fork(t, F)
        \/ Exit(t)
        \/ \E k \in PidArgs, s \in SigArgs : Kill(t, k, s)
        \/ Wait(t, TRUE, 0)
OrphanSpec == Init /\ [][OrphanNext]_vars

\* At most two processes die in a behaviour of the orphan model (clock counts deaths).
OrphanBound == clock <= 2

\* The nesting model: one level allowed below the root but room for three pid
\* namespaces, so a second level is tried (ENOSPC) and would be made if the guard were
\* gone; unshare newpid makes a namespace for children whose init can die before the
\* next fork into it (ENOMEM), and a second newpid is tried.
NestingBound == clock <= 2

\* The pid model: pid_max 5 with pid_reserved 3 and five tasks, so that the wrap
\* resumes at 3 with pid 2 free below it (wrapping to 1 would differ), every pid
\* above the cursor can be taken (EAGAIN) and a freed pid can be handed out too early.
PidFlagSets == {{}, {"newpid"}}
PidBound == clock <= 3

\* The jail model: a jailed task tries every escape (setns into a namespace of each
\* type, unshare, fork with flags) and forks jailed children.
JailFlagSets == {{}, {"newpid"}, {"newuts"}, {"newns"}}
JailPidArgs == {1, 2}
JailFdArgs == {0}
JailTypeArgs == {"pid", "uts", "mnt"}
JailNext ==
    \E t \in Tids :
        \/ \E F \in FlagSets : Fork(t, F) \/ Unshare(t, F)
        \/ \E k \in PidArgs, ty \in TypeArgs : NsOpen(t, k, ty)
        \/ \E fd \in FdArgs : SetNs(t, fd) \/ Close(t, fd)
        \/ Jail(t)
JailSpec == Init /\ [][JailNext]_vars

\* The descriptor model: pid namespaces opened, entered (down, and up: refused),
\* duplicated (a success and EMFILE), closed and copied by fork; newpid after setns.
DescFlagSets == {{}, {"newpid"}}
DescPidArgs == {1, 2}
DescFdArgs == {0, 1}
DescTypeArgs == {"pid"}
DescNext ==
    \E t \in Tids :
        \/ \E F \in FlagSets : Fork(t, F) \/ Unshare(t, F)
        \/ \E k \in PidArgs, ty \in TypeArgs : NsOpen(t, k, ty)
        \/ \E fd \in FdArgs : SetNs(t, fd) \/ Close(t, fd) \/ Dup(t, fd)
DescSpec == Init /\ [][DescNext]_vars

\* The uts model: hostnames (an uppercase one too) per uts namespace, made by unshare
\* and by fork with combined flags, and read back.
UtsFlagSets == {{}, {"newuts"}, {"newns"}, {"newpid", "newuts"}}
UtsHostArgs == {"web", "Web"}
UtsNext ==
    \E t \in Tids :
        \/ \E F \in FlagSets : Fork(t, F) \/ Unshare(t, F)
        \/ \E h \in HostArgs : SetHostname(t, h)
        \/ Gethostname(t)
UtsSpec == Init /\ [][UtsNext]_vars

LiveFlagSets == {{}, {"newpid"}}
LivePidArgs == {1, 2, 3}
LiveSigArgs == {"KILL", "TERM"}

\* The graph model: one value of each argument, so every action is an edge and the
\* graph stays small enough to dump.
GraphFlagSets == {{}, {"newpid"}, {"newuts"}}
GraphPidArgs == {2, 3}
GraphFdArgs == {0}
GraphSigArgs == {"KILL"}
GraphTypeArgs == {"pid"}
GraphHostArgs == {"web"}

\* The graph model's bound, to keep the graph small enough to dump and walk: at most
\* one process dies, one holds a descriptor, one is jailed, one hostname was set.
GraphBound ==
    /\ clock <= 1
    /\ Cardinality({t \in Tids : fds[t] # EmptyFds}) <= 1
    /\ Cardinality({t \in Tids : jail[t] # NoJail}) <= 1
    /\ Cardinality({u \in UtsIds : hostname[u] # BootHostname}) <= 1

\* The deep model's arguments: the ones that change state (the CI model already takes
\* every errno branch; here the extra task, namespace and level are the point).
DeepFlagSets == {{}, {"newpid"}, {"newuts"}}
DeepPidArgs == {1, 2, 3, 4}
DeepFdArgs == {0}
DeepSigArgs == {"KILL"}
DeepTypeArgs == {"pid"}
DeepHostArgs == {"web"}

\* The deep model's bound: the extra task, namespace and level may combine freely with
\* up to two deaths; descriptors, jails and hostnames (whose every combination the CI
\* model already covers) stay with one process each.
DeepBound ==
    /\ clock <= 2
    /\ Cardinality({t \in Tids : fds[t] # EmptyFds}) <= 1
    /\ Cardinality({t \in Tids : jail[t] # NoJail}) <= 1
    /\ Cardinality({u \in UtsIds : hostname[u] # BootHostname}) <= 1

None == {}
=============================================================================

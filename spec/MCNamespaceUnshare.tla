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

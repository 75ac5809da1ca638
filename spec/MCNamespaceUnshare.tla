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
(*    cover (capsid refine); its VIEW (GraphView) gives every call that      *)
(*    changes nothing a state of its own, so that it can be walked too.      *)
(*  - MCNamespaceUnshareSim.cfg: the simulation model for random traces:    *)
(*    every flag, type, signal and bad argument (SimFlagSets etc.).          *)
(* OutcomesRecorded (at the end) is how capsid refine learns the outcomes a  *)
(* model reaches; no model file lists it.                                   *)
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

\* The graph model: few state-changing arguments (no newuts: one uts namespace), so that
\* the graph stays small enough to dump and walk every state of, and failing or ignored
\* ones of every kind (pid 0, signal 0, a bad flag, type and hostname): a call that
\* changes nothing adds edges, not states (GraphView).  The simulation model has the rest.
GraphFlagSets == {{}, {"newpid"}, {"bad"}}
GraphPidArgs == {0, 1, 2, 3}
GraphFdArgs == {0}
GraphSigArgs == {"KILL", "0"}
GraphTypeArgs == {"pid", "bad"}
GraphHostArgs == {"Web", "a_b"}

\* The graph model's bound, to keep the graph small enough to dump and walk: at most
\* one process dies, one holds a descriptor, one is jailed, one hostname was set.
GraphBound ==
    /\ clock <= 1
    /\ Cardinality({t \in Tids : fds[t] # EmptyFds}) <= 1
    /\ Cardinality({t \in Tids : jail[t] # NoJail}) <= 1
    /\ Cardinality({u \in UtsIds : hostname[u] # BootHostname}) <= 1

\* A state reached by a call that changed nothing: a failed call, a read-only one, a
\* wait that found no zombie, a kill that left its live target alive.  Under the view
\* stateVars such a step is a self-loop, and the dump cannot say which call it was.
GraphSink ==
    \/ lastAction.err # "OK"
    \/ lastAction.act \in {"Getpid", "Getppid", "Gethostname"}
    \/ lastAction.act = "Wait" /\ lastAction.ret = 0
    \/ lastAction.act = "Kill" /\ Live(lastAction.target)

\* The graph model's view: stateVars, with two exceptions.  A state reached by a call
\* that changed nothing is a state of its own, one per call (lastAction): it has the
\* state variables of the state it was reached from, so nothing is lost (its successors
\* are that state's).  And a state an exit reaches is kept apart from the same state
\* reached by a kill (the boot init's kill of a task comes first, and would otherwise
\* be the only one walked).  TLC writes the first state it finds for each view, so the
\* walk to any state ends with exactly the call its lastAction names (GraphWalks).
GraphView ==
    CASE GraphSink -> <<"sink", lastAction>>
      [] lastAction.act = "Exit" -> <<"exit", stateVars>>
      [] OTHER -> <<"state", stateVars>>

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

\* The simulation model's arguments: every flag and flag combination, every namespace
\* type and signal, pids and descriptors from out of range to the model's last, valid
\* hostnames (an uppercase one too) and invalid ones (empty, a bad character, 65 long).
SimFlagSets == {{}, {"newpid"}, {"newuts"}, {"newns"}, {"newpid", "newuts"}, {"newpid", "newns"},
                {"newuts", "newns"}, {"newpid", "newuts", "newns"}, {"bad"}, {"newuts", "bad"}}
SimPidArgs == {-1, 0, 1, 2, 3, 4, 5, 6}
SimFdArgs == {-1, 0, 1, 2}
SimSigArgs == {"KILL", "TERM", "0", "HUP"}
SimTypeArgs == {"pid", "uts", "mnt", "bad"}
SimHostArgs == {"web", "Web", "db-1.local", "", "a_b",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}

\* The simulation model's next-state relation: Next, regrouped.  TLC's simulation picks
\* one of the actions it splits Next into (at every \/ and \E) at random, then one
\* successor of that action; with one action for every argument value, the calls with
\* the most arguments crowd out the rest (with SimPidArgs, kill and ns_open were 60% of
\* the steps and exit 1%).  Here each task has one action per group of calls ("TRUE /\"
\* keeps TLC from splitting a group), so every group is as likely as any other: the
\* process calls, namespaces and descriptors get their share, and jail (grouped with
\* the read-only calls) does not end most traces' namespace changes early.  A plain fork
\* is a group of its own as well (it is in the fork group too), so that process trees
\* grow deep enough for an orphan whose grandparent is not its reaper (16 such deaths
\* in 300 traces of 60 steps, none without it).  The disjuncts are Next's (the plain
\* fork twice), so SimSpec has the same behaviours as Spec.
SimNext ==
    \E t \in Tids :
        \/ TRUE /\ \E F \in FlagSets : Fork(t, F)
        \/ Fork(t, {})
        \/ TRUE /\ \E F \in FlagSets : Unshare(t, F)
        \/ Exit(t)
        \/ TRUE /\ \E k \in PidArgs, s \in SigArgs : Kill(t, k, s)
        \/ TRUE /\ (Wait(t, TRUE, 0) \/ \E k \in PidArgs : Wait(t, FALSE, k))
        \/ TRUE /\ (Getpid(t) \/ Getppid(t) \/ Gethostname(t) \/ Jail(t))
        \/ TRUE /\ \E k \in PidArgs, ty \in TypeArgs : NsOpen(t, k, ty)
        \/ TRUE /\ \E fd \in FdArgs : SetNs(t, fd)
        \/ TRUE /\ \E fd \in FdArgs : Close(t, fd) \/ Dup(t, fd)
        \/ TRUE /\ \E h \in HostArgs : SetHostname(t, h)

SimSpec == Init /\ [][SimNext]_vars

None == {}

-----------------------------------------------------------------------------
(* Refinement outcomes (docs/namespace-unshare.md, "Refinement outcomes").   *)
(* capsid refine counts its coverage in (action, outcome) pairs and takes   *)
(* the pairs that exist from the models: it runs a model with the action    *)
(* property OutcomesRecorded added to its model file, and reads the lines   *)
(* <<"capsid-outcome", "Fork:EAGAIN">> it prints.  TLC checks an action     *)
(* property on every transition it generates, to a new state or not (under *)
(* a VIEW too), so an exhaustive run prints every outcome of every step     *)
(* from every reachable state, and only those.  The outcomes printed so far *)
(* live in a TLC register, one per worker (with several workers an outcome *)
(* may print once per worker); the ASSUME empties it before any worker     *)
(* starts (TLC sets the register of every worker from an ASSUME).  The      *)
(* recorder is always TRUE: it never reports a violation.                  *)
(*                                                                         *)
(* A step's outcome is its action and its errno, "OK" on success; a        *)
(* successful kill is "killed" when its target died in that step, and      *)
(* "ignored" when not (a namespace init ignoring the signal, signal 0, a   *)
(* zombie).  NamespaceReplayer#outcome names replayed steps the same way.  *)
StepOutcome ==
    lastAction'.act \o ":" \o
        (IF lastAction'.act = "Kill" /\ lastAction'.err = "OK"
         THEN IF st'[lastAction'.target] # st[lastAction'.target] THEN "killed" ELSE "ignored"
         ELSE lastAction'.err)

OutcomeRegister == 17

ASSUME TLCSet(OutcomeRegister, {})

RecordOutcome ==
    LET o == StepOutcome
    IN IF o \in TLCGet(OutcomeRegister) THEN TRUE
       ELSE /\ PrintT(<<"capsid-outcome", o>>)
            /\ TLCSet(OutcomeRegister, TLCGet(OutcomeRegister) \cup {o})

OutcomesRecorded == [][RecordOutcome]_vars
=============================================================================

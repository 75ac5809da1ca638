---------------------- MODULE MCCapabilityDelegation -----------------------
(* Models of CapabilityDelegation (STYLE.md: MC<Spec> holds the model's     *)
(* values; spec/manifest.json lists each model, its role and the rules it  *)
(* is there for).                                                           *)
EXTENDS CapabilityDelegation, Sequences

CIRightArgs == {{"r"}, {"r", "grant"}, {"w"}}
CIBadgeArgs == {NoBadge, 0, 1}
CIFdArgs == {0, 1}
CIPidArgs == {0, 2, 3}

\* The CI model (role ci): every call with every argument, bad ones too, on two
\* processes and two objects, one of them destroyable, so that every errno branch of
\* every action is taken, with every invariant and action property. Two capabilities
\* at a time are enough for each branch: the targeted models go deeper.
CIBound == Cardinality(Used) <= 2

\* The deep model (role deep, capsid verify --deep): the CI arguments on three
\* processes, with three capabilities at a time.
DeepBound == Cardinality(Used) <= 3
\* The tree model (role ci): one object, no badges, three processes and three
\* capabilities at a time, built by derive, grant, dup and fork and cut by revoke,
\* close and exit, so that a grandchild sits in another table than its root, a chain
\* crosses three tables, and a close or a death has children to move up.
TreeBadgeArgs == {NoBadge}
TreeRightArgs == {{"r"}, {"r", "grant"}}
TreePidArgs == {2, 3}
TreeBound == Cardinality(Used) <= 3
\* The tree model's calls: only those that build, copy and cut the derivation forest,
\* each on the fds in use (no failure branch: the CI model takes those), as a
\* next-state relation of its own; every behaviour of TreeSpec is one of Spec.
TreeNext ==
    \E p \in Procs :
        \/ \E o \in Objects : NsOpen(p, o)
        \/ \E fd \in DOMAIN table[p] :
             \/ \E R \in RightArgs, b \in BadgeArgs : CapDerive(p, fd, R, b)
             \/ \E q \in PidArgs : CapGrant(p, fd, q)
             \/ CapRevoke(p, fd) \/ Close(p, fd) \/ Dup(p, fd)
        \/ Fork(p) \/ Exit(p)
TreeSpec == Init /\ [][TreeNext]_vars

\* The badge model (role ci): two processes with three slots each, badges 1 and 2
\* tried on every derivation, so that a badged capability has children and copies in
\* both tables and a second badge is tried on each.
BadgeBadgeArgs == {NoBadge, 1, 2}
BadgeRightArgs == {{"r", "x", "grant"}, {"r"}}
BadgePidArgs == {2}

\* The site's picture model (docs/graphs/CapabilityDelegation.cfg): one right set.
PictureRightArgs == {{"r"}}
\* ---- Refinement (capsid refine): the graph and simulation models ----
\* Neither destroys objects (no kernel call does yet: Destroyable is {} in both).

\* The graph model's arguments: a good and a bad one of each kind.
GraphRightArgs == {{"r"}, {"w"}}
GraphBadgeArgs == {NoBadge, 0, 1}
GraphFdArgs == {0, 2}
GraphPidArgs == {0, 2, 3}
\* Two capabilities at a time keep the graph small enough to dump and walk.
GraphBound == Cardinality(Used) <= 2

\* A state reached by a call that changed nothing: a failed call, a read-only one, a
\* revoke with nothing to remove. Under the view stateVars such a step is a self-loop,
\* and the dump cannot say which call it was; GraphView makes it a state of its own
\* (a sink, one per call), so that failed and read-only calls are walked too. TLC
\* writes the first state it finds for each view, so the walk to any state ends with
\* exactly the call its lastAction names (GraphWalks).
GraphSink ==
    \/ lastAction.err # "OK"
    \/ lastAction.act \in {"CapRights", "CapBadge"}
    \/ lastAction.act = "CapRevoke" /\ lastAction.ret = 0
GraphView == IF GraphSink THEN <<"sink", lastAction>> ELSE <<"state", stateVars>>

\* The simulation model's arguments: every right alone and the usual sets, badges
\* absent, valid and invalid, fds and pids out of range.
SimRightArgs == {{"r"}, {"x"}, {"grant"}, {"w"}, {"destroy"}, {"r", "x"}, {"r", "grant"}, {"r", "x", "grant"},
                 {"r", "w"}}
SimBadgeArgs == {NoBadge, -1, 0, 1, 2, 7}
SimFdArgs == {-1, 0, 1, 2, 3}
SimPidArgs == {-1, 0, 1, 2, 3, 4, 5}

\* The simulation model's next-state relation: Next, regrouped so that each group of
\* calls is as likely as any other (TLC's simulation picks one of the actions Next
\* splits into at every \/ and \E; "TRUE /\" keeps a group whole): otherwise
\* cap_derive, with the most arguments, would crowd out the rest. Same behaviours as Spec
\* with Destroyable = {}.
SimNext ==
    \E p \in Procs :
        \/ TRUE /\ \E o \in Objects : NsOpen(p, o)
        \/ TRUE /\ \E fd \in FdArgs, R \in RightArgs, b \in BadgeArgs : CapDerive(p, fd, R, b)
        \/ TRUE /\ \E fd \in FdArgs, q \in PidArgs : CapGrant(p, fd, q)
        \/ TRUE /\ \E fd \in FdArgs : CapRevoke(p, fd)
        \/ TRUE /\ \E fd \in FdArgs : CapRights(p, fd) \/ CapBadge(p, fd)
        \/ TRUE /\ \E fd \in FdArgs : Close(p, fd) \/ Dup(p, fd)
        \/ Fork(p)
        \/ Exit(p)
SimSpec == Init /\ [][SimNext]_vars

-----------------------------------------------------------------------------
(* Refinement outcomes (docs/capability-delegation.md, "Refinement").       *)
(* As in MCNamespaceUnshare: capsid refine runs a model with the action    *)
(* property OutcomesRecorded added, and reads the lines                    *)
(* <<"capsid-outcome", "CapGrant:ESRCH">> it prints, the first time each   *)
(* worker generates a step with that outcome.  A step's outcome is its     *)
(* action and its errno, "OK" on success; a successful revoke is           *)
(* "CapRevoke:none" when it removed nothing, "CapRevoke:removed" when it  *)
(* did.  CapReplayer#outcome names replayed steps the same way.            *)
StepOutcome ==
    lastAction'.act \o ":" \o
        (IF lastAction'.act = "CapRevoke" /\ lastAction'.err = "OK"
         THEN IF lastAction'.ret = 0 THEN "none" ELSE "removed"
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

---------------------- MODULE MCCapabilityDelegation -----------------------
(* Models of CapabilityDelegation (STYLE.md: MC<Spec> holds the model's     *)
(* values; spec/manifest.json lists each model, its role and the rules it  *)
(* is there for).                                                           *)
EXTENDS CapabilityDelegation

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
=============================================================================

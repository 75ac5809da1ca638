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

DeepFlagSets == {{}, {"newpid"}, {"newuts"}, {"newns"}, {"newpid", "newuts"}, {"newpid", "newuts", "newns"}, {"bad"}}
DeepPidArgs == {-1, 0, 1, 2, 3, 4}
DeepFdArgs == {-1, 0, 1, 2}
DeepSigArgs == {"KILL", "TERM", "0", "HUP"}
DeepTypeArgs == {"pid", "uts", "mnt", "bad"}
DeepHostArgs == {"web", "db", "a_b"}

None == {}
=============================================================================

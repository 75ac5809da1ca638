------------------------ MODULE CapabilityDelegation ------------------------
(***************************************************************************)
(* Capability delegation (DESIGN.md, protocol 2; ABI.md section 3,        *)
(* "Capabilities (delegation)" and "Finer points").                        *)
(*                                                                         *)
(* Every descriptor is a capability: a slot <<p, fd>> of process p's      *)
(* table naming one kernel object with a set of rights and a badge (0:    *)
(* none).  Capabilities form a derivation forest, like seL4's CDT:        *)
(* cap_derive and cap_grant make children of their source; dup and fork   *)
(* make siblings (same parent, same rights and badge); cap_revoke removes *)
(* every descendant in every table and keeps its own slot; close removes  *)
(* one slot and moves its children up to its parent; a death closes the   *)
(* whole table; an object's destruction removes every capability naming  *)
(* it.  A slot is identified exactly as in the kernel, by process and fd, *)
(* so the abstraction function maps the kernel's tables to `table` and    *)
(* its tree links to `parent` with no renaming.                            *)
(*                                                                         *)
(* Each action names the kernel method that implements it; that method    *)
(* carries @SpecAction(spec = "CapabilityDelegation", action = <name>).   *)
(* As in NamespaceUnshare, a failed call is its action with an errno as   *)
(* the result and nothing else changed.                                   *)
(*                                                                         *)
(* Abstracted away, and why:                                               *)
(*  - pid namespaces and visibility: every process here is a plain fork   *)
(*    of the boot init, so each sees every other; visibility is           *)
(*    NamespaceUnshare's, and cap_grant's ESRCH here is a target that is  *)
(*    not a live process (never created, or dead).                        *)
(*  - what objects are: an object is a value of Objects (refinement maps  *)
(*    them to the boot init's namespaces, which ns_open names); NsOpen    *)
(*    makes a root capability with r|x|grant, the rights ns_open gives.   *)
(*  - which objects can be destroyed: Destroyable.  No kernel call        *)
(*    destroys an object yet (containers, pipes and sessions will), so    *)
(*    the refinement models set it to {}; the CI models do not.          *)
(*  - the order of a node's children: no call observes it.                *)
(*                                                                         *)
(* Liveness: every call here is one atomic step, including cap_revoke of  *)
(* a whole subtree, so there is no progress property to state: a call    *)
(* that is enabled completes in the step that takes it.  A preemptible    *)
(* revoke, as seL4's (which "may only partially complete" and is resumed *)
(* by repeating the call), would need: a revoke-in-progress state per    *)
(* slot, invariants that hold in the middle (a partially revoked subtree *)
(* is still a forest, and no new child may be derived from a slot being  *)
(* revoked), and a liveness property under weak fairness of the         *)
(* continuation action: a revoke once started leaves FD with no          *)
(* descendants eventually.                                                 *)
(***************************************************************************)
EXTENDS Naturals, Integers, FiniteSets, TLC

CONSTANTS
    MaxProcs,       \* process ids 1..MaxProcs; process 1 is the boot init
    FdMax,          \* BootConfig.fdMax: capability slots per process
    Objects,        \* the kernel objects capabilities may name
    Destroyable,    \* the objects DestroyObject may destroy (a subset of Objects)
    RightArgs,      \* rights sets cap_derive is tried with
    BadgeArgs,      \* badges cap_derive is tried with: NoBadge (absent) or integers
    NoBadge,        \* the "no BADGE argument" value of BadgeArgs
    FdArgs,         \* fd numbers the fd calls are tried with
    PidArgs         \* pid numbers cap_grant is tried with (pid k is process k)

Procs == 1..MaxProcs
Fds == 0..(FdMax - 1)
Slots == Procs \X Fds
NoSlot == <<0, 0>>
AllRights == {"r", "w", "x", "grant", "destroy"}
OpenRights == {"r", "x", "grant"}
Errnos == {"EPERM", "EBADF", "EINVAL", "ESRCH", "EAGAIN", "EMFILE"}

VARIABLES
    st,         \* st[p]: "none" (not yet forked), "live" or "dead"
    nextProc,   \* the id the next fork gives its child
    table,      \* table[p]: fd -> [obj, rights, badge], the fds p holds
    parent,     \* parent[s]: the slot s was derived or granted from, NoSlot for a root or an unused slot
    objs,       \* the objects not destroyed
    flow,       \* ghost: <<p, o>> when authority over o has reached p (read by no action)
    lastAction  \* history: the last call, its arguments, result and errno

stateVars == <<st, nextProc, table, parent, objs, flow>>
vars == <<st, nextProc, table, parent, objs, flow, lastAction>>
\* States that differ only in the ghost have the same futures.
kernelVars == <<st, nextProc, table, parent, objs>>

EmptyTable == [i \in {} |-> [obj |-> "none", rights |-> {}, badge |-> 0]]

InUse(s) == s[2] \in DOMAIN table[s[1]]
Used == {s \in Slots : InUse(s)}
Cap(s) == table[s[1]][s[2]]
Live(p) == p \in Procs /\ st[p] = "live"

\* The ancestors of s, at most |Slots| steps up, so that a cycle (which a broken
\* action could make) still evaluates, and DerivationIsForest can say so.
RECURSIVE AncestorsN(_, _)
AncestorsN(s, n) ==
    IF n = 0 \/ parent[s] = NoSlot THEN {} ELSE {parent[s]} \cup AncestorsN(parent[s], n - 1)
Ancestors(s) == AncestorsN(s, Cardinality(Slots))
Descendants(s) == {x \in Used : s \in Ancestors(x)}

\* The lowest free fd of p, -1 when its table is full.
RECURSIVE LowestFrom(_, _)
LowestFrom(p, i) == IF i >= FdMax THEN -1 ELSE IF i \notin DOMAIN table[p] THEN i ELSE LowestFrom(p, i + 1)
LowestFree(p) == LowestFrom(p, 0)

\* table[p] with slot fd set to cap, or without slot fd.
With(p, fd, cap) == (fd :> cap) @@ table[p]
Without(t, F) == [i \in DOMAIN t \ F |-> t[i]]

Init ==
    /\ st = [p \in Procs |-> IF p = 1 THEN "live" ELSE "none"]
    /\ nextProc = 2
    /\ table = [p \in Procs |-> EmptyTable]
    /\ parent = [s \in Slots |-> NoSlot]
    /\ objs = Objects
    /\ flow = {}
    /\ lastAction = [act |-> "Boot", p |-> 1, arg |-> [none |-> 0], ret |-> 0, err |-> "OK"]

\* A failed call: its result, and nothing else changes.
Fail(p, name, arg, errno) ==
    /\ lastAction' = [act |-> name, p |-> p, arg |-> arg, ret |-> 0, err |-> errno]
    /\ UNCHANGED stateVars

Done(p, name, arg, ret) == lastAction' = [act |-> name, p |-> p, arg |-> arg, ret |-> ret, err |-> "OK"]

-----------------------------------------------------------------------------
(* ns_open (of the boot init's namespace o): a new root capability with   *)
(* r|x|grant and no badge; EMFILE when the table is full.  Its other       *)
(* errors (ESRCH, EINVAL) are NamespaceUnshare's.                          *)
(* kernel: capsid.kernel.cap.CapCalls#nsOpen                               *)
NsOpen(p, o) ==
    LET arg == [obj |-> o]
        nfd == LowestFree(p)
    IN
    /\ Live(p) /\ o \in objs
    /\ IF nfd = -1 THEN Fail(p, "NsOpen", arg, "EMFILE")
       ELSE /\ table' = [table EXCEPT ![p] = With(p, nfd, [obj |-> o, rights |-> OpenRights, badge |-> 0])]
            /\ parent' = [parent EXCEPT ![<<p, nfd>>] = NoSlot]
            /\ flow' = flow \cup {<<p, o>>}
            /\ Done(p, "NsOpen", arg, nfd)
            /\ UNCHANGED <<st, nextProc, objs>>

(* cap_derive FD RIGHTS [BADGE]: a child of FD with RIGHTS and BADGE (FD's *)
(* badge without one); EBADF; EPERM when RIGHTS are not a subset of FD's   *)
(* or a BADGE is given for a badged FD; EINVAL for a BADGE below 1; EMFILE. *)
(* kernel: capsid.kernel.cap.CapCalls#derive                               *)
CapDerive(p, fd, R, b) ==
    LET arg == [fd |-> fd, rights |-> R, badge |-> b]
        s == <<p, fd>>
        nfd == LowestFree(p)
    IN
    /\ Live(p)
    /\ IF fd \notin DOMAIN table[p] THEN Fail(p, "CapDerive", arg, "EBADF")
       ELSE IF ~(R \subseteq Cap(s).rights) \/ (b # NoBadge /\ Cap(s).badge # 0)
            THEN Fail(p, "CapDerive", arg, "EPERM")
       ELSE IF b # NoBadge /\ b < 1 THEN Fail(p, "CapDerive", arg, "EINVAL")
       ELSE IF nfd = -1 THEN Fail(p, "CapDerive", arg, "EMFILE")
       ELSE LET badge == IF b = NoBadge THEN Cap(s).badge ELSE b
            IN /\ table' = [table EXCEPT ![p] = With(p, nfd, [obj |-> Cap(s).obj, rights |-> R, badge |-> badge])]
               /\ parent' = [parent EXCEPT ![<<p, nfd>>] = s]
               /\ Done(p, "CapDerive", arg, nfd)
               /\ UNCHANGED <<st, nextProc, objs, flow>>

(* cap_grant FD PID: a child of FD in PID's table, with FD's rights and     *)
(* badge; EBADF; EPERM without grant on FD; EINVAL for PID <= 0; ESRCH     *)
(* when PID is no live process; EMFILE when its table is full.             *)
(* kernel: capsid.kernel.cap.CapCalls#grant                                *)
CapGrant(p, fd, q) ==
    LET arg == [fd |-> fd, pid |-> q]
        s == <<p, fd>>
    IN
    /\ Live(p)
    /\ IF fd \notin DOMAIN table[p] THEN Fail(p, "CapGrant", arg, "EBADF")
       ELSE IF "grant" \notin Cap(s).rights THEN Fail(p, "CapGrant", arg, "EPERM")
       ELSE IF q <= 0 THEN Fail(p, "CapGrant", arg, "EINVAL")
       ELSE IF ~Live(q) THEN Fail(p, "CapGrant", arg, "ESRCH")
       ELSE IF LowestFree(q) = -1 THEN Fail(p, "CapGrant", arg, "EMFILE")
       ELSE LET nfd == LowestFree(q)
            IN /\ table' = [table EXCEPT ![q] = With(q, nfd, Cap(s))]
               /\ parent' = [parent EXCEPT ![<<q, nfd>>] = s]
               \* the ghost: authority flows along a grant only where the source may grant
               /\ flow' = IF "grant" \in Cap(s).rights THEN flow \cup {<<q, Cap(s).obj>>} ELSE flow
               /\ Done(p, "CapGrant", arg, nfd)
               /\ UNCHANGED <<st, nextProc, objs>>

(* cap_revoke FD: removes every descendant of FD, in every table, and      *)
(* returns how many; FD stays; EBADF.                                      *)
(* kernel: capsid.kernel.cap.CapCalls#revoke                               *)
CapRevoke(p, fd) ==
    LET arg == [fd |-> fd]
        s == <<p, fd>>
    IN
    /\ Live(p)
    /\ IF fd \notin DOMAIN table[p] THEN Fail(p, "CapRevoke", arg, "EBADF")
       ELSE LET D == Descendants(s)
            IN /\ table' = [q \in Procs |-> Without(table[q], {x[2] : x \in {y \in D : y[1] = q}})]
               /\ parent' = [x \in Slots |-> IF x \in D THEN NoSlot ELSE parent[x]]
               /\ Done(p, "CapRevoke", arg, Cardinality(D))
               /\ UNCHANGED <<st, nextProc, objs, flow>>

(* cap_rights FD: FD's rights; EBADF.                                      *)
(* kernel: capsid.kernel.cap.CapCalls#rights                               *)
CapRights(p, fd) ==
    LET arg == [fd |-> fd]
    IN
    /\ Live(p)
    /\ IF fd \notin DOMAIN table[p] THEN Fail(p, "CapRights", arg, "EBADF")
       ELSE /\ Done(p, "CapRights", arg, Cap(<<p, fd>>).rights)
            /\ UNCHANGED stateVars

(* cap_badge FD: FD's badge, 0 when none; EBADF.                           *)
(* kernel: capsid.kernel.cap.CapCalls#badge                                *)
CapBadge(p, fd) ==
    LET arg == [fd |-> fd]
    IN
    /\ Live(p)
    /\ IF fd \notin DOMAIN table[p] THEN Fail(p, "CapBadge", arg, "EBADF")
       ELSE /\ Done(p, "CapBadge", arg, Cap(<<p, fd>>).badge)
            /\ UNCHANGED stateVars

(* close FD: removes that slot only; its children move up to its parent;  *)
(* EBADF.                                                                  *)
(* kernel: capsid.kernel.cap.CapCalls#close                                *)
Close(p, fd) ==
    LET arg == [fd |-> fd]
        s == <<p, fd>>
    IN
    /\ Live(p)
    /\ IF fd \notin DOMAIN table[p] THEN Fail(p, "Close", arg, "EBADF")
       ELSE /\ table' = [table EXCEPT ![p] = Without(table[p], {fd})]
            /\ parent' = [x \in Slots |-> IF x = s THEN NoSlot
                                          ELSE IF parent[x] = s THEN parent[s] ELSE parent[x]]
            /\ Done(p, "Close", arg, 0)
            /\ UNCHANGED <<st, nextProc, objs, flow>>

(* dup FD: a sibling of FD (same parent, object, rights and badge) in the *)
(* lowest free slot; EBADF, EMFILE.                                        *)
(* kernel: capsid.kernel.cap.CapCalls#dup                                  *)
Dup(p, fd) ==
    LET arg == [fd |-> fd]
        s == <<p, fd>>
        nfd == LowestFree(p)
    IN
    /\ Live(p)
    /\ IF fd \notin DOMAIN table[p] THEN Fail(p, "Dup", arg, "EBADF")
       ELSE IF nfd = -1 THEN Fail(p, "Dup", arg, "EMFILE")
       ELSE /\ table' = [table EXCEPT ![p] = With(p, nfd, Cap(s))]
            /\ parent' = [parent EXCEPT ![<<p, nfd>>] = parent[s]]
            /\ Done(p, "Dup", arg, nfd)
            /\ UNCHANGED <<st, nextProc, objs, flow>>

(* fork: the child's table holds, at the same fds, a sibling of each of   *)
(* the caller's capabilities (a root's copy is a root); EAGAIN when no   *)
(* process id is left (the kernel's pid_max).                              *)
(* kernel: capsid.kernel.process.ProcessTable#fork                         *)
Fork(p) ==
    LET arg == [none |-> 0]
        c == nextProc
    IN
    /\ Live(p)
    /\ IF c > MaxProcs THEN Fail(p, "Fork", arg, "EAGAIN")
       ELSE /\ st' = [st EXCEPT ![c] = "live"]
            /\ nextProc' = c + 1
            /\ table' = [table EXCEPT ![c] = table[p]]
            /\ parent' = [x \in Slots |-> IF x[1] = c /\ x[2] \in DOMAIN table[p]
                                           THEN parent[<<p, x[2]>>] ELSE parent[x]]
            /\ flow' = flow \cup {<<c, o>> : o \in {f[2] : f \in {g \in flow : g[1] = p}}}
            /\ Done(p, "Fork", arg, c)
            /\ UNCHANGED objs

\* After p's whole table is closed, the nearest ancestor of s outside it.
RECURSIVE UpFromN(_, _, _)
UpFromN(p, s, n) ==
    IF n = 0 \/ parent[s] = NoSlot THEN NoSlot
    ELSE IF parent[s][1] = p THEN UpFromN(p, parent[s], n - 1) ELSE parent[s]
UpFrom(p, s) == UpFromN(p, s, Cardinality(Slots))

(* exit (or any death): the table closes, so each capability derived     *)
(* from one of it moves up to its nearest ancestor outside it; the boot   *)
(* init cannot exit (EPERM).                                               *)
(* kernel: capsid.kernel.process.ProcessTable#exit                         *)
Exit(p) ==
    LET arg == [none |-> 0]
    IN
    /\ Live(p)
    /\ IF p = 1 THEN Fail(p, "Exit", arg, "EPERM")
       ELSE /\ st' = [st EXCEPT ![p] = "dead"]
            /\ table' = [table EXCEPT ![p] = EmptyTable]
            /\ parent' = [x \in Slots |-> IF x[1] = p THEN NoSlot
                                          ELSE IF parent[x] # NoSlot /\ parent[x][1] = p
                                               THEN UpFrom(p, x) ELSE parent[x]]
            /\ Done(p, "Exit", arg, 0)
            /\ UNCHANGED <<nextProc, objs, flow>>

(* The destruction of object o (a container, pipe or session, when those  *)
(* arrive): every capability naming it, in every table, goes with it.     *)
(* No call of today's kernel destroys an object; the kernel's hook for it *)
(* is capsid.kernel.cap.CapCalls#destroyObject, tested directly.         *)
DestroyObject(o) ==
    LET D == {x \in Used : Cap(x).obj = o}
    IN
    /\ o \in Destroyable /\ o \in objs
    /\ objs' = objs \ {o}
    /\ table' = [q \in Procs |-> Without(table[q], {x[2] : x \in {y \in D : y[1] = q}})]
    /\ parent' = [x \in Slots |-> IF x \in D THEN NoSlot ELSE parent[x]]
    /\ lastAction' = [act |-> "DestroyObject", p |-> 0, arg |-> [obj |-> o], ret |-> Cardinality(D), err |-> "OK"]
    /\ UNCHANGED <<st, nextProc, flow>>

-----------------------------------------------------------------------------
Next ==
    \/ \E p \in Procs :
        \/ \E o \in Objects : NsOpen(p, o)
        \/ \E fd \in FdArgs :
             \/ \E R \in RightArgs, b \in BadgeArgs : CapDerive(p, fd, R, b)
             \/ \E q \in PidArgs : CapGrant(p, fd, q)
             \/ CapRevoke(p, fd) \/ CapRights(p, fd) \/ CapBadge(p, fd) \/ Close(p, fd) \/ Dup(p, fd)
        \/ Fork(p) \/ Exit(p)
    \/ \E o \in Destroyable : DestroyObject(o)

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(***************************************************************************)
(* Invariants, one named operator each.  Each states a rule of ABI.md in  *)
(* terms of the state, not by repeating an action's update, and each has  *)
(* a spec mutant that TLC reports on a model `capsid verify` checks       *)
(* (spec/manifest.json, spec/CapabilityDelegation.mutants.json).  The     *)
(* kernel checks each under the same name after every step.               *)
(***************************************************************************)

RightsSets == SUBSET AllRights
CapValues == [obj : Objects, rights : RightsSets, badge : Nat]

TypeOK ==
    /\ st \in [Procs -> {"none", "live", "dead"}]
    /\ nextProc \in 2..(MaxProcs + 1)
    /\ \A p \in Procs : DOMAIN table[p] \subseteq Fds /\ \A fd \in DOMAIN table[p] : table[p][fd] \in CapValues
    \* only live processes hold capabilities
    /\ \A p \in Procs : st[p] # "live" => DOMAIN table[p] = {}
    /\ parent \in [Slots -> Slots \cup {NoSlot}]
    /\ objs \subseteq Objects
    /\ flow \subseteq Procs \X Objects

HasParent(s) == parent[s] # NoSlot /\ InUse(parent[s])

\* Rights never grow along derivation: a capability's rights are a subset of its parent's.
RightsNeverGrow == \A s \in Used : HasParent(s) => Cap(s).rights \subseteq Cap(parent[s]).rights

\* A capability names the same object as its parent (seL4's descendants_inc).
DescendantsSameObject == \A s \in Used : HasParent(s) => Cap(s).obj = Cap(parent[s]).obj

\* Both ends of every derivation edge are capabilities of live processes (seL4's
\* mdb_cte_at): no slot is left pointing into a closed or revoked subtree, and no
\* closed or revoked slot keeps a parent.
EdgesBetweenLiveCaps ==
    \A s \in Slots : parent[s] # NoSlot =>
        /\ InUse(s) /\ Live(s[1])
        /\ parent[s] \in Slots /\ InUse(parent[s]) /\ Live(parent[s][1])

\* The derivation relation is a forest: no capability is its own ancestor (seL4's no_mloop).
DerivationIsForest == \A s \in Slots : s \notin Ancestors(s)

\* No slot names a destroyed object.
CapsNameLiveObjects == \A s \in Used : Cap(s).obj \in objs

\* A badge, once set, is carried by every capability made from it: a child of a badged
\* capability has the same badge.
BadgeInherited == \A s \in Used : HasParent(s) /\ Cap(parent[s]).badge # 0 => Cap(s).badge = Cap(parent[s]).badge

\* Authority confinement: a process holds a capability on an object only if authority
\* over it reached the process by its own ns_open, from its parent at fork, or by a
\* grant from a capability that had the grant right (the ghost flow, which no action
\* reads, records exactly those).
AuthorityConfined == \A s \in Used : <<s[1], Cap(s).obj>> \in flow

-----------------------------------------------------------------------------
(* Action properties: rules about one step.                               *)

LA == lastAction'
Succeeded(a) == LA.act = a /\ LA.err = "OK"
Src == <<LA.p, LA.arg.fd>>
Used2 == {s \in Slots : s[2] \in DOMAIN table'[s[1]]}

\* After cap_revoke FD, no descendant FD had exists in any table, everything else is
\* still there, FD is unchanged, and the result counts the removed capabilities.
RevokeRemovesDescendants ==
    [][Succeeded("CapRevoke") =>
         LET D == Descendants(Src)
         IN /\ Used2 = Used \ D
            /\ \A x \in Used2 : table'[x[1]][x[2]] = Cap(x)
            /\ \A x \in Used2 : parent'[x] = parent[x]
            /\ LA.ret = Cardinality(D)]_vars

\* y is x's nearest ancestor outside p's table (NoSlot when every ancestor of x is in
\* it): every ancestor between x and y is p's. Stated over Ancestors, not through
\* UpFrom, the recursion Exit uses.
Between(x, y) == Ancestors(x) \ (IF y = NoSlot THEN {} ELSE {y} \cup Ancestors(y))
NearestOutside(x, y, p) ==
    /\ y = NoSlot \/ (y \in Ancestors(x) /\ y[1] # p)
    /\ \A a \in Between(x, y) : a[1] = p

\* close removes one slot and moves its children up to its parent; a death closes a
\* whole table and each capability derived from it moves up to its nearest ancestor
\* outside it; no other capability changes parent.
CloseMovesChildrenUp ==
    [][/\ Succeeded("Close") =>
            /\ Used2 = Used \ {Src}
            /\ \A x \in Used2 : parent'[x] = IF parent[x] = Src THEN parent[Src] ELSE parent[x]
       /\ Succeeded("Exit") =>
            /\ Used2 = {x \in Used : x[1] # LA.p}
            /\ \A x \in Used2 : NearestOutside(x, parent'[x], LA.p)]_vars

\* A capability never changes: a slot in use before and after a step keeps its
\* object, rights and badge (a badge, once set, never changes).
BadgeNeverChanges == [][\A x \in Used \cap Used2 : table'[x[1]][x[2]] = Cap(x)]_vars

\* Every copy carries its source's badge: dup, fork and grant copy the capability
\* whole (object, rights, badge), and a derivation without BADGE keeps the badge.
NewSlot == <<IF LA.act = "CapGrant" THEN LA.arg.pid ELSE LA.p, LA.ret>>
CopiesCarryBadge ==
    [][/\ (Succeeded("Dup") \/ Succeeded("CapGrant")) => table'[NewSlot[1]][NewSlot[2]] = Cap(Src)
       /\ Succeeded("Fork") => table'[LA.ret] = table[LA.p]
       /\ Succeeded("CapDerive") =>
            table'[LA.p][LA.ret].badge = IF LA.arg.badge = NoBadge THEN Cap(Src).badge ELSE LA.arg.badge]_vars

\* Where a new capability sits in the tree: derive and grant make a child of the
\* source; dup makes a sibling of it; fork's copies are siblings of the originals; a
\* capability from ns_open is a root.
CopiesAreSiblings ==
    [][/\ (Succeeded("CapDerive") \/ Succeeded("CapGrant")) => parent'[NewSlot] = Src
       /\ Succeeded("Dup") => parent'[NewSlot] = parent[Src]
       /\ Succeeded("Fork") => \A fd \in DOMAIN table[LA.p] : parent'[<<LA.ret, fd>>] = parent[<<LA.p, fd>>]
       /\ Succeeded("NsOpen") => parent'[<<LA.p, LA.ret>>] = NoSlot]_vars

=============================================================================

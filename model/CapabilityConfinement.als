module CapabilityConfinement

/*
 * Capability confinement in Capsid (Alloy 6). The structural side of
 * spec/CapabilityDelegation.tla: capability tables, the derivation forest (seL4's
 * CDT), and the take-grant question posed as seL4's authority_confinement poses it:
 * can authority over an object reach a subject that no chain of grants (each
 * needing the `grant` right) from a holder reaches?
 *
 * Subjects are processes; objects are kernel objects (namespaces today). A
 * capability atom is one slot's content: its holder, object, rights and badge are
 * fixed when it is made (a slot keeps its object, rights and badge: BadgeNeverChanges
 * holds by construction), while which capabilities exist and their CDT parent
 * belong to the state. Events are predicates over a pre- and a post-state with
 * explicit frame conditions; a trace is a sequence of States (util/ordering) from
 * the empty start, each step one event or a stutter (so shorter traces are in scope).
 *
 * Weakened events (the Mode atoms) are the same events with one guard or effect
 * broken; each has a check that must find a counterexample (expect 1), which shows
 * that the corresponding check with the real events (expect 0) can fail.
 */

open util/ordering[State]

abstract sig Right {}
one sig R, W, X, Grant, Destroy extends Right {}

sig Obj {}
sig Badge {}

sig Proc {
  /* the process this one was forked from (fixed: pids are not reused) */
  forkParent: lone Proc
}

sig Cap {
  holder: one Proc,
  obj: one Obj,
  rights: set Right,
  badge: lone Badge
}

sig State {
  born: set Proc,          -- every process that has lived so far
  live: set Proc,
  made: set Obj,           -- every object created so far
  objs: set Obj,           -- live objects
  caps: set Cap,           -- capabilities in the tables of live processes
  cdt: Cap -> lone Cap,    -- derivation parent
  origin: Cap -> lone Cap  -- ghost: the source of each capability new in this state
}

fact Structure {
  no p: Proc | p in p.^forkParent
}

/* ---------------------------------------------------------------- invariants */

pred RightsNeverGrow[s: State] {
  all c: s.caps, p: c.(s.cdt) | c.rights in p.rights
}

pred DescendantsSameObject[s: State] {
  all c: s.caps, p: c.(s.cdt) | c.obj = p.obj
}

/* seL4 mdb_cte_at: both ends of every edge are capabilities of live processes */
pred EdgesBetweenLiveCaps[s: State] {
  s.cdt in s.caps -> s.caps
  s.caps.holder in s.live
}

/* seL4 no_mloop */
pred DerivationIsForest[s: State] {
  no c: Cap | c in c.^(s.cdt)
}

pred CapsNameLiveObjects[s: State] {
  s.caps.obj in s.objs
}

pred BadgeInherited[s: State] {
  all c: s.caps, p: c.(s.cdt) | some p.badge implies c.badge = p.badge
}

pred Invariants[s: State] {
  RightsNeverGrow[s]
  DescendantsSameObject[s]
  EdgesBetweenLiveCaps[s]
  DerivationIsForest[s]
  CapsNameLiveObjects[s]
  BadgeInherited[s]
}

/* ---------------------------------------------------------------- events */

abstract sig Mode {}
/* Correct: the events as the kernel implements them; the others break one rule each */
one sig Correct, GrantWithoutRight, DeriveAmplifies, RevokeSkipsGrandchildren extends Mode {}

/* what does not change in any event */
pred sameProcs[s, t: State] { t.born = s.born and t.live = s.live }
pred sameObjs[s, t: State] { t.made = s.made and t.objs = s.objs }


/*
 * ns_open by p: a root capability r|x|grant, no badge, over o. In the kernel o is a
 * namespace that p can see (ns_open PID KIND names it by a process's pid), so o is an
 * object already alive or, for the first capability over it, one made now: either way
 * authority comes from outside the capability system, by the kernel's visibility rule,
 * and the confinement properties below count the opener as a source.
 */
pred nsOpen[s, t: State, p: Proc, o: Obj, n: Cap] {
  p in s.live
  o in s.objs or o not in s.made
  n not in s.caps and n.holder = p and n.obj = o and n.rights = R + X + Grant and no n.badge
  t.made = s.made + o and t.objs = s.objs + o
  t.caps = s.caps + n and t.cdt = s.cdt and no t.origin
  sameProcs[s, t]
}

/*
 * cap_derive c RIGHTS [BADGE]: a child n of c in c's table; RIGHTS are n's rights and
 * BADGE, when given, n's badge (a capability atom's attributes are fixed, so the event
 * picks n by them).
 */
pred derive[m: Mode, s, t: State, c: Cap, n: Cap] {
  c in s.caps
  m = DeriveAmplifies implies n.rights in c.rights + W else n.rights in c.rights   -- weakened: w may appear
  n.badge = c.badge or (no c.badge and some n.badge)   -- no BADGE: c's; a BADGE only on an unbadged c (EPERM)
  n not in s.caps and n.holder = c.holder and n.obj = c.obj
  t.caps = s.caps + n and t.cdt = s.cdt + n -> c and t.origin = n -> c
  sameProcs[s, t] and sameObjs[s, t]
}

/* cap_grant c q: a child of c in q's table, same rights and badge */
pred grant[m: Mode, s, t: State, c: Cap, q: Proc, n: Cap] {
  c in s.caps and q in s.live
  m != GrantWithoutRight implies Grant in c.rights                    -- EPERM without grant
  n not in s.caps and n.holder = q and n.obj = c.obj and n.rights = c.rights and n.badge = c.badge
  t.caps = s.caps + n and t.cdt = s.cdt + n -> c and t.origin = n -> c
  sameProcs[s, t] and sameObjs[s, t]
}

/* dup c: a sibling (same parent, rights, badge) in the same table */
pred dup[s, t: State, c: Cap, n: Cap] {
  c in s.caps
  n not in s.caps and n.holder = c.holder and n.obj = c.obj and n.rights = c.rights and n.badge = c.badge
  t.caps = s.caps + n and t.cdt = s.cdt + n -> c.(s.cdt) and t.origin = n -> c
  sameProcs[s, t] and sameObjs[s, t]
}

/* fork p -> k: k's table is a copy of p's, each copy a sibling of its source */
pred fork[s, t: State, p, k: Proc] {
  p in s.live and k not in s.born and k.forkParent = p
  let src = s.caps & holder.p, new = t.caps - s.caps {
    s.caps in t.caps
    new.holder in k
    t.origin in new -> src
    all n: new | one n.(t.origin)
    all c: src | one (t.origin).c
    all n: new | let c = n.(t.origin) |
      n.obj = c.obj and n.rights = c.rights and n.badge = c.badge
    t.cdt = s.cdt + { n: new, a: Cap | a in n.(t.origin).(s.cdt) }
  }
  t.born = s.born + k and t.live = s.live + k
  sameObjs[s, t]
}

/*
 * Removing the capabilities gone (a set, all in s.caps): each survivor whose parent
 * is gone gets its nearest ancestor that survives (close moves children up; exit
 * closes a whole table at once, which is the same as closing it slot by slot).
 */
pred removeMovingUp[s, t: State, gone: set Cap] {
  t.caps = s.caps - gone
  t.cdt.Cap in t.caps
  all d: t.caps | let anc = d.^(s.cdt) - gone | d.(t.cdt) = anc - anc.^(s.cdt)
  no t.origin
}

/* close c */
pred close[s, t: State, c: Cap] {
  c in s.caps
  removeMovingUp[s, t, c]
  sameProcs[s, t] and sameObjs[s, t]
}

/* cap_revoke c: every descendant of c goes, in every table; c stays */
pred revoke[m: Mode, s, t: State, c: Cap] {
  c in s.caps
  let gone = (m = RevokeSkipsGrandchildren implies c.~(s.cdt) else c.^~(s.cdt)) {
    t.caps = s.caps - gone
    t.cdt = t.caps <: s.cdt       -- survivors keep their parent (the weakened one leaves dangling edges)
  }
  no t.origin
  sameProcs[s, t] and sameObjs[s, t]
}

/* exit p: the whole table closes */
pred exit[s, t: State, p: Proc] {
  p in s.live
  removeMovingUp[s, t, s.caps & holder.p]
  t.born = s.born and t.live = s.live - p
  sameObjs[s, t]
}

/* object destruction (the hook): every capability naming o goes (its subtrees name o too) */
pred destroyObject[s, t: State, o: Obj] {
  o in s.objs
  removeMovingUp[s, t, s.caps & obj.o]
  t.objs = s.objs - o and t.made = s.made
  sameProcs[s, t]
}

pred stutter[s, t: State] {
  sameProcs[s, t] and sameObjs[s, t] and t.caps = s.caps and t.cdt = s.cdt and no t.origin
}

pred step[m: Mode, s, t: State] {
  stutter[s, t]
  or (some p: Proc, o: Obj, n: Cap | nsOpen[s, t, p, o, n])
  or (some c, n: Cap | derive[m, s, t, c, n])
  or (some c, n: Cap, q: Proc | grant[m, s, t, c, q, n])
  or (some c, n: Cap | dup[s, t, c, n])
  or (some p, k: Proc | fork[s, t, p, k])
  or (some c: Cap | close[s, t, c])
  or (some c: Cap | revoke[m, s, t, c])
  or (some p: Proc | exit[s, t, p])
  or (some o: Obj | destroyObject[s, t, o])
}

/* the start: some processes, no object, no capability */
pred init[s: State] {
  some s.live and s.born = s.live and no s.made and no s.objs and no s.caps and no s.cdt and no s.origin
}

pred traces[m: Mode] {
  init[first]
  all s: State - last | step[m, s, s.next]
}

/* ---------------------------------------------------------------- confinement */

/* holders of authority over o in s */
fun holders[s: State, o: Obj]: set Proc { (s.caps & obj.o).holder }

/* s has a capability over o that carries the grant right */
pred grantable[s: State, o: Obj] { some c: s.caps | c.obj = o and Grant in c.rights }

/* p opened o in the step from v: a capability over o new in v.next, held by p, from no source */
pred openedAt[v: State, p: Proc, o: Obj] {
  v != last
  some n: v.next.caps - v.caps | n.obj = o and n.holder = p and no n.(v.next.origin)
}

/*
 * AuthorityConfined (the take-grant question): from any state s to a later u, as long
 * as no capability over o carries `grant`, authority over o reaches only the holders of
 * s, the processes that opened o themselves (ns_open) in between, and the processes
 * forked from those; it reaches anyone else only along a grant from a capability with
 * the right.
 */
pred AuthorityConfined {
  all s: State, u: s.nexts, o: s.objs | let between = s + (s.nexts & u.prevs) |
    (all v: between | not grantable[v, o]) implies
      holders[u, o] in (holders[s, o] + { p: Proc | some v: between | openedAt[v, p, o] }).*~forkParent
}

/* step form: every pair (holder, object) new in a step is explained by that step */
pred AuthorityJustified {
  all s: State - last, p: Proc, o: Obj | let t = s.next |
    (p in holders[t, o] and p not in holders[s, o]) implies
      openedAt[s, p, o]                                     -- ns_open by p
      or (p not in s.born and p.forkParent in holders[s, o]) -- fork copy
      or grantable[s, o]                                    -- a grant from a capability with the right
}

/* copies carry their source's badge (and rights for dup, fork and grant) */
pred CopiesCarryBadge {
  all t: State, n: t.caps | let c = n.(t.origin) | some c.badge implies n.badge = c.badge
}

/* after cap_revoke c no descendant of c exists, and only descendants were removed */
pred RevokeRemovesDescendants[m: Mode] {
  all s: State - last, c: Cap | revoke[m, s, s.next, c] implies
    (no c.^~(s.cdt) & s.next.caps and s.caps - s.next.caps = c.^~(s.cdt) and c in s.next.caps)
}

/* after close c, its former children have its former parent, nothing else changed parent */
pred CloseMovesChildrenUp {
  all s: State - last, c: Cap | close[s, s.next, c] implies
    (all k: c.~(s.cdt) | k.(s.next.cdt) = c.(s.cdt)) and
    (all d: s.next.caps - c.~(s.cdt) | d.(s.next.cdt) = d.(s.cdt))
}

/* ---------------------------------------------------------------- checks */
/*
 * Scope of every command: 2 processes, 2 objects, 2 badges, 4 capabilities (atoms: a
 * trace makes at most 4 distinct capabilities), traces of exactly 5 states (4 steps
 * after the empty start). Each weakened variant is found within this scope, so the
 * expect-0 checks are not vacuous at this size (each of them needs at least 4 steps
 * and 3 capabilities). docs/capability-confinement.md has the solve times, and those
 * of a larger scope (3 processes, 5 capabilities, 6 states).
 */

assert RightsNeverGrowHolds { traces[Correct] implies all s: State | RightsNeverGrow[s] }
check RightsNeverGrowHolds for 4 but 2 Proc, 2 Obj, 2 Badge, exactly 5 State expect 0

assert DescendantsSameObjectHolds { traces[Correct] implies all s: State | DescendantsSameObject[s] }
check DescendantsSameObjectHolds for 4 but 2 Proc, 2 Obj, 2 Badge, exactly 5 State expect 0

assert EdgesBetweenLiveCapsHolds { traces[Correct] implies all s: State | EdgesBetweenLiveCaps[s] }
check EdgesBetweenLiveCapsHolds for 4 but 2 Proc, 2 Obj, 2 Badge, exactly 5 State expect 0

assert DerivationIsForestHolds { traces[Correct] implies all s: State | DerivationIsForest[s] }
check DerivationIsForestHolds for 4 but 2 Proc, 2 Obj, 2 Badge, exactly 5 State expect 0

assert CapsNameLiveObjectsHolds { traces[Correct] implies all s: State | CapsNameLiveObjects[s] }
check CapsNameLiveObjectsHolds for 4 but 2 Proc, 2 Obj, 2 Badge, exactly 5 State expect 0

assert BadgeInheritedHolds { traces[Correct] implies all s: State | BadgeInherited[s] }
check BadgeInheritedHolds for 4 but 2 Proc, 2 Obj, 2 Badge, exactly 5 State expect 0

assert CopiesCarryBadgeHolds { traces[Correct] implies CopiesCarryBadge }
check CopiesCarryBadgeHolds for 4 but 2 Proc, 2 Obj, 2 Badge, exactly 5 State expect 0

assert AuthorityConfinedHolds { traces[Correct] implies AuthorityConfined }
check AuthorityConfinedHolds for 4 but 2 Proc, 2 Obj, 2 Badge, exactly 5 State expect 0

assert AuthorityJustifiedHolds { traces[Correct] implies AuthorityJustified }
check AuthorityJustifiedHolds for 4 but 2 Proc, 2 Obj, 2 Badge, exactly 5 State expect 0

assert RevokeRemovesDescendantsHolds { traces[Correct] implies RevokeRemovesDescendants[Correct] }
check RevokeRemovesDescendantsHolds for 4 but 2 Proc, 2 Obj, 2 Badge, exactly 5 State expect 0

assert CloseMovesChildrenUpHolds { traces[Correct] implies CloseMovesChildrenUp }
check CloseMovesChildrenUpHolds for 4 but 2 Proc, 2 Obj, 2 Badge, exactly 5 State expect 0

/* the checks are not vacuous: a trace exists that derives, grants and revokes */
run SomeDelegation {
  traces[Correct]
  some s: State - last, c, n: Cap, q: Proc | grant[Correct, s, s.next, c, q, n] and q != c.holder
  some s: State - last, c: Cap | revoke[Correct, s, s.next, c] and some s.caps - s.next.caps
} for 4 but 2 Proc, 2 Obj, 2 Badge, exactly 5 State expect 1

/* weakened: a grant without the grant right lets authority escape confinement */
assert GrantWithoutRightConfined { traces[GrantWithoutRight] implies AuthorityConfined }
check GrantWithoutRightConfined for 4 but 2 Proc, 2 Obj, 2 Badge, exactly 5 State expect 1

/* weakened: a derive that keeps a right (w) the source lacks breaks RightsNeverGrow */
assert DeriveAmplifiesRightsNeverGrow { traces[DeriveAmplifies] implies all s: State | RightsNeverGrow[s] }
check DeriveAmplifiesRightsNeverGrow for 4 but 2 Proc, 2 Obj, 2 Badge, exactly 5 State expect 1

/* weakened: a revoke that removes only the children leaves grandchildren (dangling edges) */
assert RevokeSkipsGrandchildrenRemoves { traces[RevokeSkipsGrandchildren] implies
  RevokeRemovesDescendants[RevokeSkipsGrandchildren] }
check RevokeSkipsGrandchildrenRemoves for 4 but 2 Proc, 2 Obj, 2 Badge, exactly 5 State expect 1

assert RevokeSkipsGrandchildrenEdges { traces[RevokeSkipsGrandchildren] implies
  all s: State | EdgesBetweenLiveCaps[s] }
check RevokeSkipsGrandchildrenEdges for 4 but 2 Proc, 2 Obj, 2 Badge, exactly 5 State expect 1

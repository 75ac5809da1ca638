package capsid.kernel.process;

import capsid.kernel.cap.CapTable;
import capsid.kernel.cap.Capability;
import capsid.kernel.ns.Namespace;
import capsid.kernel.util.LongMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The kernel's state invariants for processes, pid namespaces and capability
 * tables, checked over the whole state (O(state); for tests, {@code invariants}
 * steps and campaigns, never on the syscall path). Violations are reported as
 * {@code "Name: detail"} lines. Each is shown to fail by a test that breaks the
 * state on purpose ({@code InvariantsCatchBrokenStateTest}).
 *
 * <p>The checks in {@link #SPEC_NAMES} mirror the spec invariant of the same name
 * (spec/NamespaceUnshare.tla), stated on the kernel's own state; the spec-link check
 * (refinement's {@code SpecLinks}) fails when a name is missing on either side. The
 * ones in {@link #KERNEL_ONLY} guard the kernel's own data structures (links, lists,
 * capability tables), which the spec does not have.
 */
public final class Invariants {
    /** The invariants that mirror a NamespaceUnshare invariant, by its name. */
    public static final List<String> SPEC_NAMES = List.of(
            "TypeOK", "PidsUniquePerNamespace", "VisibleExactlyInOwnAndAncestors", "PidOneIsInit",
            "SetnsOnlyBelow", "DeadNamespaceEmpty", "DepthBound", "JailHolds", "EveryOrphanAdopted");
    /** The invariants of the kernel's own structures (no spec counterpart). */
    public static final List<String> KERNEL_ONLY = List.of(
            "ParentChildLinks", "ZombiesInExitOrder", "ZombieHoldsNothing", "JailInherited", "CapTableConsistent",
            "DerivationForest");
    /** Every invariant name: the spec's twins, then the kernel's own. */
    public static final List<String> NAMES = java.util.stream.Stream.concat(SPEC_NAMES.stream(),
            KERNEL_ONLY.stream()).toList();

    private final ProcessTable table;
    private final List<String> out = new ArrayList<>();
    /**
     * Null for a full check; else the check is partial ({@link #checkChanged}): the
     * pid table entries to check (namespace, pid) instead of every entry of every
     * namespace, and processes that left the task table whose entries may remain.
     */
    private final Changed changed;

    /**
     * What a partial check covers beyond its processes: the pid table entries that
     * were put or removed, and the marked processes no longer in the task table.
     */
    record Changed(List<PidNamespace> entryNs, int[] entryPids, int entries, List<Process> gone,
                   List<PidNamespace> namespaces, List<Capability> caps) {
    }

    private Invariants(ProcessTable table, Changed changed) {
        this.table = table;
        this.changed = changed;
    }

    /** Every violation in {@code table}'s state; empty when all invariants hold. */
    public static List<String> check(ProcessTable table) {
        Invariants inv = new Invariants(table, null);
        inv.run();
        return inv.out;
    }

    /**
     * The same checks, run only on {@code procs} (processes in the task table), the
     * pid namespaces of {@code changed} and theirs, and the entries of {@code
     * changed}: what a state that satisfied every invariant can have broken when
     * only those changed (IncrementalInvariants says which; its messages are not
     * sorted, and a finding is reported through a full check).
     */
    static List<String> checkChanged(ProcessTable table, List<Process> procs, Changed changed) {
        Invariants inv = new Invariants(table, changed);
        inv.runOn(procs);
        return inv.out;
    }

    private void fail(String name, String detail) {
        out.add(name + ": " + detail);
    }

    /**
     * Every check, first over the task table in its own order (no sorting, no
     * lookups); only when something is found, again by task id, so that a broken
     * state always gets the same report.
     */
    private void run() {
        LongMap<Process> tasks = table.taskMap();
        List<Process> procs = new ArrayList<>(tasks.size());
        for (int s = 0; s < tasks.slots(); s++) {
            Process p = tasks.valueAt(s);
            if (p != null) {
                procs.add(p);
            }
        }
        runOn(procs);
        if (!out.isEmpty()) {
            out.clear();
            procs.clear();
            for (long tid : table.taskIds()) {
                procs.add(table.task(tid));
            }
            runOn(procs);
        }
    }

    private void runOn(List<Process> procs) {
        List<PidNamespace> namespaces = pidNamespaces(procs);
        if (changed != null) {
            Set<PidNamespace> have = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            have.addAll(namespaces);
            for (PidNamespace n : changed.namespaces()) {
                addWithAncestors(have, namespaces, n);
            }
        }
        typeOK(procs);
        pidTables(procs, namespaces);
        pidOneIsInit(namespaces);
        setnsOnlyBelow(procs);
        parentChildLinks(procs);
        zombies(procs);
        deadNamespaceEmpty(namespaces);
        depth(namespaces);
        jail(procs);
        caps(procs);
    }

    /**
     * Every pid namespace reachable from a process or a capability, with its
     * ancestors, each once, in the order met (processes by task id, then slots).
     */
    private List<PidNamespace> pidNamespaces(List<Process> procs) {
        Set<PidNamespace> all = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        List<PidNamespace> inOrder = new ArrayList<>();
        PidNamespace last = null;
        for (Process p : procs) {
            if (p.ns != last) { // processes in a row mostly share theirs
                addWithAncestors(all, inOrder, p.ns);
                last = p.ns;
            }
            if (p.nsForChildren != null && p.nsForChildren != p.ns) {
                addWithAncestors(all, inOrder, p.nsForChildren);
            }
            if (p.caps != null) {
                for (int fd = 0; fd < p.caps.span(); fd++) {
                    Capability c = p.caps.get(fd);
                    if (c != null && c.object() instanceof PidNamespace n) {
                        addWithAncestors(all, inOrder, n);
                    }
                }
            }
        }
        return inOrder;
    }

    private static void addWithAncestors(Set<PidNamespace> all, List<PidNamespace> inOrder, PidNamespace n) {
        for (PidNamespace a = n; a != null && all.add(a); a = a.parent) {
            inOrder.add(a); // walk up until a namespace already seen
        }
    }

    /**
     * TypeOK, the kernel's side of it: the task table holds live and zombie tasks
     * only, the root init is live, the root namespace lists every task, and each task
     * has one pid per level of its namespace (the spec's {@code Len(pids[t])}).
     */
    private void typeOK(List<Process> procs) {
        for (Process p : procs) {
            if (p.state == Process.State.REAPED) {
                fail("TypeOK", p + " is reaped but still in the task table");
            }
            if (p.pids.length != p.ns.level + 1) {
                fail("TypeOK", p + " has " + p.pids.length + " pid levels, namespace level is " + p.ns.level);
            }
        }
        if (table.init().state != Process.State.LIVE) {
            fail("TypeOK", "the root init is not live");
        }
        if (table.rootNs().procs.size() != table.taskCount()) {
            fail("TypeOK", "root namespace holds " + table.rootNs().procs.size() + " pids but the task table "
                    + table.taskCount() + " tasks");
        }
    }

    private void pidTables(List<Process> procs, List<PidNamespace> namespaces) {
        for (Process p : procs) {
            if (p.pids.length != p.ns.level + 1) {
                continue; // TypeOK's finding
            }
            for (int i = 0; i <= p.ns.level; i++) {
                PidNamespace n = p.ns.path[i];
                if (n.procs.get(p.pids[i]) != p) {
                    fail("VisibleExactlyInOwnAndAncestors", p + " has pid " + p.pids[i] + " at level " + i + " but "
                            + n + " maps that pid to " + n.procs.get(p.pids[i]));
                }
                if (p.pids[i] <= 0 || p.pids[i] >= table.config().pidMax()) {
                    fail("PidsUniquePerNamespace", p + " has out-of-range pid " + p.pids[i]);
                }
            }
        }
        if (changed != null) {
            changedEntries();
            return;
        }
        for (PidNamespace n : namespaces) {
            // table order first (no sorting); on a finding, again in pid order for a stable report
            int before = out.size();
            for (int s = 0; s < n.procs.slots(); s++) {
                Process p = n.procs.valueAt(s);
                if (p != null) {
                    pidEntry(n, n.procs.keyAt(s), p);
                }
            }
            if (out.size() != before) {
                out.subList(before, out.size()).clear();
                for (int pid : n.procs.sortedKeys()) {
                    pidEntry(n, pid, n.procs.get(pid));
                }
            }
        }
    }

    /** A partial check's entries: those put or removed, and those still naming a process that left the table. */
    private void changedEntries() {
        for (int i = 0; i < changed.entries(); i++) {
            PidNamespace n = changed.entryNs().get(i);
            int pid = changed.entryPids()[i];
            Process p = n.procs.get(pid);
            if (p != null) {
                pidEntry(n, pid, p);
            }
        }
        for (Process g : changed.gone()) {
            for (int i = 0; i < g.pids.length && i <= g.ns.level; i++) {
                PidNamespace n = g.ns.path[i];
                if (n.procs.get(g.pids[i]) == g) {
                    pidEntry(n, g.pids[i], g);
                }
            }
        }
    }

    private void pidEntry(PidNamespace n, int pid, Process p) {
        if (!p.ns.hasAncestorOrSelf(n)) {
            fail("VisibleExactlyInOwnAndAncestors", p + " is listed as pid " + pid + " in " + n
                    + ", which is neither its namespace nor an ancestor of it");
        } else if (p.pids[n.level] != pid) {
            fail("PidsUniquePerNamespace", n + " maps pid " + pid + " to " + p + " whose pid there is "
                    + p.pids[n.level]);
        }
        if (table.task(p.tid) != p) {
            fail("TypeOK", n + " maps pid " + pid + " to " + p + ", which is not in the task table");
        }
    }

    private void pidOneIsInit(List<PidNamespace> namespaces) {
        for (PidNamespace n : namespaces) {
            Process one = n.procs.get(1);
            if (n.init != null) {
                if (n.init.ns != n) {
                    fail("PidOneIsInit", n + "'s init " + n.init + " lives in " + n.init.ns);
                } else if (one != n.init) {
                    fail("PidOneIsInit", n + "'s init " + n.init + " does not hold pid 1 (" + one + " does)");
                }
            } else if (one != null && n != table.rootNs()) {
                fail("PidOneIsInit", n + " has pid 1 (" + one + ") but no init");
            }
            if (n.init == null && !n.initDead && !n.procs.isEmpty()) {
                fail("PidOneIsInit", n + " has processes but no init");
            }
        }
    }

    /** SetnsOnlyBelow: a live process's namespace for children is its own pid namespace or one below it. */
    private void setnsOnlyBelow(List<Process> procs) {
        for (Process p : procs) {
            if (p.state == Process.State.LIVE && p.nsForChildren != null && !p.nsForChildren.hasAncestorOrSelf(p.ns)) {
                fail("SetnsOnlyBelow", p + "'s namespace for children " + p.nsForChildren + " is neither its own "
                        + p.ns + " nor below it");
            }
        }
    }

    /**
     * Parent and child links agree. The per-parent count of processes naming it
     * needs a map; it is built only when the cheap pass finds something or the
     * totals disagree: when every listed child points back (else a finding), each
     * list is a subset of its claimers, so equal totals mean equal counts.
     */
    private void parentChildLinks(List<Process> procs) {
        int before = out.size();
        int claims = 0;
        for (Process p : procs) {
            if (p.parent != null) {
                claims++;
            }
        }
        if (changed != null) {
            parentChildLinks(procs, null);
            claimsListed(procs);
            return;
        }
        if (parentChildLinks(procs, null) == claims && out.size() == before) {
            return;
        }
        out.subList(before, out.size()).clear();
        Map<Process, Integer> claimed = new IdentityHashMap<>();
        for (Process p : procs) {
            if (p.parent != null) {
                claimed.merge(p.parent, 1, Integer::sum);
            }
        }
        parentChildLinks(procs, claimed);
    }

    /**
     * A partial check's claims: each of {@code procs} that names a parent is in that
     * parent's list. With every listed child pointing back (checked), that is what
     * equal claims and lists per parent say, for the claimers that changed (the
     * others were listed before, and leave a list only through a change of theirs).
     */
    private void claimsListed(List<Process> procs) {
        for (Process k : procs) {
            if (k.parent == null) {
                continue;
            }
            int walked = 0;
            Process c = k.parent.firstChild;
            while (c != null && c != k && walked++ <= table.taskCount()) {
                c = c.nextSibling;
            }
            if (c != k) {
                fail("ParentChildLinks", k + " names " + k.parent + " as parent but is not in its list");
            }
        }
    }

    /** The checks, with the claims compared per parent when {@code claimed} is given; returns the children listed. */
    private int parentChildLinks(List<Process> procs, Map<Process, Integer> claimed) {
        int listedTotal = 0;
        for (Process p : procs) {
            if (p == table.init()) {
                if (p.parent != null) {
                    fail("ParentChildLinks", "the root init has a parent");
                }
            } else if (p.parent == null) {
                fail("EveryOrphanAdopted", p + " has no parent");
            } else {
                if (p.parent.state != Process.State.LIVE) {
                    fail("EveryOrphanAdopted", p + "'s parent " + p.parent + " is " + p.parent.state);
                }
                if (!p.ns.hasAncestorOrSelf(p.parent.ns)) {
                    fail("ParentChildLinks", p + " is not visible to its parent " + p.parent);
                }
            }
            int n = 0;
            Process prev = null;
            for (Process k = p.firstChild; k != null; k = k.nextSibling) {
                if (k.parent != p) {
                    fail("ParentChildLinks", k + " is listed as a child of " + p + " but its parent is " + k.parent);
                }
                if (k.prevSibling != prev) {
                    fail("ParentChildLinks", "broken back link at " + k + " among " + p + "'s children");
                }
                prev = k;
                if (++n > table.taskCount()) {
                    fail("ParentChildLinks", p + "'s children list has a cycle");
                    break;
                }
            }
            if (prev != p.lastChild) {
                fail("ParentChildLinks", p + "'s last child link is wrong");
            }
            if (n != p.childCount) {
                fail("ParentChildLinks", p + " counts " + p.childCount + " children but lists " + n);
            }
            listedTotal += n;
            int claims = claimed == null ? n : claimed.getOrDefault(p, 0);
            if (claims != n) {
                // every listed child points back (checked above), so a difference means
                // some process names p as parent without being in p's list
                fail("ParentChildLinks", claims + " processes name " + p + " as parent but it lists " + n);
            }
        }
        return listedTotal;
    }

    private void zombies(List<Process> procs) {
        for (Process p : procs) {
            // most processes have no zombies: no set to build for them
            Set<Process> listed = p.firstZombie == null ? Set.of()
                    : java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            long last = -1;
            Process prev = null;
            for (Process z = p.firstZombie; z != null; z = z.nextZombie) {
                if (!listed.add(z)) {
                    fail("ZombiesInExitOrder", p + "'s zombie list has a cycle");
                    break;
                }
                if (z.state != Process.State.ZOMBIE || z.parent != p) {
                    fail("ZombiesInExitOrder", z + " is in " + p + "'s zombie list but is " + z.state
                            + " with parent " + z.parent);
                }
                if (z.exitSeq <= last) {
                    fail("ZombiesInExitOrder", p + "'s zombies are not in exit order at " + z);
                }
                if (z.prevZombie != prev) {
                    fail("ZombiesInExitOrder", "broken back link at " + z);
                }
                prev = z;
                last = z.exitSeq;
            }
            if (prev != p.lastZombie) {
                fail("ZombiesInExitOrder", p + "'s last zombie link is wrong");
            }
            int walked = 0;
            // bounded: a cyclic children list is ParentChildLinks' finding, not a hang here
            for (Process k = p.firstChild; k != null && walked++ <= table.taskCount(); k = k.nextSibling) {
                if (k.state == Process.State.ZOMBIE && !listed.contains(k)) {
                    fail("ZombiesInExitOrder", "zombie " + k + " is missing from " + p + "'s zombie list");
                }
            }
            if (p.state == Process.State.ZOMBIE) {
                if (p.caps != null || p.uts != null || p.mnt != null || p.ipc != null || p.net != null
                        || p.user != null || p.nsForChildren != null) {
                    fail("ZombieHoldsNothing", "zombie " + p + " still holds capabilities or namespaces");
                }
                if (p.childCount != 0) {
                    fail("ZombieHoldsNothing", "zombie " + p + " still has children");
                }
            } else if (p.caps == null || p.uts == null || p.mnt == null || p.ipc == null || p.net == null
                    || p.user == null || p.nsForChildren == null) {
                fail("ZombieHoldsNothing", "live " + p + " lacks a capability table or a namespace");
            }
        }
    }

    /** DeadNamespaceEmpty: once a namespace's init died, nothing but the init's zombie is left in it. */
    private void deadNamespaceEmpty(List<PidNamespace> namespaces) {
        for (PidNamespace n : namespaces) {
            if (!n.initDead) {
                continue;
            }
            for (int pid : n.procs.sortedKeys()) {
                Process p = n.procs.get(pid);
                if (p.state == Process.State.LIVE) {
                    fail("DeadNamespaceEmpty", n + " lost its init but still holds live " + p);
                } else if (p != n.init) {
                    fail("DeadNamespaceEmpty", n + " lost its init but still holds zombie " + p);
                }
            }
        }
    }

    private void depth(List<PidNamespace> namespaces) {
        for (PidNamespace n : namespaces) {
            if (n.level > table.config().pidNsLevels()) {
                fail("DepthBound", n + " is at level " + n.level);
            }
            if ((n.parent == null) != (n == table.rootNs())) {
                fail("DepthBound", n + " is a second root namespace");
            }
        }
    }

    /**
     * JailHolds: a live jailed process is in the namespaces it was jailed in.
     * JailInherited (kernel-only; the spec's Fork copies the jail): a live process
     * forked by a jailed one after it was jailed is jailed too.
     */
    private void jail(List<Process> procs) {
        for (Process p : procs) {
            if (p.state != Process.State.LIVE || p.jail == null) {
                continue;
            }
            Process.Jail j = p.jail;
            if (j.ns() != p.ns || j.nsForChildren() != p.nsForChildren || j.uts() != p.uts || j.mnt() != p.mnt
                    || j.ipc() != p.ipc || j.net() != p.net || j.user() != p.user) {
                fail("JailHolds", "jailed " + p + " left the namespaces it was jailed in");
            }
        }
        for (Process k : procs) {
            Process creator = table.task(k.creator);
            if (k.state == Process.State.LIVE && k.jail == null && creator != null && creator.jailTid != 0
                    && k.tid >= creator.jailTid) {
                fail("JailInherited", k + " was forked by jailed " + creator + " but is not jailed");
            }
        }
    }

    private void caps(List<Process> procs) {
        boolean links = false;
        for (Process p : procs) {
            CapTable t = p.caps;
            if (t == null) {
                continue;
            }
            if (t.owner() != p.tid) {
                fail("CapTableConsistent", p + "'s table belongs to task " + t.owner());
            }
            int n = 0;
            for (int fd = 0; fd < t.span(); fd++) {
                Capability c = t.get(fd);
                if (c == null) {
                    continue;
                }
                n++;
                links |= c.parent() != null || c.firstChild() != null;
                if (c.table() != t || c.slot() != fd) {
                    fail("CapTableConsistent", p + " fd " + fd + " points back to slot " + c.slot());
                }
                if (!(c.object() instanceof Namespace)) {
                    fail("CapTableConsistent", p + " fd " + fd + " names an unknown object " + c.object());
                }
            }
            if (n != t.count()) {
                fail("CapTableConsistent", p + "'s table counts " + t.count() + " slots but holds " + n);
            }
        }
        if (changed != null) {
            changedDerivations(changed.caps());
        } else if (links) {
            derivations(procs);
        }
    }

    /** The derivation forest: only when some capability has a parent or children (roots alone form one). */
    private void derivations(List<Process> procs) {
        Map<Capability, Boolean> seen = new IdentityHashMap<>();
        List<Capability> inOrder = new ArrayList<>();
        for (Process p : procs) {
            CapTable t = p.caps;
            for (int fd = 0; t != null && fd < t.span(); fd++) {
                Capability c = t.get(fd);
                if (c != null && seen.put(c, Boolean.TRUE) == null) {
                    inOrder.add(c);
                }
            }
        }
        Map<Capability, Integer> claimedParent = new IdentityHashMap<>();
        for (Capability c : seen.keySet()) {
            if (c.parent() != null) {
                claimedParent.merge(c.parent(), 1, Integer::sum);
            }
        }
        Set<Capability> done = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        // in table order (tasks by id, slots by fd), not the identity map's order, so that
        // the same broken state always gets the same report
        for (Capability c : inOrder) {
            if (c.parent() == null && c.firstChild() == null && !claimedParent.containsKey(c)) {
                done.add(c); // a root without children: no path to walk, nothing listed or claimed
                continue;
            }
            Set<Capability> path = new HashSet<>();
            for (Capability a = c; a != null && !done.contains(a); a = a.parent()) {
                if (!path.add(a)) {
                    fail("DerivationForest", "capability derivation cycle through " + label(c));
                    break;
                }
                if (a.parent() != null && !seen.containsKey(a.parent())) {
                    fail("DerivationForest", label(a) + "'s parent is in no table");
                }
            }
            done.addAll(path);
            int listed = 0;
            for (Capability k : c.children()) {
                listed++;
                if (k.parent() != c) {
                    fail("DerivationForest", label(k) + " is listed under " + label(c) + " but has another parent");
                }
                if (!seen.containsKey(k)) {
                    fail("DerivationForest", "a closed capability is listed under " + label(c));
                }
            }
            int claims = claimedParent.getOrDefault(c, 0);
            if (claims != listed) {
                fail("DerivationForest", claims + " capabilities name " + label(c) + " as parent but it lists "
                        + listed);
            }
        }
    }

    /**
     * A partial check's derivation forest, on {@code caps} (the capabilities of the
     * changed tables and their parents and children): for each one in a table, the
     * walk up finds no cycle and no parent outside every table, its children point
     * back and are in tables, and its parent lists it. The full check's counts per
     * parent follow, as in {@link #claimsListed}.
     */
    private void changedDerivations(List<Capability> caps) {
        for (Capability c : caps) {
            if (!inTable(c)) {
                continue;
            }
            Set<Capability> path = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            for (Capability a = c; a != null; a = a.parent()) {
                if (!path.add(a)) {
                    fail("DerivationForest", "capability derivation cycle through " + label(c));
                    break;
                }
                if (a.parent() != null && !inTable(a.parent())) {
                    fail("DerivationForest", label(a) + "'s parent is in no table");
                }
            }
            for (Capability k = c.firstChild(); k != null; k = k.nextSibling()) {
                if (k.parent() != c) {
                    fail("DerivationForest", label(k) + " is listed under " + label(c) + " but has another parent");
                }
                if (!inTable(k)) {
                    fail("DerivationForest", "a closed capability is listed under " + label(c));
                }
            }
            Capability up = c.parent();
            if (up != null) {
                Capability k = up.firstChild();
                while (k != null && k != c) {
                    k = k.nextSibling();
                }
                if (k == null) {
                    fail("DerivationForest", label(c) + " names " + label(up) + " as parent but is not listed there");
                }
            }
        }
    }

    /** True when {@code c} sits in its slot of the table of a process in the task table. */
    private boolean inTable(Capability c) {
        CapTable t = c.table();
        if (t == null || t.get(c.slot()) != c) {
            return false;
        }
        Process q = table.task(t.owner());
        return q != null && q.caps == t;
    }

    private static String label(Capability c) {
        return c.table() == null ? "closed capability" : "task " + c.table().owner() + " fd " + c.slot();
    }
}

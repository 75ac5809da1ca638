package capsid.kernel.process;

import capsid.kernel.cap.CapInvariants;
import capsid.kernel.cap.CapTable;
import capsid.kernel.cap.Capability;
import capsid.kernel.util.DirtySet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The kernel invariants, re-checked on what changed since the last check: the
 * processes, pid namespaces, pid table entries and capability tables the mutators
 * marked ({@link DirtySet}), and what depends on them. Sound when the state the last
 * check saw satisfied every invariant (a campaign stops at the first finding) and no
 * mutator writes without marking (IncrementalInvariantsTest compares with the full
 * check on every state of generated programs, and catches a mutator made to forget
 * its mark).
 *
 * <p>What is re-checked, for a marked process p: p itself (in the task table),
 * its parent and its children (their links and EveryOrphanAdopted read p), the
 * namespaces it is in or names, with their ancestors; for a process that left the
 * table, its parent and children and any pid entry still naming it; for a marked
 * namespace, its own checks; for a marked pid entry, the entry; for a marked
 * capability table, its owner and each capability in it with its parent and
 * children. The global counts (root namespace size against the task table) are
 * O(1) and always checked.
 */
public final class IncrementalInvariants {
    private final ProcessTable table;
    private DirtySet.Sink sink;

    public IncrementalInvariants(ProcessTable table) {
        this.table = table;
    }

    /**
     * The violations among what changed since the last call, in no particular
     * order; the first call (and one after marks overflowed) checks everything. On a
     * finding, {@code Kernel} reports the full check instead, so a report does not
     * depend on which way it was found.
     */
    public List<String> check(java.util.function.Supplier<List<CapTable>> liveTables) {
        if (sink == null || sink.overflowed()) {
            if (sink == null) {
                sink = table.objectIndex().dirty().open();
            }
            sink.clear();
            List<String> out = new ArrayList<>(Invariants.check(table));
            out.addAll(CapInvariants.check(liveTables.get()));
            return out;
        }
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Process> inProcs = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Process> procs = new ArrayList<>();
        List<Process> gone = new ArrayList<>();
        List<PidNamespace> namespaces = new ArrayList<>();
        List<PidNamespace> entryNs = new ArrayList<>();
        int[] entryPids = new int[8];
        List<CapTable> tables = new ArrayList<>();
        for (int i = 0; i < sink.size(); i++) {
            Object o = sink.object(i);
            if (o instanceof PidNamespace n) {
                int key = sink.key(i);
                if (key != DirtySet.NO_KEY) {
                    if (entryNs.size() == entryPids.length) {
                        entryPids = java.util.Arrays.copyOf(entryPids, entryPids.length * 2);
                    }
                    entryPids[entryNs.size()] = key;
                    entryNs.add(n);
                }
                if (seen.add(n)) {
                    namespaces.add(n);
                }
            } else if (o instanceof Process p) {
                if (!seen.add(p)) {
                    continue;
                }
                if (table.task(p.tid) == p) {
                    add(procs, inProcs, p);
                } else {
                    gone.add(p);
                }
                add(procs, inProcs, p.parent);
                int walked = 0;
                for (Process k = p.firstChild; k != null && walked++ <= table.taskCount(); k = k.nextSibling) {
                    add(procs, inProcs, k);
                }
            } else if (o instanceof CapTable t && seen.add(t)) {
                tables.add(t);
                add(procs, inProcs, table.task(t.owner()));
            }
        }
        sink.clear();
        List<Capability> caps = new ArrayList<>();
        Set<Capability> capSeen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (CapTable t : tables) {
            for (int fd = 0; fd < t.span(); fd++) {
                Capability c = t.get(fd);
                if (c == null) {
                    continue;
                }
                addCap(caps, capSeen, c);
                addCap(caps, capSeen, c.parent());
                for (Capability k = c.firstChild(); k != null; k = k.nextSibling()) {
                    addCap(caps, capSeen, k);
                }
            }
        }
        Invariants.Changed changed = new Invariants.Changed(entryNs, entryPids, entryNs.size(), gone, namespaces,
                caps);
        List<String> out = Invariants.checkChanged(table, procs, changed);
        List<String> capFindings = CapInvariants.checkChanged(caps, this::liveTable);
        if (capFindings.isEmpty()) {
            return out;
        }
        List<String> all = new ArrayList<>(out);
        all.addAll(capFindings);
        return all;
    }

    /** True when {@code t} is the table of a live process in the task table (Kernel's live tables). */
    private boolean liveTable(CapTable t) {
        Process q = table.task(t.owner());
        return q != null && q.live() && q.caps == t;
    }

    /** Adds {@code p} once, when it is in the task table. */
    private void add(List<Process> procs, Set<Process> inProcs, Process p) {
        if (p != null && table.task(p.tid) == p && inProcs.add(p)) {
            procs.add(p);
        }
    }

    private static void addCap(List<Capability> caps, Set<Capability> seen, Capability c) {
        if (c != null && seen.add(c)) {
            caps.add(c);
        }
    }
}

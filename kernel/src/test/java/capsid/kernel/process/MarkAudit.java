package capsid.kernel.process;

import capsid.kernel.cap.CapTable;
import capsid.kernel.cap.Capability;
import capsid.kernel.ns.Namespace;
import capsid.kernel.util.DirtySet;
import capsid.kernel.util.IntMap;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The oracle for "no change escapes the dirty set": before a call it records every
 * field of every object the state reaches (processes, pid, uts and other
 * namespaces, capability tables and their capabilities, by reflection, so a field
 * added later is covered too), and after it names every object whose fields changed
 * but that no mutator marked (a capability's change must mark its table, a pid
 * table entry's change its namespace and the entry). New processes must be marked;
 * other new objects are reached only through a field of a marked one.
 *
 * <p>Not recorded: {@code CapTable.firstFree} (a search hint, no part of the state)
 * and a capability's {@code prevNamed}/{@code nextNamed} (the object index's list,
 * which neither the snapshot nor an invariant reads).
 */
final class MarkAudit {
    private static final Set<String> SKIPPED = Set.of("firstFree", "prevNamed", "nextNamed", "index");

    private final ProcessTable table;
    private final DirtySet.Sink sink;
    private Map<Object, String> before = new IdentityHashMap<>();
    private Map<Object, CapTable> capTableBefore = new IdentityHashMap<>();
    /** Per pid namespace, its entries before. */
    private Map<PidNamespace, Map<Integer, Process>> entriesBefore = new IdentityHashMap<>();

    MarkAudit(ProcessTable table) {
        this.table = table;
        this.sink = table.objectIndex().dirty().open();
        record();
    }

    /** Records the state now and forgets the marks so far: call before each call. */
    void record() {
        before = new IdentityHashMap<>();
        capTableBefore = new IdentityHashMap<>();
        entriesBefore = new IdentityHashMap<>();
        for (Object o : reachable()) {
            before.put(o, digest(o));
            if (o instanceof Capability c) {
                capTableBefore.put(c, c.table());
            }
            if (o instanceof PidNamespace n) {
                entriesBefore.put(n, entriesOf(n));
            }
        }
        sink.clear();
    }

    /** Every change since {@link #record()} that no mark covers, one line each; empty when all were marked. */
    List<String> unmarked() {
        Set<Object> marked = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<String> entries = new java.util.HashSet<>();
        for (int i = 0; i < sink.size(); i++) {
            marked.add(sink.object(i));
            if (sink.key(i) != DirtySet.NO_KEY) {
                entries.add(System.identityHashCode(sink.object(i)) + ":" + sink.key(i));
            }
        }
        List<String> out = new ArrayList<>();
        Set<Object> all = Collections.newSetFromMap(new IdentityHashMap<>());
        all.addAll(before.keySet());
        all.addAll(reachable());
        for (Object o : all) {
            String was = before.get(o);
            if (was == null) {
                if (o instanceof Process && !marked.contains(o)) {
                    out.add("new " + o + " is not marked");
                }
                continue;
            }
            String now = digest(o);
            if (was.equals(now)) {
                continue;
            }
            if (o instanceof Capability c) {
                CapTable t0 = capTableBefore.get(c);
                if (!(t0 != null && marked.contains(t0)) && !(c.table() != null && marked.contains(c.table()))) {
                    out.add("capability " + label(c, t0) + " changed but neither its table before nor after is marked");
                }
            } else if (!marked.contains(o)) {
                out.add(o + " changed but is not marked: " + was + " -> " + now);
            } else if (o instanceof PidNamespace n) {
                for (int pid : changedPids(was, now)) {
                    if (!entries.contains(System.identityHashCode(n) + ":" + pid)) {
                        out.add(n + "'s entry for pid " + pid + " changed but is not marked");
                    }
                    for (Process q : new Process[] {entriesBefore.get(n).get(pid), n.procs.get(pid)}) {
                        if (q != null && !marked.contains(q)) {
                            out.add(n + "'s entry for pid " + pid + " changed but " + q + ", mapped there before or"
                                    + " now, is not marked");
                        }
                    }
                }
            }
        }
        return out;
    }

    private static String label(Capability c, CapTable before) {
        CapTable t = c.table() != null ? c.table() : before;
        return t == null ? "(in no table)" : "task " + t.owner() + " fd " + c.slot();
    }

    /**
     * Marks every change since {@link #record()} as a correct mutator would (the
     * object, a capability's tables, a pid namespace's changed entries): for tests
     * that break a state by writing fields directly.
     */
    void markChanges() {
        DirtySet dirty = table.objectIndex().dirty();
        Set<Object> all = Collections.newSetFromMap(new IdentityHashMap<>());
        all.addAll(before.keySet());
        all.addAll(reachable());
        for (Object o : all) {
            String was = before.get(o);
            String now = digest(o);
            if (was != null && was.equals(now)) {
                continue;
            }
            if (o instanceof Capability c) {
                if (capTableBefore.get(c) != null) {
                    dirty.mark(capTableBefore.get(c));
                }
                if (c.table() != null) {
                    dirty.mark(c.table());
                }
                continue;
            }
            dirty.mark(o);
            if (o instanceof PidNamespace n && was != null) {
                for (int pid : changedPids(was, now)) {
                    dirty.mark(n, pid);
                    for (Process q : new Process[] {entriesBefore.get(n).get(pid), n.procs.get(pid)}) {
                        if (q != null) {
                            dirty.mark(q);
                        }
                    }
                }
            }
        }
    }

    /** Every object the state reaches now. */
    private List<Object> reachable() {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Object> out = new ArrayList<>();
        for (long tid : table.taskIds()) {
            Process p = table.task(tid);
            add(seen, out, p);
            for (Namespace n : new Namespace[] {p.ns, p.nsForChildren, p.uts, p.mnt, p.ipc, p.net, p.user}) {
                addNs(seen, out, n);
            }
            if (p.caps != null) {
                add(seen, out, p.caps);
                for (int fd = 0; fd < p.caps.span(); fd++) {
                    Capability c = p.caps.get(fd);
                    if (c != null) {
                        add(seen, out, c);
                        if (c.object() instanceof Namespace n) {
                            addNs(seen, out, n);
                        }
                    }
                }
            }
        }
        return out;
    }

    private static void addNs(Set<Object> seen, List<Object> out, Namespace n) {
        for (Namespace a = n; a != null && add(seen, out, a); a = a instanceof PidNamespace pn ? pn.parent : null) {
            // walk up until seen
        }
    }

    private static boolean add(Set<Object> seen, List<Object> out, Object o) {
        if (o == null || !seen.add(o)) {
            return false;
        }
        out.add(o);
        return true;
    }

    /** Every field of {@code o} (and its superclasses), references by identity. */
    static String digest(Object o) {
        StringBuilder sb = new StringBuilder(o.getClass().getSimpleName()).append('{');
        for (Class<?> k = o.getClass(); k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || SKIPPED.contains(f.getName())) {
                    continue;
                }
                f.setAccessible(true);
                try {
                    sb.append(f.getName()).append('=').append(token(f.get(o))).append(' ');
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return sb.append('}').toString();
    }

    private static String token(Object v) {
        if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String || v instanceof Enum
                || v instanceof Character) {
            return String.valueOf(v);
        }
        if (v.getClass().isArray()) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < Array.getLength(v); i++) {
                sb.append(token(Array.get(v, i))).append(',');
            }
            return sb.append(']').toString();
        }
        if (v instanceof IntMap<?> m) {
            StringBuilder sb = new StringBuilder("map{");
            for (int k : m.sortedKeys()) {
                sb.append(k).append("->").append(token(m.get(k))).append(',');
            }
            return sb.append('}').toString();
        }
        if (v instanceof Record) {
            return v.toString().replaceAll("@[0-9a-f]+", "") + "#" + System.identityHashCode(v);
        }
        return v.getClass().getSimpleName() + "#" + System.identityHashCode(v);
    }

    private static Map<Integer, Process> entriesOf(PidNamespace n) {
        Map<Integer, Process> out = new java.util.HashMap<>();
        for (int pid : n.procs.sortedKeys()) {
            out.put(pid, n.procs.get(pid));
        }
        return out;
    }

    /** The pids whose entries differ between two digests of a pid namespace. */
    private static List<Integer> changedPids(String was, String now) {
        Map<Integer, String> a = entries(was);
        Map<Integer, String> b = entries(now);
        List<Integer> out = new ArrayList<>();
        Set<Integer> keys = new java.util.TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (int k : keys) {
            if (!java.util.Objects.equals(a.get(k), b.get(k))) {
                out.add(k);
            }
        }
        return out;
    }

    private static Map<Integer, String> entries(String digest) {
        Map<Integer, String> out = new LinkedHashMap<>();
        int at = digest.indexOf("procs=map{");
        if (at < 0) {
            return out;
        }
        String body = digest.substring(at + "procs=map{".length(), digest.indexOf('}', at));
        for (String e : body.split(",")) {
            if (!e.isEmpty()) {
                int arrow = e.indexOf("->");
                out.put(Integer.parseInt(e.substring(0, arrow)), e.substring(arrow + 2));
            }
        }
        return out;
    }
}

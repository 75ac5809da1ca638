package capsid.kernel.process;

import capsid.kernel.cap.CapTable;
import capsid.kernel.ns.Namespace;
import capsid.kernel.util.DirtySet;
import capsid.kernel.util.LongMap;
import java.util.Arrays;

/**
 * {@link Snapshot#hash} kept up to date incrementally, Zobrist-style: the
 * fingerprint is a sum of one part per task and one per namespace (each mixed on
 * its own), so after a step only the parts of what the mutators marked ({@link
 * DirtySet}) are taken out and put back: O(changed objects). It is the same number
 * the full scan gives (FingerprintTest compares them on every state of generated
 * programs), so it distinguishes exactly what the snapshot does.
 *
 * <p>The namespaces counted are those some task or descriptor names, with the
 * ancestors of pid namespaces: each namespace counts the names pointing at it (from
 * task parts, and from child pid namespaces that count), and its part is in the sum
 * while that count is above zero.
 */
public final class Fingerprint {
    private final ProcessTable table;
    private DirtySet.Sink sink;
    /** Per task id: its part and the namespaces it names (repeats allowed). */
    private LongMap<TaskPart> tasks = new LongMap<>(64);
    /** Per namespace name (type and id, as the full scan keys them): its count and part. */
    private LongMap<NsPart> namespaces = new LongMap<>(64);
    private long taskSum;
    private long nsSum;
    private final Collector names = new Collector();
    private long round;

    /** A task's part and the names it put (reused in place when the task changes). */
    private static final class TaskPart {
        long part;
        Namespace[] names = new Namespace[8];
        int count;
        /** The update that last refreshed it (a task marked many times is refreshed once). */
        long round;
    }

    private static final class NsPart {
        final Namespace ns;
        int refs;
        long part;

        NsPart(Namespace ns) {
            this.ns = ns;
        }
    }

    /** The names one task part puts, in order. */
    private static final class Collector implements Snapshot.Names {
        Namespace[] items = new Namespace[16];
        int size;

        @Override
        public void name(Namespace n) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = n;
        }
    }

    public Fingerprint(ProcessTable table) {
        this.table = table;
    }

    /** {@link Snapshot#hash} of the table now. The first call scans everything and starts recording changes. */
    public long hash() {
        if (sink == null || sink.overflowed()) {
            if (sink == null) {
                sink = table.objectIndex().dirty().open();
            }
            rebuild();
        } else if (sink.size() > 0) {
            update();
        }
        return Snapshot.combine(table, taskSum, namespaces.size(), nsSum);
    }

    private void rebuild() {
        sink.clear();
        tasks = new LongMap<>(64);
        namespaces = new LongMap<>(64);
        taskSum = 0;
        nsSum = 0;
        LongMap<Process> all = table.taskMap();
        for (int s = 0; s < all.slots(); s++) {
            Process p = all.valueAt(s);
            if (p != null) {
                put(p);
            }
        }
    }

    private void update() {
        int n = sink.size();
        round++;
        // tasks first (their names decide which namespaces count), then the namespaces' contents
        for (int i = 0; i < n; i++) {
            Object o = sink.object(i);
            if (o instanceof Process p) {
                refresh(p);
            } else if (o instanceof CapTable t) {
                Process p = table.task(t.owner());
                if (p != null) {
                    refresh(p);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (sink.object(i) instanceof Namespace ns) {
                NsPart e = namespaces.get(key(ns));
                if (e != null && e.ns == ns) {
                    nsSum -= e.part;
                    e.part = Snapshot.fmix(Snapshot.content(ns));
                    nsSum += e.part;
                }
            }
        }
        sink.clear();
    }

    /** Takes {@code p}'s part out, and puts it back when {@code p} is (still) in the task table. */
    private void refresh(Process p) {
        TaskPart e = tasks.get(p.tid);
        Process now = table.task(p.tid);
        if (e == null) {
            if (now != null) {
                put(now);
            }
            return;
        }
        if (e.round == round && now != null) {
            return;
        }
        e.round = round;
        taskSum -= e.part;
        if (now == null) {
            for (int i = 0; i < e.count; i++) {
                deref(e.names[i]);
            }
            tasks.remove(p.tid);
            return;
        }
        // the new names are counted before the old ones are released, so a namespace
        // named before and after is never dropped and recomputed
        names.size = 0;
        e.part = Snapshot.fmix(Snapshot.task(now, names));
        for (int i = 0; i < names.size; i++) {
            ref(names.items[i]);
        }
        for (int i = 0; i < e.count; i++) {
            deref(e.names[i]);
        }
        if (e.names.length < names.size) {
            e.names = new Namespace[names.size];
        }
        System.arraycopy(names.items, 0, e.names, 0, names.size);
        Arrays.fill(e.names, names.size, Math.max(names.size, e.count), null);
        e.count = names.size;
        taskSum += e.part;
    }

    private void put(Process p) {
        TaskPart e = new TaskPart();
        names.size = 0;
        e.part = Snapshot.fmix(Snapshot.task(p, names));
        for (int i = 0; i < names.size; i++) {
            ref(names.items[i]);
        }
        e.names = Arrays.copyOf(names.items, names.size);
        e.count = names.size;
        e.round = round;
        tasks.put(p.tid, e);
        taskSum += e.part;
    }

    /** The name as the full scan keys it ({@code NamespaceSet}): id and type. */
    private static long key(Namespace n) {
        return n.id() << 4 | (n.type().ordinal() + 1);
    }

    private void ref(Namespace n) {
        long key = key(n);
        NsPart e = namespaces.get(key);
        if (e != null) {
            e.refs++;
            return;
        }
        e = new NsPart(n);
        e.refs = 1;
        e.part = Snapshot.fmix(Snapshot.content(n));
        namespaces.put(key, e);
        nsSum += e.part;
        if (n instanceof PidNamespace pn && pn.parent != null) {
            ref(pn.parent);
        }
    }

    private void deref(Namespace n) {
        long key = key(n);
        NsPart e = namespaces.get(key);
        if (--e.refs > 0) {
            return;
        }
        namespaces.remove(key);
        nsSum -= e.part;
        if (e.ns instanceof PidNamespace pn && pn.parent != null) {
            deref(pn.parent);
        }
    }
}

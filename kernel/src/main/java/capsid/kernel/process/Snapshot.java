package capsid.kernel.process;

import capsid.kernel.cap.CapTable;
import capsid.kernel.cap.Capability;
import capsid.kernel.cap.KernelObject;
import capsid.kernel.ns.Namespace;
import capsid.kernel.ns.UtsNamespace;
import capsid.kernel.util.IntMap;
import capsid.kernel.util.LongMap;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical text of the process table's full state: every process, pid
 * namespace (with its allocation cursor), other namespace and capability, in a
 * fixed order. Two states are equal exactly when their snapshots are equal, which
 * is how tests check that a failed call changed nothing.
 */
public final class Snapshot {
    private Snapshot() {
    }

    /** Appends the canonical text of {@code t} to {@code sb}. */
    public static void write(ProcessTable t, StringBuilder sb) {
        sb.append("processes nextTid=").append(t.nextTid()).append(" exitSeq=").append(t.exitSeq()).append('\n');
        Map<String, Namespace> namespaces = new TreeMap<>();
        for (long tid : t.taskIds()) {
            Process p = t.task(tid);
            collect(namespaces, p.ns);
            collect(namespaces, p.nsForChildren);
            collect(namespaces, p.uts);
            collect(namespaces, p.mnt);
            collect(namespaces, p.ipc);
            collect(namespaces, p.net);
            collect(namespaces, p.user);
            if (p.caps != null) {
                for (int fd = 0; fd < p.caps.span(); fd++) {
                    Capability c = p.caps.get(fd);
                    if (c != null && c.object() instanceof Namespace n) {
                        collect(namespaces, n);
                    }
                }
            }
        }
        for (Namespace n : namespaces.values()) {
            sb.append(n.kind()).append(" id=").append(n.id());
            if (n instanceof PidNamespace pn) {
                sb.append(" level=").append(pn.level).append(" parent=").append(pn.parent == null ? 0 : pn.parent.id())
                        .append(" last=").append(pn.lastPid).append(" init=").append(pn.init == null ? 0 : pn.init.tid)
                        .append(" initDead=").append(pn.initDead).append(" pids=");
                for (int pid : pn.procs.sortedKeys()) {
                    sb.append(pid).append(':').append(pn.procs.get(pid).tid).append(',');
                }
            } else if (n instanceof UtsNamespace u) {
                sb.append(" hostname=").append(u.hostname());
            }
            sb.append('\n');
        }
        for (long tid : t.taskIds()) {
            Process p = t.task(tid);
            sb.append("task ").append(p.tid).append(" creator=").append(p.creator).append(' ').append(p.state)
                    .append(" pids=").append(Arrays.toString(p.pids)).append(" ns=").append(p.ns.id())
                    .append(" nsfc=").append(id(p.nsForChildren)).append(" uts=").append(id(p.uts))
                    .append(" mnt=").append(id(p.mnt)).append(" ipc=").append(id(p.ipc)).append(" net=")
                    .append(id(p.net)).append(" user=").append(id(p.user)).append(" parent=")
                    .append(p.parent == null ? 0 : p.parent.tid).append(" children=");
            for (Process k = p.firstChild; k != null; k = k.nextSibling) {
                sb.append(k.tid).append(',');
            }
            sb.append(" zombies=");
            for (Process k = p.firstZombie; k != null; k = k.nextZombie) {
                sb.append(k.tid).append(',');
            }
            sb.append(" exit=").append(p.exitCode).append('/').append(p.exitSignal).append('/').append(p.exitSeq)
                    .append(" jailed=").append(p.jail != null).append('/').append(p.jailTid).append('\n');
            CapTable caps = p.caps;
            if (caps != null) {
                for (int fd = 0; fd < caps.span(); fd++) {
                    Capability c = caps.get(fd);
                    if (c == null) {
                        continue;
                    }
                    KernelObject o = c.object();
                    sb.append("  fd ").append(fd).append(' ').append(o.kind()).append('#').append(o.id())
                            .append(" rights=").append(c.rights()).append(" badge=").append(c.badge())
                            .append(" parent=");
                    Capability up = c.parent();
                    if (up == null) {
                        sb.append('-');
                    } else if (up.table() == null) {
                        sb.append("closed");
                    } else {
                        sb.append(up.table().owner()).append(':').append(up.slot());
                    }
                    sb.append(" children=");
                    for (Capability k : c.children()) {
                        sb.append(k.table() == null ? "closed" : k.table().owner() + ":" + k.slot()).append(',');
                    }
                    sb.append('\n');
                }
            }
        }
    }

    /**
     * A 64-bit fingerprint of exactly what {@link #write} prints: equal states give
     * equal fingerprints, and a state change changes it (up to hash collisions). It
     * reads the same fields without building text or sorting, so it is cheap enough
     * to take after every step of a fuzzing campaign (capsid.gen.fuzz.Executor).
     *
     * <p>Like the text, it has one part per task and one per namespace (each
     * namespace once, however many tasks and descriptors name it; tasks and
     * descriptors contribute the names). The parts are combined by adding their
     * mixed values, which does not depend on the order of the scan, so the task
     * table is read in its own order, not sorted.
     */
    public static long hash(ProcessTable t) {
        NamespaceSet seen = new NamespaceSet();
        LongMap<Process> tasks = t.taskMap();
        long taskSum = 0;
        for (int s = 0; s < tasks.slots(); s++) {
            Process p = tasks.valueAt(s);
            if (p != null) {
                taskSum += fmix(task(p, seen));
            }
        }
        long nsSum = 0;
        for (int i = 0; i < seen.size(); i++) {
            nsSum += fmix(content(seen.get(i)));
        }
        return combine(t, taskSum, seen.size(), nsSum);
    }

    /** The fingerprint from its sums: the table's counters, the tasks' parts and the namespaces' parts. */
    static long combine(ProcessTable t, long taskSum, int namespaces, long nsSum) {
        long h = mix(17, t.nextTid());
        h = mix(h, t.exitSeq());
        h = mix(h, t.taskCount());
        h = mix(h, taskSum);
        h = mix(h, namespaces);
        return mix(h, nsSum);
    }

    /** Where a task's part puts the namespaces it names (the full scan: a set with their ancestors). */
    interface Names {
        void name(Namespace n);
    }

    /** A task's line and descriptor lines; the namespaces it names go to {@code seen}. */
    static long task(Process p, Names seen) {
        // small fields are packed in pairs (injectively) to halve the folding work
        long h = mix(31, p.tid);
        h = mix(h, p.creator);
        h = mix(h, (long) p.state.ordinal() << 32 | p.pids.length);
        for (int pid : p.pids) {
            h = mix(h, pid);
        }
        h = name(h, p.ns, seen);
        h = name(h, p.nsForChildren, seen);
        h = name(h, p.uts, seen);
        h = name(h, p.mnt, seen);
        h = name(h, p.ipc, seen);
        h = name(h, p.net, seen);
        h = name(h, p.user, seen);
        h = mix(h, p.parent == null ? 0 : p.parent.tid);
        for (Process k = p.firstChild; k != null; k = k.nextSibling) {
            h = mix(h, k.tid);
        }
        h = mix(h, -1);
        for (Process k = p.firstZombie; k != null; k = k.nextZombie) {
            h = mix(h, k.tid);
        }
        h = mix(h, -2);
        h = mix(h, (long) p.exitCode << 32 | (p.exitSignal & 0xFFFFFFFFL));
        h = mix(h, p.exitSeq);
        h = mix(h, p.jail != null ? ~p.jailTid : p.jailTid);
        CapTable caps = p.caps;
        if (caps == null) {
            return mix(h, -3);
        }
        for (int fd = 0; fd < caps.span(); fd++) {
            Capability c = caps.get(fd);
            if (c == null) {
                continue;
            }
            KernelObject o = c.object();
            h = mix(h, fd);
            h = mix(h, o.kind().hashCode());
            h = mix(h, o.id());
            if (o instanceof Namespace n) {
                seen.name(n);
            }
            h = mix(h, c.rights());
            h = mix(h, c.badge());
            Capability up = c.parent();
            h = mix(h, up == null ? -4 : up.table() == null ? -5 : up.table().owner() * 4099 + up.slot());
            for (Capability k = c.firstChild(); k != null; k = k.nextSibling()) {
                h = mix(h, k.table() == null ? -5 : k.table().owner() * 4099 + k.slot());
            }
            h = mix(h, -6);
        }
        return h;
    }

    /** Mixes the name (kind and id) of namespace {@code n}, or 0, and adds it to {@code seen}. */
    private static long name(long h, Namespace n, Names seen) {
        if (n == null) {
            return mix(h, 0);
        }
        seen.name(n);
        return mix(h, n.id() << 4 | (n.type().ordinal() + 1)); // the name: type and id, in one number
    }

    /** A namespace's line: its name and fields (a pid namespace's parent, cursor, init and pid table). */
    static long content(Namespace n) {
        long h = mix(mix(43, n.kind().hashCode()), n.id());
        if (n instanceof PidNamespace pn) {
            h = mix(h, pn.level);
            h = mix(h, pn.parent == null ? 0 : pn.parent.id());
            h = mix(h, pn.lastPid);
            h = mix(h, pn.init == null ? 0 : pn.init.tid);
            h = mix(h, pn.initDead ? 1 : 0);
            IntMap<Process> procs = pn.procs;
            long sum = 0;
            for (int s = 0; s < procs.slots(); s++) {
                Process q = procs.valueAt(s);
                if (q != null) {
                    sum += fmix(procs.keyAt(s) * 0x100000001B3L + q.tid);
                }
            }
            h = mix(h, sum);
            h = mix(h, procs.size());
        } else if (n instanceof UtsNamespace u) {
            h = mix(h, u.hostname().hashCode());
        }
        return h;
    }


    /**
     * Folds field {@code x} into {@code h}: one multiply and a shift (a bijection in
     * either argument); the parts get the full {@link #fmix} before they are added.
     */
    static long mix(long h, long x) {
        h = (h ^ x) * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 31);
    }

    static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    private static void collect(Map<String, Namespace> out, Namespace n) {
        if (n == null) {
            return;
        }
        out.put(String.format("%s#%012d", n.kind(), n.id()), n);
        if (n instanceof PidNamespace pn && pn.parent != null) {
            collect(out, pn.parent);
        }
    }

    private static long id(Namespace n) {
        return n == null ? 0 : n.id();
    }
}

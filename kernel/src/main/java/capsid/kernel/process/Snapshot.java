package capsid.kernel.process;

import capsid.kernel.cap.CapTable;
import capsid.kernel.cap.Capability;
import capsid.kernel.cap.KernelObject;
import capsid.kernel.ns.Namespace;
import capsid.kernel.ns.UtsNamespace;
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

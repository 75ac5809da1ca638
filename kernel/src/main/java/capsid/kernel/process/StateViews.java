package capsid.kernel.process;

import capsid.kernel.StateView;
import capsid.kernel.cap.CapTable;
import capsid.kernel.cap.Capability;
import capsid.kernel.ns.Namespace;
import capsid.kernel.ns.UtsNamespace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds {@link StateView}s of a process table (read-only). */
public final class StateViews {
    private StateViews() {
    }

    /** The view of {@code t}'s state; {@code nextIds} comes from the kernel's id counters. */
    public static StateView of(ProcessTable t, Map<String, Long> nextIds) {
        List<StateView.Task> tasks = new ArrayList<>();
        Map<Long, PidNamespace> pidNs = new TreeMap<>();
        Map<Long, UtsNamespace> uts = new TreeMap<>();
        for (long tid : t.taskIds()) {
            Process p = t.task(tid);
            addPidNs(pidNs, p.ns);
            addPidNs(pidNs, p.nsForChildren);
            if (p.uts != null) {
                uts.put(p.uts.id(), p.uts);
            }
            Map<Integer, StateView.ObjRef> fds = new HashMap<>();
            CapTable caps = p.caps;
            if (caps != null) {
                for (int fd = 0; fd < caps.span(); fd++) {
                    Capability c = caps.get(fd);
                    if (c == null) {
                        continue;
                    }
                    fds.put(fd, new StateView.ObjRef(c.object().kind(), c.object().id()));
                    if (c.object() instanceof PidNamespace n) {
                        addPidNs(pidNs, n);
                    } else if (c.object() instanceof UtsNamespace u) {
                        uts.put(u.id(), u);
                    }
                }
            }
            List<Integer> pids = new ArrayList<>(p.pids.length);
            for (int pid : p.pids) {
                pids.add(pid);
            }
            Process.Jail j = p.jail;
            tasks.add(new StateView.Task(p.tid, p.live(), p.parent == null ? 0 : p.parent.tid, pids, p.ns.id(),
                    id(p.nsForChildren), id(p.uts), id(p.mnt),
                    j == null ? null : new StateView.Jail(j.ns().id(), j.nsForChildren().id(), j.uts().id(),
                            j.mnt().id()),
                    fds, p.exitSeq));
        }
        List<StateView.PidNs> pns = new ArrayList<>();
        for (PidNamespace n : pidNs.values()) {
            Map<Integer, Long> map = new HashMap<>();
            for (int pid : n.procs.sortedKeys()) {
                map.put(pid, n.procs.get(pid).tid);
            }
            pns.add(new StateView.PidNs(n.id(), n.parent == null ? 0 : n.parent.id(), n.level, map, n.lastPid,
                    n.init == null ? 0 : n.init.tid, n.initDead));
        }
        List<StateView.Uts> us = new ArrayList<>();
        for (UtsNamespace u : uts.values()) {
            us.add(new StateView.Uts(u.id(), u.hostname()));
        }
        return new StateView(t.config(), t.nextTid(), t.exitSeq(), tasks, pns, us, nextIds);
    }

    private static void addPidNs(Map<Long, PidNamespace> out, PidNamespace n) {
        for (PidNamespace a = n; a != null && !out.containsKey(a.id()); a = a.parent) {
            out.put(a.id(), a);
        }
    }

    private static long id(Namespace n) {
        return n == null ? 0 : n.id();
    }
}

package capsid.kernel.process;

import capsid.kernel.StateView;
import capsid.kernel.cap.CapTable;
import capsid.kernel.cap.Capability;
import capsid.kernel.ns.Namespace;
import capsid.kernel.ns.UtsNamespace;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds {@link StateView}s of a process table (read-only). */
public final class StateViews {
    private StateViews() {
    }

    /** The view of {@code t}'s state; {@code nextIds} comes from the kernel's id counters. */
    public static StateView of(ProcessTable t, Map<String, Long> nextIds) {
        long[] tids = t.taskIds();
        List<StateView.Task> tasks = new ArrayList<>(tids.length);
        List<PidNamespace> pidNs = new ArrayList<>();
        List<UtsNamespace> uts = new ArrayList<>();
        Set<Namespace> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (long tid : tids) {
            Process p = t.task(tid);
            addPidNs(pidNs, seen, p.ns);
            addPidNs(pidNs, seen, p.nsForChildren);
            if (p.uts != null && seen.add(p.uts)) {
                uts.add(p.uts);
            }
            Map<Integer, StateView.ObjRef> fds = Map.of();
            CapTable caps = p.caps;
            if (caps != null && caps.count() > 0) {
                @SuppressWarnings("unchecked")
                Map.Entry<Integer, StateView.ObjRef>[] entries = new Map.Entry[caps.count()];
                int e = 0;
                for (int fd = 0; fd < caps.span(); fd++) {
                    Capability c = caps.get(fd);
                    if (c == null) {
                        continue;
                    }
                    entries[e++] = Map.entry(fd, new StateView.ObjRef(c.object().kind(), c.object().id()));
                    if (c.object() instanceof PidNamespace n) {
                        addPidNs(pidNs, seen, n);
                    } else if (c.object() instanceof UtsNamespace u && seen.add(u)) {
                        uts.add(u);
                    }
                }
                // an immutable map already: the view's Map.copyOf keeps it as it is
                fds = Map.ofEntries(e == entries.length ? entries : java.util.Arrays.copyOf(entries, e));
            }
            Integer[] pids = new Integer[p.pids.length];
            for (int i = 0; i < pids.length; i++) {
                pids[i] = p.pids[i];
            }
            Process.Jail j = p.jail;
            tasks.add(new StateView.Task(p.tid, p.live(), p.parent == null ? 0 : p.parent.tid, List.of(pids),
                    p.ns.id(), id(p.nsForChildren), id(p.uts), id(p.mnt),
                    j == null ? null : new StateView.Jail(j.ns().id(), j.nsForChildren().id(), j.uts().id(),
                            j.mnt().id()),
                    fds, p.exitSeq));
        }
        pidNs.sort(BY_ID);
        uts.sort(BY_ID);
        List<StateView.PidNs> pns = new ArrayList<>(pidNs.size());
        for (PidNamespace n : pidNs) {
            @SuppressWarnings("unchecked")
            Map.Entry<Integer, Long>[] entries = new Map.Entry[n.procs.size()];
            int e = 0;
            for (int s = 0; s < n.procs.slots(); s++) {
                Process q = n.procs.valueAt(s);
                if (q != null) {
                    entries[e++] = Map.entry(n.procs.keyAt(s), q.tid);
                }
            }
            Map<Integer, Long> map = Map.ofEntries(entries);
            pns.add(new StateView.PidNs(n.id(), n.parent == null ? 0 : n.parent.id(), n.level, map, n.lastPid,
                    n.init == null ? 0 : n.init.tid, n.initDead));
        }
        List<StateView.Uts> us = new ArrayList<>(uts.size());
        for (UtsNamespace u : uts) {
            us.add(new StateView.Uts(u.id(), u.hostname()));
        }
        return new StateView(t.config(), t.nextTid(), t.exitSeq(), tasks, pns, us, nextIds);
    }

    private static final Comparator<Namespace> BY_ID = Comparator.comparingLong(Namespace::id);

    private static void addPidNs(List<PidNamespace> out, Set<Namespace> seen, PidNamespace n) {
        for (PidNamespace a = n; a != null && seen.add(a); a = a.parent) {
            out.add(a);
        }
    }

    private static long id(Namespace n) {
        return n == null ? 0 : n.id();
    }
}

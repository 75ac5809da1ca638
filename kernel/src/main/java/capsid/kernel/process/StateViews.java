package capsid.kernel.process;

import capsid.kernel.StateView;
import capsid.kernel.cap.CapTable;
import capsid.kernel.cap.Capability;
import capsid.kernel.ns.Namespace;
import capsid.kernel.ns.UtsNamespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds {@link StateView}s of a process table (read-only). */
public final class StateViews {
    private StateViews() {
    }

    /** The view of {@code t}'s state; {@code nextIds} comes from the kernel's id counters. */
    public static StateView of(ProcessTable t, Map<String, Long> nextIds) {
        long[] tids = t.taskIds();
        StateView.Task[] tasks = new StateView.Task[tids.length];
        List<StateView.Slot> slots = new ArrayList<>();
        NamespaceSet seen = new NamespaceSet(); // pid namespaces with ancestors, uts namespaces
        for (int k = 0; k < tids.length; k++) {
            Process p = t.task(tids[k]);
            seen.addWithAncestors(p.ns);
            if (p.nsForChildren != null) {
                seen.addWithAncestors(p.nsForChildren);
            }
            if (p.uts != null) {
                seen.addWithAncestors(p.uts);
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
                    Capability up = c.parent();
                    // a parent in no table (closed or revoked: only a broken tree has one) is task -1
                    long upTask = up == null ? 0 : up.table() == null ? -1 : up.table().owner();
                    slots.add(new StateView.Slot(p.tid, fd, c.object().kind(), c.object().id(), c.rights(), c.badge(),
                            upTask, up == null ? -1 : up.slot()));
                    if (c.object() instanceof PidNamespace || c.object() instanceof UtsNamespace) {
                        seen.addWithAncestors((Namespace) c.object());
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
            tasks[k] = new StateView.Task(p.tid, p.live(), p.parent == null ? 0 : p.parent.tid, List.of(pids),
                    p.ns.id(), id(p.nsForChildren), id(p.uts), id(p.mnt),
                    j == null ? null : new StateView.Jail(j.ns().id(), j.nsForChildren().id(), j.uts().id(),
                            j.mnt().id()),
                    fds, p.exitSeq);
        }
        List<StateView.PidNs> pns = new ArrayList<>(seen.size());
        List<StateView.Uts> us = new ArrayList<>();
        for (int i = 0; i < seen.size(); i++) {
            if (seen.get(i) instanceof PidNamespace n) {
                @SuppressWarnings("unchecked")
                Map.Entry<Integer, Long>[] entries = new Map.Entry[n.procs.size()];
                int e = 0;
                for (int s = 0; s < n.procs.slots(); s++) {
                    Process q = n.procs.valueAt(s);
                    if (q != null) {
                        entries[e++] = Map.entry(n.procs.keyAt(s), q.tid);
                    }
                }
                pns.add(new StateView.PidNs(n.id(), n.parent == null ? 0 : n.parent.id(), n.level,
                        Map.ofEntries(entries), n.lastPid, n.init == null ? 0 : n.init.tid, n.initDead));
            } else if (seen.get(i) instanceof UtsNamespace u) {
                us.add(new StateView.Uts(u.id(), u.hostname()));
            }
        }
        sortById(pns, StateView.PidNs::id);
        sortById(us, StateView.Uts::id);
        return new StateView(t.config(), t.nextTid(), t.exitSeq(), List.of(tasks), pns, us, nextIds, slots);
    }

    /** Sorts {@code xs} by id (insertion sort for the short lists, mostly in order already, campaigns see). */
    private static <T> void sortById(List<T> xs, java.util.function.ToLongFunction<T> id) {
        if (xs.size() > 32) {
            xs.sort(java.util.Comparator.comparingLong(id));
            return;
        }
        for (int i = 1; i < xs.size(); i++) {
            T x = xs.get(i);
            long k = id.applyAsLong(x);
            int j = i - 1;
            while (j >= 0 && id.applyAsLong(xs.get(j)) > k) {
                xs.set(j + 1, xs.get(j));
                j--;
            }
            xs.set(j + 1, x);
        }
    }

    private static long id(Namespace n) {
        return n == null ? 0 : n.id();
    }
}

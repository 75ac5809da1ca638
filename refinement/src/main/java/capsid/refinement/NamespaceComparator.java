package capsid.refinement;

import capsid.checker.value.Value;
import capsid.kernel.StateView;
import java.util.List;
import java.util.Map;

/**
 * The fast path of the refinement check: whether the kernel state, abstracted,
 * equals a spec state of NamespaceUnshare, with the same projection as {@link
 * NamespaceAbstraction} but comparing the spec's values with the kernel's view
 * directly, building nothing. The replayer calls it on every step and builds the
 * readable per-variable diff ({@link NamespaceAbstraction#diff}) only when this
 * says the states differ. A test checks that both agree.
 */
final class NamespaceComparator {
    private NamespaceComparator() {
    }

    /** True when the projected spec state {@code s} equals the abstraction of {@code k}. */
    static boolean equal(Map<String, Value> s, StateView k, NamespaceAbstraction.Bounds b) {
        int nt = b.maxTasks();
        StateView.Task[] tasks = new StateView.Task[nt + 1];
        for (StateView.Task t : k.tasks()) {
            if (t.tid() < 1 || t.tid() > nt) {
                return false;
            }
            tasks[(int) t.tid()] = t;
        }
        if (!num(s.get("clock"), k.exitClock()) || !num(s.get("nextTid"), k.nextTid())
                || !num(s.get("nextPn"), k.nextIds().getOrDefault("pidns", 1L))
                || !num(s.get("nextUts"), k.nextIds().getOrDefault("utsns", 1L))
                || !num(s.get("nextMnt"), k.nextIds().getOrDefault("mntns", 1L))) {
            return false;
        }
        List<Value> st = seq(s, "st", nt);
        List<Value> parent = seq(s, "parent", nt);
        List<Value> pids = seq(s, "pids", nt);
        List<Value> pidns = seq(s, "pidns", nt);
        List<Value> nsfc = seq(s, "nsfc", nt);
        List<Value> uts = seq(s, "uts", nt);
        List<Value> mnt = seq(s, "mnt", nt);
        List<Value> jail = seq(s, "jail", nt);
        List<Value> fds = seq(s, "fds", nt);
        List<Value> exitSeq = seq(s, "exitSeq", nt);
        if (st == null || parent == null || pids == null || pidns == null || nsfc == null || uts == null
                || mnt == null || jail == null || fds == null || exitSeq == null) {
            return false;
        }
        int np = b.maxPidNs();
        boolean[] pidReach = new boolean[np + 1];
        boolean[] utsReach = new boolean[b.maxUts() + 1];
        for (int i = 1; i <= nt; i++) {
            StateView.Task t = tasks[i];
            String state = str(st.get(i - 1));
            if (t == null) {
                if (!state.equals(i < k.nextTid() ? "reaped" : "none")) {
                    return false;
                }
                continue;
            }
            if (!state.equals(t.live() ? "live" : "zombie")) {
                return false;
            }
            if (!num(parent.get(i - 1), t.parent()) || !num(pidns.get(i - 1), t.pidNs())
                    || !num(nsfc.get(i - 1), t.nsForChildren()) || !num(uts.get(i - 1), t.uts())
                    || !num(mnt.get(i - 1), t.mnt()) || !num(exitSeq.get(i - 1), t.exitSeq())
                    || !ints(pids.get(i - 1), t.pids()) || !jail(jail.get(i - 1), t.jail())
                    || !fds(fds.get(i - 1), t.fds(), pidReach, utsReach)) {
                return false;
            }
            if (!mark(pidReach, t.pidNs())) {
                return false;
            }
            if (t.live() && (!mark(pidReach, t.nsForChildren()) || !mark(utsReach, t.uts()))) {
                return false;
            }
        }
        // namespaces: ancestors of reachable pid namespaces are reachable
        List<Value> pnParent = seq(s, "pnParent", np);
        List<Value> pnLevel = seq(s, "pnLevel", np);
        List<Value> pmap = seq(s, "pmap", np);
        List<Value> lastPid = seq(s, "lastPid", np);
        List<Value> pinit = seq(s, "pinit", np);
        List<Value> pdead = seq(s, "pdead", np);
        List<Value> hostname = seq(s, "hostname", b.maxUts());
        if (pnParent == null || pnLevel == null || pmap == null || lastPid == null || pinit == null || pdead == null
                || hostname == null) {
            return false;
        }
        for (int n = 1; n <= np; n++) {
            if (pidReach[n]) {
                for (long a = n; a != 0; ) {
                    pidReach[(int) a] = true;
                    Value p = pnParent.get((int) a - 1);
                    if (!(p instanceof Value.IntValue iv)) {
                        return false;
                    }
                    a = iv.value().longValue();
                    if (a < 0 || a > np) {
                        return false;
                    }
                }
            }
        }
        StateView.PidNs[] ns = new StateView.PidNs[np + 1];
        for (StateView.PidNs n : k.pidNs()) {
            if (n.id() < 1 || n.id() > np || !pidReach[(int) n.id()]) {
                return false; // the kernel keeps a namespace the spec says nothing reaches
            }
            ns[(int) n.id()] = n;
        }
        for (int i = 1; i <= np; i++) {
            StateView.PidNs n = ns[i];
            if (pidReach[i] != (n != null)) {
                return false;
            }
            if (n != null && (!num(pnParent.get(i - 1), n.parent()) || !num(pnLevel.get(i - 1), n.level())
                    || !num(lastPid.get(i - 1), n.lastPid()) || !num(pinit.get(i - 1), n.init())
                    || !bool(pdead.get(i - 1), n.initDead()) || !pmap(pmap.get(i - 1), n.pids()))) {
                return false;
            }
        }
        int found = 0;
        for (StateView.Uts u : k.uts()) {
            if (u.id() < 1 || u.id() > b.maxUts() || !utsReach[(int) u.id()]
                    || !(hostname.get((int) u.id() - 1) instanceof Value.StringValue h)
                    || !h.value().equals(u.hostname())) {
                return false;
            }
            found++;
        }
        int reachable = 0;
        for (boolean r : utsReach) {
            reachable += r ? 1 : 0;
        }
        return found == reachable;
    }

    private static boolean mark(boolean[] reach, long id) {
        if (id < 1 || id >= reach.length) {
            return false;
        }
        reach[(int) id] = true;
        return true;
    }

    private static List<Value> seq(Map<String, Value> s, String name, int size) {
        return s.get(name) instanceof Value.SeqValue q && q.elements().size() == size ? q.elements() : null;
    }

    private static boolean num(Value v, long x) {
        return v instanceof Value.IntValue i && i.value().bitLength() < 63 && i.value().longValue() == x;
    }

    private static boolean bool(Value v, boolean x) {
        return v instanceof Value.BoolValue b && b.value() == x;
    }

    private static String str(Value v) {
        return v instanceof Value.StringValue s ? s.value() : "";
    }

    private static boolean ints(Value v, List<Integer> xs) {
        if (!(v instanceof Value.SeqValue q) || q.elements().size() != xs.size()) {
            return false;
        }
        for (int i = 0; i < xs.size(); i++) {
            if (!num(q.elements().get(i), xs.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean jail(Value v, StateView.Jail j) {
        if (!(v instanceof Value.RecordValue r)) {
            return false;
        }
        Map<String, Value> f = r.fields();
        return j == null
                ? num(f.get("pidns"), 0) && num(f.get("nsfc"), 0) && num(f.get("uts"), 0) && num(f.get("mnt"), 0)
                : num(f.get("pidns"), j.pidNs()) && num(f.get("nsfc"), j.nsForChildren()) && num(f.get("uts"), j.uts())
                        && num(f.get("mnt"), j.mnt());
    }

    /** fds: fd to [kind, id]; also marks the namespaces the descriptors reach. */
    private static boolean fds(Value v, Map<Integer, StateView.ObjRef> kfds, boolean[] pidReach, boolean[] utsReach) {
        if (!sameSize(v, kfds.size())) {
            return false;
        }
        for (Map.Entry<Integer, StateView.ObjRef> e : kfds.entrySet()) {
            if (!(apply(v, e.getKey()) instanceof Value.RecordValue r)) {
                return false;
            }
            String kind = NamespaceAbstraction.kindWord(e.getValue().kind());
            long id = e.getValue().id();
            if (!(r.fields().get("kind") instanceof Value.StringValue ks) || !ks.value().equals(kind)
                    || !num(r.fields().get("id"), id)) {
                return false;
            }
            if (kind.equals("pid") && !mark(pidReach, id) || kind.equals("uts") && !mark(utsReach, id)) {
                return false;
            }
        }
        return true;
    }

    private static boolean pmap(Value v, Map<Integer, Long> kpids) {
        if (!sameSize(v, kpids.size())) {
            return false;
        }
        for (Map.Entry<Integer, Long> e : kpids.entrySet()) {
            if (!num(apply(v, e.getKey()), e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Whether the function value {@code f} has {@code n} entries. */
    private static boolean sameSize(Value f, int n) {
        if (f instanceof Value.SeqValue q) {
            return q.elements().size() == n;
        }
        return f instanceof Value.FunctionValue fn && fn.mapping().size() == n;
    }

    /** {@code f[key]} for a function value with integer keys, or null. */
    private static Value apply(Value f, int key) {
        if (f instanceof Value.SeqValue q) {
            return key >= 1 && key <= q.elements().size() ? q.elements().get(key - 1) : null;
        }
        if (f instanceof Value.FunctionValue fn) {
            return fn.mapping().get(Value.of(key));
        }
        return null;
    }
}

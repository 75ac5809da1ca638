package capsid.refinement;

import capsid.checker.value.Value;
import capsid.kernel.StateView;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The abstraction function of spec/NamespaceUnshare.tla: kernel state to the
 * spec's variables (all but the history variable {@code lastAction}), as TLC
 * prints them. The only code that knows both sides (DESIGN.md).
 *
 * <p>The kernel forgets what nothing refers to any more (reaped tasks, namespaces
 * no process or descriptor names); the spec keeps them. Both sides are therefore
 * compared in a <em>projected</em> form ({@link #project}): the fields of tasks
 * that are not live or zombie, and of namespaces that nothing reachable names,
 * are set to fixed defaults. Reachable means: the pid namespace of a live or
 * zombie task, the namespace for children and the uts namespace of a live task,
 * every namespace a descriptor names, and the ancestors of reachable pid
 * namespaces — the same set the kernel keeps ({@code Kernel.state()}).
 */
public final class NamespaceAbstraction {

    /** The spec's state variables, in the spec's order. */
    public static final List<String> VARIABLES = List.of("st", "parent", "pids", "pidns", "nsfc", "uts", "mnt",
            "jail", "fds", "exitSeq", "clock", "nextTid", "pnParent", "pnLevel", "pmap", "lastPid", "pinit",
            "pdead", "nextPn", "hostname", "nextUts", "nextMnt");

    /**
     * The spec's variables the kernel has no counterpart of: the history variable
     * {@code lastAction} (the replayer reads it for the call and its result) and the
     * ghost {@code forker} (who forked whom, kept only so that the spec can state the
     * orphan rule independently of the action that implements it).
     */
    public static final List<String> NOT_ABSTRACTED = List.of("lastAction", "forker");

    private static final Value ZERO = Value.of(0);
    private static final Value EMPTY = Value.seq(List.of());
    private static final Value NO_JAIL = jail(0, 0, 0, 0);
    /** The hostname shown for a uts namespace nothing refers to. */
    private static final Value NO_HOST = Value.str("");
    /** The per-task variables {@link #project} masks, and what a task that does not exist shows. */
    private static final List<String> TASK_VARS = List.of("parent", "pids", "pidns", "nsfc", "uts", "mnt", "jail",
            "fds", "exitSeq");
    private static final List<Value> TASK_DEFAULTS = List.of(ZERO, EMPTY, ZERO, ZERO, ZERO, ZERO, NO_JAIL, EMPTY,
            ZERO);
    /** The per-pid-namespace variables {@link #project} masks, and what an unreachable one shows. */
    private static final List<String> PIDNS_VARS = List.of("pnParent", "pnLevel", "pmap", "lastPid", "pinit",
            "pdead");
    private static final List<Value> PIDNS_DEFAULTS = List.of(ZERO, ZERO, EMPTY, ZERO, ZERO, Value.bool(false));

    private NamespaceAbstraction() {
    }

    /** The model's sizes: the spec's functions range over 1..max of each. */
    public record Bounds(int maxTasks, int maxPidNs, int maxUts, int maxMnt) {
        /** Reads MaxTasks, MaxPidNs, MaxUts and MaxMnt from a model's constants. */
        public static Bounds of(Map<String, String> constants) {
            return new Bounds(intConst(constants, "MaxTasks"), intConst(constants, "MaxPidNs"),
                    intConst(constants, "MaxUts"), intConst(constants, "MaxMnt"));
        }
    }

    static int intConst(Map<String, String> constants, String name) {
        String v = constants.get(name);
        if (v == null) {
            throw new IllegalArgumentException("the model defines no constant " + name);
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("constant " + name + " = " + v + " is not an integer");
        }
    }

    /** The projected spec variables of the kernel state {@code k}. */
    public static Map<String, Value> of(StateView k, Bounds b) {
        Map<Long, StateView.Task> tasks = new TreeMap<>();
        for (StateView.Task t : k.tasks()) {
            tasks.put(t.tid(), t);
        }
        List<Value> st = new ArrayList<>();
        List<Value> parent = new ArrayList<>();
        List<Value> pids = new ArrayList<>();
        List<Value> pidns = new ArrayList<>();
        List<Value> nsfc = new ArrayList<>();
        List<Value> uts = new ArrayList<>();
        List<Value> mnt = new ArrayList<>();
        List<Value> jail = new ArrayList<>();
        List<Value> fds = new ArrayList<>();
        List<Value> exitSeq = new ArrayList<>();
        for (long tid = 1; tid <= b.maxTasks(); tid++) {
            StateView.Task t = tasks.get(tid);
            if (t == null) {
                st.add(Value.str(tid < k.nextTid() ? "reaped" : "none"));
                parent.add(ZERO);
                pids.add(EMPTY);
                pidns.add(ZERO);
                nsfc.add(ZERO);
                uts.add(ZERO);
                mnt.add(ZERO);
                jail.add(NO_JAIL);
                fds.add(EMPTY);
                exitSeq.add(ZERO);
                continue;
            }
            st.add(Value.str(t.live() ? "live" : "zombie"));
            parent.add(Value.of(t.parent()));
            pids.add(Value.seq(t.pids().stream().map(p -> (Value) Value.of(p)).toList()));
            pidns.add(Value.of(t.pidNs()));
            nsfc.add(Value.of(t.nsForChildren()));
            uts.add(Value.of(t.uts()));
            mnt.add(Value.of(t.mnt()));
            StateView.Jail j = t.jail();
            jail.add(j == null ? NO_JAIL : jail(j.pidNs(), j.nsForChildren(), j.uts(), j.mnt()));
            Map<Value, Value> f = new LinkedHashMap<>();
            for (Map.Entry<Integer, StateView.ObjRef> e : new TreeMap<>(t.fds()).entrySet()) {
                f.put(Value.of(e.getKey()), obj(e.getValue()));
            }
            fds.add(Value.function(f));
            exitSeq.add(Value.of(t.exitSeq()));
        }
        Map<Long, StateView.PidNs> pns = new TreeMap<>();
        for (StateView.PidNs n : k.pidNs()) {
            pns.put(n.id(), n);
        }
        List<Value> pnParent = new ArrayList<>();
        List<Value> pnLevel = new ArrayList<>();
        List<Value> pmap = new ArrayList<>();
        List<Value> lastPid = new ArrayList<>();
        List<Value> pinit = new ArrayList<>();
        List<Value> pdead = new ArrayList<>();
        for (long id = 1; id <= b.maxPidNs(); id++) {
            StateView.PidNs n = pns.get(id);
            if (n == null) {
                pnParent.add(ZERO);
                pnLevel.add(ZERO);
                pmap.add(EMPTY);
                lastPid.add(ZERO);
                pinit.add(ZERO);
                pdead.add(Value.bool(false));
                continue;
            }
            pnParent.add(Value.of(n.parent()));
            pnLevel.add(Value.of(n.level()));
            Map<Value, Value> m = new LinkedHashMap<>();
            for (Map.Entry<Integer, Long> e : new TreeMap<>(n.pids()).entrySet()) {
                m.put(Value.of(e.getKey()), Value.of(e.getValue()));
            }
            pmap.add(Value.function(m));
            lastPid.add(Value.of(n.lastPid()));
            pinit.add(Value.of(n.init()));
            pdead.add(Value.bool(n.initDead()));
        }
        Map<Long, String> hosts = new TreeMap<>();
        for (StateView.Uts u : k.uts()) {
            hosts.put(u.id(), u.hostname());
        }
        List<Value> hostname = new ArrayList<>();
        for (long id = 1; id <= b.maxUts(); id++) {
            String h = hosts.get(id);
            hostname.add(h == null ? NO_HOST : Value.str(h));
        }
        Map<String, Value> out = new LinkedHashMap<>();
        out.put("st", Value.seq(st));
        out.put("parent", Value.seq(parent));
        out.put("pids", Value.seq(pids));
        out.put("pidns", Value.seq(pidns));
        out.put("nsfc", Value.seq(nsfc));
        out.put("uts", Value.seq(uts));
        out.put("mnt", Value.seq(mnt));
        out.put("jail", Value.seq(jail));
        out.put("fds", Value.seq(fds));
        out.put("exitSeq", Value.seq(exitSeq));
        out.put("clock", Value.of(k.exitClock()));
        out.put("nextTid", Value.of(k.nextTid()));
        out.put("pnParent", Value.seq(pnParent));
        out.put("pnLevel", Value.seq(pnLevel));
        out.put("pmap", Value.seq(pmap));
        out.put("lastPid", Value.seq(lastPid));
        out.put("pinit", Value.seq(pinit));
        out.put("pdead", Value.seq(pdead));
        out.put("nextPn", Value.of(k.nextIds().getOrDefault("pidns", 1L)));
        out.put("hostname", Value.seq(hostname));
        out.put("nextUts", Value.of(k.nextIds().getOrDefault("utsns", 1L)));
        out.put("nextMnt", Value.of(k.nextIds().getOrDefault("mntns", 1L)));
        return out;
    }

    /**
     * The spec state {@code s} in projected form: tasks that are not live or zombie,
     * and namespaces nothing reachable names, shown with the defaults {@link #of}
     * uses for what the kernel has forgotten.
     *
     * @throws IllegalArgumentException naming the variable when {@code s} lacks one
     *         or has an unexpected shape
     */
    public static Map<String, Value> project(Map<String, Value> s, Bounds b) {
        for (String v : VARIABLES) {
            if (!s.containsKey(v)) {
                throw new IllegalArgumentException("the spec state has no variable " + v);
            }
        }
        Map<String, Value> out = new LinkedHashMap<>();
        List<Value> st = elements(s, "st", b.maxTasks());
        // bit t: task t (1-based) exists (live or zombie) / is live
        BitSet existing = new BitSet();
        BitSet live = new BitSet();
        for (int i = 0; i < st.size(); i++) {
            String state = str(st.get(i), "st");
            if (state.equals("live") || state.equals("zombie")) {
                existing.set(i + 1);
            }
            if (state.equals("live")) {
                live.set(i + 1);
            }
        }
        out.put("st", s.get("st"));
        for (int k = 0; k < TASK_VARS.size(); k++) {
            String v = TASK_VARS.get(k);
            List<Value> xs = elements(s, v, b.maxTasks());
            List<Value> p = new ArrayList<>(xs.size());
            for (int i = 0; i < xs.size(); i++) {
                p.add(existing.get(i + 1) ? xs.get(i) : TASK_DEFAULTS.get(k));
            }
            out.put(v, Value.seq(p));
        }
        out.put("clock", s.get("clock"));
        out.put("nextTid", s.get("nextTid"));
        // reachable namespaces
        List<Value> pnParent = elements(s, "pnParent", b.maxPidNs());
        BitSet pidReach = new BitSet();
        BitSet utsReach = new BitSet();
        List<Value> pidns = elements(s, "pidns", b.maxTasks());
        List<Value> nsfc = elements(s, "nsfc", b.maxTasks());
        List<Value> uts = elements(s, "uts", b.maxTasks());
        List<Value> fds = elements(s, "fds", b.maxTasks());
        for (int t = existing.nextSetBit(0); t >= 0; t = existing.nextSetBit(t + 1)) {
            int i = t - 1;
            pidReach.set(index(num(pidns.get(i), "pidns"), "pidns"));
            if (live.get(t)) {
                pidReach.set(index(num(nsfc.get(i), "nsfc"), "nsfc"));
                utsReach.set(index(num(uts.get(i), "uts"), "uts"));
            }
            for (Value o : mappingValues(fds.get(i))) {
                Map<String, Value> f = fields(o, "fds");
                String kind = str(f.get("kind"), "fds kind");
                long id = num(f.get("id"), "fds id");
                if (kind.equals("pid")) {
                    pidReach.set(index(id, "fds id"));
                } else if (kind.equals("uts")) {
                    utsReach.set(index(id, "fds id"));
                }
            }
        }
        pidReach.clear(0);
        BitSet named = (BitSet) pidReach.clone();
        for (int n = named.nextSetBit(0); n >= 0; n = named.nextSetBit(n + 1)) {
            for (long a = n; a != 0; a = num(pnParent.get((int) a - 1), "pnParent")) {
                pidReach.set(index(a, "pnParent"));
            }
        }
        for (int k = 0; k < PIDNS_VARS.size(); k++) {
            String v = PIDNS_VARS.get(k);
            List<Value> xs = elements(s, v, b.maxPidNs());
            List<Value> p = new ArrayList<>(xs.size());
            for (int i = 0; i < xs.size(); i++) {
                p.add(pidReach.get(i + 1) ? xs.get(i) : PIDNS_DEFAULTS.get(k));
            }
            out.put(v, Value.seq(p));
        }
        out.put("nextPn", s.get("nextPn"));
        List<Value> hostname = elements(s, "hostname", b.maxUts());
        List<Value> h = new ArrayList<>();
        for (int i = 0; i < hostname.size(); i++) {
            h.add(utsReach.get(i + 1) ? hostname.get(i) : NO_HOST);
        }
        out.put("hostname", Value.seq(h));
        out.put("nextUts", s.get("nextUts"));
        out.put("nextMnt", s.get("nextMnt"));
        return out;
    }

    /**
     * What {@link #project} would change in {@link #of}{@code (v, b)}, found on the
     * view itself without building spec values: each pid namespace the view keeps
     * that nothing the spec counts as reachable names (and that does not already
     * show the defaults), and each such uts namespace with a hostname. Reachable is
     * {@link #project}'s rule: the pid namespace of a live or zombie task, the
     * namespace for children and the uts namespace of a live task, whatever a
     * descriptor names, and the ancestors of reachable pid namespaces.
     *
     * <p>Empty exactly when {@code diff(project(of(v, b), b), of(v, b))} is (as
     * AbstractionCheckTest checks on every state of a few hundred generated programs
     * and on broken views), at a small fraction of the cost: campaigns call it after
     * every step ({@link AbstractionCheck}). Ids outside the model's bounds, which
     * {@link #project} cannot index, are reported too.
     */
    public static List<String> unprojected(StateView v, Bounds b) {
        List<String> out = new ArrayList<>();
        BitSet pidReach = new BitSet();
        BitSet utsReach = new BitSet();
        for (StateView.Task t : v.tasks()) {
            if (t.tid() < 1 || t.tid() > b.maxTasks()) {
                continue; // of() shows no such task
            }
            reach(pidReach, t.pidNs(), b.maxPidNs(), t, "its pid namespace", out);
            if (t.live()) {
                reach(pidReach, t.nsForChildren(), b.maxPidNs(), t, "its namespace for children", out);
                reach(utsReach, t.uts(), b.maxUts(), t, "its uts namespace", out);
            }
            if (!t.fds().isEmpty()) {
                for (Map.Entry<Integer, StateView.ObjRef> e : t.fds().entrySet()) {
                    StateView.ObjRef o = e.getValue();
                    if (o.kind().equals("pidns")) {
                        reach(pidReach, o.id(), b.maxPidNs(), t, e.getKey(), out);
                    } else if (o.kind().equals("utsns")) {
                        reach(utsReach, o.id(), b.maxUts(), t, e.getKey(), out);
                    }
                }
            }
        }
        pidReach.clear(0);
        utsReach.clear(0);
        long[] parent = new long[b.maxPidNs() + 1];
        for (StateView.PidNs n : v.pidNs()) {
            if (n.id() >= 1 && n.id() <= b.maxPidNs()) {
                parent[(int) n.id()] = n.parent();
            }
        }
        BitSet named = (BitSet) pidReach.clone();
        for (int n = named.nextSetBit(0); n >= 0; n = named.nextSetBit(n + 1)) {
            int steps = 0;
            for (long a = parent[n]; a != 0 && steps++ <= b.maxPidNs(); a = parent[(int) a]) {
                if (a < 1 || a > b.maxPidNs()) {
                    out.add("pid namespace " + n + " has parent " + a + ", outside 1.." + b.maxPidNs());
                    break;
                }
                pidReach.set((int) a);
            }
        }
        for (StateView.PidNs n : v.pidNs()) {
            if (n.id() < 1 || n.id() > b.maxPidNs() || pidReach.get((int) n.id())) {
                continue;
            }
            if (n.parent() != 0 || n.level() != 0 || !n.pids().isEmpty() || n.lastPid() != 0 || n.init() != 0
                    || n.initDead()) {
                out.add("pid namespace " + n.id() + " is kept but nothing reachable names it");
            }
        }
        for (StateView.Uts u : v.uts()) {
            if (u.id() >= 1 && u.id() <= b.maxUts() && !utsReach.get((int) u.id()) && !u.hostname().isEmpty()) {
                out.add("uts namespace " + u.id() + " (hostname " + u.hostname()
                        + ") is kept but nothing reachable names it");
            }
        }
        return out;
    }

    /** Marks {@code id} reachable; reports it when out of range ({@code what}: a field name or an fd). */
    private static void reach(BitSet set, long id, int max, StateView.Task t, Object what, List<String> out) {
        if (id < 0 || id > max) {
            out.add("task " + t.tid() + (what instanceof Integer fd ? " fd " + fd : ": " + what) + " is " + id
                    + ", outside 1.." + max);
        } else {
            set.set((int) id);
        }
    }

    /**
     * The variables whose values differ, each as {@code name: spec=... kernel=...};
     * for function-valued variables only the differing entries are shown.
     */
    public static List<String> diff(Map<String, Value> spec, Map<String, Value> kernel) {
        List<String> out = new ArrayList<>();
        for (String v : VARIABLES) {
            Value a = spec.get(v);
            Value k = kernel.get(v);
            if (a == null ? k == null : a.equals(k)) {
                continue;
            }
            if (a instanceof Value.SeqValue sa && k instanceof Value.SeqValue sk
                    && sa.elements().size() == sk.elements().size()) {
                StringBuilder sb = new StringBuilder(v).append(':');
                for (int i = 0; i < sa.elements().size(); i++) {
                    if (!sa.elements().get(i).equals(sk.elements().get(i))) {
                        sb.append(" [").append(i + 1).append("] spec=").append(sa.elements().get(i).toTla())
                                .append(" kernel=").append(sk.elements().get(i).toTla()).append(';');
                    }
                }
                out.add(sb.toString());
            } else {
                out.add(v + ": spec=" + (a == null ? "(none)" : a.toTla()) + " kernel="
                        + (k == null ? "(none)" : k.toTla()));
            }
        }
        return out;
    }

    // ---- value helpers ---------------------------------------------------------------

    private static Value jail(long pidns, long nsfc, long uts, long mnt) {
        Map<String, Value> f = new LinkedHashMap<>();
        f.put("pidns", Value.of(pidns));
        f.put("nsfc", Value.of(nsfc));
        f.put("uts", Value.of(uts));
        f.put("mnt", Value.of(mnt));
        return Value.record(f);
    }

    private static Value obj(StateView.ObjRef o) {
        Map<String, Value> f = new LinkedHashMap<>();
        f.put("kind", Value.str(kindWord(o.kind())));
        f.put("id", Value.of(o.id()));
        return Value.record(f);
    }

    /** The spec's kind words: {@code pidns} is "pid", {@code utsns} "uts", {@code mntns} "mnt". */
    static String kindWord(String kernelKind) {
        return kernelKind.endsWith("ns") ? kernelKind.substring(0, kernelKind.length() - 2) : kernelKind;
    }

    static List<Value> elements(Map<String, Value> s, String var, int size) {
        Value v = s.get(var);
        if (!(v instanceof Value.SeqValue seq) || seq.elements().size() != size) {
            throw new IllegalArgumentException("spec variable " + var + " should be a function over 1.." + size
                    + ", is " + (v == null ? "missing" : v.toTla()));
        }
        return seq.elements();
    }

    static String str(Value v, String what) {
        if (v instanceof Value.StringValue s) {
            return s.value();
        }
        throw new IllegalArgumentException(what + " should be a string, is " + v);
    }

    /** {@code id} as a set index: an object id is small and never negative. */
    private static int index(long id, String what) {
        if (id < 0 || id > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException(what + " holds " + id + ", not an object id");
        }
        return (int) id;
    }

        static long num(Value v, String what) {
        if (v instanceof Value.IntValue i) {
            return i.value().longValueExact();
        }
        throw new IllegalArgumentException(what + " should be an integer, is " + v);
    }

    static Map<String, Value> fields(Value v, String what) {
        if (v instanceof Value.RecordValue r) {
            return r.fields();
        }
        throw new IllegalArgumentException(what + " should be a record, is " + v);
    }

    /** The range of a function value (a sequence, record or function). */
    static List<Value> mappingValues(Value f) {
        if (f instanceof Value.SeqValue s) {
            return s.elements();
        }
        if (f instanceof Value.FunctionValue fn) {
            return new ArrayList<>(fn.mapping().values());
        }
        if (f instanceof Value.RecordValue r) {
            return new ArrayList<>(r.fields().values());
        }
        throw new IllegalArgumentException("not a function: " + f);
    }
}

package capsid.refinement;

import capsid.kernel.BootConfig;
import capsid.refinement.KernelLogs.BadLog;
import capsid.refinement.KernelLogs.CallLine;
import capsid.refinement.KernelLogs.EventLine;
import capsid.refinement.NamespaceTrace.Rec;
import capsid.refinement.NamespaceTrace.Step;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The kernel's logs as the trace of spec/TraceCapabilityDelegation.tla: one TLA+
 * record per step. As in {@link NamespaceTrace}, without a call log a step is an
 * event after Boot, and with one a step is a call carrying the event it caused. What
 * CapabilityDelegation abstracts away is handled here, and only here (the spec's
 * header says why each is sound):
 * <ul>
 * <li>a death (Exit, a Kill that killed) becomes one {@code Death} record per process
 *     that died: the one the death record names, then each process a dying namespace
 *     init killed with it ({@code zapped}, root pids) that was still alive;</li>
 * <li>cap_grant's pid is resolved here, as the caller sees it, from the log's own Fork
 *     records (each child's pid at every level of its pid namespaces; Wait and zapped
 *     reap, freeing the pid): the record's {@code pid} is the task it names, or
 *     MaxProcs + 1 when it names none;</li>
 * <li>skipped and counted, NamespaceUnshare's to validate: a failed fork, a failed
 *     ns_open other than EMFILE by a live caller, and every call or event that changes
 *     no capability table (unshare, setns, sethostname, wait, jail, getpid, a kill that
 *     killed nothing, and the calls no spec models yet);</li>
 * <li>objects are the namespaces ns_open names, as {@code "TYPE:ID"}; the model's
 *     FdMax is the boot's fd_max or, when smaller, two more than the highest fd the log
 *     shows.</li>
 * </ul>
 */
final class CapTrace {
    /** The steps, what was skipped, and the model's constants. */
    record Trace(List<Step> steps, int events, int calls, Map<String, Integer> skipped, BootConfig boot, int procs,
                 int fdMax, List<String> objects) {
    }

    /** The calls that become records, by word, and their action. */
    static final Map<String, String> ACTIONS = Map.ofEntries(Map.entry("fork", "Fork"), Map.entry("exit", "Exit"),
            Map.entry("ns_open", "NsOpen"), Map.entry("cap_derive", "CapDerive"), Map.entry("cap_grant", "CapGrant"),
            Map.entry("cap_revoke", "CapRevoke"), Map.entry("cap_rights", "CapRights"),
            Map.entry("cap_badge", "CapBadge"), Map.entry("close", "Close"), Map.entry("dup", "Dup"));

    /** The root pid namespace's id, the boot init's. */
    private static final long ROOT_NS = 1;

    /** What the log says of a task: its own pid namespace, its pid at each level, whether it died and was reaped. */
    private static final class Task {
        final long ns;
        final int[] pids;
        boolean dead;
        boolean reaped;

        Task(long ns, int[] pids) {
            this.ns = ns;
            this.pids = pids;
        }
    }

    private final String eventFile;
    private final String callFile;
    private final List<Step> steps = new ArrayList<>();
    private final Map<String, Integer> skipped = new TreeMap<>();
    private final Map<Long, Task> tasks = new HashMap<>();
    private final Map<Long, List<Long>> chains = new HashMap<>();
    private final Map<String, Long> byNsPid = new HashMap<>();
    private final TreeSet<String> objects = new TreeSet<>();
    private int forks;
    private int maxFd = -1;

    private CapTrace(String eventFile, String callFile) {
        this.eventFile = eventFile;
        this.callFile = callFile;
    }

    /** The trace of an event log alone ({@code calls} null) or of an event log and its call log. */
    static Trace of(String eventFile, List<EventLine> events, String callFile, List<CallLine> calls) throws BadLog {
        CapTrace t = new CapTrace(eventFile, callFile);
        BootConfig boot = NamespaceTrace.boot(eventFile, events.get(0));
        JsonNode init = events.get(0).out().get("init");
        long initTid = init != null && init.canConvertToLong() ? init.asLong() : 1;
        t.chains.put(ROOT_NS, List.of(ROOT_NS));
        t.enter(initTid, new Task(ROOT_NS, new int[] {1}));
        if (calls == null) {
            for (EventLine e : events.subList(1, events.size())) {
                t.event(e);
            }
        } else {
            for (CallLine c : calls.subList(1, calls.size())) {
                if (c.seq() >= 0) {
                    t.event(events.get((int) c.seq()));
                } else {
                    t.call(c);
                }
            }
        }
        int procs = t.forks + 1;
        int fdMax = Math.min(boot.fdMax(), t.maxFd + 2);
        List<String> objs = new ArrayList<>(t.objects);
        return new Trace(List.copyOf(t.steps), events.size() - 1, calls == null ? 0 : calls.size() - 1,
                Collections.unmodifiableMap(t.skipped), boot, procs, fdMax, objs);
    }

    // ---- events ------------------------------------------------------------------------

    private void event(EventLine e) throws BadLog {
        Rec r = new Rec(eventFile, e.line(), e.action());
        ObjectNode a = e.args();
        ObjectNode out = e.out();
        List<String> f = head(e.action(), e.task(), true, "OK");
        switch (e.action()) {
            case "Fork" -> {
                long child = r.integer(out, "out.child");
                f.add("child |-> " + child);
                add(e, f);
                forks++;
                fork(r, e.task(), child, r.integers(out, "out.pids"), r.integer(out, "out.ns"));
            }
            case "NsOpen" -> {
                String obj = r.string(a, "args.type") + ":" + r.integer(out, "out.ns");
                objects.add(obj);
                f.add("obj |-> " + NamespaceTrace.str(obj));
                f.add("ret |-> " + fd(r.integer(e.ret(), "ret")));
                add(e, f);
            }
            case "CapDerive" -> {
                f.add("fd |-> " + r.arg(a, "fd"));
                f.add("rights |-> " + rights(r, a.get("rights"), "args.rights"));
                f.add("badge |-> " + (a.has("badge") ? badge(r, a.get("badge"), "args.badge") : "NoBadge"));
                f.add("newBadge |-> " + badge(r, out.get("badge"), "out.badge"));
                f.add("obj |-> " + object(r, out));
                f.add("ret |-> " + fd(r.integer(e.ret(), "ret")));
                add(e, f);
            }
            case "CapGrant" -> {
                f.add("fd |-> " + r.arg(a, "fd"));
                f.add("pid |-> " + resolve(e.task(), r.integer(a, "args.pid")));
                f.add("target |-> " + r.integer(out, "out.target"));
                f.add("obj |-> " + object(r, out));
                f.add("ret |-> " + fd(r.integer(e.ret(), "ret")));
                add(e, f);
            }
            case "CapRevoke" -> {
                f.add("fd |-> " + r.arg(a, "fd"));
                f.add("ret |-> " + r.integer(e.ret(), "ret"));
                f.add("removed |-> " + slots(r, out.get("removed"), "out.removed"));
                add(e, f);
            }
            case "Close" -> {
                f.add("fd |-> " + r.arg(a, "fd"));
                f.add("obj |-> " + object(r, out));
                f.add("moved |-> " + slots(r, out.get("moved"), "out.moved"));
                f.add("to |-> " + nullableSlot(r, out, "to"));
                add(e, f);
            }
            case "Dup" -> {
                f.add("fd |-> " + r.arg(a, "fd"));
                f.add("obj |-> " + object(r, out));
                f.add("ret |-> " + fd(r.integer(e.ret(), "ret")));
                f.add("parent |-> " + nullableSlot(r, out, "parent"));
                add(e, f);
            }
            case "Exit" -> death(r, e, out, "out");
            case "Kill" -> {
                JsonNode d = out.get("death");
                if (d != null && d.isObject()) {
                    death(r, e, (ObjectNode) d, "out.death");
                } else {
                    skip("kill that killed nothing");
                }
            }
            case "Wait" -> {
                long reaped = r.integer(out, "out.reaped");
                if (reaped > 0) {
                    reap(reaped);
                }
                skip("wait");
            }
            default -> skip(e.action());
        }
    }

    /** One Death record per process that died: the one named, then each zapped one still alive. */
    private void death(Rec r, EventLine e, ObjectNode d, String where) throws BadLog {
        long died = r.integer(d, where + ".task");
        deathOf(e, died);
        for (String pid : r.integers(d, where + ".zapped")) {
            Long z = byNsPid.get(key(ROOT_NS, Integer.parseInt(pid)));
            if (z == null) {
                throw r.bad(where + ".zapped names root pid " + pid + ", which no task of this log has");
            }
            Task t = tasks.get(z);
            if (!t.dead) {
                deathOf(e, z);
            }
            reap(z);
        }
    }

    private void deathOf(EventLine e, long task) {
        List<String> f = head("Death", task, true, "OK");
        add(e, f);
        Task t = tasks.get(task);
        if (t != null) {
            t.dead = true;
        }
    }

    // ---- calls without an event ----------------------------------------------------------

    private void call(CallLine c) throws BadLog {
        String action = ACTIONS.get(c.call());
        Task caller = tasks.get(c.task());
        boolean live = caller != null && !caller.dead;
        if (action == null) {
            skip(c.call());
            return;
        }
        if (c.failed() && "ESRCH".equals(c.errno()) && !live) {
            steps.add(new Step(callFile, c.line(), c.text(), "call", c.n(), record(head(action, c.task(), false,
                    "ESRCH"))));
            return;
        }
        if (action.equals("Fork") && c.failed()) {
            skip("fork that failed (" + c.errno() + ")");
            return;
        }
        if (action.equals("NsOpen") && c.failed() && !"EMFILE".equals(c.errno())) {
            skip("ns_open that failed with " + c.errno());
            return;
        }
        if (!c.failed() && !action.equals("CapRights") && !action.equals("CapBadge")) {
            throw new BadLog(callFile, c.line(), 0, c.call() + " succeeded but caused no event (docs/event-log.md)");
        }
        Rec r = new Rec(callFile, c.line(), c.call());
        ObjectNode a = c.args();
        List<String> f = head(action, c.task(), false, c.failed() ? c.errno() : "OK");
        if (c.failed()) {
            f.add("ret |-> 0");
        } else if (action.equals("CapRights")) {
            f.add("ret |-> " + rightsText(r, r.string(c.ret(), "ret")));
        } else {
            f.add("ret |-> " + badge(r, c.ret(), "ret"));
        }
        switch (action) {
            case "CapDerive" -> {
                f.add("fd |-> " + r.arg(a, "fd"));
                f.add("rights |-> " + rights(r, a.get("rights"), "args.rights"));
                f.add("badge |-> " + (a.has("badge") ? badge(r, a.get("badge"), "args.badge") : "NoBadge"));
            }
            case "CapGrant" -> {
                f.add("fd |-> " + r.arg(a, "fd"));
                f.add("pid |-> " + resolve(c.task(), Integer.parseInt(r.arg(a, "pid"))));
            }
            case "CapRevoke", "CapRights", "CapBadge", "Close", "Dup" -> f.add("fd |-> " + r.arg(a, "fd"));
            default -> {
                // NsOpen (EMFILE: any object), Exit (EPERM): no argument the spec reads
            }
        }
        steps.add(new Step(callFile, c.line(), c.text(), "call", c.n(), record(f)));
    }

    // ---- pids, as the log shows them ------------------------------------------------------

    private void fork(Rec r, long parent, long child, List<String> pidText, long ns) throws BadLog {
        int[] pids = pidText.stream().mapToInt(Integer::parseInt).toArray();
        List<Long> chain = chains.get(ns);
        if (chain == null) {
            // a new namespace: a child of the parent's own (the active pid namespace, as unshare and fork newpid make it)
            Task p = tasks.get(parent);
            if (p == null) {
                throw r.bad("the parent, task " + parent + ", is no task of this log");
            }
            chain = new ArrayList<>(chains.get(p.ns));
            chain.add(ns);
            chains.put(ns, List.copyOf(chain));
        }
        if (chain.size() != pids.length) {
            throw r.bad("out.pids has " + pids.length + " levels, but pid namespace " + ns + " lies at level "
                    + chain.size() + " of this log's");
        }
        enter(child, new Task(ns, pids));
    }

    private void enter(long tid, Task t) {
        tasks.put(tid, t);
        List<Long> chain = chains.get(t.ns);
        for (int i = 0; i < t.pids.length; i++) {
            byNsPid.put(key(chain.get(i), t.pids[i]), tid);
        }
    }

    private void reap(long tid) {
        Task t = tasks.get(tid);
        if (t == null || t.reaped) {
            return;
        }
        t.dead = true;
        t.reaped = true;
        List<Long> chain = chains.get(t.ns);
        for (int i = 0; i < t.pids.length; i++) {
            byNsPid.remove(key(chain.get(i), t.pids[i]), tid);
        }
    }

    /** The task pid names as {@code caller} sees it (in its own pid namespace), or MaxProcs + 1 (written later). */
    private String resolve(long caller, int pid) {
        if (pid <= 0) {
            return Integer.toString(Math.max(pid, Integer.MIN_VALUE + 1));
        }
        Task c = tasks.get(caller);
        Long t = c == null ? null : byNsPid.get(key(c.ns, pid));
        return t == null ? "NoProc" : Long.toString(t);
    }

    private static String key(long ns, int pid) {
        return ns + ":" + pid;
    }

    // ---- values --------------------------------------------------------------------------

    private static List<String> head(String action, long task, boolean logged, String err) {
        List<String> f = new ArrayList<>();
        f.add("action |-> " + NamespaceTrace.str(action));
        f.add("task |-> " + (task > Integer.MAX_VALUE ? "0" : Long.toString(task)));
        f.add("logged |-> " + (logged ? "TRUE" : "FALSE"));
        f.add("err |-> " + NamespaceTrace.str(err));
        return f;
    }

    private void add(EventLine e, List<String> f) {
        steps.add(new Step(eventFile, e.line(), e.text(), "event", e.seq(), record(f)));
    }

    private int fd(int fd) {
        maxFd = Math.max(maxFd, fd);
        return fd;
    }

    private static String object(Rec r, ObjectNode out) throws BadLog {
        return NamespaceTrace.str(NamespaceAbstraction.kindWord(r.string(out, "out.kind")) + ":"
                + r.integer(out, "out.object"));
    }

    private static String rights(Rec r, JsonNode v, String where) throws BadLog {
        if (v == null || !v.isArray()) {
            throw r.bad(where + " should be a list of right words, not " + v);
        }
        List<String> q = new ArrayList<>();
        for (JsonNode w : v) {
            if (!w.isTextual()) {
                throw r.bad(where + " should be a list of right words, not " + v);
            }
            q.add(NamespaceTrace.str(w.asText()));
        }
        return "{" + String.join(", ", q) + "}";
    }

    /** cap_rights' result, {@code "r|x|grant"} or {@code ""}, as a set of words. */
    private static String rightsText(Rec r, String s) {
        List<String> q = new ArrayList<>();
        for (String w : s.split("\\|")) {
            if (!w.isEmpty()) {
                q.add(NamespaceTrace.str(w));
            }
        }
        return "{" + String.join(", ", q) + "}";
    }

    private static String badge(Rec r, JsonNode v, String where) throws BadLog {
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw r.bad(where + " should be an integer, not " + v);
        }
        long b = v.asLong();
        if (b > Integer.MAX_VALUE) {
            throw r.bad(where + " " + b + " is beyond TLC's 32-bit integers: this log cannot be validated");
        }
        return Long.toString(Math.max(b, Integer.MIN_VALUE + 1));
    }

    private String slot(Rec r, JsonNode s, String where) throws BadLog {
        if (s == null || !s.isObject()) {
            throw r.bad(where + " should be a slot record {task, pid, fd}, not " + s);
        }
        return "<<" + r.integer(s, where + ".task") + ", " + fd(r.integer(s, where + ".fd")) + ">>";
    }

    /** out.KEY: a slot record, or null (written as the spec's NoSlot); it must be present. */
    private String nullableSlot(Rec r, ObjectNode out, String key) throws BadLog {
        JsonNode v = out.get(key);
        if (v == null) {
            throw r.bad("out." + key + " is missing");
        }
        return v.isNull() ? "<<0, 0>>" : slot(r, v, "out." + key);
    }

    private String slots(Rec r, JsonNode v, String where) throws BadLog {
        if (v == null || !v.isArray()) {
            throw r.bad(where + " should be a list of slot records, not " + v);
        }
        List<String> q = new ArrayList<>();
        for (JsonNode s : v) {
            q.add(slot(r, s, where + "[]"));
        }
        return "{" + String.join(", ", q) + "}";
    }

    private void skip(String what) {
        skipped.merge(what, 1, Integer::sum);
    }

    private static String record(List<String> f) {
        return "[" + String.join(", ", f) + "]";
    }
}

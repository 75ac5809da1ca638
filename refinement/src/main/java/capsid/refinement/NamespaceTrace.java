package capsid.refinement;

import capsid.checker.value.Value;
import capsid.kernel.BootConfig;
import capsid.kernel.call.Sys;
import capsid.refinement.KernelLogs.BadLog;
import capsid.refinement.KernelLogs.CallLine;
import capsid.refinement.KernelLogs.EventLine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kernel's logs as the trace of spec/TraceNamespaceUnshare.tla: one TLA+
 * record per step. Without a call log a step is an event after Boot; with one, a
 * step is a call, carrying the event it caused (if any). What NamespaceUnshare
 * does not model is handled here, and only here:
 * <ul>
 * <li>a call of a kind the spec has no action for (container_create, pipe, ...:
 *     ENOSYS today), and an event of such a kind, is skipped and counted;</li>
 * <li>ipc, net and user namespaces are abstracted away by the spec: their flags
 *     are dropped from fork and unshare (what the call does to pid, uts and mount
 *     namespaces does not depend on them), a failed fork whose only flags were
 *     those and that failed with EPERM is skipped (the jail rule for those flags is
 *     not the spec's), a failed ns_open of those types is the spec's ns_open of a
 *     pid namespace (the errors left, ESRCH and EMFILE, do not depend on the type),
 *     and a successful one is an error: it makes a descriptor the spec has no kind
 *     for;</li>
 * <li>a sethostname with a null name (no string at all) is skipped;</li>
 * <li>strings keep only printable ASCII (others become {@code ?}, which no valid
 *     word or hostname holds, so validity is unchanged), and the argument
 *     -2147483648 becomes -2147483647 (TLC's integers cannot write it; every
 *     number &lt;= 0 is refused alike).</li>
 * </ul>
 */
final class NamespaceTrace {
    /** One step: where it came from, and its TLA+ record. {@code kind} is "event" or "call", {@code index} its seq or n. */
    record Step(String file, int line, String text, String kind, long index, String tla) {
    }

    /** The steps, what was skipped (by call or action), and the model's bounds. */
    record Trace(List<Step> steps, int events, int calls, Map<String, Integer> skipped, BootConfig boot, int forks,
                 int pidNs, int utsNs, int mntNs, String notValidated) {
        int skippedCount() {
            return skipped.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** The calls the spec models, by word, and the action each is. */
    static final Map<String, String> ACTIONS = Map.ofEntries(Map.entry("fork", "Fork"), Map.entry("exit", "Exit"),
            Map.entry("wait", "Wait"), Map.entry("kill", "Kill"), Map.entry("getpid", "Getpid"),
            Map.entry("getppid", "Getppid"), Map.entry("unshare", "Unshare"), Map.entry("ns_open", "NsOpen"),
            Map.entry("setns", "SetNs"), Map.entry("sethostname", "SetHostname"),
            Map.entry("gethostname", "Gethostname"), Map.entry("jail", "Jail"), Map.entry("close", "Close"),
            Map.entry("dup", "Dup"));

    private static final List<String> UNMODELLED_FLAGS = List.of("newipc", "newnet", "newuser");

    private final String eventFile;
    private final String callFile;
    private final List<Step> steps = new ArrayList<>();
    private final Map<String, Integer> skipped = new TreeMap<>();
    private int forks;
    private int pidNs;
    private int utsNs;
    private int mntNs;

    private NamespaceTrace(String eventFile, String callFile) {
        this.eventFile = eventFile;
        this.callFile = callFile;
    }

    /**
     * The events that change a capability table in a way NamespaceUnshare cannot
     * explain (it has no derivation tree: a derived or granted descriptor, or one a
     * revoke removed, is nothing it knows). A log holding one is not validated
     * against NamespaceUnshare at all but skipped whole, with {@link #TREE_REASON};
     * these logs are for spec/CapabilityDelegation.tla's trace validation (the hook:
     * {@link TraceValidation#validate} returns such a log's verdict with {@code
     * notValidated} set, where a CapabilityDelegation validation plugs in).
     */
    static final java.util.Set<String> TREE_ACTIONS = java.util.Set.of("CapDerive", "CapGrant", "CapRevoke");

    /** Why a log with a {@link #TREE_ACTIONS} event is not validated against NamespaceUnshare. */
    static final String TREE_REASON = "the log changes the capability derivation tree (cap_derive, cap_grant or"
            + " cap_revoke), which NamespaceUnshare does not model";

    /** The trace of an event log alone ({@code calls} null) or of an event log and its call log. */
    static Trace of(String eventFile, List<EventLine> events, String callFile, List<CallLine> calls) throws BadLog {
        NamespaceTrace t = new NamespaceTrace(eventFile, callFile);
        BootConfig boot = boot(eventFile, events.get(0));
        int tree = 0;
        for (EventLine e : events) {
            if (TREE_ACTIONS.contains(e.action())) {
                tree++;
            }
        }
        if (tree > 0) {
            int records = calls == null ? events.size() - 1 : calls.size() - 1;
            return new Trace(List.of(), events.size() - 1, calls == null ? 0 : calls.size() - 1,
                    Map.of("whole log: " + tree + " capability tree events", records), boot, 0, 0, 0, 0,
                    TREE_REASON);
        }
        if (calls == null) {
            for (EventLine e : events.subList(1, events.size())) {
                t.event(e);
            }
        } else {
            for (CallLine c : calls.subList(1, calls.size())) {
                t.call(c, c.seq() < 0 ? null : events.get((int) c.seq()));
            }
        }
        return new Trace(List.copyOf(t.steps), events.size() - 1, calls == null ? 0 : calls.size() - 1,
                java.util.Collections.unmodifiableMap(t.skipped), boot, t.forks, t.pidNs, t.utsNs, t.mntNs, null);
    }

    /** The boot's configuration, from the Boot event's args; its absent limits are the kernel's defaults. */
    static BootConfig boot(String file, EventLine e) throws BadLog {
        Rec r = new Rec(file, e.line(), "Boot");
        ObjectNode a = e.args();
        BootConfig d = BootConfig.DEFAULT;
        BootConfig c = new BootConfig(r.string(a, "args.hostname"), r.seed(a.get("seed")),
                a.has("pid_max") ? r.integer(a, "args.pid_max") : d.pidMax(),
                a.has("pid_reserved") ? r.integer(a, "args.pid_reserved") : d.pidReserved(),
                a.has("pidns_levels") ? r.integer(a, "args.pidns_levels") : d.pidNsLevels(),
                a.has("fd_max") ? r.integer(a, "args.fd_max") : d.fdMax());
        if (!c.problems().isEmpty()) {
            throw r.bad("a kernel cannot boot so: " + String.join("; ", c.problems()));
        }
        return c;
    }

    // ---- event-only steps --------------------------------------------------------------

    private void event(EventLine e) throws BadLog {
        String action = e.action();
        if (!ACTIONS.containsValue(action)) {
            String word = callOfAction(action);
            if (word == null) {
                throw new BadLog(eventFile, e.line(), 0, "action " + action + " is no kernel call's (docs/event-log.md)");
            }
            skip(action);
            return;
        }
        Rec r = new Rec(eventFile, e.line(), action);
        List<String> f = logged(r, e);
        steps.add(new Step(eventFile, e.line(), e.text(), "event", e.seq(), record(f)));
    }

    /** The call whose event a (not modelled) action names, e.g. container_create for ContainerCreate; null for none. */
    private static String callOfAction(String action) {
        for (Sys s : Sys.values()) {
            StringBuilder camel = new StringBuilder();
            for (String part : s.word().split("_")) {
                camel.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
            if (camel.toString().equals(action) && !ACTIONS.containsKey(s.word())) {
                return s.word();
            }
        }
        return null;
    }

    // ---- call-log steps ----------------------------------------------------------------

    private void call(CallLine c, EventLine e) throws BadLog {
        String action = ACTIONS.get(c.call());
        if (action == null) {
            if (Sys.byWord(c.call()) == null) {
                throw new BadLog(callFile, c.line(), 0, "call " + c.call() + " is no call of ABI.md");
            }
            skip(c.call());
            return;
        }
        Rec r = new Rec(callFile, c.line(), c.call());
        if (e != null) {
            if (!e.action().equals(action)) {
                throw new BadLog(callFile, c.line(), 0, "a " + c.call() + " call caused a " + e.action() + " event ("
                        + eventFile + ":" + e.line() + ")");
            }
            List<String> f = logged(new Rec(eventFile, e.line(), action), e);
            steps.add(new Step(eventFile, e.line(), e.text(), "event", e.seq(), record(f)));
            return;
        }
        List<String> f = new ArrayList<>();
        f.add("action |-> " + str(action));
        f.add("task |-> " + task(c.task()));
        f.add("logged |-> FALSE");
        f.add("err |-> " + str(c.failed() ? c.errno() : "OK"));
        if (c.failed()) {
            f.add("ret |-> 0");
        } else if (c.call().equals("gethostname")) {
            f.add("ret |-> " + str(r.string(c.ret(), "ret")));
        } else {
            f.add("ret |-> " + r.integer(c.ret(), "ret"));
        }
        ObjectNode a = c.args();
        switch (action) {
            case "Fork", "Unshare" -> {
                Flags fl = r.flags(a);
                if (action.equals("Fork") && fl.onlyUnmodelled() && "EPERM".equals(c.errno())) {
                    skip("fork with only newipc/newnet/newuser, EPERM");
                    return;
                }
                f.add("flags |-> " + fl.tla());
            }
            case "Kill" -> {
                f.add("pid |-> " + r.arg(a, "pid"));
                f.add("sig |-> " + str(r.string(a, "args.sig")));
            }
            case "Wait" -> wait(r, a, f);
            case "NsOpen" -> {
                f.add("pid |-> " + r.arg(a, "pid"));
                String type = r.string(a, "args.type");
                f.add("type |-> " + str(UNMODELLED_FLAGS.contains("new" + type) ? "pid" : type));
            }
            case "SetNs", "Close", "Dup" -> f.add("fd |-> " + r.arg(a, "fd"));
            case "SetHostname" -> {
                JsonNode name = a.get("name");
                if (name != null && name.isNull()) {
                    skip("sethostname with a null name");
                    return;
                }
                f.add("name |-> " + str(r.string(a, "args.name")));
            }
            default -> {
                // Exit, Getpid, Getppid, Gethostname, Jail: no argument the spec reads
            }
        }
        steps.add(new Step(callFile, c.line(), c.text(), "call", c.n(), record(f)));
    }

    // ---- an event's record ---------------------------------------------------------------

    /** The record of a modelled event (with or without its call): arguments, result and effects. */
    private List<String> logged(Rec r, EventLine e) throws BadLog {
        String action = e.action();
        ObjectNode a = e.args();
        ObjectNode out = e.out();
        List<String> f = new ArrayList<>();
        f.add("action |-> " + str(action));
        f.add("task |-> " + task(e.task()));
        f.add("logged |-> TRUE");
        f.add("err |-> \"OK\"");
        switch (action) {
            case "Fork" -> {
                forks++;
                Flags fl = r.flags(a);
                count(fl.words());
                f.add("flags |-> " + fl.tla());
                f.add("ret |-> " + r.integer(e.ret(), "ret"));
                f.add("child |-> " + r.integer(out, "out.child"));
                f.add("pids |-> <<" + String.join(", ", r.integers(out, "out.pids")) + ">>");
                f.add("ns |-> " + r.integer(out, "out.ns"));
            }
            case "Unshare" -> {
                Flags fl = r.flags(a);
                count(fl.words());
                f.add("flags |-> " + fl.tla());
                f.add("pidForChildren |-> " + r.integer(out, "out.pidForChildren"));
                f.add("uts |-> " + r.integer(out, "out.uts"));
                f.add("mnt |-> " + r.integer(out, "out.mnt"));
            }
            case "Exit" -> death(r, out, "out", f);
            case "Jail" -> {
            }
            case "Kill" -> {
                f.add("pid |-> " + r.arg(a, "pid"));
                f.add("sig |-> " + str(r.string(a, "args.sig")));
                f.add("target |-> " + r.integer(out, "out.target"));
                JsonNode killed = out.get("killed");
                if (killed == null || !killed.isBoolean()) {
                    throw r.bad("out.killed should be true or false");
                }
                f.add("killed |-> " + (killed.asBoolean() ? "TRUE" : "FALSE"));
                JsonNode d = out.get("death");
                if (d == null || !(d.isNull() || d.isObject())) {
                    throw r.bad("out.death should be a death record or null");
                }
                death(r, d.isNull() ? null : (ObjectNode) d, "out.death", f);
            }
            case "Wait" -> {
                wait(r, a, f);
                f.add("ret |-> " + r.integer(e.ret(), "ret"));
                f.add("reaped |-> " + r.integer(out, "out.reaped"));
            }
            case "NsOpen" -> {
                f.add("pid |-> " + r.arg(a, "pid"));
                String type = r.string(a, "args.type");
                if (UNMODELLED_FLAGS.contains("new" + type)) {
                    throw r.bad("ns_open of an " + type + " namespace: NamespaceUnshare does not model ipc, net and"
                            + " user namespaces, so it cannot validate this log past here");
                }
                f.add("type |-> " + str(type));
                f.add("ret |-> " + r.integer(e.ret(), "ret"));
                f.add("target |-> " + r.integer(out, "out.target"));
                f.add("ns |-> " + r.integer(out, "out.ns"));
            }
            case "SetNs" -> {
                f.add("fd |-> " + r.arg(a, "fd"));
                f.add("type |-> " + str(r.string(out, "out.type")));
                f.add("ns |-> " + r.integer(out, "out.ns"));
            }
            case "Close", "Dup" -> {
                f.add("fd |-> " + r.arg(a, "fd"));
                f.add("ret |-> " + r.integer(e.ret(), "ret"));
                f.add("kind |-> " + str(NamespaceAbstraction.kindWord(r.string(out, "out.kind"))));
                f.add("object |-> " + r.integer(out, "out.object"));
            }
            case "SetHostname" -> {
                f.add("name |-> " + str(r.string(a, "args.name")));
                f.add("uts |-> " + r.integer(out, "out.uts"));
            }
            default -> throw r.bad(action + " is a read-only call's action and emits no event (docs/event-log.md)");
        }
        return f;
    }

    private static void wait(Rec r, ObjectNode a, List<String> f) throws BadLog {
        boolean any = !a.has("pid");
        f.add("any |-> " + (any ? "TRUE" : "FALSE"));
        f.add("pid |-> " + (any ? "0" : r.arg(a, "pid")));
    }

    /** The death record's fields (docs/event-log.md): who died, the tasks reparented and their reaper, zapped root pids. */
    private static void death(Rec r, ObjectNode d, String where, List<String> f) throws BadLog {
        if (d == null) {
            f.add("died |-> 0");
            f.add("reparented |-> {}");
            f.add("reaper |-> 0");
            f.add("zapped |-> {}");
            return;
        }
        f.add("died |-> " + r.integer(d, where + ".task"));
        f.add("reparented |-> {" + String.join(", ", r.integers(d, where + ".reparented")) + "}");
        f.add("reaper |-> " + r.integer(d, where + ".reaper"));
        f.add("zapped |-> {" + String.join(", ", r.integers(d, where + ".zapped")) + "}");
    }

    private void count(List<String> words) {
        pidNs += words.contains("newpid") ? 1 : 0;
        utsNs += words.contains("newuts") ? 1 : 0;
        mntNs += words.contains("newns") ? 1 : 0;
    }

    private void skip(String what) {
        skipped.merge(what, 1, Integer::sum);
    }

    /** A task id as the spec sees it: 0 (no task) for one beyond TLC's integers. */
    private static String task(long t) {
        return t > Integer.MAX_VALUE ? "0" : Long.toString(t);
    }

    private static String record(List<String> f) {
        return "[" + String.join(", ", f) + "]";
    }

    /** A TLA+ string of {@code s}'s printable ASCII, any other character as {@code ?}. */
    static String str(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return Value.str(b.toString()).toTla();
    }

    /** Flag words, without the ones the spec does not model. */
    record Flags(List<String> words, boolean dropped) {
        boolean onlyUnmodelled() {
            return dropped && words.isEmpty();
        }

        String tla() {
            List<String> q = new ArrayList<>();
            for (String w : words) {
                q.add(str(w));
            }
            return "{" + String.join(", ", q) + "}";
        }
    }

    /** Typed reads of one record's fields; every failure names the file, the line and the field. */
    record Rec(String file, int line, String what) {
        BadLog bad(String why) {
            return new BadLog(file, line, 0, what + ": " + why);
        }

        private JsonNode at(JsonNode n, String path) throws BadLog {
            String key = path.substring(path.lastIndexOf('.') + 1);
            JsonNode v = path.indexOf('.') < 0 ? n : n.get(key);
            if (v == null) {
                throw bad(path + " is missing");
            }
            return v;
        }

        /** A 32-bit integer (TLC's); {@code n} is the record holding {@code path}'s last key, or the value itself. */
        int integer(JsonNode n, String path) throws BadLog {
            JsonNode v = at(n, path);
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() == Integer.MIN_VALUE) {
                throw bad(path + " should be an integer of 32 bits, not " + v);
            }
            return v.asInt();
        }

        /** A call's integer argument, as TLA+ text (see the class comment for -2147483648). */
        String arg(ObjectNode args, String key) throws BadLog {
            JsonNode v = args.get(key);
            if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
                throw bad("args." + key + " should be an integer of 32 bits, not " + v);
            }
            return Integer.toString(Math.max(v.asInt(), Integer.MIN_VALUE + 1));
        }

        long seed(JsonNode v) throws BadLog {
            if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
                throw bad("args.seed should be an integer, not " + v);
            }
            return v.asLong();
        }

        List<String> integers(JsonNode n, String path) throws BadLog {
            JsonNode v = at(n, path);
            if (!v.isArray()) {
                throw bad(path + " should be a list of integers, not " + v);
            }
            List<String> out = new ArrayList<>();
            for (JsonNode x : v) {
                if (!x.isIntegralNumber() || !x.canConvertToInt() || x.asInt() == Integer.MIN_VALUE) {
                    throw bad(path + " should be a list of integers of 32 bits, not " + v);
                }
                out.add(Integer.toString(x.asInt()));
            }
            return out;
        }

        String string(JsonNode n, String path) throws BadLog {
            JsonNode v = at(n, path);
            if (!v.isTextual()) {
                throw bad(path + " should be a string, not " + v);
            }
            return v.asText();
        }

        Flags flags(ObjectNode args) throws BadLog {
            JsonNode v = args.get("flags");
            if (v == null || !v.isArray()) {
                throw bad("args.flags should be a list of flag words, not " + v);
            }
            List<String> words = new ArrayList<>();
            boolean dropped = false;
            for (JsonNode w : v) {
                if (!w.isTextual()) {
                    throw bad("args.flags should be a list of flag words, not " + v);
                }
                if (UNMODELLED_FLAGS.contains(w.asText())) {
                    dropped = true;
                } else {
                    words.add(w.asText());
                }
            }
            return new Flags(words, dropped);
        }
    }
}

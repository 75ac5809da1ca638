package capsid.refinement;

import capsid.checker.value.Value;
import capsid.kernel.Kernel;
import capsid.kernel.StateView;
import capsid.kernel.call.Rights;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The abstraction function of CapabilityDelegation: the kernel's capability tables and
 * derivation tree as the spec's variables {@code st}, {@code nextProc}, {@code table},
 * {@code parent} and {@code objs} (the ghost {@code flow} and the history {@code
 * lastAction} have no kernel counterpart). Kernel task k is spec process k; a slot is
 * {@code <<tid, fd>>}; the boot init's pid, uts and mount namespaces are the objects
 * {@code "pid"}, {@code "uts"} and {@code "mnt"}; any other object, or a task or fd
 * beyond the model's bounds, abstracts to a value no spec state holds, so the
 * comparison fails and the diff names it.
 */
public final class CapAbstraction {
    /** The spec variables the abstraction maps to. */
    public static final List<String> VARIABLES = List.of("st", "nextProc", "table", "parent", "objs");

    private static final Value NO_SLOT = Value.seq(Value.of(0), Value.of(0));

    private CapAbstraction() {
    }

    /** The model's bounds: MaxProcs, FdMax, Objects and Destroyable. */
    public record Bounds(int maxProcs, int fdMax, Set<String> objects, Set<String> destroyable) {
        public static Bounds of(Map<String, String> c) {
            return new Bounds(NamespaceAbstraction.intConst(c, "MaxProcs"), NamespaceAbstraction.intConst(c, "FdMax"),
                    words(c, "Objects"), words(c, "Destroyable"));
        }

        private static Set<String> words(Map<String, String> c, String name) {
            String v = c.get(name);
            if (v == null) {
                throw new IllegalArgumentException("the model defines no constant " + name);
            }
            String t = v.trim();
            if (!t.startsWith("{") || !t.endsWith("}")) {
                throw new IllegalArgumentException("constant " + name + " = " + v + " is not a set of strings");
            }
            TreeSet<String> out = new TreeSet<>();
            for (String w : t.substring(1, t.length() - 1).split(",")) {
                String s = w.trim();
                if (s.isEmpty()) {
                    continue;
                }
                if (!s.startsWith("\"") || !s.endsWith("\"") || s.length() < 2) {
                    throw new IllegalArgumentException("constant " + name + " = " + v + " is not a set of strings");
                }
                out.add(s.substring(1, s.length() - 1));
            }
            return out;
        }
    }

    /** The spec state's variables that the abstraction maps to. */
    public static Map<String, Value> project(Map<String, Value> spec) {
        Map<String, Value> out = new LinkedHashMap<>();
        for (String v : VARIABLES) {
            Value x = spec.get(v);
            if (x == null) {
                throw new IllegalArgumentException("the spec state has no variable " + v);
            }
            out.put(v, x);
        }
        return out;
    }

    /** The abstraction of kernel {@code k}'s state. */
    public static Map<String, Value> of(Kernel k, Bounds b) {
        // the slots come from StateView.caps, where a parent in no table (a broken tree) is task -1
        StateView view = k.state();
        List<Value> st = new ArrayList<>();
        List<Value> table = new ArrayList<>();
        Map<Value, Value> parent = new LinkedHashMap<>();
        StateView.Task[] tasks = new StateView.Task[b.maxProcs() + 1];
        List<String> stray = new ArrayList<>();
        for (StateView.Task t : view.tasks()) {
            if (t.tid() >= 1 && t.tid() <= b.maxProcs()) {
                tasks[(int) t.tid()] = t;
            } else {
                stray.add("task " + t.tid());
            }
        }
        for (int p = 1; p <= b.maxProcs(); p++) {
            for (int fd = 0; fd < b.fdMax(); fd++) {
                parent.put(slot(p, fd), NO_SLOT);
            }
        }
        List<Map<Value, Value>> slots = new ArrayList<>();
        for (int p = 0; p <= b.maxProcs(); p++) {
            slots.add(new LinkedHashMap<>());
        }
        for (StateView.Slot c : view.caps()) { // by task, then fd
            if (c.task() < 1 || c.task() > b.maxProcs() || c.fd() >= b.fdMax()) {
                stray.add("fd " + c.fd() + " of task " + c.task());
                continue;
            }
            Map<String, Value> rec = new LinkedHashMap<>();
            rec.put("obj", object(new StateView.ObjRef(c.kind(), c.id())));
            rec.put("rights", rights(c.rights()));
            rec.put("badge", Value.of(c.badge()));
            slots.get((int) c.task()).put(Value.of(c.fd()), Value.record(rec));
            parent.put(slot(c.task(), c.fd()), c.parentTask() == 0 ? NO_SLOT : slot(c.parentTask(), c.parentFd()));
        }
        for (int p = 1; p <= b.maxProcs(); p++) {
            StateView.Task t = tasks[p];
            st.add(Value.str(t == null ? (p < view.nextTid() ? "reaped" : "none") : t.live() ? "live" : "dead"));
            table.add(Value.function(slots.get(p)));
        }
        Map<String, Value> out = new LinkedHashMap<>();
        out.put("st", Value.seq(st));
        out.put("nextProc", Value.of(view.nextTid()));
        out.put("table", Value.seq(table));
        out.put("parent", Value.function(parent));
        TreeSet<String> objs = new TreeSet<>(b.objects());
        out.put("objs", Value.set(objs.stream().map(Value::str).toList()));
        if (!stray.isEmpty()) {
            out.put("(beyond the model)", Value.str(String.join(", ", stray)));
        }
        return out;
    }

    private static Value slot(long tid, int fd) {
        return Value.seq(Value.of(tid), Value.of(fd));
    }

    /** A kernel object as the spec names it: the boot init's namespaces (id 1 of their kind). */
    private static Value object(StateView.ObjRef o) {
        if (o.id() == 1) {
            switch (o.kind()) {
                case "pidns":
                    return Value.str("pid");
                case "utsns":
                    return Value.str("uts");
                case "mntns":
                    return Value.str("mnt");
                default:
                    break;
            }
        }
        return Value.str(o.kind() + "#" + o.id());
    }

    private static Value rights(int bits) {
        List<Value> out = new ArrayList<>();
        for (String w : Rights.render(bits).split("\\|")) {
            if (!w.isEmpty()) {
                out.add(Value.str(w));
            }
        }
        return Value.set(out);
    }

    /** Each variable whose values differ, spec first, kernel second. */
    public static List<String> diff(Map<String, Value> spec, Map<String, Value> kernel) {
        List<String> out = new ArrayList<>();
        for (String v : VARIABLES) {
            Value a = spec.get(v);
            Value b = kernel.get(v);
            if (!a.equals(b)) {
                out.add(v + ": spec " + a.toTla() + "\n    kernel " + (b == null ? "(none)" : b.toTla()));
            }
        }
        Value stray = kernel.get("(beyond the model)");
        if (stray != null) {
            out.add("the kernel holds what the model cannot: " + ((Value.StringValue) stray).value());
        }
        return out;
    }
}

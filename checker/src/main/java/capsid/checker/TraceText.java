package capsid.checker;

import capsid.checker.value.Value;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A trace as a person reads it: one block per state, headed by where the action is
 * defined ({@code spec/Spec.tla:5:9 IncX}, a position terminals and editors open)
 * and, for Capsid's own specs, the kernel method that implements the action; under
 * it, the first state whole and after that only what changed, one line per changed
 * leaf of a structured value: {@code st[2]: "live" -> "zombie"} for a changed
 * entry, {@code pmap[1]: +(3 :> 4)} for a new one, {@code procs: -{p1}} for a set
 * element gone. With {@link Style#full()} every variable of every state.
 */
public final class TraceText {
    /** Lines a single variable may take in one step before the rest is counted. */
    static final int MAX_LINES_PER_VARIABLE = 12;
    /** Characters of one value before it is cut. */
    static final int MAX_VALUE = 240;

    private static final Pattern LABEL = Pattern.compile(
            "<(\\S+?)(\\(.*?\\))? line (\\d+), col (\\d+) to line \\d+, col \\d+ of module (\\S+)>");

    private TraceText() {
    }

    /**
     * How to show a trace.
     *
     * @param full every variable of every state instead of the changes
     * @param maxStates states shown before the rest is counted
     * @param moduleFile the file to name for a module (as it should be shown), or {@code null} for none known
     * @param kernelMethod the kernel method implementing (module, action), e.g. {@code ProcessTable#fork}, or
     *     {@code null}
     */
    public record Style(boolean full, int maxStates, Function<String, String> moduleFile,
                        BiFunction<String, String, String> kernelMethod) {
        public Style {
            moduleFile = moduleFile == null ? m -> null : moduleFile;
            kernelMethod = kernelMethod == null ? (m, a) -> null : kernelMethod;
        }

        /** Changes only, every state, no file or kernel names known. */
        public static Style plain() {
            return new Style(false, Integer.MAX_VALUE, null, null);
        }
    }

    /** The trace's lines: a heading, then each state. */
    public static List<String> lines(Trace t, Style style) {
        List<String> out = new ArrayList<>();
        out.add("trace (" + t.size() + " state" + (t.size() == 1 ? "" : "s") + (t.loop() == null ? ""
                : ", then back to state " + t.loop() + " by " + label(t.loopActionLabel(), style))
                + (style.full() ? "; every variable of every state):" : "; after the first state, only what changed):"));
        Map<String, Value> prev = null;
        int shown = 0;
        for (State s : t.states()) {
            if (shown++ >= style.maxStates()) {
                out.add("  ... " + (t.size() - style.maxStates()) + " more states (capsid trace FILE shows them all)");
                break;
            }
            out.add("  " + s.index() + ": " + label(s.actionLabel(), style));
            for (Map.Entry<String, Value> e : s.vars().entrySet()) {
                Value before = prev == null ? null : prev.get(e.getKey());
                if (style.full() || before == null) {
                    out.add("      " + e.getKey() + " = " + cut(e.getValue().toTla()));
                } else if (!before.equals(e.getValue())) {
                    List<String> changes = new ArrayList<>();
                    diff(e.getKey(), before, e.getValue(), changes);
                    int n = changes.size();
                    changes.stream().limit(MAX_LINES_PER_VARIABLE).forEach(c -> out.add("      " + c));
                    if (n > MAX_LINES_PER_VARIABLE) {
                        out.add("      " + e.getKey() + ": ... " + (n - MAX_LINES_PER_VARIABLE) + " more changes");
                    }
                }
            }
            if (prev != null) {
                for (String gone : prev.keySet()) {
                    if (!s.vars().containsKey(gone)) {
                        out.add("      " + gone + ": (no value in this state)");
                    }
                }
            }
            prev = s.vars();
        }
        return out;
    }

    /**
     * A TLC action label as {@code FILE:LINE:COL Action [kernel: Class#method]}: the
     * file when {@code style} knows it (else the module name), the kernel method when
     * one implements the action. {@code <Initial predicate>} is {@code initial state};
     * a bare name (a state-graph edge) stays as it is.
     */
    public static String label(String raw, Style style) {
        if (raw == null) {
            return "(no action label)";
        }
        if (raw.equals(State.INITIAL_PREDICATE)) {
            return "initial state";
        }
        Matcher m = LABEL.matcher(raw);
        if (!m.matches()) {
            return raw;
        }
        String module = m.group(5);
        String action = m.group(1);
        String file = style.moduleFile().apply(module);
        String where = (file != null ? file : module) + ":" + m.group(3) + ":" + m.group(4);
        String method = style.kernelMethod().apply(module, action);
        return where + " " + action + (m.group(2) == null ? "" : m.group(2))
                + (method == null ? "" : "  [kernel: " + method + "]");
    }

    /**
     * What changed from {@code a} to {@code b} at {@code path}, one line per changed
     * leaf: records with the same fields, functions and sequences are compared entry
     * by entry, sets element by element; anything else is shown whole, {@code old -> new}.
     */
    public static void diff(String path, Value a, Value b, List<String> out) {
        if (Objects.equals(a, b)) {
            return;
        }
        if (a instanceof Value.RecordValue ra && b instanceof Value.RecordValue rb
                && ra.fields().keySet().equals(rb.fields().keySet())) {
            for (Map.Entry<String, Value> e : rb.fields().entrySet()) {
                diff(path + "." + e.getKey(), ra.fields().get(e.getKey()), e.getValue(), out);
            }
            return;
        }
        if (a instanceof Value.RecordValue ra && b instanceof Value.RecordValue rb) {
            for (Map.Entry<String, Value> e : rb.fields().entrySet()) {
                Value old = ra.fields().get(e.getKey());
                if (old == null) {
                    out.add(path + ": +[" + e.getKey() + " |-> " + cut(e.getValue().toTla()) + "]");
                } else {
                    diff(path + "." + e.getKey(), old, e.getValue(), out);
                }
            }
            ra.fields().forEach((k, v) -> {
                if (!rb.fields().containsKey(k)) {
                    out.add(path + ": -[" + k + " |-> " + cut(v.toTla()) + "]");
                }
            });
            return;
        }
        Map<Value, Value> fa = mapping(a);
        Map<Value, Value> fb = mapping(b);
        if (fa != null && fb != null) {
            for (Map.Entry<Value, Value> e : fb.entrySet()) {
                Value old = fa.get(e.getKey());
                if (old == null) {
                    out.add(path + ": +(" + cut(e.getKey().toTla()) + " :> " + cut(e.getValue().toTla()) + ")");
                } else {
                    diff(path + "[" + cut(e.getKey().toTla()) + "]", old, e.getValue(), out);
                }
            }
            fa.forEach((k, v) -> {
                if (!fb.containsKey(k)) {
                    out.add(path + ": -(" + cut(k.toTla()) + " :> " + cut(v.toTla()) + ")");
                }
            });
            return;
        }
        if (a instanceof Value.SetValue sa && b instanceof Value.SetValue sb) {
            sb.elements().stream().filter(e -> !sa.elements().contains(e))
                    .forEach(e -> out.add(path + ": +{" + cut(e.toTla()) + "}"));
            sa.elements().stream().filter(e -> !sb.elements().contains(e))
                    .forEach(e -> out.add(path + ": -{" + cut(e.toTla()) + "}"));
            return;
        }
        out.add(path + ": " + cut(a.toTla()) + " -> " + cut(b.toTla()));
    }

    /** A sequence or function as its mapping (a sequence from 1), else {@code null}. */
    private static Map<Value, Value> mapping(Value v) {
        if (v instanceof Value.FunctionValue f) {
            return f.mapping();
        }
        if (v instanceof Value.SeqValue s) {
            Map<Value, Value> m = new LinkedHashMap<>();
            for (int i = 0; i < s.elements().size(); i++) {
                m.put(new Value.IntValue(BigInteger.valueOf(i + 1)), s.elements().get(i));
            }
            return m;
        }
        return null;
    }

    private static String cut(String s) {
        return s.length() > MAX_VALUE ? s.substring(0, MAX_VALUE) + "..." : s;
    }

    /** {@code file} relative to the working directory when it lies under it, else as it is. */
    public static String shortPath(String file) {
        if (file == null) {
            return null;
        }
        try {
            Path p = Path.of(file).toAbsolutePath().normalize();
            Path cwd = Path.of("").toAbsolutePath().normalize();
            return p.startsWith(cwd) && !p.equals(cwd) ? cwd.relativize(p).toString() : p.toString();
        } catch (RuntimeException e) {
            return file;
        }
    }
}

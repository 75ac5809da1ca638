package capsid.checker;

import capsid.checker.value.Value;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One state of a trace: its position, the action that led to it as TLC labels it,
 * and the variables' values (in TLC's order).
 *
 * @param index position in the trace, from 0 (TLC numbers states from 1)
 * @param actionLabel TLC's label, e.g. {@code <Next line 5, col 9 to line 5, col 27 of module A>}
 *     or {@code <Initial predicate>}; in a state-graph walk just the action name; {@code null}
 *     when TLC gives none (simulation trace files)
 * @param vars variable name to value
 */
public record State(int index, String actionLabel, Map<String, Value> vars) {
    /** TLC's label for a first state. */
    public static final String INITIAL_PREDICATE = "<Initial predicate>";

    private static final Pattern LABEL = Pattern.compile("<(\\S+?)(?:\\(.*?\\))? line \\d+, col \\d+ to line \\d+, col \\d+ of module \\S+>");

    public State {
        if (index < 0) {
            throw new IllegalArgumentException("index < 0: " + index);
        }
        Objects.requireNonNull(vars, "vars");
        vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    }

    /**
     * The action's name: {@code Next} for {@code <Next line 5, col 9 to ... of module A>},
     * the label itself when it is a bare name (state-graph edges), {@code null} for the
     * initial predicate and for no label.
     */
    public String action() {
        return actionName(actionLabel);
    }

    /** Whether TLC labels this state as satisfying the initial predicate. */
    public boolean isInitial() {
        return INITIAL_PREDICATE.equals(actionLabel);
    }

    /** The action name in a TLC action label (see {@link #action()}). */
    public static String actionName(String label) {
        if (label == null || label.equals(INITIAL_PREDICATE)) {
            return null;
        }
        Matcher m = LABEL.matcher(label);
        if (m.matches()) {
            return m.group(1);
        }
        if (label.startsWith("<") && label.endsWith(">")) {
            String inner = label.substring(1, label.length() - 1).trim();
            int sp = inner.indexOf(' ');
            return sp < 0 ? inner : inner.substring(0, sp);
        }
        return label;
    }
}

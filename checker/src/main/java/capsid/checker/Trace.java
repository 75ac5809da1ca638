package capsid.checker;

import java.util.List;
import java.util.Objects;

/**
 * A finite behaviour, or a lasso: a list of states, and for a liveness
 * counterexample the index where the loop starts (the behaviour goes on from the
 * last state back to {@code states.get(loop)} forever; with TLC's "Stuttering"
 * ending, {@code loop} is the last index: the last state repeats).
 *
 * @param states the states, {@code states.get(i).index() == i}
 * @param loop index the last state loops back to, or {@code null} for a finite trace
 * @param loopActionLabel TLC's label of the step that closes the loop ({@code "Stuttering"}
 *     for stuttering), or {@code null}
 */
public record Trace(List<State> states, Integer loop, String loopActionLabel) {
    /** Label of a stuttering loop. */
    public static final String STUTTERING = "Stuttering";

    public Trace {
        Objects.requireNonNull(states, "states");
        states = List.copyOf(states);
        for (int i = 0; i < states.size(); i++) {
            if (states.get(i).index() != i) {
                throw new IllegalArgumentException("state " + i + " has index " + states.get(i).index());
            }
        }
        if (loop != null && (loop < 0 || loop >= states.size())) {
            throw new IllegalArgumentException("loop index " + loop + " outside 0.." + (states.size() - 1));
        }
    }

    /** A finite trace. */
    public Trace(List<State> states) {
        this(states, null, null);
    }

    /** Number of states. */
    public int size() {
        return states.size();
    }
}

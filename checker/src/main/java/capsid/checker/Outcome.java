package capsid.checker;

import java.util.Locale;

/** What a TLC run established (the {@code result} field of a record). */
public enum Outcome {
    /** Every state explored (or every simulated trace run) without a property failing. */
    PASS,
    /** An invariant, action property, {@code Assert} or {@code ASSUME} failed. */
    VIOLATION,
    /** A reachable state has no successor and deadlock checking was on. */
    DEADLOCK,
    /** A temporal (liveness) property failed; the trace is a lasso. */
    LIVENESS,
    /** Nothing was established: TLC could not run, crashed, timed out, was killed, or said something unexpected. */
    ERROR;

    /** The JSON spelling: {@code pass}, {@code violation}, ... */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a property of the spec failed (violation, deadlock or liveness). */
    public boolean isPropertyFailure() {
        return this == VIOLATION || this == DEADLOCK || this == LIVENESS;
    }
}

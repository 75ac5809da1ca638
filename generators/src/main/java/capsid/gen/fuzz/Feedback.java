package capsid.gen.fuzz;

/**
 * Coverage feedback for a campaign: {@link #reset()} before each program,
 * {@link #collectNew()} after it (how many edges or features it reached that no
 * earlier program did; they count as seen from then on), {@link #edges()} the
 * total seen. The bytecode agent (capsid.coverage.Probes) is wired in by the
 * cli; {@link FallbackFeedback} works without it.
 */
public interface Feedback {
    void reset();

    int collectNew();

    int edges();

    /** The per-step observer the executor should call, or null when coverage comes from elsewhere. */
    default Executor.StepObserver observer() {
        return null;
    }
}

package capsid.cli;

import capsid.coverage.Probes;
import capsid.gen.fuzz.Feedback;

/**
 * A campaign's feedback from the coverage agent (docs/coverage.md): a program is
 * new when it reaches a kernel probe, or a hit-count bucket of one, that no earlier
 * program did ({@link Probes#collectNewBuckets}); {@link #edges()} counts plain
 * probes reached, the figure campaigns report.
 */
final class ProbesFeedback implements Feedback {
    private final Probes.Seen seen = new Probes.Seen();

    ProbesFeedback() {
        if (!Probes.installed()) {
            throw new IllegalStateException("the coverage agent is not loaded in this JVM");
        }
    }

    @Override
    public void reset() {
        Probes.reset();
    }

    @Override
    public int collectNew() {
        return Probes.collectNewAndReset(seen);
    }

    /** True when the probe at flat index {@code flat} was reached by some program. */
    boolean reached(int flat) {
        return seen.reached(flat);
    }

    @Override
    public int edges() {
        return seen.probes();
    }
}

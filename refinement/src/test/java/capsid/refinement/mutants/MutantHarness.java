package capsid.refinement.mutants;

import capsid.checker.Trace;
import capsid.gen.CallGenerator;
import capsid.gen.ProgramStep;
import capsid.kernel.BootConfig;
import capsid.kernel.Kernel;
import capsid.kernel.Result;
import capsid.refinement.NamespaceReplayer;
import capsid.refinement.TraceValidation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the refinement checks from inside a {@link MutantLoader}, so they drive the
 * broken kernel; called reflectively, and answers with plain strings.
 */
public final class MutantHarness {
    private MutantHarness() {
    }

    /** The replayer's mismatches on {@code traces} (empty: the bug went unseen). */
    public static List<String> replay(List<Trace> traces, Map<String, String> constants) {
        List<String> out = new ArrayList<>();
        for (NamespaceReplayer.Mismatch m : new NamespaceReplayer(constants).replay(traces).mismatches()) {
            out.add(m.toString());
        }
        return out;
    }

    /**
     * Trace validation of random runs of the broken kernel, seed after seed, until a
     * log is rejected: the rejected event, or empty when no log of {@code seeds} was.
     * A thrown exception counts as caught too (the kernel crashed).
     */
    public static List<String> validate(int seeds, int size, String specDir) {
        for (long seed = 0; seed < seeds; seed++) {
            BootConfig c = seed % 2 == 0 ? BootConfig.DEFAULT : BootConfig.DEFAULT.withPidMax(16, 4)
                    .withPidNsLevels(1).withFdMax(4);
            Kernel k = Kernel.boot(c.withSeed(seed));
            CallGenerator gen = new CallGenerator(seed, CallGenerator.Profile.NAMESPACE_SPEC);
            try {
                for (int i = 0; i < size; i++) {
                    ProgramStep s = gen.next(k);
                    Result r = k.syscall(s.actor(), s.call());
                    gen.observe(k, s, r);
                }
            } catch (RuntimeException e) {
                return List.of("seed " + seed + ": the broken kernel threw " + e);
            }
            TraceValidation.Verdict v = TraceValidation.validate(k.eventLogJsonLines().lines().toList(),
                    Path.of(specDir), Duration.ofMinutes(2));
            if (v.error() != null) {
                throw new IllegalStateException("trace validation gave no verdict: " + v.error());
            }
            if (!v.accepted()) {
                return List.of("seed " + seed + ": event " + (v.matched() + 1) + " of " + v.events()
                        + " matches no action: " + v.rejected());
            }
        }
        return List.of();
    }
}

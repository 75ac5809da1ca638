package capsid.refinement.mutants;

import capsid.checker.Trace;
import capsid.refinement.NamespaceReplayer;
import capsid.refinement.ValidateRun;
import java.nio.file.Path;
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
     * log is rejected: the rejection, or empty when no log of {@code seeds} was. A
     * thrown exception counts as caught too (the kernel crashed).
     */
    public static List<String> validate(int seeds, int size, String specDir) {
        try {
            ValidateRun.Result r = ValidateRun.run(seeds, size, 0, Path.of(specDir), 1);
            if (!r.errors().isEmpty()) {
                throw new IllegalStateException("trace validation gave no verdict: " + r.errors().get(0));
            }
            return r.rejected();
        } catch (RuntimeException e) {
            if (e instanceof IllegalStateException) {
                throw e;
            }
            return List.of("the broken kernel threw " + e);
        }
    }
}

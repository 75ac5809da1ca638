package capsid.refinement.mutants;

import capsid.checker.Trace;
import capsid.gen.fuzz.ProgramGenerator;
import capsid.kernel.Result;
import capsid.refinement.AbstractionCheck;
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
     * Generated programs on the broken kernel with the campaigns' per-step {@link
     * AbstractionCheck} applied after every call (before the executor's own checks
     * can stop the program): its first report, or empty when {@code seeds} programs
     * gave none.
     */
    public static List<String> abstractionCheck(int seeds, int size) {
        AbstractionCheck check = new AbstractionCheck(1);
        List<String> found = new ArrayList<>();
        for (long seed = 0; seed < seeds && found.isEmpty(); seed++) {
            long s = seed;
            ProgramGenerator.generate(seed, size, (k, tid, call) -> {
                Result r = k.syscall(tid, call);
                if (found.isEmpty()) {
                    String why = check.check(k, 0, call, r);
                    if (why != null) {
                        found.add("seed " + s + ", after " + call + ": " + why);
                    }
                }
                return r;
            }, List.of(), null);
        }
        return found;
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

package capsid.cli;

import capsid.checker.ProofsLog;
import capsid.refinement.NamespaceReplayer;
import capsid.refinement.RefineRun;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code capsid refine [--spec NAME] [--traces N] [--depth D] [--seed S] [--workers N]
 * [--no-cache] [--json]} (ABI.md section 5): abstract traces generated from the spec
 * (walks over its state graph and TLC simulation runs) replayed on the kernel, with the
 * abstraction compared after every step. Coverage is counted in outcomes; the outcomes
 * that exist come from the spec's models ({@link RefineRun}). Exit 0 when every step
 * matched and every reachable outcome was replayed, 1 otherwise, 2 for an error.
 */
@Command(name = "refine", mixinStandardHelpOptions = true,
        description = "Replay traces generated from a spec on the kernel; compare results and abstract state "
                + "after every step. Exit 0 when all match and every outcome the spec's models reach "
                + "(action and errno, a kill killed or ignored) was replayed.")
public final class RefineCommand implements Callable<Integer> {

    @Option(names = "--spec", paramLabel = "NAME", description = "The spec (default: ${DEFAULT-VALUE}; the only one "
            + "with a refinement mapping so far).")
    String spec = RefineRun.SPEC;

    @Option(names = "--traces", paramLabel = "N", description = "Simulated traces (default: ${DEFAULT-VALUE}), "
            + "besides the covering walks.")
    int traces = 300;

    @Option(names = "--depth", paramLabel = "D", description = "Steps per simulated trace (default: ${DEFAULT-VALUE}).")
    int depth = 60;

    @Option(names = "--seed", paramLabel = "S", description = "Simulation seed (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--workers", paramLabel = "N", description = "TLC workers for the models the outcome universe "
            + "comes from (default: ${DEFAULT-VALUE}).")
    int workers = 2;

    @Option(names = "--no-cache", description = "Check the outcome universe's models afresh instead of reading a "
            + "universe kept under target/refine-outcomes/ for the same spec, models and TLC version.")
    boolean noCache;

    @Option(names = "--json", description = "Print the record as one JSON object on the last stdout line.")
    boolean json;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        if (!RefineRun.SPEC.equals(spec)) {
            System.err.println("capsid refine: --spec " + spec + ": no refinement mapping for it (known: "
                    + RefineRun.SPEC + ")");
            return 2;
        }
        RefineRun.Result r;
        try {
            RefineRun.Options o = new RefineRun.Options(Project.root().resolve("spec"), traces, depth, seed,
                    Duration.ofMinutes(20)).withWorkers(workers)
                    .withCacheDir(noCache ? null : cacheDir(Project.root()));
            r = RefineRun.run(o, json ? System.err : out);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("capsid refine: " + e.getMessage());
            return 2;
        }
        ObjectNode rec = r.toJson();
        try {
            new ProofsLog(Project.root().resolve("proofs-log")).append("refine", rec);
        } catch (IOException e) {
            System.err.println("capsid refine: cannot append to proofs-log: " + e.getMessage());
        }
        if (json) {
            out.println(rec);
        } else {
            print(out, r);
        }
        return r.error() != null ? 2 : r.ok() ? 0 : 1;
    }

    /** Where outcome universes are kept between runs (Outcomes.universe). */
    static Path cacheDir(Path root) {
        return root.resolve("target").resolve("refine-outcomes");
    }

    static void print(PrintStream out, RefineRun.Result r) {
        if (r.error() != null) {
            out.println("refine: error: " + r.error());
            return;
        }
        out.printf("refine %s: %d traces (%d graph walks), %d steps, %,.0f steps/s, actions covered %d/%d, "
                        + "outcomes covered %d/%d, mismatches %d%n", RefineRun.SPEC, r.traces(), r.walks(), r.steps(),
                r.stepsPerSecond(), r.actions().size(), NamespaceReplayer.ACTIONS.size(),
                r.outcomes().size() - r.unknown().size(), r.universe().size(), r.mismatches().size());
        out.println("  outcomes replayed: " + String.join(" ", r.outcomes()));
        for (RefineRun.Source s : r.sources()) {
            out.printf("  %s (%s%s): %d outcomes%n", s.model(), s.how(), s.cached() ? ", cached" : "",
                    s.outcomes().size());
        }
        if (!r.notWalkable().isEmpty()) {
            out.println("  graph edge labels no walk takes (covered by simulation): "
                    + String.join(" ", r.notWalkable()));
        }
        r.missing().forEach(o -> out.println("  NEVER REPLAYED: " + o));
        r.unknown().forEach(o -> out.println("  REPLAYED BUT NO MODEL REPORTED IT: " + o));
        r.actionsMissing().forEach(a -> out.println("  NOT COVERED: " + a));
        r.mismatches().stream().limit(5).forEach(m -> out.println("  MISMATCH " + m.toString().replace("\n", "\n  ")));
    }
}

package capsid.cli;

import capsid.checker.ProofsLog;
import capsid.refinement.RefineRun;
import capsid.refinement.SpecRefinement;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code capsid refine [--spec NAME] [--traces N] [--depth D] [--seed S] [--workers N]
 * [--no-cache] [--json]} (docs/abi.md, the command line): abstract traces generated from
 * the spec (walks over its state graph and TLC simulation runs) replayed on the kernel,
 * with the abstraction compared after every step. Coverage is counted in outcomes; the
 * outcomes that exist come from the spec's models ({@link RefineRun}). Progress on
 * stderr at least every 5 s ({@link Heartbeat}); a {@code refine} record ({@link
 * RecordOptions}). Exit 0 when every step matched and every reachable outcome was
 * replayed, 1 otherwise, 2 for an error.
 */
@Command(name = "refine", mixinStandardHelpOptions = true,
        description = "Replay traces generated from a spec on the kernel; compare results and abstract state "
                + "after every step. Exit 0 when all match and every outcome the spec's models reach "
                + "(action and errno, a kill killed or ignored) was replayed.")
public final class RefineCommand implements Callable<Integer> {

    @Option(names = "--spec", paramLabel = "NAME", description = "The spec: NamespaceUnshare or CapabilityDelegation "
            + "(default: ${DEFAULT-VALUE}).")
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
            + "universe kept under target/refine-outcomes/ for the same spec, models and TLC version (default: read "
            + "it).")
    boolean noCache;

    @Option(names = "--json", description = "Print the record as one JSON object on the last stdout line "
            + "(default: a readable summary).")
    boolean json;

    @Mixin
    RecordOptions records;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        String bad = Opts.first(Opts.atLeast("--traces", traces, 0), Opts.atLeast("--depth", depth, 2),
                records.problem(), SpecRefinement.of(spec) != null ? null
                        : "--spec " + spec + ": no refinement mapping for it (known: "
                        + String.join(", ", SpecRefinement.KNOWN) + ")");
        if (bad != null) {
            return JsonError.flag("refine", bad, json);
        }
        ProofsLog log = records.open("refine", null, System.err);
        RefineRun.Result r;
        try (Heartbeat hb = Heartbeat.watch("refine")) {
            RefineRun.Options o = new RefineRun.Options(Project.root().resolve("spec"), traces, depth, seed,
                    Duration.ofMinutes(20)).forSpec(spec).withWorkers(workers)
                    .withCacheDir(noCache ? null : cacheDir(Project.root()));
            r = RefineRun.run(o, json ? System.err : System.out); // the streams the heartbeat watches
        } catch (IllegalArgumentException | IOException e) {
            return JsonError.flag("refine", e.getMessage(), json);
        }
        ObjectNode rec = record(r, seed, depth);
        try {
            rec = log.append("refine", rec).record();
        } catch (IOException | RuntimeException e) {
            System.err.println("capsid refine: cannot append to " + log.file() + ": " + e.getMessage());
        }
        if (json) {
            out.println(rec);
        } else {
            print(out, r);
        }
        return r.error() != null ? 2 : r.ok() ? 0 : 1;
    }

    /** The {@code refine} record: the run's own fields, and the seed and depth that reproduce it. */
    static ObjectNode record(RefineRun.Result r, long seed, int depth) {
        ObjectNode rec = r.toJson();
        rec.put("seed", seed);
        rec.put("depth", depth);
        return rec;
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
        out.printf(Locale.ROOT, "refine %s: %,d traces (%,d graph walks), %,d steps, %,.0f steps/s, actions covered "
                        + "%d/%d, outcomes covered %d/%d, mismatches %,d%n", r.spec(), r.traces(), r.walks(),
                r.steps(), r.stepsPerSecond(), r.actions().size(), r.specActions().size(),
                r.outcomes().size() - r.unknown().size(), r.universe().size(), r.mismatches().size());
        out.println("  outcomes replayed: " + String.join(" ", r.outcomes()));
        out.println("  per action (replayed/reachable): " + String.join(" ", r.byAction().stream()
                .map(a -> a.action() + " " + a.covered().size() + "/" + (a.covered().size() + a.missing().size()))
                .toList()));
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

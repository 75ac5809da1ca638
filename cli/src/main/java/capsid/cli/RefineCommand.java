package capsid.cli;

import capsid.checker.ProofsLog;
import capsid.refinement.NamespaceReplayer;
import capsid.refinement.RefineRun;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code capsid refine [--spec NAME] [--traces N] [--depth D] [--seed S] [--json]}
 * (ABI.md section 5): abstract traces generated from the spec (covering walks over
 * its state graph and TLC simulation runs) replayed on the kernel, with the
 * abstraction compared after every step. Exit 0 when every step matched and every
 * action was covered, 1 otherwise, 2 for an error.
 */
@Command(name = "refine", mixinStandardHelpOptions = true,
        description = "Replay traces generated from a spec on the kernel; compare results and abstract state "
                + "after every step. Exit 0 when all match and every action is covered.")
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
            r = RefineRun.run(new RefineRun.Options(Project.root().resolve("spec"), traces, depth, seed,
                    Duration.ofMinutes(20)), json ? System.err : out);
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

    static void print(PrintStream out, RefineRun.Result r) {
        if (r.error() != null) {
            out.println("refine: error: " + r.error());
            return;
        }
        out.printf("refine %s: %d traces, %d steps, %,.0f steps/s, actions covered %d/%d, outcomes %d, "
                        + "mismatches %d%n", RefineRun.SPEC, r.traces(), r.steps(), r.stepsPerSecond(),
                r.actions().size(), NamespaceReplayer.ACTIONS.size(), r.outcomes().size(), r.mismatches().size());
        out.println("  outcomes: " + String.join(" ", r.outcomes()));
        if (!r.notWalkable().isEmpty()) {
            out.println("  graph edges no walk can replay exactly (covered by simulation): "
                    + String.join(" ", r.notWalkable()));
        }
        NamespaceReplayer.ACTIONS.stream().filter(a -> !r.actions().contains(a))
                .forEach(a -> out.println("  NOT COVERED: " + a));
        r.mismatches().stream().limit(5).forEach(m -> out.println("  MISMATCH " + m.toString().replace("\n", "\n  ")));
    }
}

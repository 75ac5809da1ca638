package capsid.cli;

import capsid.checker.ProofsLog;
import capsid.checker.alloy.Alloy;
import capsid.checker.alloy.AlloyCheck;
import capsid.checker.alloy.AlloyError;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code capsid alloy [MODEL.als...] [--json]}: every command of each Alloy model
 * (default: every {@code model/*.als}) with SAT4J in process; one line per command:
 * its expectation met ({@code pass}) or not ({@code FAIL}), what was found, the scope
 * and the seconds. Exit 0 when every expectation was met, 1 when one was not, 2 when
 * a model does not parse ({@code FILE:LINE:COL: message}) or is missing. One {@code
 * alloy} record per command (docs/proofs-log.md).
 */
@Command(name = "alloy", mixinStandardHelpOptions = true,
        description = "Run every check and run command of Alloy models (default: model/*.als) with SAT4J; "
                + "exit 0 when every expectation (expect 0 / expect 1) is met, 1 when one is not, 2 on a model error.")
public final class AlloyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MODEL.als", arity = "0..*", description = "Models to run (default: every *.als in "
            + "model/ of the project root).")
    List<Path> models = new ArrayList<>();

    @Option(names = "--json", description = "One JSON record per command (the alloy record of docs/proofs-log.md) "
            + "instead of the table (default: the table).")
    boolean json;

    @Mixin
    RecordOptions records;

    /** What one model gave: its commands' outcomes, or the error that stopped it. */
    record ModelRun(Path model, List<AlloyCheck> checks, AlloyError error) {
        boolean ok() {
            return error == null && checks.stream().allMatch(AlloyCheck::expectationMet);
        }
    }

    @Override
    public Integer call() {
        if (records.problem() != null) {
            return JsonError.flag("alloy", records.problem(), json);
        }
        Path root = Project.root();
        List<Path> files = models;
        if (files.isEmpty()) {
            try {
                files = modelsIn(root.resolve("model"));
            } catch (IOException e) {
                System.err.println("capsid alloy: cannot list " + root.resolve("model") + ": " + e.getMessage());
                return 2;
            }
            if (files.isEmpty()) {
                System.err.println("capsid alloy: no Alloy model (*.als) in " + root.resolve("model"));
                return 2;
            }
        }
        PrintStream out = System.out;
        int exit = 0;
        for (Path f : files) {
            ProofsLog log = records.open("alloy", f.toAbsolutePath(), System.err);
            ModelRun r = run(f, root, log, System.err);
            if (r.error() != null) {
                System.err.println(r.error().getMessage());
                exit = 2;
                if (json) {
                    out.println(AlloyCheck.errorRecord(relative(f, root), r.error()));
                }
                continue;
            }
            for (AlloyCheck c : r.checks()) {
                if (json) {
                    out.println(c.record(relative(f, root)));
                } else {
                    out.println(line(f, c));
                }
            }
            if (!r.ok() && exit == 0) {
                exit = 1;
            }
        }
        return exit;
    }

    /** {@code pass  RightsNeverGrowHolds  check, expect 0: no counterexample (for 4 ...) 0.61 s}. */
    static String line(Path model, AlloyCheck c) {
        return String.format(java.util.Locale.ROOT, "%-4s  %s %s: %s, %s: %s (%s) %.2f s",
                c.expectationMet() ? "pass" : "FAIL", model.getFileName(), c.name(), c.check() ? "check" : "run",
                c.expectation(), c.found(), c.scope(), c.seconds());
    }

    /** The *.als files of {@code dir}, sorted (none when it does not exist). */
    static List<Path> modelsIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".als")).sorted().toList();
        }
    }

    /**
     * Runs every command of {@code model}, recording one {@code alloy} record per
     * command (or one {@code error} record when the model does not parse) in {@code log}.
     */
    static ModelRun run(Path model, Path root, ProofsLog log, PrintStream err) {
        String name = relative(model, root);
        List<AlloyCheck> done = new ArrayList<>();
        try {
            Alloy.Model m = Alloy.parse(model);
            for (edu.mit.csail.sdg.ast.Command c : m.commands()) {
                AlloyCheck r = Alloy.run(m, c);
                done.add(r);
                append(log, r.record(name), err);
            }
            return new ModelRun(model, done, null);
        } catch (AlloyError e) {
            append(log, AlloyCheck.errorRecord(name, e), err);
            return new ModelRun(model, done, e);
        }
    }

    private static void append(ProofsLog log, ObjectNode rec, PrintStream err) {
        try {
            log.append("alloy", rec);
        } catch (IOException e) {
            err.println("capsid alloy: proofs-log: " + e.getMessage());
        }
    }

    static String relative(Path model, Path root) {
        Path a = model.toAbsolutePath().normalize();
        Path r = root.toAbsolutePath().normalize();
        return a.startsWith(r) ? r.relativize(a).toString() : model.toString();
    }
}

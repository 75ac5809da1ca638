package capsid.cli;

import capsid.gen.KernelProperties;
import capsid.scenario.Report;
import capsid.scenario.ScenarioRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code capsid verify [--deep]}: the main job. Runs every check the project has
 * and prints one table; exits 0 only when all pass. Today: the scenario suite and
 * the kernel's properties over a budget of seeded random programs.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Run every check (scenario suite, kernel properties over random programs) and print a table; "
                + "exit 0 only when all pass.")
public final class VerifyCommand implements Callable<Integer> {

    @Option(names = "--deep", description = "Ten times the random budget.")
    boolean deep;

    @Option(names = "--programs", paramLabel = "N", description = "Random programs to check (default: ${DEFAULT-VALUE}).")
    int programs = 2000;

    @Option(names = "--size", paramLabel = "N", description = "Calls per random program (default: ${DEFAULT-VALUE}).")
    int size = 80;

    @Option(names = "--seed", paramLabel = "S", description = "First seed (default: ${DEFAULT-VALUE}).")
    long seed = 0;

    @Option(names = "--scenarios", paramLabel = "DIR",
            description = "Scenario directory (default: scenarios/ in the project root).")
    Path scenarios;

    /** One row of the table. */
    record Row(String check, boolean pass, String detail, double seconds) {
    }

    private final List<String> failures = new ArrayList<>();

    @Override
    public Integer call() {
        PrintStream out = System.out;
        if (programs < 0 || size < 1) {
            System.err.println("capsid verify: --programs must be >= 0 and --size >= 1");
            return 2;
        }
        int budget = deep ? programs * 10 : programs;
        List<Row> rows = new ArrayList<>();
        rows.add(scenarioSuite(scenarios != null ? scenarios : Project.root().resolve("scenarios")));
        rows.add(properties(budget));
        rows.add(determinism(Math.max(1, budget / 10)));
        print(out, rows);
        boolean ok = rows.stream().allMatch(Row::pass);
        if (!failures.isEmpty()) {
            out.println();
            out.println("Failures:");
            failures.forEach(f -> out.println("  " + f.replace("\n", "\n  ")));
        }
        out.println(ok ? "verify: all checks passed" : "verify: FAILED");
        return ok ? 0 : 1;
    }

    private Row scenarioSuite(Path dir) {
        long t0 = System.nanoTime();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".csc")).sorted().toList();
        } catch (IOException e) {
            failures.add("scenarios: cannot list " + dir + ": " + e.getMessage());
            return new Row("scenario suite", false, "cannot list " + dir, secs(t0));
        }
        int passed = 0;
        int failed = 0;
        int badFiles = 0;
        for (Path f : files) {
            Report r = ScenarioRunner.run(f);
            passed += r.passed();
            failed += r.failed();
            if (!r.ok()) {
                badFiles++;
                failures.add("scenario " + f + ":\n" + r.text().lines()
                        .filter(l -> l.startsWith("not ok")).limit(10).reduce((a, b) -> a + "\n" + b).orElse(""));
            }
        }
        boolean ok = failed == 0 && !files.isEmpty();
        if (files.isEmpty()) {
            failures.add("scenarios: no *.csc file in " + dir);
        }
        return new Row("scenario suite", ok, files.size() + " files, " + passed + " steps passed, " + failed
                + " failed" + (badFiles > 0 ? " (" + badFiles + " files)" : ""), secs(t0));
    }

    private Row properties(int n) {
        long t0 = System.nanoTime();
        long calls = 0;
        int bad = 0;
        for (long s = seed; s < seed + n; s++) {
            KernelProperties.Run run = KernelProperties.run(s, size);
            calls += run.program().size();
            if (run.failure() != null) {
                bad++;
                if (bad <= 3) {
                    failures.add(run.failure() + "\n" + KernelProperties.describe(run.failure().program()));
                }
            }
        }
        return new Row("kernel properties", bad == 0, n + " programs, " + calls + " calls; " + bad
                + " failed (" + String.join(", ", KernelProperties.NAMES.subList(0, 4)) + ")", secs(t0));
    }

    private Row determinism(int n) {
        long t0 = System.nanoTime();
        int bad = 0;
        for (long s = seed; s < seed + n; s++) {
            KernelProperties.Failure f = KernelProperties.deterministic(s, size);
            if (f != null) {
                bad++;
                if (bad <= 3) {
                    failures.add(f.toString());
                }
            }
        }
        return new Row("determinism", bad == 0, n + " programs run twice and replayed; " + bad + " differ",
                secs(t0));
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static void print(PrintStream out, List<Row> rows) {
        int w = Math.max(5, rows.stream().mapToInt(r -> r.check().length()).max().orElse(5));
        String fmt = "%-" + w + "s  %-6s  %8s  %s%n";
        out.printf(fmt, "check", "result", "seconds", "detail");
        out.printf(fmt, "-".repeat(w), "------", "--------", "------");
        for (Row r : rows) {
            out.printf(fmt, r.check(), r.pass() ? "pass" : "FAIL", String.format("%.1f", r.seconds()), r.detail());
        }
    }
}

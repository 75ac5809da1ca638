package capsid.cli;

import capsid.checker.ProofsLog;
import capsid.coverage.CoverageSnapshot;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code capsid coverage [--traces N] [--scenarios DIR] [--corpus DIR] [--out DIR]
 * [--json]}: runs the workloads in a child JVM under the coverage agent
 * (refinement traces, the scenario suite, the campaign corpus), then prints a
 * table per spec action (branches of the kernel method, how many each source
 * reached), writes {@code index.html} and {@code coverage.json}, appends a {@code
 * coverage} record to proofs-log/runs.jsonl. Exit 0; 1 when a method carrying
 * {@code @SpecAction} has no probe reached by any source (listed); 2 for an error.
 */
@Command(name = "coverage", mixinStandardHelpOptions = true,
        description = {"Kernel branch coverage per spec action, from refinement traces, the scenario suite and the "
                + "campaign corpus (a child JVM under the coverage agent).",
            "Exit 1 when a method carrying @SpecAction is reached by no workload."})
public final class CoverageCommand implements Callable<Integer> {

    @Option(names = "--traces", paramLabel = "N", description = "Simulated refinement traces, besides the covering "
            + "walks (default: ${DEFAULT-VALUE}; 0 still replays the walks).")
    int traces = 100;

    @Option(names = "--scenarios", paramLabel = "DIR", description = "Scenario scripts (default: scenarios/).")
    Path scenarios;

    @Option(names = "--corpus", paramLabel = "DIR", description = "Campaign corpus of *.csc files (default: "
            + "proofs-log/corpus/ when it exists; otherwise that column is left out).")
    Path corpus;

    @Option(names = "--out", paramLabel = "DIR", description = "Where index.html, coverage.json and the snapshots "
            + "go (default: target/coverage/ under the project root).")
    Path out;

    @Option(names = "--overhead", paramLabel = "N", description = "Instead of the report: the agent's overhead, "
            + "KernelProperties.run(seed, 20) over N seeds in a child JVM with and without the agent, three "
            + "alternated pairs (with the agent each execution is followed by collectNew and reset) (default: 0, "
            + "the report).")
    int overhead;

    @Option(names = "--json", description = "Print the summary record as one JSON object on the last stdout line "
            + "(default: the table).")
    boolean json;

    @Mixin
    RecordOptions records;

    /** The sources of a run, in column order. */
    static final List<String> SOURCES = List.of("traces", "scenarios", "campaigns");

    @Override
    public Integer call() {
        PrintStream stdout = System.out;
        Path root = Project.root();
        Path outDir = out != null ? out : root.resolve("target").resolve("coverage");
        Path scen = scenarios != null ? scenarios : root.resolve("scenarios");
        Path corp = corpus != null ? corpus : root.resolve("proofs-log").resolve("corpus");
        String bad = Opts.first(corpus != null && !Files.isDirectory(corpus) ? "--corpus " + corpus
                + ": not a directory" : null, Opts.atLeast("--traces", traces, 0), Opts.atLeast("--overhead",
                overhead, 0), records.problem());
        if (bad != null) {
            return JsonError.flag("coverage", bad, json);
        }
        if (overhead > 0) {
            return overhead(stdout);
        }
        ProofsLog log = records.open("coverage", null, System.err);
        long t0 = System.nanoTime();
        CoverageReport report;
        try (Heartbeat hb = Heartbeat.watch("coverage")) {
            report = measure(root.resolve("spec"), traces, true, scen, Files.isDirectory(corp) ? corp : null,
                    outDir, Duration.ofMinutes(30));
            Files.writeString(outDir.resolve("index.html"), report.toHtml());
            Files.writeString(outDir.resolve("coverage.json"),
                    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report.toFullJson()));
        } catch (IOException | IllegalStateException e) {
            return JsonError.flag("coverage", e.getMessage(), json);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        ObjectNode rec = record(report, traces, secs, outDir.resolve("index.html"));
        try {
            rec = log.append("coverage", rec).record();
        } catch (IOException | RuntimeException e) {
            System.err.println("capsid coverage: cannot append to " + log.file() + ": " + e.getMessage());
        }
        report.printTable(stdout);
        printVerdict(stdout, report);
        stdout.printf(Locale.ROOT, "report: %s (%.1f s)%n", outDir.resolve("index.html"), secs);
        if (json) {
            stdout.println(rec);
        }
        stdout.flush();
        return report.ok() ? 0 : 1;
    }

    /** The {@code coverage} record: the report's summary, the budget, the time, and where the report is (or null). */
    static ObjectNode record(CoverageReport report, int traces, double seconds, Path html) {
        ObjectNode rec = report.toJson();
        rec.put("traces", traces);
        rec.put("seed", CoverageWorker.SEED);
        rec.put("seconds", Math.round(seconds * 10) / 10.0);
        rec.put("report", html == null ? null : html.toString());
        return rec;
    }

    private int overhead(PrintStream stdout) {
        double[] without = new double[3];
        double[] with = new double[3];
        try {
            for (int i = 0; i < 3; i++) {
                without[i] = execs(false);
                with[i] = execs(true);
                System.err.printf(Locale.ROOT, "coverage: pair %d: %,.0f execs/s without the agent, %,.0f with%n",
                        i + 1, without[i], with[i]);
            }
        } catch (IOException | IllegalStateException e) {
            System.err.println("capsid coverage: " + e.getMessage());
            return 2;
        }
        java.util.Arrays.sort(without);
        java.util.Arrays.sort(with);
        stdout.printf(Locale.ROOT, "KernelProperties.run(seed, 20), %d seeds: %,.0f execs/s without the agent, "
                + "%,.0f with (median of 3 alternated pairs); overhead %.2fx%n", overhead, without[1], with[1],
                without[1] / with[1]);
        if (json) {
            stdout.printf(Locale.ROOT, "{\"execs_per_second_plain\":%.1f,\"execs_per_second_agent\":%.1f,"
                    + "\"overhead_ratio\":%.3f}%n", without[1], with[1], without[1] / with[1]);
        }
        return 0;
    }

    private double execs(boolean agent) throws IOException {
        ChildJvm.Captured c = new ChildJvm(CoverageWorker.class.getName()).withAgent(agent)
                .args("--bench", String.valueOf(overhead)).capture(Duration.ofMinutes(30));
        String line = c.stdout().lines().filter(l -> l.startsWith("execs_per_second ")).findFirst().orElse(null);
        if (c.exitCode() != 0 || line == null) {
            throw new IOException("benchmark JVM exited " + c.exitCode() + ": " + c.stderr());
        }
        return Double.parseDouble(line.split(" ")[1]);
    }

    static void printVerdict(PrintStream out, CoverageReport report) {
        if (report.actions.isEmpty()) {
            out.println("coverage: FAILED: no method carries @SpecAction (kernel classes not found?)");
        } else if (!report.unreached.isEmpty()) {
            out.println("coverage: FAILED: " + report.unreached.size() + " method(s) carrying @SpecAction reached "
                    + "by no workload:");
            report.unreached.forEach(m -> out.println("  " + m.key() + " " + m.actions()));
        } else {
            out.println("coverage: every method carrying @SpecAction is reached");
        }
    }

    /**
     * Runs the workloads in a child JVM under the agent, writing snapshots to
     * {@code outDir/snapshots/}, and builds the report over every kernel probe.
     * {@code walks}: the traces are the refinement run's (covering walks of the
     * state graph and {@code traces} simulations); without, only the simulations
     * (no graph dump: what {@code capsid verify} uses). {@code corpus} null: no
     * campaign column. Throws IOException when the child
     * fails or a snapshot is missing.
     */
    static CoverageReport measure(Path spec, int traces, boolean walks, Path scenarios, Path corpus, Path outDir, Duration timeout)
            throws IOException {
        Path snaps = outDir.resolve("snapshots");
        Files.createDirectories(snaps);
        for (String s : SOURCES) {
            Files.deleteIfExists(snaps.resolve(s + ".json"));
        }
        List<String> args = new ArrayList<>(List.of("--out", snaps.toString(), "--spec", spec.toString(),
                "--traces", String.valueOf(traces), "--walks", String.valueOf(walks), "--scenarios",
                scenarios.toString()));
        if (corpus != null) {
            args.addAll(List.of("--corpus", corpus.toString()));
        }
        ChildJvm child = new ChildJvm(CoverageWorker.class.getName()).withAgent(true).args(args);
        System.err.println("coverage: running the workloads under the agent ...");
        StringBuilder lastErr = new StringBuilder();
        int code = child.run(timeout, System.err::println, l -> {
            System.err.println(l);
            synchronized (lastErr) {
                lastErr.append(l).append('\n');
            }
        });
        if (code != 0) {
            throw new IOException("the workload JVM " + (code == -1 ? "timed out" : "exited " + code)
                    + "; its last lines:\n" + tail(lastErr.toString(), 10));
        }
        List<CoverageReport.Source> sources = new ArrayList<>();
        sources.add(new CoverageReport.Source("traces", CoverageSnapshot.read(snaps.resolve("traces.json"))));
        sources.add(new CoverageReport.Source("scenarios", CoverageSnapshot.read(snaps.resolve("scenarios.json"))));
        sources.add(new CoverageReport.Source("campaigns", corpus == null ? null
                : CoverageSnapshot.read(snaps.resolve("campaigns.json"))));
        return new CoverageReport(CoverageReport.kernelProbes(), sources);
    }

    private static String tail(String s, int n) {
        List<String> l = s.lines().toList();
        return String.join("\n", l.subList(Math.max(0, l.size() - n), l.size()));
    }
}

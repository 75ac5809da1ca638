package capsid.cli;

import capsid.checker.ModelConfig;
import capsid.checker.Outcome;
import capsid.checker.Tlc;
import capsid.checker.TlcRequest;
import capsid.coverage.Probes;
import capsid.refinement.NamespaceReplayer;
import capsid.gen.KernelProperties;
import capsid.refinement.RefineRun;
import capsid.scenario.Report;
import capsid.scenario.ScenarioRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The child-JVM side of {@code capsid coverage} and {@code capsid verify}: runs
 * under the coverage agent, resets the counters before each workload and writes
 * a snapshot after it ({@code OUT/traces.json}, {@code scenarios.json},
 * {@code campaigns.json}). Progress goes to stderr; exit 0, or 2 when a workload
 * could not run (its snapshot is still written).
 *
 * <pre>
 * CoverageWorker --out DIR [--spec DIR --traces N [--walks false]] [--scenarios DIR] [--corpus DIR]
 * CoverageWorker --bench N      (KernelProperties.run(seed, 20) for N seeds; prints execs_per_second)
 * </pre>
 */
public final class CoverageWorker {
    /** The seed of the simulated traces of the traces workload (what a coverage record reproduces with). */
    static final long SEED = 1;

    private CoverageWorker() {
    }

    public static void main(String[] argv) throws IOException {
        Path out = null;
        Path spec = null;
        Path scenarios = null;
        Path corpus = null;
        int traces = 0;
        int bench = -1;
        boolean walks = true;
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            String v = i + 1 < argv.length ? argv[i + 1] : null;
            if (v == null) {
                usage("missing value after " + a);
            }
            i++;
            switch (a) {
                case "--out" -> out = Path.of(v);
                case "--spec" -> spec = Path.of(v);
                case "--traces" -> traces = Integer.parseInt(v);
                case "--scenarios" -> scenarios = Path.of(v);
                case "--corpus" -> corpus = Path.of(v);
                case "--bench" -> bench = Integer.parseInt(v);
                case "--walks" -> walks = Boolean.parseBoolean(v);
                default -> usage("unknown argument " + a);
            }
        }
        if (bench >= 0) {
            bench(bench);
            return;
        }
        if (out == null) {
            usage("--out is required");
        }
        if (!Probes.installed()) {
            System.err.println("coverage worker: the coverage agent is not installed (-javaagent:capsid.jar)");
            System.exit(2);
        }
        Files.createDirectories(out);
        initialiseKernel();
        boolean ok = true;
        // no reset before the first workload: the static initialisers just run count as its hits
        if (spec != null && !walks) {
            ok &= simulated(spec, traces);
            Probes.snapshot().write(out.resolve("traces.json"));
        } else if (spec != null) {
            try {
                RefineRun.Result r = RefineRun.run(new RefineRun.Options(spec, traces, 60, SEED, Duration.ofMinutes(20))
                        .withUniverse(List.of()),
                        System.err);
                if (r.error() != null) {
                    System.err.println("coverage worker: refinement traces: " + r.error());
                    ok = false;
                } else {
                    System.err.printf("coverage worker: traces: %d traces, %d steps%n", r.traces(), r.steps());
                }
            } catch (IOException | IllegalArgumentException e) {
                System.err.println("coverage worker: refinement traces: " + e.getMessage());
                ok = false;
            }
            Probes.snapshot().write(out.resolve("traces.json"));
        }
        if (scenarios != null) {
            ok &= scenarios(scenarios, out.resolve("scenarios.json"), "scenarios", spec != null);
        }
        if (corpus != null) {
            ok &= scenarios(corpus, out.resolve("campaigns.json"), "campaigns", spec != null || scenarios != null);
        }
        System.exit(ok ? 0 : 2);
    }

    /**
     * Initialises every kernel class in this thread before any workload runs.
     * The replayer runs traces in parallel, and the kernel's {@code Result} (an
     * interface with default methods whose constant is a {@code Result.Int}) can
     * deadlock when one thread first initialises {@code Result} while another first
     * initialises {@code Result.Int}; the agent's slower class initialisation made
     * that happen. Doing it all up front, in one thread, rules it out.
     */
    static void initialiseKernel() throws IOException {
        List<String> names = new ArrayList<>();
        for (var p : CoverageReport.kernelClassFiles()) {
            names.add(p.replace('/', '.').substring(0, p.length() - ".class".length()));
        }
        ClassLoader loader = CoverageWorker.class.getClassLoader();
        for (String n : names) {
            try {
                Class.forName(n, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                System.err.println("coverage worker: cannot initialise " + n + ": " + e);
            }
        }
    }

    /**
     * The cheap form of the traces workload (capsid verify): only {@code n} TLC
     * simulation traces of the simulation model, replayed; no state-graph dump.
     */
    private static boolean simulated(Path spec, int n) {
        Path tla = spec.resolve("MC" + RefineRun.SPEC + ".tla");
        Path cfg = spec.resolve("MC" + RefineRun.SPEC + "Sim.cfg");
        Tlc.Simulation sim = Tlc.simulate(TlcRequest.of(tla).withConfig(cfg).withSeed(SEED)
                .withTimeout(Duration.ofMinutes(10)), Math.max(n, 1), 60);
        if (sim.result().result() != Outcome.PASS) {
            System.err.println("coverage worker: simulation: " + sim.result().result() + " " + sim.result().reason());
            return false;
        }
        try {
            NamespaceReplayer.Report r = new NamespaceReplayer(ModelConfig.read(cfg).constants()).replay(sim.traces());
            System.err.printf("coverage worker: traces: %d simulated traces, %d steps, %d mismatches%n", r.traces(),
                    r.steps(), r.mismatches().size());
            return true;
        } catch (IOException e) {
            System.err.println("coverage worker: " + cfg + ": " + e.getMessage());
            return false;
        }
    }

    private static boolean scenarios(Path dir, Path snapshot, String what, boolean reset) throws IOException {
        if (reset) {
            Probes.reset();
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".csc") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            System.err.println("coverage worker: cannot list " + dir + ": " + e.getMessage());
            Probes.snapshot().write(snapshot);
            return false;
        }
        int passed = 0;
        int failed = 0;
        for (Path f : files) {
            Report r = ScenarioRunner.run(f);
            passed += r.passed();
            failed += r.failed();
        }
        System.err.printf("coverage worker: %s: %d files, %d steps passed, %d failed%n", what, files.size(), passed,
                failed);
        Probes.snapshot().write(snapshot);
        return true;
    }

    /**
     * Executions per second of {@code KernelProperties.run(seed, 20)}; with the
     * agent, each execution is followed by {@code collectNew} and {@code reset}, as a
     * coverage-guided fuzzer does. Prints {@code execs_per_second X probes N}.
     */
    static void bench(int n) {
        BitSet seen = new BitSet();
        boolean agent = Probes.installed();
        List<Long> sink = new ArrayList<>();
        long warm = Math.max(1000, n / 5);
        long acc = 0;
        for (long s = 0; s < warm; s++) {
            acc += KernelProperties.run(s, 20).results().size();
            if (agent) {
                Probes.collectNew(seen);
                Probes.reset();
            }
        }
        long t0 = System.nanoTime();
        for (long s = 1_000_000; s < 1_000_000 + n; s++) {
            acc += KernelProperties.run(s, 20).results().size();
            if (agent) {
                Probes.collectNew(seen);
                Probes.reset();
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        sink.add(acc);
        System.out.printf(Locale.ROOT, "execs_per_second %.1f probes %d hit %d agent %b results %d%n", n / secs,
                Probes.count(), seen.cardinality(), agent, sink.get(0));
    }

    private static void usage(String why) {
        System.err.println("coverage worker: " + why + "\nusage: CoverageWorker --out DIR [--spec DIR --traces N] "
                + "[--scenarios DIR] [--corpus DIR] | --bench N");
        System.exit(2);
    }
}

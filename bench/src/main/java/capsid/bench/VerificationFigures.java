package capsid.bench;

import capsid.checker.ModelConfig;
import capsid.checker.Outcome;
import capsid.checker.Tlc;
import capsid.checker.TlcRequest;
import capsid.checker.TlcResult;
import capsid.refinement.NamespaceReplayer;
import capsid.refinement.ValidateRun;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The verification pipeline's figures, measured in process: refinement steps per
 * second (replay plus compare, on traces simulated from the NamespaceUnshare
 * simulation model), trace validation seconds per 1,000 log lines, and TLC's
 * throughput through Capsid's checker (a child process whose output is parsed)
 * against TLC run directly, alternated in one run, as a ratio. The smoke settings
 * use a trivial spec of their own for the TLC pair.
 */
public final class VerificationFigures implements FigureSource {

    @Override
    public String title() {
        return "verification pipeline";
    }

    @Override
    public List<String> benchmarks() {
        return List.of();
    }

    @Override
    public List<Figure> figures(JmhResults jmh, Settings s, PrintStream log) throws BenchException {
        Path spec = Path.of(System.getProperty("capsid.root", ".")).resolve("spec");
        if (!Files.isRegularFile(spec.resolve("MCNamespaceUnshare.tla"))) {
            throw new BenchException("no spec/MCNamespaceUnshare.tla under " + spec.getParent()
                    + " (run from the project root, or through ./capsid)");
        }
        boolean smoke = s.name().equals("smoke");
        boolean full = s.name().equals("full");
        List<Figure> out = new ArrayList<>();
        out.add(refinement(spec, smoke ? 5 : 300, smoke ? 1 : full ? 5 : 3, log));
        out.add(validation(spec, smoke ? 1 : full ? 3 : 1, smoke ? 20 : 3000, log));
        out.addAll(tlc(spec, smoke, full ? 3 : 1, log));
        return out;
    }

    private static Figure refinement(Path spec, int traces, int reps, PrintStream log) throws BenchException {
        Path cfg = spec.resolve("MCNamespaceUnshareSim.cfg");
        Tlc.Simulation sim = Tlc.simulate(TlcRequest.of(spec.resolve("MCNamespaceUnshare.tla")).withConfig(cfg)
                .withSeed(1L).withTimeout(Duration.ofMinutes(10)), traces, 60);
        if (sim.result().result() != Outcome.PASS) {
            throw new BenchException("simulation for the refinement figure: " + sim.result().result() + " "
                    + sim.result().reason());
        }
        NamespaceReplayer replayer;
        try {
            replayer = new NamespaceReplayer(ModelConfig.read(cfg).constants());
        } catch (IOException e) {
            throw new BenchException("cannot read " + cfg + ": " + e.getMessage());
        }
        // warm-up until the JIT has settled: at least three passes and three seconds
        // (one pass of a few hundred short traces ends before C2 compiles the comparator)
        long warmUntil = System.nanoTime() + 3_000_000_000L;
        for (int pass = 0; pass < 3 || System.nanoTime() < warmUntil; pass++) {
            replayer.replay(sim.traces());
        }
        double[] rates = new double[reps];
        long steps = 0;
        for (int i = 0; i < reps; i++) {
            NamespaceReplayer.Report r = replayer.replay(sim.traces());
            if (!r.mismatches().isEmpty()) {
                throw new BenchException("refinement mismatch while measuring: " + r.mismatches().get(0));
            }
            rates[i] = r.stepsPerSecond();
            steps = r.steps();
            log.printf(Locale.ROOT, "capsid bench:   refinement %d/%d: %,.0f steps/s%n", i + 1, reps, rates[i]);
        }
        return new Figure("refinement_steps_per_second", Stats.median(rates), "steps/s", 0,
                Target.atLeast(100_000), String.format(Locale.ROOT, "replay + compare of %d simulated traces "
                        + "(%,d steps), traces in parallel on %d cores; median of %d after a warm-up"
                        + " of 3 s or more",
                        sim.traces().size(), steps, Runtime.getRuntime().availableProcessors(), reps));
    }

    private static Figure validation(Path spec, int runs, int calls, PrintStream log) throws BenchException {
        ValidateRun.Result r = ValidateRun.run(runs, calls, 100, spec, 1);
        if (!r.ok()) {
            throw new BenchException("trace validation while measuring: "
                    + (r.errors().isEmpty() ? r.rejected().get(0) : r.errors().get(0)));
        }
        log.printf(Locale.ROOT, "capsid bench:   trace validation: %d events in %.1f s%n", r.events(), r.seconds());
        return new Figure("trace_validation_seconds_per_1000_lines", r.secondsPerThousandEvents(), "s", 2, null,
                String.format(Locale.ROOT, "%d random run(s) of %d calls, %,d event lines in all, each run one "
                        + "TLC child process (its JVM start included)", r.runs(), calls, r.events()));
    }

    private static List<Figure> tlc(Path spec, boolean smoke, int pairs, PrintStream log) throws BenchException {
        Path tla;
        Path cfg;
        Path tmp = null;
        try {
            if (smoke) {
                tmp = Files.createTempDirectory("capsid-bench-tlc");
                tla = tmp.resolve("Counter.tla");
                Files.writeString(tla, "---- MODULE Counter ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\n"
                        + "Next == x' = (x + 1) % 50\n====\n");
                cfg = tmp.resolve("Counter.cfg");
                Files.writeString(cfg, "INIT Init\nNEXT Next\n");
            } else {
                tla = spec.resolve("MCNamespaceUnshare.tla");
                cfg = spec.resolve("MCNamespaceUnshareGraph.cfg");
            }
            double[] ratio = new double[pairs];
            double[] capsidRate = new double[pairs];
            double[] directRate = new double[pairs];
            long generated = 0;
            for (int i = 0; i < pairs; i++) {
                long t0 = System.nanoTime();
                TlcResult r = Tlc.check(TlcRequest.of(tla).withConfig(cfg).withWorkers(1)
                        .withTimeout(Duration.ofMinutes(10)));
                double capsidSecs = (System.nanoTime() - t0) / 1e9;
                if (r.result() != Outcome.PASS || r.generatedStates() == null) {
                    throw new BenchException("TLC through capsid: " + r.result() + " " + r.reason());
                }
                generated = r.generatedStates();
                double directSecs = direct(tla, cfg);
                capsidRate[i] = generated / capsidSecs;
                directRate[i] = generated / directSecs;
                ratio[i] = capsidSecs / directSecs;
                log.printf(Locale.ROOT, "capsid bench:   TLC %d/%d: capsid %.1f s, direct %.1f s%n", i + 1, pairs,
                        capsidSecs, directSecs);
            }
            String model = tla.getFileName() + " " + cfg.getFileName() + String.format(Locale.ROOT,
                    " (%,d generated states), 1 worker, alternated, median of %d pairs", generated, pairs);
            return List.of(
                    new Figure("tlc_states_per_second_capsid", Stats.median(capsidRate), "states/s", 0, null,
                            "TLC through capsid.checker.Tlc (child process, -tool output parsed); " + model),
                    new Figure("tlc_states_per_second_direct", Stats.median(directRate), "states/s", 0, null,
                            "java tlc2.TLC as a child process, output discarded; " + model),
                    new Figure("tlc_capsid_overhead_ratio", Stats.median(ratio), "x direct", 3, Target.atMost(1.05),
                            "wall time through capsid / direct; " + model));
        } catch (IOException e) {
            throw new BenchException("TLC figures: " + e.getMessage());
        } finally {
            if (tmp != null) {
                tmp.toFile().listFiles(f -> f.delete());
                tmp.toFile().delete();
            }
        }
    }

    /** Seconds of one direct TLC run (java tlc2.TLC, its own metadir and tmpdir). */
    private static double direct(Path tla, Path cfg) throws IOException, BenchException {
        Path dir = Files.createTempDirectory("capsid-bench-direct");
        Files.createDirectories(dir.resolve("tmp"));
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseParallelGC", "-Djava.io.tmpdir=" + dir.resolve("tmp"), "-cp", Tlc.childClassPath(),
                "tlc2.TLC", "-workers", "1", "-metadir", dir.resolve("meta").toString(), "-config",
                cfg.toAbsolutePath().toString(), tla.toAbsolutePath().toString());
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).directory(tla.toAbsolutePath().getParent().toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new BenchException("direct TLC run timed out");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        if (p.exitValue() != 0) {
            throw new BenchException("direct TLC run exited " + p.exitValue());
        }
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        return secs;
    }
}

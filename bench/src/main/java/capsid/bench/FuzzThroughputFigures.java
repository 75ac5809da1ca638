package capsid.bench;

import capsid.gen.fuzz.Campaign;
import capsid.gen.fuzz.FallbackFeedback;
import capsid.kernel.Kernel;
import capsid.refinement.AbstractionCheck;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fuzzing throughput as {@code capsid fuzz} runs it: one guided job (a child JVM
 * under the coverage agent, the serial collector, the generator's default program
 * size, every property, invariant and the abstraction check after every step, a
 * fresh empty corpus), its calls and programs per second read from its status lines
 * over a window after a fixed warm-up (full settings: the second minute; quick: 20 s
 * after 20 s). One job on one core: the figures are per core. The smoke settings run
 * the same campaign in this JVM for a moment, without the agent (meaningless values,
 * for the registry's test).
 */
public final class FuzzThroughputFigures implements FigureSource {
    /** The fuzz worker's main class (the CLI, which this module does not depend on). */
    static final String MAIN = "capsid.cli.Main";
    private static final Pattern FIELD = Pattern.compile("\"(execs|calls|seconds)\":([0-9.Ee+-]+)");
    /**
     * Before issue 12's incremental checking (2026-12-02: the same guided worker under the
     * agent, every check after every step, full checking after every step, the parent of
     * commit 4671d08); recorded so that the figure's note carries the ratio.
     */
    static final double CALLS_BEFORE = 104_848;
    static final double PROGRAMS_BEFORE = 3_008;

    @Override
    public String title() {
        return "fuzzing throughput";
    }

    @Override
    public List<String> benchmarks() {
        return List.of();
    }

    @Override
    public List<Figure> figures(JmhResults jmh, Settings s, PrintStream log) throws BenchException {
        double[] rate;
        String how;
        if (s.name().equals("smoke")) {
            rate = inProcess(300);
            how = "smoke: in this JVM without the agent for 0.3 s";
        } else {
            int warm = s.name().equals("full") ? 60 : 20;
            int measure = s.name().equals("full") ? 60 : 20;
            rate = job(warm, measure, log);
            how = String.format(Locale.ROOT, "guided job under the agent, every check after every step, "
                    + "%d-%d s of the job", warm, warm + measure);
        }
        log.printf(Locale.ROOT, "  fuzz: %,.0f calls/s, %,.0f programs/s (%.1f calls per program)%n", rate[0], rate[1],
                rate[0] / rate[1]);
        String before = " (before incremental checking: %,.0f, 2026-12-02)";
        return List.of(
                new Figure("fuzz_calls_per_second_per_core", rate[0], "calls/s", 0, Target.atLeast(400_000),
                        how + String.format(Locale.ROOT, before, CALLS_BEFORE)),
                new Figure("fuzz_programs_per_second_per_core", rate[1], "programs/s", 0, Target.atLeast(20_000),
                        how + String.format(Locale.ROOT, "; %.1f calls per program", rate[0] / rate[1])
                                + String.format(Locale.ROOT, before, PROGRAMS_BEFORE)));
    }

    /** Calls/s and programs/s of a campaign in this JVM (fallback feedback, no agent) over {@code millis}. */
    static double[] inProcess(long millis) {
        Campaign c = new Campaign(Campaign.Options.defaults(1), Kernel::syscall, List.of(new AbstractionCheck(1)),
                new FallbackFeedback(), m -> { });
        long t0 = System.nanoTime();
        long end = t0 + millis * 1_000_000;
        while (System.nanoTime() < end) {
            c.runOne();
        }
        double sec = (System.nanoTime() - t0) / 1e9;
        return new double[] {c.calls() / sec, c.programs() / sec};
    }

    /** Calls/s and programs/s of a guided job under the agent, between {@code warm} and {@code warm + measure} s. */
    private static double[] job(int warm, int measure, PrintStream log) throws BenchException {
        String cp = System.getProperty("java.class.path", "");
        if (cp.contains(File.pathSeparator) || !cp.endsWith(".jar")) {
            throw new BenchException("the fuzzing figures run the capsid jar's fuzz worker under its agent: run them"
                    + " through ./capsid bench (class path here: " + cp + ")");
        }
        Path tmp;
        try {
            tmp = Files.createTempDirectory("capsid-bench-fuzz");
        } catch (IOException e) {
            throw new BenchException("cannot create a corpus directory: " + e.getMessage(), e);
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-javaagent:" + cp, "-cp", cp, MAIN, "fuzz", "--worker", "--seed", "1",
                "--seconds", Integer.toString(warm + measure + 2), "--execs", "0", "--corpus",
                tmp.resolve("corpus").toString(), "--out", tmp.resolve("failures").toString(), "--refine-every", "1"));
        log.printf(Locale.ROOT, "  fuzz: one guided job, %d s warm-up + %d s measured ...%n", warm, measure);
        double[] start = null;
        double[] last = null;
        Process p = null;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    double[] v = status(line);
                    if (v == null) {
                        continue;
                    }
                    if (v[2] <= warm) {
                        start = v;
                    } else if (v[2] <= warm + measure || last == null) {
                        last = v;
                    }
                }
            }
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                throw new BenchException("the fuzz worker did not end");
            }
        } catch (IOException e) {
            throw new BenchException("running the fuzz worker: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        } finally {
            if (p != null) {
                p.destroyForcibly();
            }
            delete(tmp.toFile());
        }
        if (start == null || last == null || last[2] <= start[2]) {
            throw new BenchException("the fuzz worker printed no status lines around " + warm + " s (exit "
                    + p.exitValue() + ")");
        }
        double dt = last[2] - start[2];
        return new double[] {(last[1] - start[1]) / dt, (last[0] - start[0]) / dt};
    }

    private static void delete(File f) {
        File[] in = f.listFiles();
        if (in != null) {
            for (File g : in) {
                delete(g);
            }
        }
        f.delete();
    }

    /** execs, calls, seconds of a worker status line, or null for another line. */
    static double[] status(String line) {
        if (!line.startsWith("{")) {
            return null;
        }
        double[] v = {Double.NaN, Double.NaN, Double.NaN};
        Matcher m = FIELD.matcher(line);
        while (m.find()) {
            int i = switch (m.group(1)) {
                case "execs" -> 0;
                case "calls" -> 1;
                default -> 2;
            };
            v[i] = Double.parseDouble(m.group(2));
        }
        return Double.isNaN(v[0]) || Double.isNaN(v[1]) || Double.isNaN(v[2]) ? null : v;
    }
}

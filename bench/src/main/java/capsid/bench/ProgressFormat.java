package capsid.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * JMH's output, kept quiet: one progress line per benchmark (and its score) goes
 * to {@code progress}; JMH's full normal output is captured, so that a failed run
 * can show it ({@link #captured()}).
 */
final class ProgressFormat implements OutputFormat {
    private final PrintStream progress;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final OutputFormat full;
    private int started;

    ProgressFormat(PrintStream progress) {
        this.progress = progress;
        this.full = OutputFormatFactory.createFormatInstance(
                new PrintStream(buffer, true, StandardCharsets.UTF_8), VerboseMode.NORMAL);
    }

    /** Everything JMH printed, at normal verbosity. */
    String captured() {
        full.flush();
        return buffer.toString(StandardCharsets.UTF_8);
    }

    static String describe(BenchmarkParams p) {
        String name = p.getBenchmark();
        StringBuilder sb = new StringBuilder(name.startsWith("capsid.bench.") ? name.substring(13) : name);
        for (String k : p.getParamsKeys()) {
            sb.append(' ').append(k).append('=').append(p.getParam(k));
        }
        return sb.toString();
    }

    @Override
    public void startBenchmark(BenchmarkParams p) {
        started++;
        progress.printf(Locale.ROOT, "capsid bench:   [%d] %s ...%n", started, describe(p));
        full.startBenchmark(p);
    }

    @Override
    public void endBenchmark(BenchmarkResult r) {
        full.endBenchmark(r);
        if (r != null && r.getPrimaryResult() != null) {
            progress.printf(Locale.ROOT, "capsid bench:       %,.1f %s%n", r.getPrimaryResult().getScore(),
                    r.getScoreUnit());
        }
    }

    @Override
    public void iteration(BenchmarkParams b, IterationParams i, int n) {
        full.iteration(b, i, n);
    }

    @Override
    public void iterationResult(BenchmarkParams b, IterationParams i, int n, IterationResult r) {
        full.iterationResult(b, i, n, r);
    }

    @Override
    public void startRun() {
        full.startRun();
    }

    @Override
    public void endRun(Collection<RunResult> results) {
        full.endRun(results);
    }

    @Override
    public void print(String s) {
        full.print(s);
    }

    @Override
    public void println(String s) {
        full.println(s);
    }

    @Override
    public void flush() {
        full.flush();
        progress.flush();
    }

    @Override
    public void close() {
        full.flush();
    }

    @Override
    public void verbosePrintln(String s) {
        full.verbosePrintln(s);
    }

    @Override
    public void write(int b) {
        full.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        full.write(b);
    }
}

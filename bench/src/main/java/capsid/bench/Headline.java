package capsid.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The headline figures of {@code capsid bench}: runs the JMH benchmarks every
 * registered {@link FigureSource} needs, in one JMH run with fixed {@link
 * Settings}, then has each source compute its figures, and renders them as one
 * table.
 *
 * <p>JMH forks its benchmark JVMs with this JVM's class path, and finds the
 * benchmarks in {@code META-INF/BenchmarkList} on it; both hold in the shaded
 * {@code capsid.jar} and in {@code bench/target/classes}.
 */
public final class Headline {
    /** Heap of every forked benchmark JVM: fixed, so that runs compare. */
    static final List<String> FORK_JVM_ARGS = List.of("-Xms1g", "-Xmx1g");

    private Headline() {
    }

    /** Every registered figure ({@link Figures#SOURCES}), measured with {@code settings}; progress to {@code log}. */
    public static List<Figure> run(Settings settings, PrintStream log) throws BenchException {
        return run(Figures.SOURCES, settings, log);
    }

    /**
     * The figures of {@code sources}, measured with {@code settings}; progress to
     * {@code log}.
     *
     * @throws BenchException when a benchmark fails (its JMH output is in the
     *         message) or a figure cannot be computed
     */
    public static List<Figure> run(List<FigureSource> sources, Settings settings, PrintStream log)
            throws BenchException {
        List<String> includes = Figures.benchmarks(sources);
        JmhResults jmh = includes.isEmpty() ? JmhResults.empty() : runJmh(includes, settings, log);
        List<Figure> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (FigureSource source : sources) {
            log.println("capsid bench: " + source.title());
            for (Figure f : source.figures(jmh, settings, log)) {
                if (!names.add(f.name())) {
                    throw new BenchException("two figures are named " + f.name());
                }
                out.add(f);
            }
        }
        return out;
    }

    /** The JMH options of a run of {@code includes} with {@code s}. */
    public static Options options(List<String> includes, Settings s) {
        ChainedOptionsBuilder b = new OptionsBuilder();
        for (String include : includes) {
            b.include(include);
        }
        b.forks(s.forks())
                .warmupIterations(s.warmupIterations())
                .warmupTime(TimeValue.milliseconds(s.warmupTime().toMillis()))
                .measurementIterations(s.measurementIterations())
                .measurementTime(TimeValue.milliseconds(s.measurementTime().toMillis()))
                .threads(1)
                // no forced GC between iterations: JMH's costs ~0.7 s per iteration, and
                // every iteration starts from a freshly booted kernel anyway
                .shouldDoGC(false)
                .shouldFailOnError(true);
        if (s.forks() > 0) {
            b.jvmArgs(FORK_JVM_ARGS.toArray(new String[0]));
        }
        return b.build();
    }

    private static JmhResults runJmh(List<String> includes, Settings s, PrintStream log) throws BenchException {
        log.printf(Locale.ROOT, "capsid bench: JMH (%s): %d fork(s) x (%d x %d ms warmup + %d x %d ms measurement)"
                        + " per benchmark%n", s.name(), s.forks(), s.warmupIterations(), s.warmupTime().toMillis(),
                s.measurementIterations(), s.measurementTime().toMillis());
        ProgressFormat format = new ProgressFormat(log);
        Collection<RunResult> results;
        try {
            results = new Runner(options(includes, s), format).run();
        } catch (RunnerException | RuntimeException e) {
            String output = format.captured();
            String hint = output.contains("Could not find or load main class")
                    ? " (a forked JVM could not load its classes from " + System.getProperty("java.class.path")
                            + ": was the jar rebuilt or removed during the run?)"
                    : "";
            throw new BenchException("JMH run failed: " + e.getMessage() + hint + "\n--- JMH output ---\n"
                    + output, e);
        }
        return new JmhResults(results);
    }

    /** A one-line description of the run: settings and JVM. */
    public static String header(Settings s) {
        return String.format(Locale.ROOT, "capsid bench (%s): JMH %d fork(s) x %d x %d ms per benchmark; "
                        + "Java %s, %d cpus", s.name(), s.forks(), s.measurementIterations(),
                s.measurementTime().toMillis(), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
    }

    /**
     * The figures as one text table: figure, value, unit, target, status
     * ({@code met} or {@code MISSED} with the headroom factor, {@code -} without a
     * target), note.
     */
    public static String table(List<Figure> figures) {
        String[] head = {"figure", "value", "unit", "target", "status", "note"};
        List<String[]> rows = new ArrayList<>();
        rows.add(head);
        for (Figure f : figures) {
            String target = f.target() == null ? "-" : f.target().render(f.decimals());
            String status = f.target() == null ? "-" : String.format(Locale.ROOT, "%s (%.2fx)",
                    f.met() ? "met" : "MISSED", f.target().headroom(f.value()));
            rows.add(new String[] {f.name(), f.renderValue(), f.unit(), target, status, f.note()});
        }
        int[] w = new int[head.length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int n = 0; n < rows.size(); n++) {
            String[] r = rows.get(n);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                boolean right = i == 1 && n > 0;
                String cell = i == r.length - 1 ? r[i]
                        : right ? " ".repeat(w[i] - r[i].length()) + r[i] : r[i] + " ".repeat(w[i] - r[i].length());
                line.append(cell).append(i == r.length - 1 ? "" : "  ");
            }
            sb.append(line.toString().stripTrailing()).append('\n');
            if (n == 0) {
                int total = 0;
                for (int x : w) {
                    total += x + 2;
                }
                sb.append("-".repeat(Math.min(total, 160))).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * Runs the headline figures and prints the table: {@code --quick} for the
     * short settings. ({@code capsid bench} is the usual way; it adds {@code --json}.)
     */
    public static void main(String[] args) throws BenchException {
        Settings s = List.of(args).contains("--quick") ? Settings.QUICK : Settings.FULL;
        List<Figure> figures = run(s, System.err);
        System.out.println(header(s));
        System.out.print(table(figures));
    }
}

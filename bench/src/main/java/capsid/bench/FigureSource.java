package capsid.bench;

import java.util.List;

/**
 * A group of figures measured together: the unit of the figure registry ({@link
 * Figures}). A source names the JMH benchmarks it reads (all sources' benchmarks
 * run in one JMH run before any source computes its figures) and computes its
 * figures from their results, or measures in process (e.g. heap use).
 *
 * <p>To add figures: write a source (or add rows to one) and list it in {@link
 * Figures#SOURCES}; if it needs a new JMH benchmark, write the {@code @Benchmark}
 * class in {@code capsid.bench} and return its include pattern here.
 */
public interface FigureSource {

    /** A short title for progress messages, e.g. {@code syscall throughput}. */
    String title();

    /**
     * The JMH benchmarks this source reads, as include patterns (regular
     * expressions matched against {@code capsid.bench.Class.method}); empty when
     * it measures in process only.
     */
    List<String> benchmarks();

    /**
     * Computes this source's figures.
     *
     * @param jmh      results of the JMH run, containing at least {@link #benchmarks()}
     * @param settings the run's settings (e.g. for in-process measurements)
     * @param log      where to print progress (stderr)
     * @throws BenchException when a figure cannot be measured
     */
    List<Figure> figures(JmhResults jmh, Settings settings, java.io.PrintStream log) throws BenchException;
}

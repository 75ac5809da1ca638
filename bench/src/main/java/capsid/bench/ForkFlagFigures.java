package capsid.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.IterationResult;

/**
 * {@code fork} with each namespace flag, and with all of them, as a ratio to plain
 * {@code fork} measured side by side ({@link ForkFlagsInterleavedBench}): each
 * ratio is the cost of a {@code fork}+{@code exit}+{@code wait} cycle of the
 * variant over that of plain {@code fork} in the same iteration, the median over
 * all iterations. Event recording off.
 */
public final class ForkFlagFigures implements FigureSource {
    private static final String BENCH = "ForkFlagsInterleavedBench.interleaved";

    /** The target of every ratio: within 1.2 times plain {@code fork}. */
    public static final double TARGET = 1.2;

    @Override
    public String title() {
        return "fork with namespace flags";
    }

    @Override
    public List<String> benchmarks() {
        return List.of("^capsid\\.bench\\.ForkFlagsInterleavedBench\\.interleaved$");
    }

    @Override
    public List<Figure> figures(JmhResults jmh, Settings settings, PrintStream log) throws BenchException {
        List<IterationResult> its = jmh.iterations(BENCH);
        int n = its.size();
        double[] plainNs = new double[n];
        for (int i = 0; i < n; i++) {
            double cycles = JmhResults.secondary(its.get(i), "cyclesPerVariant");
            if (cycles <= 0) {
                throw new BenchException(BENCH + ": an iteration ran no cycles");
            }
            plainNs[i] = JmhResults.secondary(its.get(i), ForkFlagsInterleavedBench.nanosName(ForkVariant.PLAIN))
                    / cycles;
        }
        double plain = Stats.median(plainNs);
        List<Figure> out = new ArrayList<>();
        for (ForkVariant v : ForkVariant.values()) {
            if (v == ForkVariant.PLAIN) {
                continue;
            }
            double[] ratio = new double[n];
            double[] ns = new double[n];
            for (int i = 0; i < n; i++) {
                double cycles = JmhResults.secondary(its.get(i), "cyclesPerVariant");
                ns[i] = JmhResults.secondary(its.get(i), ForkFlagsInterleavedBench.nanosName(v)) / cycles;
                ratio[i] = ns[i] / plainNs[i];
            }
            out.add(new Figure("fork_" + v.key() + "_ratio", Stats.median(ratio), "x plain fork", 3,
                    Target.atMost(TARGET), String.format(Locale.ROOT,
                            "fork+exit+wait cycle %.0f ns vs plain %.0f ns, interleaved in one JVM; "
                                    + "median of %d iterations, range %.3f-%.3f; events OFF",
                            Stats.median(ns), plain, n, Stats.min(ratio), Stats.max(ratio))));
        }
        return out;
    }
}

package capsid.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The results of one JMH run, looked up by benchmark and parameters. A lookup
 * that finds nothing is an error (a figure must never silently read nothing).
 */
public final class JmhResults {
    private static final String PACKAGE = "capsid.bench.";

    private final List<RunResult> runs;

    /** Wraps the results {@code Runner.run()} returned. */
    public JmhResults(Collection<RunResult> runs) {
        this.runs = List.copyOf(runs);
    }

    /** No results (no figure needed JMH). */
    public static JmhResults empty() {
        return new JmhResults(List.of());
    }

    /** Every run, in JMH's order. */
    public List<RunResult> runs() {
        return runs;
    }

    /**
     * The run of {@code benchmark} (e.g. {@code SyscallBench.getpid}, in package
     * {@code capsid.bench}) whose parameters include {@code params} (alternating
     * names and values, e.g. {@code "events", "false"}).
     *
     * @throws BenchException when no run, or more than one, matches
     */
    public RunResult get(String benchmark, String... params) throws BenchException {
        if (params.length % 2 != 0) {
            throw new IllegalArgumentException("params must alternate names and values");
        }
        RunResult found = null;
        for (RunResult r : runs) {
            BenchmarkParams p = r.getParams();
            if (!p.getBenchmark().equals(PACKAGE + benchmark)) {
                continue;
            }
            boolean match = true;
            for (int i = 0; i < params.length; i += 2) {
                match &= params[i + 1].equals(p.getParam(params[i]));
            }
            if (match) {
                if (found != null) {
                    throw new BenchException("more than one JMH run of " + describe(benchmark, params));
                }
                found = r;
            }
        }
        if (found == null) {
            throw new BenchException("no JMH result for " + describe(benchmark, params));
        }
        return found;
    }

    /** The primary score (mean over all measurement iterations of all forks) of the matching run. */
    public Result<?> primary(String benchmark, String... params) throws BenchException {
        return get(benchmark, params).getPrimaryResult();
    }

    /** Every measurement iteration of the matching run, fork after fork. */
    public List<IterationResult> iterations(String benchmark, String... params) throws BenchException {
        List<IterationResult> out = new ArrayList<>();
        for (BenchmarkResult b : get(benchmark, params).getBenchmarkResults()) {
            out.addAll(b.getIterationResults());
        }
        if (out.isEmpty()) {
            throw new BenchException("no measurement iterations for " + describe(benchmark, params));
        }
        return out;
    }

    /**
     * The secondary result {@code name} of one iteration.
     *
     * @throws BenchException when the iteration has no such result
     */
    public static double secondary(IterationResult it, String name) throws BenchException {
        Result<?> r = it.getSecondaryResults().get(name);
        if (r == null) {
            throw new BenchException("iteration of " + it.getBenchmarkParams().getBenchmark()
                    + " has no secondary result '" + name + "' (has " + it.getSecondaryResults().keySet() + ")");
        }
        return r.getScore();
    }

    private static String describe(String benchmark, String... params) {
        StringBuilder sb = new StringBuilder(benchmark);
        for (int i = 0; i < params.length; i += 2) {
            sb.append(' ').append(params[i]).append('=').append(params[i + 1]);
        }
        return sb.toString();
    }
}

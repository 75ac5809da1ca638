package capsid.bench;

import capsid.kernel.Kernel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of one {@code fork}+{@code exit}+{@code wait} cycle for one {@link
 * ForkVariant}, event recording off: one variant per JMH run, for profiling a
 * single variant (e.g. {@code -p variant=NEWNS -prof gc}).
 *
 * <p>The headline ratios do not come from here, because JMH runs each parameter
 * value in its own JVM, one after the other; they come from {@link
 * ForkFlagsInterleavedBench}, which alternates the variants within one JVM.
 *
 * <p>Run alone: {@code java -cp cli/target/capsid.jar org.openjdk.jmh.Main ForkFlagsBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ForkFlagsBench {
    /** The fork variant of this run. */
    @Param({"PLAIN", "NEWPID", "NEWUTS", "NEWNS", "NEWIPC", "NEWNET", "NEWUSER", "ALL"})
    public ForkVariant variant;

    private Kernel kernel;
    private long init;

    /** Boots a fresh kernel, event recording off. */
    @Setup(Level.Iteration)
    public void boot() {
        kernel = Cycles.boot(false);
        init = kernel.initTid();
    }

    /** The kernel currently benchmarked (for tests). */
    Kernel kernel() {
        return kernel;
    }

    /** One cycle of {@link #variant}; see {@link Cycles#forkExitWait}. */
    @Benchmark
    public int cycle() {
        return Cycles.forkExitWait(kernel, init, variant.call());
    }
}

package capsid.bench;

import capsid.kernel.Kernel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code fork} with each namespace flag against plain {@code fork}, measured side
 * by side: every invocation runs a batch of {@link #BATCH} {@code
 * fork}+{@code exit}+{@code wait} cycles of every {@link ForkVariant} in turn
 * (starting with a different variant each time), timing each batch with {@link
 * System#nanoTime()}. So all variants share one JVM, one JIT profile and the same
 * moments of the run, and drift affects them equally. Event recording is off.
 *
 * <p>The per-variant times come out as JMH secondary results ({@link Timings}:
 * {@code plainNanos}, {@code newpidNanos}, ... and {@code cyclesPerVariant}), one
 * value per iteration; the ratio of a variant is its nanoseconds over {@code
 * plainNanos} in the same iteration (every variant ran the same number of
 * cycles). The primary score is the mean cycle cost over all variants.
 *
 * <p>Run alone: {@code java -cp cli/target/capsid.jar org.openjdk.jmh.Main ForkFlagsInterleavedBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ForkFlagsInterleavedBench {
    /** Cycles per variant per batch (a batch takes some tens of microseconds). */
    public static final int BATCH = 128;

    /** How many variants each invocation runs (a constant, for {@code @OperationsPerInvocation}). */
    public static final int VARIANT_COUNT = 8;

    private static final ForkVariant[] VARIANTS = ForkVariant.values();

    static {
        if (VARIANTS.length != VARIANT_COUNT) {
            throw new AssertionError("VARIANT_COUNT must be " + VARIANTS.length);
        }
    }

    private Kernel kernel;
    private long init;
    private int rotation;

    /** Per-variant nanoseconds and cycle counts of one iteration, reported by JMH as secondary results. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Timings {
        final long[] nanos = new long[VARIANTS.length];
        long cycles;

        /** Starts every iteration from zero. */
        @Setup(Level.Iteration)
        public void reset() {
            java.util.Arrays.fill(nanos, 0);
            cycles = 0;
        }

        /** Cycles run of each variant (the same for all) in this iteration. */
        public long cyclesPerVariant() {
            return cycles;
        }

        /** Nanoseconds spent in plain {@code fork} cycles. */
        public long plainNanos() {
            return nanos[ForkVariant.PLAIN.ordinal()];
        }

        /** Nanoseconds spent in {@code fork newpid} cycles. */
        public long newpidNanos() {
            return nanos[ForkVariant.NEWPID.ordinal()];
        }

        /** Nanoseconds spent in {@code fork newuts} cycles. */
        public long newutsNanos() {
            return nanos[ForkVariant.NEWUTS.ordinal()];
        }

        /** Nanoseconds spent in {@code fork newns} cycles. */
        public long newnsNanos() {
            return nanos[ForkVariant.NEWNS.ordinal()];
        }

        /** Nanoseconds spent in {@code fork newipc} cycles. */
        public long newipcNanos() {
            return nanos[ForkVariant.NEWIPC.ordinal()];
        }

        /** Nanoseconds spent in {@code fork newnet} cycles. */
        public long newnetNanos() {
            return nanos[ForkVariant.NEWNET.ordinal()];
        }

        /** Nanoseconds spent in {@code fork newuser} cycles. */
        public long newuserNanos() {
            return nanos[ForkVariant.NEWUSER.ordinal()];
        }

        /** Nanoseconds spent in cycles of {@code fork} with every namespace flag. */
        public long allNanos() {
            return nanos[ForkVariant.ALL.ordinal()];
        }
    }

    /** The name of the secondary result holding {@code v}'s nanoseconds, e.g. {@code newpidNanos}. */
    public static String nanosName(ForkVariant v) {
        return v.name().toLowerCase(java.util.Locale.ROOT) + "Nanos";
    }

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

    /**
     * One batch of {@link #BATCH} cycles of every variant, the starting variant
     * rotating from one invocation to the next.
     *
     * @return a sum of the pids seen, so that nothing is dead code
     */
    @Benchmark
    @OperationsPerInvocation(BATCH * VARIANT_COUNT)
    public long interleaved(Timings t) {
        int n = VARIANTS.length;
        long sink = 0;
        for (int j = 0; j < n; j++) {
            int v = rotation + j;
            if (v >= n) {
                v -= n;
            }
            ForkVariant variant = VARIANTS[v];
            long t0 = System.nanoTime();
            for (int i = 0; i < BATCH; i++) {
                sink += Cycles.forkExitWait(kernel, init, variant.call());
            }
            t.nanos[v] += System.nanoTime() - t0;
        }
        t.cycles += BATCH;
        rotation = rotation + 1 == n ? 0 : rotation + 1;
        return sink;
    }
}

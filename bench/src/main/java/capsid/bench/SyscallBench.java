package capsid.bench;

import capsid.kernel.Kernel;
import capsid.kernel.Result;
import capsid.kernel.call.Call;
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
 * Raw syscall throughput: {@code getpid}, and the {@code fork}+{@code exit}+{@code
 * wait} triple counted as one operation, each with event recording off
 * ({@code events=false}: raw call throughput) and on ({@code events=true}: the
 * cost of the in-memory event log included).
 *
 * <p>Every call is made by the boot init. The kernel is rebooted at the start of
 * every iteration and, in {@link #forkExitWait()}, after every {@link
 * #REBOOT_EVERY} triples whether or not events are recorded (so both modes pay
 * the same amortised boot), which bounds the event log to about 50,000 events.
 *
 * <p>Run alone: {@code java -cp cli/target/capsid.jar org.openjdk.jmh.Main SyscallBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SyscallBench {
    /** Triples between reboots of the kernel in {@link #forkExitWait()}. */
    public static final int REBOOT_EVERY = 16_384;

    private static final Call.Fork FORK = ForkVariant.PLAIN.call();

    /** Whether the kernel records its event log. */
    @Param({"false", "true"})
    public boolean events;

    private Kernel kernel;
    private long init;
    private int sinceBoot;

    /** Boots a fresh kernel (each iteration starts from the same state). */
    @Setup(Level.Iteration)
    public void boot() {
        kernel = Cycles.boot(events);
        init = kernel.initTid();
        sinceBoot = 0;
    }

    /** The kernel currently benchmarked (for tests). */
    Kernel kernel() {
        return kernel;
    }

    /** {@code getpid} by init: one syscall per operation. It emits no event. */
    @Benchmark
    public Result getpid() {
        return kernel.syscall(init, Call.GetPid.INSTANCE);
    }

    /**
     * One {@code fork}+{@code exit}+{@code wait} triple (three syscalls, one
     * operation); see {@link Cycles#forkExitWait}.
     */
    @Benchmark
    public int forkExitWait() {
        if (++sinceBoot > REBOOT_EVERY) {
            boot();
            sinceBoot = 1;
        }
        return Cycles.forkExitWait(kernel, init, FORK);
    }
}

package capsid.bench;

import capsid.kernel.Kernel;
import capsid.kernel.Result;
import capsid.kernel.call.Call;
import capsid.kernel.call.NsType;
import capsid.kernel.call.Rights;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code cap_derive} and {@code cap_grant} throughput, events off: init derives
 * from (or grants) its fd 0, a root from {@code ns_open}; every {@link #BATCH}
 * calls one {@code cap_revoke} of fd 0 empties the tables again (its cost, O(1)
 * per capability removed, is included: one revoke per BATCH calls).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CapBench {
    /** Calls between the revokes that empty the tables. */
    public static final int BATCH = 1_000;

    private static final Call DERIVE = new Call.CapDerive(0, Rights.R | Rights.GRANT, 0, false);
    private static final Call REVOKE = new Call.CapRevoke(0);

    private Kernel kernel;
    private long init;
    private Call grant;
    private int n;

    /** A fresh kernel with init's fd 0 and a child to grant to (tables of BATCH + 1 slots). */
    @Setup(Level.Iteration)
    public void boot() {
        kernel = Kernel.boot(capsid.kernel.BootConfig.DEFAULT.withFdMax(2 * BATCH + 2));
        kernel.recordEvents(false);
        init = kernel.initTid();
        kernel.syscall(init, new Call.NsOpen(1, NsType.UTS.ordinal()));
        int pid = (int) ((Result.Int) kernel.syscall(init, new Call.Fork(0))).value();
        grant = new Call.CapGrant(0, pid);
        n = 0;
    }

    /** One {@code cap_derive 0 r|grant} by init. */
    @Benchmark
    public Result derive() {
        if (++n > BATCH) {
            kernel.syscall(init, REVOKE);
            n = 1;
        }
        return kernel.syscall(init, DERIVE);
    }

    /** One {@code cap_grant 0 PID} by init to its child. */
    @Benchmark
    public Result grant() {
        if (++n > BATCH) {
            kernel.syscall(init, REVOKE);
            n = 1;
        }
        return kernel.syscall(init, grant);
    }
}

package capsid.bench;

import capsid.kernel.Kernel;
import capsid.kernel.Result;
import capsid.kernel.call.Call;

/**
 * The call sequences the benchmarks time, with their results checked: a benchmark
 * whose call failed every time would be fast and wrong, so any unexpected result
 * throws {@link IllegalStateException} and fails the run instead of being
 * measured. The checks are a type test and a comparison per call, the same for
 * every variant.
 */
public final class Cycles {
    private static final Call.Exit EXIT = new Call.Exit(0);

    private Cycles() {
    }

    /**
     * One {@code fork}+{@code exit}+{@code wait} triple: {@code parentTid} forks
     * with {@code fork}, the child exits with code 0, and the parent reaps it
     * with {@code wait} (any child). Afterwards the process table is as before.
     * Besides the three syscalls it does one {@link Kernel#resolve} (pid to task
     * id) so the child can be named as the caller of {@code exit}.
     *
     * @return the child's pid as the parent saw it (what {@code fork} and {@code wait} returned)
     * @throws IllegalStateException when a call returns anything else than it should
     *         (an errno, or {@code wait} reaping another process)
     */
    public static int forkExitWait(Kernel kernel, long parentTid, Call.Fork fork) {
        Result f = kernel.syscall(parentTid, fork);
        if (!(f instanceof Result.Int)) {
            throw new IllegalStateException(fork + " by task " + parentTid + " returned " + f.render());
        }
        int pid = (int) ((Result.Int) f).value();
        long child = kernel.resolve(parentTid, pid);
        Result e = kernel.syscall(child, EXIT);
        if (e != Result.Int.ZERO) {
            throw new IllegalStateException("exit 0 by task " + child + " (pid " + pid + ") returned " + e.render());
        }
        Result w = kernel.syscall(parentTid, Call.Wait.ANY);
        if (!(w instanceof Result.Int) || ((Result.Int) w).value() != pid) {
            throw new IllegalStateException("wait by task " + parentTid + " returned " + w.render()
                    + ", expected the child's pid " + pid);
        }
        return pid;
    }

    /**
     * A freshly booted kernel with event recording switched {@code on} or off.
     * The boot event itself is always recorded (recording can only be switched
     * after boot).
     */
    public static Kernel boot(boolean recordEvents) {
        Kernel k = Kernel.boot();
        k.recordEvents(recordEvents);
        return k;
    }
}

package capsid.bench;

import capsid.kernel.Kernel;
import capsid.kernel.ProcessView;
import capsid.kernel.Result;
import capsid.kernel.call.Call;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;

/**
 * Heap measurement of live processes, in this JVM: the heap in use after forced
 * garbage collections, before and after booted kernels fork many children that
 * stay alive. Event recording is off (the event log would dominate).
 */
public final class MemoryProbe {
    private MemoryProbe() {
    }

    /**
     * Boots {@code kernels} kernels (events off), then in each has init fork
     * {@code perKernel} children with {@code flags}, all of which stay alive, and
     * returns how many bytes of heap that took: heap used after GC with the
     * children minus heap used after GC with the booted kernels alone.
     *
     * @throws BenchException when a fork fails, the kernels do not hold exactly the
     *         processes forked, or {@code System.gc()} collects nothing
     */
    public static long liveProcessBytes(int kernels, int perKernel, int flags) throws BenchException {
        Kernel[] ks = new Kernel[kernels];
        for (int i = 0; i < kernels; i++) {
            ks[i] = Cycles.boot(false);
        }
        Call.Fork fork = new Call.Fork(flags);
        long before = usedHeapAfterGc();
        for (Kernel k : ks) {
            long init = k.initTid();
            for (int j = 0; j < perKernel; j++) {
                Result r = k.syscall(init, fork);
                if (!(r instanceof Result.Int)) {
                    throw new BenchException("memory probe: fork " + fork.flags() + " #" + (j + 1) + " returned "
                            + r.render());
                }
            }
        }
        long after = usedHeapAfterGc();
        for (Kernel k : ks) {
            int live = 0;
            for (ProcessView p : k.processes()) {
                live += p.live() ? 1 : 0;
            }
            if (live != perKernel + 1) {
                throw new BenchException("memory probe: a kernel holds " + live + " live processes, expected "
                        + (perKernel + 1));
            }
        }
        Reference.reachabilityFence(ks);
        return after - before;
    }

    /**
     * Heap in use after {@code System.gc()}, repeated until two readings agree
     * within 1 KiB (at most 8 times).
     *
     * @throws BenchException when {@code System.gc()} runs no collection (e.g.
     *         {@code -XX:+DisableExplicitGC}): the reading would mean nothing
     */
    public static long usedHeapAfterGc() throws BenchException {
        long prev = -1;
        for (int i = 0; i < 8; i++) {
            long collections = collections();
            System.gc();
            if (collections() == collections) {
                throw new BenchException("System.gc() ran no collection (-XX:+DisableExplicitGC?): "
                        + "cannot measure heap use");
            }
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (prev >= 0 && Math.abs(used - prev) < 1024) {
                return used;
            }
            prev = used;
        }
        return prev;
    }

    private static long collections() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }
}

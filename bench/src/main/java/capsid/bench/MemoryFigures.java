package capsid.bench;

import capsid.kernel.call.Flags;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/**
 * Memory per process and per pid namespace, in bytes of heap ({@link
 * MemoryProbe}), measured in process with event recording off. Per process:
 * init forks children that stay alive, spread over several kernels because at
 * most 32,767 processes fit in one (every process takes a root-namespace pid).
 * Per pid namespace: the same with {@code fork newpid}, each child the init of its
 * own namespace, minus the per-process figure. Each is the median of repetitions
 * that alternate the two kinds.
 */
public final class MemoryFigures implements FigureSource {
    /** The target: under 1 KiB per process. */
    public static final double PROCESS_TARGET = 1024;

    @Override
    public String title() {
        return "memory";
    }

    @Override
    public List<String> benchmarks() {
        return List.of();
    }

    @Override
    public List<Figure> figures(JmhResults jmh, Settings s, PrintStream log) throws BenchException {
        int n = s.memoryTotalProcesses();
        int reps = s.memoryRepetitions();
        double[] perProc = new double[reps];
        double[] perNsProc = new double[reps];
        for (int r = 0; r < reps; r++) {
            perProc[r] = (double) MemoryProbe.liveProcessBytes(s.memoryKernels(), s.memoryProcesses(), 0) / n;
            perNsProc[r] = (double) MemoryProbe.liveProcessBytes(s.memoryKernels(), s.memoryProcesses(),
                    Flags.NEWPID) / n;
            log.printf(Locale.ROOT, "capsid bench:   memory %d/%d: %.0f bytes/process, %.0f bytes/process in own pid ns%n",
                    r + 1, reps, perProc[r], perNsProc[r]);
        }
        double proc = Stats.median(perProc);
        double ns = Stats.median(perNsProc) - proc;
        String where = String.format(Locale.ROOT, "%,d live processes (%d kernels x %,d children of init)",
                n, s.memoryKernels(), s.memoryProcesses());
        String how = String.format(Locale.ROOT, "heap used after System.gc(), %s; events OFF; median of %d",
                jvm(), reps);
        return List.of(
                new Figure("memory_per_process", proc, "bytes", 0, Target.atMost(PROCESS_TARGET),
                        where + "; " + how + String.format(Locale.ROOT, " (range %.0f-%.0f)",
                                Stats.min(perProc), Stats.max(perProc))),
                new Figure("memory_per_pid_namespace", ns, "bytes", 0, null,
                        where.replace("children of init", "children forked newpid, each in its own pid ns")
                                + ", minus memory_per_process; " + how));
    }

    /** The garbage collectors and whether oops are compressed: what the byte counts depend on. */
    private static String jvm() {
        String gc = ManagementFactory.getGarbageCollectorMXBeans().stream().findFirst()
                .map(g -> g.getName().split(" ")[0]).orElse("?");
        String oops = "?";
        try {
            oops = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .getVMOption("UseCompressedOops").getValue();
        } catch (RuntimeException | LinkageError e) {
            // not HotSpot: leave it unknown
        }
        return "GC " + gc + ", compressed oops " + oops;
    }
}

package capsid.bench;

import capsid.kernel.BootConfig;
import capsid.kernel.Kernel;
import capsid.kernel.Result;
import capsid.kernel.call.Call;
import capsid.kernel.call.NsType;
import capsid.kernel.call.Rights;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Capability figures: {@code cap_derive}/s and {@code cap_grant}/s ({@link
 * CapBench}, JMH), and {@code cap_revoke} of trees of 1,000, 10,000 and 100,000
 * descendants, timed here (each tree is built by cap_derive calls, then one revoke
 * is timed; the median of several). The tree is bushy: capability i is derived
 * from capability (i - 1) / 4 (four children each).
 * Target: ns per descendant flat, the 100k figure within 2x of the 1k one.
 */
public final class CapFigures implements FigureSource {
    static final int[] SIZES = {1_000, 10_000, 100_000};

    @Override
    public String title() {
        return "capabilities";
    }

    @Override
    public List<String> benchmarks() {
        return List.of("^capsid\\.bench\\.CapBench\\.(derive|grant)$");
    }

    @Override
    public List<Figure> figures(JmhResults jmh, Settings settings, PrintStream log) throws BenchException {
        List<Figure> out = new ArrayList<>();
        String runs = "JMH, " + settings.measuredIterations() + " iterations";
        org.openjdk.jmh.results.Result<?> d = jmh.primary("CapBench.derive");
        org.openjdk.jmh.results.Result<?> g = jmh.primary("CapBench.grant");
        out.add(new Figure("cap_derive_per_second", d.getScore(), "calls/s", 0, Target.atLeast(1_000_000),
                "events OFF; init derives from its fd 0, one revoke per " + CapBench.BATCH + " calls; " + runs
                        + SyscallFigures.spread(d)));
        out.add(new Figure("cap_grant_per_second", g.getScore(), "calls/s", 0, Target.atLeast(1_000_000),
                "events OFF; init grants its fd 0 to its child, one revoke per " + CapBench.BATCH + " calls; " + runs
                        + SyscallFigures.spread(g)));
        int reps = settings.name().equals("full") ? 9 : 5;
        double first = 0;
        for (int size : SIZES) {
            double[] ms = new double[reps];
            for (int r = 0; r < reps + 1; r++) {
                double t = revokeMs(size);
                if (r > 0) {
                    ms[r - 1] = t; // the first run warms up
                }
            }
            double med = Stats.median(ms);
            double ns = med * 1e6 / size;
            if (size == SIZES[0]) {
                first = ns;
            }
            log.printf(Locale.ROOT, "  cap_revoke of %,d descendants: %.3f ms (%.1f ns each)%n", size, med, ns);
            out.add(new Figure("cap_revoke_" + size / 1000 + "k_ms", med, "ms", 3, null, String.format(Locale.ROOT,
                    "one cap_revoke of a tree of %,d descendants (four children each), events OFF; median of %d",
                    size, reps)));
            out.add(new Figure("cap_revoke_" + size / 1000 + "k_ns_per_descendant", ns, "ns", 1,
                    size == SIZES[0] ? null : Target.atMost(2 * first), size == SIZES[0] ? "the base of the flatness"
                            + " targets" : "within 2x of the 1k figure (flat: O(descendants))"));
        }
        return out;
    }

    /** Builds a tree of {@code size} descendants under init's fd 0 and times one revoke of fd 0, in ms. */
    static double revokeMs(int size) throws BenchException {
        Kernel k = Kernel.boot(BootConfig.DEFAULT.withFdMax(size + 1));
        k.recordEvents(false);
        long init = k.initTid();
        k.syscall(init, new Call.NsOpen(1, NsType.UTS.ordinal()));
        for (int i = 1; i <= size; i++) {
            Result r = k.syscall(init, new Call.CapDerive((i - 1) / 4, Rights.R | Rights.X | Rights.GRANT, 0, false));
            if (r.isError()) {
                throw new BenchException("building the revoke tree: cap_derive " + i + " failed: " + r);
            }
        }
        System.gc(); // the build's garbage, collected before the timed call rather than during it
        long t0 = System.nanoTime();
        Result r = k.syscall(init, new Call.CapRevoke(0));
        long t1 = System.nanoTime();
        if (!(r instanceof Result.Int n) || n.value() != size) {
            throw new BenchException("cap_revoke of " + size + " descendants returned " + r);
        }
        return (t1 - t0) / 1e6;
    }
}

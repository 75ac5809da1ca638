package capsid.coverage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The probe runtime. Each instrumented class asks {@link #register} for its counter
 * array at the start of its static initialiser and keeps it in a synthetic static
 * field; a probe increments one element of it. This class keeps the list of those
 * arrays, so that {@link #reset} and {@link #collectNew} are plain scans.
 *
 * <p>Flat indexes: the probes of the first class registered come first, in probe
 * order, then those of the next, and so on. A class loaded twice (two class
 * loaders) registers twice and gets two ranges with the same stable ids.
 *
 * <p>Counters are incremented without synchronisation: under threads a count can
 * come out low, never a hit as a miss once the thread that hit it has been joined.
 */
public final class Probes {
    private static final Object LOCK = new Object();
    private static final Map<String, List<ProbeInfo>> DESCRIBED = new ConcurrentHashMap<>();

    private static volatile boolean installed;
    /** The registered arrays, in registration order; replaced (never mutated) on registration. */
    private static volatile int[][] arrays = new int[0][];
    /** The flat index of each array's first probe. */
    private static volatile int[] bases = new int[0];
    private static final List<ProbeInfo> INFOS = new ArrayList<>();
    private static volatile int count;

    private Probes() {
    }

    /**
     * Called by an instrumented class's static initialiser: a fresh counter array
     * of {@code probeCount} elements, registered for scans.
     */
    public static int[] register(String className, int probeCount) {
        int[] a = new int[probeCount];
        synchronized (LOCK) {
            List<ProbeInfo> d = DESCRIBED.get(className);
            for (int i = 0; i < probeCount; i++) {
                INFOS.add(d != null && i < d.size() ? d.get(i)
                        : new ProbeInfo(className, "?", "", i, ProbeKind.ENTRY, -1, List.of()));
            }
            int n = arrays.length;
            int[][] na = Arrays.copyOf(arrays, n + 1);
            int[] nb = Arrays.copyOf(bases, n + 1);
            na[n] = a;
            nb[n] = count;
            bases = nb;
            arrays = na;
            count += probeCount;
            installed = true;
        }
        return a;
    }

    /** The instrumenter leaves the description of a class's probes here before the class runs. */
    static void describe(String className, List<ProbeInfo> probes) {
        DESCRIBED.put(className, List.copyOf(probes));
    }

    /** Marks the agent as present (before any class is instrumented). */
    static void markInstalled() {
        installed = true;
    }

    /** True once the agent started or any instrumented class registered in this JVM. */
    public static boolean installed() {
        return installed;
    }

    /** Probes registered so far (grows as instrumented classes are initialised). */
    public static int count() {
        return count;
    }

    /** Zeroes every counter. */
    public static void reset() {
        for (int[] a : arrays) {
            Arrays.fill(a, 0);
        }
    }

    /**
     * Sets in {@code seen} the flat index of every probe hit since the last reset;
     * returns how many of those bits were not set before.
     */
    public static int collectNew(BitSet seen) {
        return collect(seen, false);
    }

    /**
     * As {@link #collectNew}, on hit-count buckets (1, 2, 3, 4-7, 8-15, 16-31, 32-127,
     * 128 or more): bit {@code 8 * flat + bucket} of {@code seen}. A probe reached
     * more often than before counts as new, as in AFL. Campaigns use {@link
     * #collectNewAndReset}, which keeps both in one pass.
     */
    public static int collectNewBuckets(BitSet seen) {
        return collect(seen, true);
    }

    private static int collect(BitSet seen, boolean buckets) {
        int[][] as = arrays;
        int[] bs = bases;
        int added = 0;
        for (int k = 0; k < as.length; k++) {
            int[] a = as[k];
            int base = bs[k];
            for (int i = 0; i < a.length; i++) {
                int c = a[i];
                if (c != 0) {
                    int bit = buckets ? 8 * (base + i) + bucket(c) : base + i;
                    if (!seen.get(bit)) {
                        seen.set(bit);
                        added++;
                    }
                }
            }
        }
        return added;
    }

    /**
     * What a campaign has seen so far: per flat probe index, the set of hit-count
     * buckets reached (bit b: bucket b, as {@link #collectNewBuckets}); a probe with
     * any bit set has been reached. One byte per probe, grown as classes register.
     */
    public static final class Seen {
        private byte[] masks = new byte[0];
        private int probes;

        /** Probes reached at least once. */
        public int probes() {
            return probes;
        }

        /** True when the probe at flat index {@code flat} has been reached. */
        public boolean reached(int flat) {
            return flat < masks.length && masks[flat] != 0;
        }
    }

    /**
     * One pass over every counter: records in {@code seen} each probe reached since
     * the last reset and its hit-count bucket, zeroes the counter, and returns how
     * many (probe, bucket) pairs were new ({@link Seen#probes()} grows by the probes
     * reached for the first time). Equivalent to {@link #collectNew} on plain probes
     * plus {@link #collectNewBuckets} followed by {@link #reset}, at the cost of one
     * scan instead of three; campaigns call it after every program.
     */
    public static int collectNewAndReset(Seen seen) {
        int[][] as = arrays;
        int[] bs = bases;
        int total = count;
        if (seen.masks.length < total) {
            seen.masks = Arrays.copyOf(seen.masks, Math.max(total, seen.masks.length * 2));
        }
        byte[] masks = seen.masks;
        int added = 0;
        int reached = 0;
        for (int k = 0; k < as.length; k++) {
            int[] a = as[k];
            int base = bs[k];
            for (int i = 0; i < a.length; i++) {
                int c = a[i];
                if (c != 0) {
                    a[i] = 0;
                    int bit = 1 << bucket(c);
                    int m = masks[base + i];
                    if ((m & bit) == 0) {
                        if (m == 0) {
                            reached++;
                        }
                        masks[base + i] = (byte) (m | bit);
                        added++;
                    }
                }
            }
        }
        seen.probes += reached;
        return added;
    }

    /** The hit-count bucket of {@code count} (at least 1): 0 to 7. */
    static int bucket(int count) {
        if (count <= 3) {
            return count - 1;
        }
        if (count < 8) {
            return 3;
        }
        if (count < 16) {
            return 4;
        }
        if (count < 32) {
            return 5;
        }
        return count < 128 ? 6 : 7;
    }

    /** Every registered probe, by flat index. */
    public static ProbeMap map() {
        synchronized (LOCK) {
            return new ProbeMap(INFOS);
        }
    }

    /** The current counts keyed by stable id (a class registered twice adds up). */
    public static CoverageSnapshot snapshot() {
        int[][] as;
        int[] bs;
        List<ProbeInfo> infos;
        synchronized (LOCK) {
            as = arrays;
            bs = bases;
            infos = new ArrayList<>(INFOS);
        }
        CoverageSnapshot.Builder b = new CoverageSnapshot.Builder();
        for (int k = 0; k < as.length; k++) {
            for (int i = 0; i < as[k].length; i++) {
                b.add(infos.get(bs[k] + i), as[k][i]);
            }
        }
        return b.build();
    }
}

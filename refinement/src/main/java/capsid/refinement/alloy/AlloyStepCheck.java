package capsid.refinement.alloy;

import capsid.checker.alloy.AlloyError;
import capsid.gen.fuzz.StepCheck;
import capsid.kernel.Kernel;
import capsid.kernel.Result;
import capsid.kernel.call.Call;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The kernel-instance check as a campaign's per-step property ({@code capsid fuzz}):
 * the kernel's capability state after a step, exported as an Alloy instance of
 * model/CapabilityConfinement.als ({@link KernelInstance}), must satisfy every state
 * invariant of the model. Each check is a solver run (Alloy 6 has no partial
 * instances), so a campaign samples: a state is checked only while the time spent in
 * this check stays within {@code share} of the time since the check was made, and
 * then only one eligible state in four (so the samples spread over the steps of the
 * programs rather than crowd at their starts); a state without capabilities is never
 * checked (every invariant holds on it). A state that breaks an invariant fails the
 * step as {@value #NAME}, naming the invariants; the shrinker then uses {@link
 * #forShrinking()}, which checks every state with a capability. A sampling check
 * draws after every step (it is no {@link #stateFunction()}), so a state that stays
 * for several steps has several chances.
 *
 * <p>Verdicts are remembered by the exported text (the shrinker re-runs the same
 * prefixes many times). Not thread-safe: one per campaign.
 */
public final class AlloyStepCheck implements StepCheck {
    /** The property's name in failures and scripts. */
    public static final String NAME = "KernelInstance";

    private final KernelInstance check;
    private final double share;
    private final boolean every;
    private final SplittableRandom rnd;
    private final Map<String, KernelInstance.Verdict> memo;
    private final long start = System.nanoTime();
    private long spentNanos;
    private long states;

    private AlloyStepCheck(KernelInstance check, double share, boolean every, long seed,
                           Map<String, KernelInstance.Verdict> memo) {
        this.check = check;
        this.share = share;
        this.every = every;
        this.rnd = new SplittableRandom(seed);
        this.memo = memo;
    }

    /**
     * A sampling check: at most {@code share} (0 to 1) of the campaign's time goes
     * into solver runs; {@code work} is a scratch directory.
     */
    public static AlloyStepCheck sampling(Path model, Path work, double share, long seed) throws IOException {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("share " + share + ": not between 0 and 1");
        }
        return new AlloyStepCheck(new KernelInstance(model, work), share, false, seed, memo());
    }

    /** A check of every state with a capability (tests, shrinking). */
    public static AlloyStepCheck everyState(Path model, Path work) throws IOException {
        return new AlloyStepCheck(new KernelInstance(model, work), 1, true, 0, memo());
    }

    private static Map<String, KernelInstance.Verdict> memo() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, KernelInstance.Verdict> e) {
                return size() > 4096;
            }
        };
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * True for the check of every state only: the executor skips a state function
     * after a step that left the state as it was when the check last held, which for
     * a sampling check would mean "when it last drew no sample" (a state the sample
     * skipped would never be drawn again).
     */
    @Override
    public boolean stateFunction() {
        return every;
    }

    @Override
    public StepCheck forShrinking() {
        return every ? this : new AlloyStepCheck(check, 1, true, 0, memo);
    }

    /** States checked (solver runs and remembered verdicts). */
    public long states() {
        return states;
    }

    /** Seconds spent in this check. */
    public double seconds() {
        return spentNanos / 1e9;
    }

    @Override
    public String check(Kernel k, int index, Call call, Result result) {
        if (!every && (share <= 0 || spentNanos > share * (System.nanoTime() - start) || rnd.nextInt(4) != 0)) {
            return null;
        }
        long t0 = System.nanoTime();
        try {
            CapForest f = CapForest.fromSnapshot(k.snapshot());
            if (f.caps().isEmpty()) {
                return null;
            }
            String text = KernelInstance.text(f, "CapabilityConfinement");
            KernelInstance.Verdict v = memo.get(text);
            if (v == null) {
                v = check.check(f);
                memo.put(text, v);
            }
            states++;
            return v.ok() ? null : "the kernel's capability state breaks " + String.join(", ", v.broken())
                    + " of model/CapabilityConfinement.als (" + f.caps().size() + " capabilities: " + f.caps() + ")";
        } catch (AlloyError e) {
            throw new IllegalStateException("the Alloy check could not run: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            spentNanos += System.nanoTime() - t0;
        }
    }
}

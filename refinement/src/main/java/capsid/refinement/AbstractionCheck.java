package capsid.refinement;

import capsid.gen.fuzz.StepCheck;
import capsid.kernel.Kernel;
import capsid.kernel.Result;
import capsid.kernel.StateView;
import capsid.kernel.call.Call;
import java.util.List;
import java.util.Map;

/**
 * The refinement layer's per-step check for campaigns ({@code capsid fuzz}),
 * {@code AbstractionWellFormed}: the kernel state has an abstraction (spec/
 * NamespaceUnshare.tla's variables, {@link NamespaceAbstraction#of}) and it is
 * already in the projected form the replayer compares ({@link
 * NamespaceAbstraction#project}): the kernel keeps no namespace that the spec's
 * reachability rule says is gone, and no zombie keeps what a dead task loses.
 *
 * <p>It runs {@link NamespaceAbstraction#unprojected} (no spec values built); only
 * when that reports something does it compute the full value diff for the message.
 * A function of the state alone, so the executor skips it after steps that left the
 * state fingerprint unchanged. Whether each step is a step of the spec is the
 * business of trace validation, which campaigns run on a sample of their corpus.
 */
public final class AbstractionCheck implements StepCheck {
    private final int every;

    /** Checks after every {@code every}-th step (1: all; 0: never). */
    public AbstractionCheck(int every) {
        this.every = every;
    }

    @Override
    public String name() {
        return "AbstractionWellFormed";
    }

    /** A function of the state alone; with thinning, the step index decides too. */
    @Override
    public boolean stateFunction() {
        return every == 1;
    }

    @Override
    public String check(Kernel k, int index, Call call, Result result) {
        return every <= 0 || index % every != 0 ? null : check(k, k.state(), index, call, result);
    }

    @Override
    public String check(Kernel k, StateView v, int index, Call call, Result result) {
        if (every <= 0 || index % every != 0) {
            return null;
        }
        NamespaceAbstraction.Bounds b = bounds(v);
        List<String> found = NamespaceAbstraction.unprojected(v, b);
        if (found.isEmpty()) {
            return null;
        }
        String detail;
        try {
            var abs = NamespaceAbstraction.of(v, b);
            detail = String.join(" ", NamespaceAbstraction.diff(NamespaceAbstraction.project(abs, b), abs));
        } catch (RuntimeException e) {
            detail = "the projection fails: " + e.getMessage();
        }
        return "the kernel keeps state the spec's projection drops: " + String.join("; ", found) + " (" + detail
                + ")";
    }

    /** The model bounds that fit state {@code v}: its next ids. */
    public static NamespaceAbstraction.Bounds bounds(StateView v) {
        Map<String, Long> next = v.nextIds();
        return new NamespaceAbstraction.Bounds((int) v.nextTid(), (int) (long) next.getOrDefault("pidns", 1L),
                (int) (long) next.getOrDefault("utsns", 1L), (int) (long) next.getOrDefault("mntns", 1L));
    }
}

package capsid.gen.fuzz;

import capsid.kernel.Kernel;
import capsid.kernel.Result;
import capsid.kernel.StateView;
import capsid.kernel.call.Call;

/**
 * An extra per-step property supplied by an upper layer (the refinement layer
 * plugs in "the abstraction of the kernel state is well formed"). The executor
 * calls it after the built-in checks of every step that ran.
 */
public interface StepCheck {
    /** The property's name, as failures and scenario headers report it. */
    String name();

    /**
     * Checks the kernel after step {@code index} made {@code call} (resolved) and got
     * {@code result}; returns null when the property holds, else why not.
     */
    String check(Kernel k, int index, Call call, Result result);

    /**
     * As {@link #check(Kernel, int, Call, Result)}, given {@code after}, the view of the
     * kernel's state after the step that the executor took for its own checks (so a
     * check that needs the view need not take another).
     */
    default String check(Kernel k, StateView after, int index, Call call, Result result) {
        return check(k, index, call, result);
    }

    /**
     * True when the property is a function of the kernel state alone, as far as
     * {@link Kernel#stateHash()} covers it (not of the call, the result or the step
     * index): the executor then skips it after a step that left the fingerprint as
     * it was when the property last held, since the answer cannot differ (up to
     * 64-bit hash collisions). About half of all steps are failed or read-only calls.
     */
    default boolean stateFunction() {
        return false;
    }

    /**
     * The check the shrinker (and the failure's script) uses once this one has
     * failed: itself, unless it samples (a check that runs on a share of the states
     * only, such as the Alloy kernel-instance check, answers here with a copy that
     * checks every state, so that "some step's state breaks it" is a property of the
     * program alone while it shrinks).
     */
    default StepCheck forShrinking() {
        return this;
    }
}

package capsid.gen.fuzz;

import capsid.kernel.Kernel;
import capsid.kernel.Result;
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
}

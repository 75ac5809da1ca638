package capsid.kernel.process;

import static org.junit.jupiter.api.Assertions.assertFalse;

import capsid.kernel.Result;

/** Test set-up: forking on a bare process table, where a failure is a broken test, not a finding. */
final class Forks {
    private Forks() {
    }

    /** The child {@code parent} forks with {@code flags} in {@code t}. */
    static Process child(ProcessTable t, Process parent, int flags) {
        Result r = t.fork(parent, flags);
        assertFalse(r.isError(), "setup call failed: " + r);
        return parent.ns.lookup((int) ((Result.Int) r).value());
    }
}

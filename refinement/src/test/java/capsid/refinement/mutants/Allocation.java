package capsid.refinement.mutants;

import capsid.kernel.process.PidNamespace;

/**
 * What {@link Bug#PID_REUSE} calls instead of {@code PidNamespace#peekNextPid}: the
 * lowest free pid of the namespace (test code; loaded by the {@link MutantLoader},
 * so it sees the broken kernel's classes).
 */
public final class Allocation {
    private Allocation() {
    }

    /** The lowest pid below {@code pidMax} that names nobody in {@code n}, or -1. */
    public static int lowestFree(PidNamespace n, int pidMax, int reserved) {
        for (int pid = 1; pid < pidMax; pid++) {
            if (n.lookup(pid) == null) {
                return pid;
            }
        }
        return -1;
    }
}

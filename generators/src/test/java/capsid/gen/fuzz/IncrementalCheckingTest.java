package capsid.gen.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.kernel.Kernel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The campaign's incremental checking against the full one, on every state of
 * 3,000 generated programs (seeded; the generator's program sizes, every call):
 * the incremental invariants give the full check's verdict (and, through {@link
 * Kernel#checkInvariantsIncrementally()}, its messages), and the incremental
 * fingerprint equals the recomputed one. The kernel's own tests break states on
 * purpose for the same comparison (InvariantsCatchBrokenStateTest) and make a
 * mutator forget its mark (IncrementalObserversTest).
 */
class IncrementalCheckingTest {

    @Test
    void incrementalAndFullCheckingAgreeOnEveryStateOfGeneratedPrograms() {
        long states = 0;
        long changed = 0;
        for (long seed = 0; seed < 3000; seed++) {
            List<String> problems = new ArrayList<>();
            long[] count = new long[2];
            long[] last = {Long.MIN_VALUE};
            Executor.StepObserver compare = (ex, i, step, call, result) -> {
                if (result == null || !problems.isEmpty()) {
                    return;
                }
                Kernel k = ex.kernel();
                List<String> inc = k.incrementalInvariantFindings();
                List<String> full = k.checkInvariants();
                if (inc.isEmpty() != full.isEmpty()) {
                    problems.add("step " + i + " " + call + ": incremental " + inc + ", full " + full);
                }
                long h = k.stateHash();
                if (h != k.recomputedStateHash()) {
                    problems.add("step " + i + " " + call + ": incremental fingerprint differs from the recomputed one");
                }
                count[0]++;
                if (h != last[0]) {
                    count[1]++;
                    last[0] = h;
                }
            };
            Executor.Trace t = ProgramGenerator.generate(seed, 1 + (int) (seed % 40), Kernel::syscall, List.of(),
                    compare, Executor.Checking.INCREMENTAL);
            assertNull(t.failure(), "seed " + seed + ": the healthy kernel passes");
            assertEquals(List.of(), problems, "seed " + seed);
            states += count[0];
            changed += count[1];
        }
        assertTrue(states > 30_000 && changed > 15_000, "enough states to compare: " + states + ", " + changed
                + " changed");
    }

    @Test
    void aFindingIsReportedWithTheFullChecksMessages() {
        // the campaign's mode on a broken kernel reports what the full mode reports, at the same step
        for (BrokenKernels.Bug bug : BrokenKernels.all()) {
            for (long seed = 0; seed < 400; seed++) {
                Executor.Trace full = ProgramGenerator.generate(seed, 30, bug.sys(), List.of(), null,
                        Executor.Checking.FULL);
                Executor.Trace inc = ProgramGenerator.generate(seed, 30, bug.sys(), List.of(), null,
                        Executor.Checking.INCREMENTAL);
                assertEquals(String.valueOf(full.failure()), String.valueOf(inc.failure()), bug + " seed " + seed);
            }
        }
    }
}

package capsid.gen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Neighbouring seeds give unrelated programs (the weakness the fuzz generator's
 * per-program seeds once had, checked here for {@link CallGenerator}). Seeds whose
 * random streams are shifted copies of one another give programs whose sequences
 * of call kinds share long runs at some offset, even where the kernel states, and
 * so the arguments, differ (seeding with {@code seed * 0x9e3779b97f4a7c15L}, the
 * stream's own increment, gives neighbours sharing runs of 40); unrelated programs
 * of 40 steps share only short runs, and the test allows fewer than 8.
 */
class CallGeneratorSeedsTest {

    @Test
    void neighbouringSeedsShareNoLongRunOfCalls() {
        int longest = 0;
        String where = "";
        List<String> previous = null;
        for (long seed = 0; seed < 400; seed++) {
            List<String> kinds = new ArrayList<>();
            for (ProgramStep step : KernelProperties.run(seed, 40).program()) {
                kinds.add(step.call().sys().name());
            }
            if (previous != null) {
                int run = longestCommonRun(previous, kinds);
                if (run > longest) {
                    longest = run;
                    where = "seeds " + (seed - 1) + " and " + seed;
                }
            }
            previous = kinds;
        }
        assertTrue(longest < 8, "neighbouring programs share a run of " + longest + " calls (" + where + ")");
    }

    /** The length of the longest run of equal elements of {@code a} and {@code b}, at any offsets. */
    static int longestCommonRun(List<String> a, List<String> b) {
        int best = 0;
        int[] prev = new int[b.size() + 1];
        for (int i = 1; i <= a.size(); i++) {
            int[] cur = new int[b.size() + 1];
            for (int j = 1; j <= b.size(); j++) {
                if (a.get(i - 1).equals(b.get(j - 1))) {
                    cur[j] = prev[j - 1] + 1;
                    best = Math.max(best, cur[j]);
                }
            }
            prev = cur;
        }
        return best;
    }
}

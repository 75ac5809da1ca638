package capsid.scenario;

import java.util.List;

/**
 * The result of running one scenario file (ABI.md section 1): one outcome per
 * step or malformed line, in line order. Immutable.
 *
 * @param file     the file name as given
 * @param outcomes the outcomes, in line order
 */
public record Report(String file, List<Outcome> outcomes) {
    public Report {
        outcomes = List.copyOf(outcomes);
    }

    /** How many outcomes passed. */
    public int passed() {
        return (int) outcomes.stream().filter(Outcome::ok).count();
    }

    /** How many outcomes failed: mismatches, violated invariants, script errors, kernel bugs. */
    public int failed() {
        return outcomes.size() - passed();
    }

    /** True when nothing failed (the exit status of {@code capsid run} is then 0). */
    public boolean ok() {
        return failed() == 0;
    }

    /** One rendered line per outcome, each ending in {@code \n}. */
    public String body() {
        StringBuilder sb = new StringBuilder();
        for (Outcome o : outcomes) {
            sb.append(o.render()).append('\n');
        }
        return sb.toString();
    }

    /** {@link #body()} followed by the summary line. */
    public String text() {
        return body() + summary(passed(), failed()) + "\n";
    }

    /** The final line of a run: {@code N passed, N failed}. */
    public static String summary(int passed, int failed) {
        return passed + " passed, " + failed + " failed";
    }
}

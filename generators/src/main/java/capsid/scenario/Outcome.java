package capsid.scenario;

import capsid.kernel.Result;

/**
 * What one line of a scenario did (ABI.md section 1). Immutable.
 *
 * @param line   the line number, 0 when the outcome is about no line (an unreadable file)
 * @param status how it went
 * @param step   the step as {@link Printer} prints it, or the error when the line did not parse
 * @param detail the result, or why the step failed; may be empty
 * @param result the call's result, or null when no call ran
 */
public record Outcome(int line, Status status, String step, String detail, Result result) {

    /** How a step went. Only {@link #PASS} counts as passed. */
    public enum Status {
        /** The step ran and met its expectation (or had none). */
        PASS,
        /** The call's result differs from the expected value, or an invariant is violated. */
        FAIL,
        /** The line did not parse, or could not run as written (ABI.md: "a script error"). */
        SCRIPT_ERROR,
        /** The kernel threw: a broken kernel invariant. The kernel is gone until the next boot. */
        KERNEL_BUG
    }

    /** True when the step passed. */
    public boolean ok() {
        return status == Status.PASS;
    }

    /**
     * The output line: {@code ok LINE - STEP # DETAIL} or {@code not ok LINE - STEP #
     * DETAIL}; without {@code LINE} when it is 0 and without {@code # DETAIL} when
     * that is empty. Control characters in the detail are escaped so the outcome
     * stays one line.
     */
    public String render() {
        StringBuilder sb = new StringBuilder(ok() ? "ok" : "not ok");
        if (line > 0) {
            sb.append(' ').append(line);
        }
        sb.append(" - ").append(oneLine(step));
        if (!detail.isEmpty()) {
            sb.append(" # ").append(oneLine(detail));
        }
        return sb.toString();
    }

    private static String oneLine(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}

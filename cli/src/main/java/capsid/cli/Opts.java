package capsid.cli;

/**
 * The one wording of flag errors: {@code --jobs must be at least 1 (was -3)}. Each
 * check returns {@code null} when the value is fine, else the message; {@link
 * #first} picks the first problem of several.
 */
final class Opts {
    private Opts() {
    }

    /** {@code FLAG must be at least MIN (was V)}, or {@code null}. */
    static String atLeast(String flag, long value, long min) {
        return value < min ? flag + " must be at least " + Num.n(min) + " (was " + value + ")" : null;
    }

    /** {@code FLAG must be at most MAX (was V)}, or {@code null}. */
    static String atMost(String flag, long value, long max) {
        return value > max ? flag + " must be at most " + Num.n(max) + " (was " + value + ")" : null;
    }

    /** {@code FLAG needs OTHER (why)} when {@code condition} holds, or {@code null}. */
    static String needs(boolean condition, String flag, String other, String why) {
        return condition ? flag + " needs " + other + " (" + why + ")" : null;
    }

    /** The first non-null problem, or {@code null}. */
    static String first(String... problems) {
        for (String p : problems) {
            if (p != null) {
                return p;
            }
        }
        return null;
    }
}

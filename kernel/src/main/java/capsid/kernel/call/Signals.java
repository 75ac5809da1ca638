package capsid.kernel.call;

/** Signals {@code kill} accepts (ABI.md section 3): 0, KILL and TERM, with Linux's numbers. */
public final class Signals {
    public static final int NONE = 0;
    public static final int KILL = 9;
    public static final int TERM = 15;
    /** What a scenario passes for a signal word that names no accepted signal. */
    public static final int INVALID = -1;

    private Signals() {
    }

    /** The number of a signal word ({@code KILL}, {@code TERM}, or a decimal number such as 0 or 9), else {@link #INVALID}. */
    public static int number(String word) {
        return switch (word) {
            case "KILL" -> KILL;
            case "TERM" -> TERM;
            default -> {
                try {
                    yield Integer.parseInt(word);
                } catch (NumberFormatException e) {
                    yield INVALID;
                }
            }
        };
    }

    /** True for a signal kill accepts. */
    public static boolean valid(int sig) {
        return sig == NONE || sig == KILL || sig == TERM;
    }

    /** {@code KILL}, {@code TERM}, {@code 0}, or the number. */
    public static String name(int sig) {
        return switch (sig) {
            case KILL -> "KILL";
            case TERM -> "TERM";
            default -> Integer.toString(sig);
        };
    }
}

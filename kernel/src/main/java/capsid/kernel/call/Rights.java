package capsid.kernel.call;

import java.util.ArrayList;
import java.util.List;

/**
 * Capability rights (ABI.md section 3): {@code r} read/observe, {@code w}
 * write/change, {@code x} use/enter, {@code grant}, {@code destroy}, printed in
 * that order.
 */
public final class Rights {
    public static final int R = 1;
    public static final int W = 1 << 1;
    public static final int X = 1 << 2;
    public static final int GRANT = 1 << 3;
    public static final int DESTROY = 1 << 4;
    public static final int ALL = R | W | X | GRANT | DESTROY;
    /** A bit that is no right; what a scenario passes for an unknown right word. */
    public static final int UNKNOWN = 1 << 30;

    private static final String[] NAMES = {"r", "w", "x", "grant", "destroy"};

    private Rights() {
    }

    /** The bit of a right word, or {@link #UNKNOWN}. */
    public static int bit(String word) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(word)) {
                return 1 << i;
            }
        }
        return UNKNOWN;
    }

    /** {@code r|w|grant}; an empty set prints as the empty string. */
    public static String render(int rights) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            if ((rights & (1 << i)) != 0) {
                out.add(NAMES[i]);
            }
        }
        return String.join("|", out);
    }
}

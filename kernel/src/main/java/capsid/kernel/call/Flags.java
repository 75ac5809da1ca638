package capsid.kernel.call;

import java.util.ArrayList;
import java.util.List;

/**
 * Flag bits of {@code fork}, {@code unshare} and {@code container_create} (ABI.md
 * section 3). A call validates its flags: a bit it does not accept is {@code EINVAL}.
 * {@link #UNKNOWN} is what a scenario passes for a flag word that names nothing, so
 * that the kernel, not the parser, refuses it.
 */
public final class Flags {
    public static final int NEWPID = 1;
    public static final int NEWUTS = 1 << 1;
    public static final int NEWNS = 1 << 2;
    public static final int NEWIPC = 1 << 3;
    public static final int NEWNET = 1 << 4;
    public static final int NEWUSER = 1 << 5;
    public static final int DESTROY_ON_CLOSE = 1 << 6;
    /** A bit no call accepts. */
    public static final int UNKNOWN = 1 << 30;

    /** Every namespace flag. */
    public static final int NAMESPACES = NEWPID | NEWUTS | NEWNS | NEWIPC | NEWNET | NEWUSER;

    private static final String[] NAMES = {
        "newpid", "newuts", "newns", "newipc", "newnet", "newuser", "destroy_on_close"
    };

    private Flags() {
    }

    /** The bit for a flag word, or {@link #UNKNOWN}. */
    public static int bit(String word) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(word)) {
                return 1 << i;
            }
        }
        return UNKNOWN;
    }

    /** The words of the set bits, in bit order; unnamed bits print as numbers. */
    public static List<String> words(int flags) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            if ((flags & (1 << i)) != 0) {
                out.add(i < NAMES.length ? NAMES[i] : "0x" + Integer.toHexString(1 << i));
            }
        }
        return out;
    }

    /** {@code a|b|c}, or {@code 0} for no flags. */
    public static String render(int flags) {
        List<String> w = words(flags);
        return w.isEmpty() ? "0" : String.join("|", w);
    }
}

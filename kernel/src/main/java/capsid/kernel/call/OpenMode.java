package capsid.kernel.call;

/** {@code open} MODE bits (ABI.md section 3): {@code r w rw create}. */
public final class OpenMode {
    public static final int R = 1;
    public static final int W = 1 << 1;
    public static final int CREATE = 1 << 2;
    public static final int UNKNOWN = 1 << 30;

    private OpenMode() {
    }

    /** The bits of one mode word, or {@link #UNKNOWN}. */
    public static int bits(String word) {
        return switch (word) {
            case "r" -> R;
            case "w" -> W;
            case "rw" -> R | W;
            case "create" -> CREATE;
            default -> UNKNOWN;
        };
    }
}

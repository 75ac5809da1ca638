package capsid.kernel.call;

/** Quota resources (ABI.md section 3); {@code fds} is another name for {@code caps}. */
public enum Resource {
    PIDS("pids"), MEMORY("memory"), CAPS("caps"), CONTAINERS("containers"), MOUNTS("mounts");

    /** A limit of {@code max}: no limit. */
    public static final long MAX = -1;

    private final String word;

    Resource(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    /** The code of a resource word, or -1. */
    public static int code(String word) {
        if ("fds".equals(word)) {
            return CAPS.ordinal();
        }
        for (Resource r : values()) {
            if (r.word.equals(word)) {
                return r.ordinal();
            }
        }
        return -1;
    }
}

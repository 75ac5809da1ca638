package capsid.checker.value;

/**
 * JSON that is not valid ITF (or not what Capsid reads of it). The message starts
 * with the JSON path of the offending node, e.g. {@code $.states[2].x.#set[0]}.
 */
public final class ItfFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String path;

    /** An error at {@code path}. */
    public ItfFormatException(String path, String message) {
        super(path + ": " + message);
        this.path = path;
    }

    /** JSON path of the offending node. */
    public String path() {
        return path;
    }
}

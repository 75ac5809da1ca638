package capsid.checker.value;

/**
 * JSON that is not valid ITF (or not what Capsid reads of it). The message starts
 * with the JSON path of the offending node, e.g. {@code $.states[2].x.#set[0]}.
 */
public final class ItfFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String file;
    private final String detail;

    /** An error at {@code path}. */
    public ItfFormatException(String path, String message) {
        this(null, path, message);
    }

    private ItfFormatException(String file, String path, String message) {
        super((file == null ? "" : file + ": ") + path + ": " + message);
        this.path = path;
        this.file = file;
        this.detail = message;
    }

    /** The same problem, in {@code f} (the message then starts with the file). */
    public ItfFormatException in(String f) {
        return new ItfFormatException(f, path, detail);
    }

    /** The file, or {@code null} when the text came from none. */
    public String file() {
        return file;
    }

    /** JSON path of the offending node. */
    public String path() {
        return path;
    }
}

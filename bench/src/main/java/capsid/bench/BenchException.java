package capsid.bench;

/** A benchmark run that could not produce its figures; the message says which and why. */
public final class BenchException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public BenchException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}

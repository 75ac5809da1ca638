package capsid.checker;

/** A TLC output file (simulation trace, state-graph dump) that is not in the format TLC 2.18 writes. */
public final class TraceFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** With a message naming the file part and position. */
    public TraceFormatException(String message) {
        super(message);
    }
}

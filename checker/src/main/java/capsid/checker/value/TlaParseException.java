package capsid.checker.value;

/**
 * Malformed TLA+ value text. The only exception {@link TlaValueParser} throws; the
 * message starts with {@code line L, column C:} and says what was expected and what
 * was found there.
 */
public final class TlaParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int offset;
    private final int line;
    private final int column;
    private final String detail;

    TlaParseException(String input, int offset, String message) {
        super(position(input, offset) + ": " + message);
        this.detail = message;
        this.offset = offset;
        int[] lc = lineColumn(input, offset);
        this.line = lc[0];
        this.column = lc[1];
    }

    /** Offset (0-based, in chars) into the parsed text. */
    public int offset() {
        return offset;
    }

    /** The message without its position: what was expected and what was found. */
    public String detail() {
        return detail;
    }

    /** Line (1-based) of the error. */
    public int line() {
        return line;
    }

    /** Column (1-based) of the error. */
    public int column() {
        return column;
    }

    private static String position(String input, int offset) {
        int[] lc = lineColumn(input, offset);
        return "line " + lc[0] + ", column " + lc[1];
    }

    private static int[] lineColumn(String input, int offset) {
        int line = 1;
        int col = 1;
        int end = Math.min(offset, input.length());
        for (int i = 0; i < end; i++) {
            if (input.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new int[] {line, col};
    }
}

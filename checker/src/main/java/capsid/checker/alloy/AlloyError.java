package capsid.checker.alloy;

/**
 * A model Alloy could not parse, type-check or translate: {@code FILE:LINE:COL:
 * message} with Alloy's own message (line and column from 1, as Alloy counts them).
 */
public final class AlloyError extends Exception {
    private final String file;
    private final int line;
    private final int column;
    private final String alloyMessage;

    public AlloyError(String file, int line, int column, String alloyMessage) {
        super(file + ":" + line + ":" + column + ": " + alloyMessage);
        this.file = file;
        this.line = line;
        this.column = column;
        this.alloyMessage = alloyMessage;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** Alloy's message, without the location. */
    public String alloyMessage() {
        return alloyMessage;
    }

    /** From an Alloy {@code Err}: its position (the file Alloy named, else {@code file}) and message. */
    static AlloyError of(edu.mit.csail.sdg.alloy4.Err e, String file) {
        edu.mit.csail.sdg.alloy4.Pos p = e.pos;
        String f = p == null || p.filename == null || p.filename.isEmpty() ? file : p.filename;
        int line = p == null ? 0 : p.y;
        int col = p == null ? 0 : p.x;
        String msg = e.msg == null ? e.toString() : e.msg.strip().replaceAll("\\s*\\n\\s*", " ");
        return new AlloyError(f, line, col, msg);
    }
}

package capsid.checker;

/**
 * A model file ({@code .cfg}) that Capsid cannot read. The message is one line,
 * {@code FILE:LINE:COL: config error: what}, or {@code LINE:COL: ...} when the text
 * came from no file.
 */
public final class ModelConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final int offset;
    private final String detail;

    ModelConfigException(String file, int line, int column, int offset, String detail) {
        super((file == null ? "" : file + ":") + line + ":" + column + ": config error: " + detail);
        this.file = file;
        this.line = line;
        this.column = column;
        this.offset = offset;
        this.detail = detail;
    }

    /** The same problem, in {@code file}. */
    ModelConfigException in(String f) {
        return new ModelConfigException(f, line, column, offset, detail);
    }

    /** The file, or {@code null}. */
    public String file() {
        return file;
    }

    /** 1-based line. */
    public int line() {
        return line;
    }

    /** 1-based column. */
    public int column() {
        return column;
    }

    /** 0-based offset (chars) into the text. */
    public int offset() {
        return offset;
    }

    /** What is wrong, without the position. */
    public String detail() {
        return detail;
    }
}

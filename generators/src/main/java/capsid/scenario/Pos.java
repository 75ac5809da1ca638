package capsid.scenario;

/**
 * Where a node of a scenario script was written: a 1-based line and column
 * (columns count characters; a file is read one byte per character, so they are
 * byte columns). Immutable.
 *
 * <p>Positions say where a node is, not what it is, so they take no part in
 * equality: every {@code Pos} equals every other. Two scripts that differ only in
 * layout, comments or blank lines have equal ASTs, which is what "prints back to
 * the same AST" (ABI.md section 1, {@link Printer}) needs.
 */
public final class Pos {
    /** The position of a node built in code rather than parsed. */
    public static final Pos NONE = new Pos(0, 0);

    private final int line;
    private final int col;

    private Pos(int line, int col) {
        this.line = line;
        this.col = col;
    }

    /** Line {@code line}, column {@code col} (both 1-based). */
    public static Pos of(int line, int col) {
        return new Pos(line, col);
    }

    /** The 1-based line, 0 for {@link #NONE}. */
    public int line() {
        return line;
    }

    /** The 1-based column, 0 for {@link #NONE}. */
    public int col() {
        return col;
    }

    /** Always true for another position: positions take no part in AST equality. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Pos;
    }

    @Override
    public int hashCode() {
        return 0;
    }

    /** {@code LINE:COL}. */
    @Override
    public String toString() {
        return line + ":" + col;
    }
}

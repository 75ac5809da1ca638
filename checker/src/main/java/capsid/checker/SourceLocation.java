package capsid.checker;

/**
 * A position in a TLA+ source file (1-based), e.g. where SANY found a parse error.
 *
 * @param file path of the file as TLC read it (or the module name when TLC gave no path)
 * @param line 1-based line
 * @param column 1-based column
 */
public record SourceLocation(String file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}

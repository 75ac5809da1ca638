package capsid.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line of a scenario script into tokens (ABI.md section 1): integers,
 * words {@code [A-Za-z0-9_./:-]+}, flag sets {@code a|b|c}, double-quoted strings
 * with the escapes {@code \n \t \" \\ \xHH}, {@code $NAME}, {@code @NAME},
 * {@code %PID}, {@code =>}, {@code =}, {@code [ ] ,}; {@code #} starts a comment.
 * Never throws: a lexical error becomes an ERROR token that ends the line.
 */
final class Lexer {
    private final String line;
    private final int lineNo;
    private final List<Token> out = new ArrayList<>();
    private int i;

    private Lexer(String line, int lineNo) {
        this.line = line;
        this.lineNo = lineNo;
    }

    /** The tokens of {@code line} (no line breaks in it), ending with END or ERROR. */
    static List<Token> lex(String line, int lineNo) {
        Lexer lx = new Lexer(line, lineNo);
        lx.run();
        return lx.out;
    }

    /** True for a character of a word: {@code [A-Za-z0-9_./:-]}. */
    static boolean wordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '.' || c == '/' || c == ':' || c == '-';
    }

    /** True for the text of an integer token, {@code -?[0-9]+}. */
    static boolean integer(String s) {
        int start = s.startsWith("-") ? 1 : 0;
        if (s.length() == start) {
            return false;
        }
        for (int k = start; k < s.length(); k++) {
            if (s.charAt(k) < '0' || s.charAt(k) > '9') {
                return false;
            }
        }
        return true;
    }

    /** True for a name ({@code as NAME}, {@code $NAME}, {@code @NAME}): {@code [A-Za-z_][A-Za-z0-9_]*}. */
    static boolean name(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            if (!letter && !(k > 0 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /** {@code c} as an error message shows it: {@code 'x'}, {@code '\x00'} or {@code U+20AC}. */
    static String describe(char c) {
        if (c > 0x20 && c < 0x7f) {
            return "'" + c + "'";
        }
        return c <= 0xff ? String.format("'\\x%02x'", (int) c) : String.format("U+%04X", (int) c);
    }

    private void run() {
        while (true) {
            while (i < line.length() && whitespace(line.charAt(i))) {
                i++;
            }
            if (i >= line.length() || line.charAt(i) == '#') {
                out.add(new Token(Token.Kind.END, "", pos(i)));
                return;
            }
            if (!token()) {
                return;
            }
        }
    }

    private static boolean whitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f';
    }

    private Pos pos(int at) {
        return Pos.of(lineNo, at + 1);
    }

    /** Lexes the token at {@code i}; false after an ERROR token. */
    private boolean token() {
        char c = line.charAt(i);
        return switch (c) {
            case '"' -> string();
            case '=' -> arrowOrEquals();
            case '[' -> single(Token.Kind.LBRACKET);
            case ']' -> single(Token.Kind.RBRACKET);
            case ',' -> single(Token.Kind.COMMA);
            case '$' -> reference(Token.Kind.DOLLAR, "'$'");
            case '@' -> reference(Token.Kind.AT, "'@'");
            case '%' -> rootPid();
            default -> wordChar(c) ? word() : error(i, "unexpected character " + describe(c));
        };
    }

    private boolean single(Token.Kind kind) {
        i++;
        return add(kind, line.substring(i - 1, i), i - 1);
    }

    private boolean arrowOrEquals() {
        boolean arrow = i + 1 < line.length() && line.charAt(i + 1) == '>';
        i += arrow ? 2 : 1;
        return arrow ? add(Token.Kind.ARROW, "=>", i - 2) : add(Token.Kind.EQUALS, "=", i - 1);
    }

    private boolean add(Token.Kind kind, String text, int start) {
        out.add(new Token(kind, text, pos(start)));
        return true;
    }

    private boolean error(int at, String message) {
        out.add(new Token(Token.Kind.ERROR, message, pos(at)));
        return false;
    }

    private String run(int from) {
        int k = from;
        while (k < line.length() && wordChar(line.charAt(k))) {
            k++;
        }
        i = k;
        return line.substring(from, k);
    }

    private boolean word() {
        int start = i;
        String first = run(i);
        int parts = 1;
        while (i < line.length() && line.charAt(i) == '|') {
            if (run(i + 1).isEmpty()) {
                return error(i, "expected a flag after '|'");
            }
            parts++;
        }
        String text = line.substring(start, i);
        Token.Kind kind = parts > 1 ? Token.Kind.FLAGS : integer(first) ? Token.Kind.INT : Token.Kind.WORD;
        return add(kind, text, start);
    }

    private boolean reference(Token.Kind kind, String sigil) {
        int start = i;
        String n = run(i + 1);
        if (!name(n)) {
            return error(start, "expected a name after " + sigil
                    + " (a letter or '_', then letters, digits or '_')");
        }
        return add(kind, n, start);
    }

    private boolean rootPid() {
        int start = i;
        String digits = run(i + 1);
        if (!integer(digits) || digits.startsWith("-") || !fitsPositiveInt(digits)) {
            return error(start, "expected a root pid (1 to 2147483647) after '%'");
        }
        return add(Token.Kind.PERCENT, digits, start);
    }

    private static boolean fitsPositiveInt(String digits) {
        try {
            return Integer.parseInt(digits) >= 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private boolean string() {
        int start = i;
        StringBuilder sb = new StringBuilder();
        int k = i + 1;
        while (true) {
            if (k >= line.length()) {
                return error(start, "unterminated string: expected '\"' before the end of the line");
            }
            char c = line.charAt(k);
            if (c == '"') {
                i = k + 1;
                out.add(new Token(Token.Kind.STRING, sb.toString(), pos(start)));
                return true;
            }
            if (c == '\\') {
                int decoded = escape(k);
                if (decoded < 0) {
                    return false;
                }
                sb.append((char) decoded);
                k += line.charAt(k + 1) == 'x' ? 4 : 2;
            } else if (c > 0xff) {
                return error(k, "character " + describe(c) + " is not a byte: write its bytes as \\xHH");
            } else {
                sb.append(c);
                k++;
            }
        }
    }

    /** The char the escape at {@code k} stands for, or -1 after adding an ERROR token. */
    private int escape(int k) {
        char e = k + 1 < line.length() ? line.charAt(k + 1) : 0;
        int decoded = switch (e) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case '"' -> '"';
            case '\\' -> '\\';
            case 'x' -> hexByte(k + 2);
            default -> -1;
        };
        if (decoded < 0) {
            error(k, e == 'x' ? "bad escape: expected two hex digits after \\x"
                    : "bad escape: expected \\n, \\t, \\\", \\\\ or \\xHH after '\\'");
        }
        return decoded;
    }

    /** The byte written as two hex digits at {@code k}, or -1. */
    private int hexByte(int k) {
        if (k + 1 >= line.length() || !hex(line.charAt(k)) || !hex(line.charAt(k + 1))) {
            return -1;
        }
        return Character.digit(line.charAt(k), 16) * 16 + Character.digit(line.charAt(k + 1), 16);
    }

    private static boolean hex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}

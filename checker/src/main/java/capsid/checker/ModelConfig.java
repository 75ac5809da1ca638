package capsid.checker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Capsid reads from a TLC model file ({@code .cfg}): the constants and the
 * names of the checked properties. TLC reads the file again itself; this reader
 * accepts what TLC accepts and refuses, before TLC starts, a file that is broken in
 * a way it can see: an unclosed string, comment or bracket, text before the first
 * keyword, a constant without {@code =} or {@code <-} or without a value, a
 * non-name where a name belongs ({@link ModelConfigException}, with line and column).
 *
 * @param constants {@code NAME = value} as {@code NAME -> "value"} (the value's text, blanks
 *     collapsed) and {@code NAME <- Def} as {@code NAME -> "<- Def"}, in file order
 * @param invariants names after {@code INVARIANT}/{@code INVARIANTS}
 * @param properties names after {@code PROPERTY}/{@code PROPERTIES}
 * @param checkDeadlock the {@code CHECK_DEADLOCK} setting, or {@code null} when absent
 */
public record ModelConfig(Map<String, String> constants, List<String> invariants, List<String> properties,
                          Boolean checkDeadlock) {

    /** The model file's keywords (TLC 2.18). */
    static final Set<String> KEYWORDS = Set.of("CONSTANT", "CONSTANTS", "INIT", "NEXT", "SPECIFICATION",
            "INVARIANT", "INVARIANTS", "PROPERTY", "PROPERTIES", "CONSTRAINT", "CONSTRAINTS", "ACTION_CONSTRAINT",
            "ACTION_CONSTRAINTS", "SYMMETRY", "VIEW", "CHECK_DEADLOCK", "POSTCONDITION", "ALIAS", "TYPE",
            "TYPE_CONSTRAINT");
    private static final Map<String, String> CLOSER = Map.of("{", "}", "<<", ">>", "[", "]", "(", ")");

    /** Whether {@code word} is a keyword of the model-file language (CONSTANTS, INVARIANT, VIEW, ...). */
    public static boolean isKeyword(String word) {
        return KEYWORDS.contains(word);
    }

    public ModelConfig {
        constants = Collections.unmodifiableMap(new LinkedHashMap<>(constants));
        invariants = List.copyOf(invariants);
        properties = List.copyOf(properties);
    }

    /**
     * Reads a model file.
     *
     * @throws ModelConfigException naming the file, line and column of what is broken
     */
    public static ModelConfig read(Path cfg) throws IOException {
        String text = Files.readString(cfg, StandardCharsets.UTF_8);
        try {
            return parse(text);
        } catch (ModelConfigException e) {
            throw e.in(cfg.toString());
        }
    }

    /**
     * Parses model-file text.
     *
     * @throws ModelConfigException naming the line and column of what is broken
     */
    public static ModelConfig parse(String text) {
        String src = stripChecked(text);
        List<Tok> toks = tokens(text, src);
        Map<String, String> constants = new LinkedHashMap<>();
        List<String> invariants = new ArrayList<>();
        List<String> properties = new ArrayList<>();
        Boolean deadlock = null;
        String section = null;
        int i = 0;
        while (i < toks.size()) {
            Tok t = toks.get(i);
            if (KEYWORDS.contains(t.text)) {
                section = t.text;
                i++;
                continue;
            }
            if (section == null) {
                throw error(text, t.from, "expected a keyword (CONSTANT, INIT, NEXT, SPECIFICATION, INVARIANT, "
                        + "PROPERTY, ...), found '" + t.text + "'");
            }
            switch (section) {
                case "CONSTANT", "CONSTANTS" -> {
                    i = constant(text, src, toks, i, constants);
                    continue;
                }
                case "CHECK_DEADLOCK" -> {
                    if (!t.text.equals("TRUE") && !t.text.equals("FALSE")) {
                        throw error(text, t.from, "CHECK_DEADLOCK takes TRUE or FALSE, found '" + t.text + "'");
                    }
                    if (deadlock != null) {
                        throw error(text, t.from, "CHECK_DEADLOCK takes one value");
                    }
                    deadlock = t.text.equals("TRUE");
                }
                default -> {
                    if (!t.isName()) {
                        throw error(text, t.from, "expected the name of a definition after " + section + ", found '"
                                + t.text + "'");
                    }
                    if (section.startsWith("INVARIANT")) {
                        invariants.add(t.text);
                    } else if (section.startsWith("PROPERT")) {
                        properties.add(t.text);
                    }
                }
            }
            i++;
        }
        return new ModelConfig(constants, invariants, properties, deadlock);
    }

    /** Reads one constant entry starting at token i; returns the index after it. */
    private static int constant(String text, String src, List<Tok> toks, int i, Map<String, String> out) {
        Tok name = toks.get(i);
        if (!name.isName()) {
            throw error(text, name.from, "expected a constant's name, found '" + name.text + "'");
        }
        int j = i + 1;
        if (j < toks.size() && toks.get(j).text.equals("(")) { // operator parameters: F(a, b) <- G
            while (j < toks.size() && !toks.get(j).text.equals(")") && !KEYWORDS.contains(toks.get(j).text)) {
                j++;
            }
            if (j >= toks.size() || !toks.get(j).text.equals(")")) {
                throw error(text, toks.get(i + 1).from, "the '(' of " + name.text + "'s parameters is not closed");
            }
            j++;
        }
        if (j >= toks.size() || !(toks.get(j).text.equals("=") || toks.get(j).text.equals("<-"))) {
            int at = j < toks.size() ? toks.get(j).from : text.length();
            throw error(text, at, "expected '=' or '<-' after constant " + name.text
                    + (j < toks.size() ? ", found '" + toks.get(j).text + "'" : ", found the end of the file"));
        }
        String op = toks.get(j).text;
        int start = j + 1;
        int end = start;
        Deque<Tok> open = new ArrayDeque<>();
        while (end < toks.size()) {
            Tok t = toks.get(end);
            boolean boundary = KEYWORDS.contains(t.text) || (end > start && startsEntry(toks, end));
            if (boundary && open.isEmpty()) {
                break;
            }
            if (boundary && KEYWORDS.contains(t.text)) {
                Tok o = open.peek();
                throw error(text, t.from, "expected '" + CLOSER.get(o.text) + "' before " + t.text + " (the '"
                        + o.text + "' at " + position(text, o.from) + " is not closed)");
            }
            if (CLOSER.containsKey(t.text)) {
                open.push(t);
            } else if (CLOSER.containsValue(t.text)) {
                if (open.isEmpty() || !CLOSER.get(open.peek().text).equals(t.text)) {
                    throw error(text, t.from, "unexpected '" + t.text + "'"
                            + (open.isEmpty() ? "" : " (the '" + open.peek().text + "' at "
                            + position(text, open.peek().from) + " needs '" + CLOSER.get(open.peek().text) + "')"));
                }
                open.pop();
            }
            end++;
        }
        if (!open.isEmpty()) {
            Tok o = open.peek();
            throw error(text, text.length(), "the file ends before the '" + o.text + "' at "
                    + position(text, o.from) + " is closed");
        }
        if (start == end) {
            throw error(text, toks.get(j).from + op.length(), "expected a value after " + name.text + " " + op);
        }
        String value = src.substring(toks.get(start).from, toks.get(end - 1).to).replaceAll("\\s+", " ").trim();
        if (out.containsKey(name.text)) {
            throw error(text, name.from, "constant " + name.text + " is given twice");
        }
        out.put(name.text, op.equals("<-") ? "<- " + value : value);
        return end;
    }

    /** Whether a new {@code NAME =}, {@code NAME <-} or {@code NAME(...) <-} entry starts at k. */
    private static boolean startsEntry(List<Tok> toks, int k) {
        if (!toks.get(k).isName() || k + 1 >= toks.size()) {
            return false;
        }
        String next = toks.get(k + 1).text;
        if (next.equals("=") || next.equals("<-")) {
            return true;
        }
        if (next.equals("(")) {
            int j = k + 1;
            while (j < toks.size() && !toks.get(j).text.equals(")")) {
                j++;
            }
            return j + 1 < toks.size() && toks.get(j + 1).text.equals("<-");
        }
        return false;
    }

    private record Tok(String text, int from, int to) {
        boolean isWord() {
            char c = text.charAt(0);
            return Character.isLetterOrDigit(c) || c == '_';
        }

        /** A TLA+ identifier: letters, digits and {@code _}, at least one letter. */
        boolean isName() {
            return isWord() && text.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')
                    && text.chars().anyMatch(Character::isLetter);
        }
    }

    /** The tokens of {@code src} (comments blanked); strings must close on their own line. */
    private static List<Tok> tokens(String text, String s) {
        List<Tok> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                    j++;
                }
                out.add(new Tok(s.substring(i, j), i, j));
                i = j;
            } else if (c == '"') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != '"' && s.charAt(j) != '\n') {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                if (j >= s.length() || s.charAt(j) != '"') {
                    throw error(text, i, "string not closed on its line");
                }
                out.add(new Tok(s.substring(i, j + 1), i, j + 1));
                i = j + 1;
            } else if (s.startsWith("<-", i) || s.startsWith("<<", i) || s.startsWith(">>", i)) {
                out.add(new Tok(s.substring(i, i + 2), i, i + 2));
                i += 2;
            } else {
                out.add(new Tok(String.valueOf(c), i, i + 1));
                i++;
            }
        }
        return out;
    }

    /** {@link #stripComments}, refusing a comment that is never closed. */
    private static String stripChecked(String s) {
        int[] unclosed = new int[] {-1};
        String out = strip(s, unclosed);
        if (unclosed[0] >= 0) {
            throw error(s, unclosed[0], "comment not closed: the file ends inside the (* that opens here");
        }
        return out;
    }

    /** Replaces {@code \* ...} and nested {@code (* ... *)} comments by blanks (offsets kept); never fails. */
    static String stripComments(String s) {
        return strip(s, new int[1], false);
    }

    /** As {@link #stripComments}, and blanks string literals too (TLA+ module text, for a search by name). */
    static String stripCommentsAndStrings(String s) {
        return strip(s, new int[1], true);
    }

    private static String strip(String s, int[] unclosed) {
        return strip(s, unclosed, false);
    }

    private static String strip(String s, int[] unclosed, boolean blankStrings) {
        StringBuilder b = new StringBuilder(s);
        int depth = 0;
        int opened = -1;
        boolean inString = false;
        for (int i = 0; i < b.length(); i++) {
            char c = b.charAt(i);
            if (depth == 0 && inString) {
                if (c == '\\') {
                    if (blankStrings) {
                        b.setCharAt(i, ' ');
                        if (i + 1 < b.length() && b.charAt(i + 1) != '\n') {
                            b.setCharAt(i + 1, ' ');
                        }
                    }
                    i++;
                } else if (c == '"' || c == '\n') {
                    inString = false;
                    if (blankStrings && c == '"') {
                        b.setCharAt(i, ' ');
                    }
                } else if (blankStrings) {
                    b.setCharAt(i, ' ');
                }
                continue;
            }
            if (depth == 0 && c == '"') {
                inString = true;
                if (blankStrings) {
                    b.setCharAt(i, ' ');
                }
            } else if (depth == 0 && c == '\\' && i + 1 < b.length() && b.charAt(i + 1) == '*') {
                while (i < b.length() && b.charAt(i) != '\n') {
                    b.setCharAt(i++, ' ');
                }
            } else if (c == '(' && i + 1 < b.length() && b.charAt(i + 1) == '*') {
                if (depth == 0) {
                    opened = i;
                }
                depth++;
                b.setCharAt(i, ' ');
                b.setCharAt(++i, ' ');
            } else if (depth > 0 && c == '*' && i + 1 < b.length() && b.charAt(i + 1) == ')') {
                depth--;
                b.setCharAt(i, ' ');
                b.setCharAt(++i, ' ');
            } else if (depth > 0 && c != '\n') {
                b.setCharAt(i, ' ');
            }
        }
        unclosed[0] = depth > 0 ? opened : -1;
        return b.toString();
    }

    private static ModelConfigException error(String text, int offset, String message) {
        int[] lc = lineColumn(text, offset);
        return new ModelConfigException(null, lc[0], lc[1], offset, message);
    }

    private static String position(String text, int offset) {
        int[] lc = lineColumn(text, offset);
        return lc[0] + ":" + lc[1];
    }

    /** The 1-based line and column of {@code offset} in {@code text}. */
    static int[] lineColumn(String text, int offset) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new int[] {line, col};
    }
}

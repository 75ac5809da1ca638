package capsid.checker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Capsid reads from a TLC model file ({@code .cfg}): the constants and the
 * names of the checked properties. TLC itself reads the file and reports its
 * errors; this reader is lenient and never fails on a file TLC accepts.
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

    public ModelConfig {
        constants = Collections.unmodifiableMap(new LinkedHashMap<>(constants));
        invariants = List.copyOf(invariants);
        properties = List.copyOf(properties);
    }

    /** Reads a model file. */
    public static ModelConfig read(Path cfg) throws IOException {
        return parse(Files.readString(cfg, StandardCharsets.UTF_8));
    }

    /** Parses model-file text. */
    public static ModelConfig parse(String text) {
        List<Tok> toks = tokens(stripComments(text));
        Map<String, String> constants = new LinkedHashMap<>();
        List<String> invariants = new ArrayList<>();
        List<String> properties = new ArrayList<>();
        Boolean deadlock = null;
        String section = null;
        int i = 0;
        String src = stripComments(text);
        while (i < toks.size()) {
            Tok t = toks.get(i);
            if (KEYWORDS.contains(t.text)) {
                section = t.text;
                i++;
                continue;
            }
            if (section == null) {
                i++;
                continue;
            }
            switch (section) {
                case "CONSTANT", "CONSTANTS" -> {
                    i = constant(src, toks, i, constants);
                    continue;
                }
                case "INVARIANT", "INVARIANTS" -> {
                    if (t.isWord()) {
                        invariants.add(t.text);
                    }
                }
                case "PROPERTY", "PROPERTIES" -> {
                    if (t.isWord()) {
                        properties.add(t.text);
                    }
                }
                case "CHECK_DEADLOCK" -> {
                    if (t.text.equals("TRUE") || t.text.equals("FALSE")) {
                        deadlock = t.text.equals("TRUE");
                    }
                }
                default -> {
                }
            }
            i++;
        }
        return new ModelConfig(constants, invariants, properties, deadlock);
    }

    /** Reads one constant entry starting at token i; returns the index after it. */
    private static int constant(String src, List<Tok> toks, int i, Map<String, String> out) {
        Tok name = toks.get(i);
        if (!name.isWord()) {
            return i + 1;
        }
        int j = i + 1;
        if (j < toks.size() && toks.get(j).text.equals("(")) { // operator parameters: F(a, b) <- G
            while (j < toks.size() && !toks.get(j).text.equals(")")) {
                j++;
            }
            j++;
        }
        if (j >= toks.size()) {
            return j;
        }
        String op = toks.get(j).text;
        if (!op.equals("=") && !op.equals("<-")) {
            return i + 1;
        }
        int start = j + 1;
        int end = start;
        int depth = 0;
        while (end < toks.size()) {
            Tok t = toks.get(end);
            if (depth == 0 && (KEYWORDS.contains(t.text) || (end > start && startsEntry(toks, end)))) {
                break;
            }
            if (t.text.equals("{") || t.text.equals("<<") || t.text.equals("[") || t.text.equals("(")) {
                depth++;
            } else if (t.text.equals("}") || t.text.equals(">>") || t.text.equals("]") || t.text.equals(")")) {
                depth = Math.max(0, depth - 1);
            }
            end++;
        }
        String value = start < end
                ? src.substring(toks.get(start).from, toks.get(end - 1).to).replaceAll("\\s+", " ").trim()
                : "";
        out.put(name.text, op.equals("<-") ? "<- " + value : value);
        return end;
    }

    /** Whether a new {@code NAME =}, {@code NAME <-} or {@code NAME(...) <-} entry starts at k. */
    private static boolean startsEntry(List<Tok> toks, int k) {
        if (!toks.get(k).isWord() || k + 1 >= toks.size()) {
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
    }

    private static List<Tok> tokens(String s) {
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
                while (j < s.length() && s.charAt(j) != '"') {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(j + 1, s.length());
                out.add(new Tok(s.substring(i, j), i, j));
                i = j;
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

    /** Replaces {@code \* ...} and nested {@code (* ... *)} comments by blanks (offsets kept). */
    static String stripComments(String s) {
        StringBuilder b = new StringBuilder(s);
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < b.length(); i++) {
            char c = b.charAt(i);
            if (depth == 0 && inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (depth == 0 && c == '"') {
                inString = true;
            } else if (depth == 0 && c == '\\' && i + 1 < b.length() && b.charAt(i + 1) == '*') {
                while (i < b.length() && b.charAt(i) != '\n') {
                    b.setCharAt(i++, ' ');
                }
            } else if (c == '(' && i + 1 < b.length() && b.charAt(i + 1) == '*') {
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
        return b.toString();
    }
}

package capsid.cli.site;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A source file as a page: one table row per line, each with the anchor {@code L<n>}
 * (a link to itself), light highlighting of TLA+ or Java (keywords, comments,
 * strings), and, on the lines given, links elsewhere in the site (e.g. from a spec
 * action's definition to the prose that describes it).
 */
final class SourcePage {
    private static final Set<String> TLA = Set.of("EXTENDS", "CONSTANT", "CONSTANTS", "VARIABLE", "VARIABLES",
            "LET", "IN", "IF", "THEN", "ELSE", "CASE", "OTHER", "CHOOSE", "EXCEPT", "UNCHANGED", "ENABLED",
            "DOMAIN", "SUBSET", "UNION", "LOCAL", "INSTANCE", "WITH", "ASSUME", "THEOREM", "RECURSIVE", "MODULE",
            "LAMBDA", "SF_", "WF_", "TRUE", "FALSE");
    private static final Set<String> JAVA = Set.of("package", "import", "public", "private", "protected", "final",
            "static", "class", "record", "interface", "enum", "return", "if", "else", "for", "while", "new", "throw",
            "throws", "try", "catch", "switch", "case", "default", "void", "int", "long", "boolean", "this", "null",
            "true", "false", "var", "break", "continue", "extends", "implements", "sealed", "permits", "yield");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private SourcePage() {
    }

    /** A back link shown at the end of a line. */
    record Note(String href, String text) {
    }

    /**
     * The page of {@code path} (relative to the repository, for the title) with text
     * {@code text}; {@code root} leads from the page to the site root; {@code notes}
     * maps 1-based line numbers to their links; {@code marked} lines are highlighted.
     */
    static String render(String path, String text, String root, Map<Integer, List<Note>> notes, Set<Integer> marked) {
        boolean java = path.endsWith(".java");
        boolean tla = path.endsWith(".tla") || path.endsWith(".cfg");
        StringBuilder b = new StringBuilder();
        b.append("<h1><code>").append(Html.esc(path)).append("</code></h1>\n<table class=\"src\">\n");
        String[] lines = text.split("\n", -1);
        int n = lines.length;
        if (n > 0 && lines[n - 1].isEmpty()) {
            n--;
        }
        boolean[] inBlock = {false};
        for (int i = 0; i < n; i++) {
            int no = i + 1;
            b.append("<tr id=\"L").append(no).append('"').append(marked.contains(no) ? " class=\"def\"" : "")
                    .append("><td class=\"n\"><a href=\"#L").append(no).append("\">").append(no)
                    .append("</a></td><td>");
            b.append(java ? highlight(lines[i], JAVA, "//", "/*", "*/", inBlock)
                    : tla ? highlight(lines[i], TLA, "\\*", "(*", "*)", inBlock) : Html.esc(lines[i]));
            b.append("</td><td class=\"x\">");
            for (Note note : notes.getOrDefault(no, List.of())) {
                b.append("<a href=\"").append(Html.esc(note.href())).append("\">").append(Html.esc(note.text()))
                        .append("</a> ");
            }
            b.append("</td></tr>\n");
        }
        b.append("</table>");
        return Html.page(path, root, b.toString());
    }

    /** One line with keywords, comments and strings marked; {@code inBlock} carries an open block comment. */
    static String highlight(String line, Set<String> keywords, String lineComment, String open, String close,
                            boolean[] inBlock) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < line.length()) {
            if (inBlock[0]) {
                int end = line.indexOf(close, i);
                int stop = end < 0 ? line.length() : end + close.length();
                b.append("<span class=\"cm\">").append(Html.esc(line.substring(i, stop))).append("</span>");
                inBlock[0] = end < 0;
                i = stop;
            } else if (line.startsWith(lineComment, i)) {
                b.append("<span class=\"cm\">").append(Html.esc(line.substring(i))).append("</span>");
                i = line.length();
            } else if (line.startsWith(open, i)) {
                inBlock[0] = true;
                b.append("<span class=\"cm\">").append(Html.esc(open)).append("</span>");
                i += open.length();
            } else if (line.charAt(i) == '"') {
                int end = i + 1;
                while (end < line.length() && line.charAt(end) != '"') {
                    end += line.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, line.length());
                b.append("<span class=\"st\">").append(Html.esc(line.substring(i, end))).append("</span>");
                i = end;
            } else {
                Matcher m = WORD.matcher(line).region(i, line.length());
                if (m.lookingAt()) {
                    String w = m.group();
                    b.append(keywords.contains(w) ? "<span class=\"kw\">" + w + "</span>" : w);
                    i = m.end();
                } else {
                    b.append(Html.esc(String.valueOf(line.charAt(i))));
                    i++;
                }
            }
        }
        return b.toString();
    }
}

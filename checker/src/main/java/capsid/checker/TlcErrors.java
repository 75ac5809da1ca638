package capsid.checker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what SANY and TLC say about a spec or model that cannot be checked into one
 * line, {@code FILE:LINE:COL: KIND: message}, in the words of the problem: no SANY
 * or Java class names, no stack of parser states. KIND is {@code parse error},
 * {@code semantic error}, {@code config error} or {@code evaluation error}. Where
 * SANY or TLC give no position (a missing module, an undefined invariant), the
 * position is found in the file that names the thing. TLC's own text stays in the
 * result's {@code errors} (shown with {@code --verbose}).
 */
final class TlcErrors {
    private static final Pattern ENCOUNTERED = Pattern.compile(
            "Encountered \"(.*)\" at line (\\d+), column (\\d+)(?: and token \"(.*)\")?");
    private static final Pattern EXPECTING = Pattern.compile("Was expecting \"(.*)\"");
    private static final Pattern STARTING = Pattern.compile("(\\w+) starting at line (\\d+), column (\\d+)\\.");
    private static final Pattern LEXICAL = Pattern.compile(
            "Lexical error at line (\\d+), column (\\d+)\\.\\s+Encountered: (.*?) \\(\\d+\\), after : \"(.*)\"");
    private static final Pattern OPEN_COMMENT = Pattern.compile("open comment starting around line (\\d+)");
    private static final Pattern RANGE = Pattern.compile(
            "line (\\d+), col (\\d+) to line \\d+, col \\d+ of module (\\w+)");
    private static final Pattern NO_MODULE = Pattern.compile(
            "Cannot find source file for module (\\w+) imported in module (\\w+)");
    private static final Pattern WRONG_NAME = Pattern.compile(
            "File name '(\\w+)' does not match the name '(\\w+)' of the top level module it contains");
    private static final Pattern CYCLE = Pattern.compile("dependency cycle is:\\s*(\\S+)\\s*-->\\s*(\\S+)");
    private static final Pattern CFG_LINE = Pattern.compile(
            "(?s)error in the configuration file at line (\\d+)\\s*(.*)");
    private static final Pattern CFG_EXPECTING = Pattern.compile("It was expecting (.*?), but did not find it\\.?");
    private static final Pattern CFG_UNDEFINED = Pattern.compile(
            "(?s)The (.+?) (\\w+) specified in the configuration file\\s+is not defined in the specification\\.?");
    private static final Pattern CFG_CONSTANT = Pattern.compile(
            "The constant parameter (\\w+) is not assigned a value by the configuration file");
    private static final Pattern JAVA_OVERRIDE = Pattern.compile(
            "(?s)Attempted to apply the operator overridden by the Java method\\s+.*?tlc2\\.module\\.(\\w+)\\.(\\w+)"
                    + "\\(.*?\\),\\s*but it produced the following error:\\s*(.*)");
    private static final Pattern CAST = Pattern.compile("Cannot cast tlc2\\.value\\.impl\\.(\\w+) to "
            + "tlc2\\.value\\.impl\\.(\\w+)");

    private TlcErrors() {
    }

    /**
     * A problem of the spec or model, located.
     *
     * @param kind {@code parse error}, {@code semantic error}, {@code config error}, {@code evaluation error}
     * @param file the file it is in
     * @param location where in it, or {@code null} when the problem is the whole file's
     * @param message what is wrong, one line
     */
    record Located(String kind, String file, SourceLocation location, String message) {
        /** {@code FILE:LINE:COL: KIND: message}, or {@code FILE: KIND: message} without a position. */
        String line() {
            return (location != null ? location.toString() : file) + ": " + kind + ": " + message;
        }
    }

    // ---- SANY: parse and semantic errors --------------------------------------------------

    /** SANY's report (its plain lines) as a located problem; {@code spec} names the file when SANY does not. */
    static Located sany(List<String> lines, Map<String, String> moduleFiles, String spec) {
        String file = spec;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("Parsing file ")) {
                file = l.substring("Parsing file ".length()).trim();
            } else if (l.contains("***Parse Error***")) {
                return parseError(lines, i + 1, file);
            } else if (l.startsWith("Lexical error")) {
                Matcher m = LEXICAL.matcher(l);
                if (m.find()) {
                    return lexical(file, m);
                }
                return new Located("parse error", file, null, clean(l));
            } else if (l.startsWith("Lexical {error") || l.contains("open comment")) {
                Matcher m = OPEN_COMMENT.matcher(l);
                int line = m.find() ? Integer.parseInt(m.group(1)) : 1;
                return new Located("parse error", file, new SourceLocation(file, line, columnOf(file, line, "(*")),
                        "comment not closed: the file ends inside the comment that opens here");
            }
        }
        List<Located> semantic = new ArrayList<>();
        boolean warnings = false;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("*** Warnings")) {
                warnings = true;
            } else if (l.startsWith("*** Errors")) {
                warnings = false;
            }
            Matcher m = RANGE.matcher(l);
            if (!warnings && m.find() && m.start() == 0) {
                String f = moduleFiles.getOrDefault(m.group(3), m.group(3));
                String msg = null;
                for (int j = i + 1; msg == null && j < lines.size(); j++) {
                    if (!lines.get(j).isBlank()) {
                        msg = lines.get(j).trim();
                    }
                }
                semantic.add(new Located("semantic error", f, new SourceLocation(f, Integer.parseInt(m.group(1)),
                        Integer.parseInt(m.group(2))), msg == null ? "(no message)" : clean(msg)));
            }
        }
        if (!semantic.isEmpty()) {
            Located first = semantic.get(0);
            int more = semantic.size() - 1;
            return more == 0 ? first : new Located(first.kind(), first.file(), first.location(), first.message()
                    + " (and " + more + " more error" + (more == 1 ? "" : "s") + ": --verbose shows SANY's report)");
        }
        String text = String.join("\n", lines);
        Matcher m = NO_MODULE.matcher(text);
        if (m.find()) {
            String importer = moduleFiles.getOrDefault(m.group(2), spec);
            SourceLocation at = find(importer, "\\b(?:EXTENDS|INSTANCE)\\b[\\s\\w,]*?\\b(" + m.group(1) + ")\\b");
            Path dir = Path.of(importer).getParent();
            return new Located("semantic error", importer, at, "module " + m.group(1) + " not found (no "
                    + (dir == null ? "" : dir.resolve(m.group(1) + ".tla") + ", and no ") + "standard module of "
                    + "that name)");
        }
        m = WRONG_NAME.matcher(text);
        if (m.find()) {
            String f = moduleFiles.getOrDefault(m.group(1), spec);
            return new Located("parse error", f, find(f, "\\bMODULE\\s+(" + m.group(2) + ")\\b"), "the file holds "
                    + "module " + m.group(2) + ", but a module must be in a file of its own name (" + m.group(2)
                    + ".tla)");
        }
        m = CYCLE.matcher(text);
        if (m.find()) {
            String from = m.group(1).replaceFirst("\\.tla$", "");
            String to = m.group(2).replaceFirst("\\.tla$", "");
            String f = moduleFiles.getOrDefault(from, spec);
            String cycle = text.substring(m.start(1)).lines().findFirst().orElse("").trim().replace("-->", "->");
            return new Located("semantic error", f, find(f, "\\b(?:EXTENDS|INSTANCE)\\b[\\s\\w,]*?\\b(" + to
                    + ")\\b"), "modules extend each other in a cycle: " + cycle);
        }
        String summary = lines.stream().map(String::trim).filter(TlcErrors::interesting).findFirst()
                .orElse("SANY gave no reason");
        return new Located("parse error", file, null, clean(summary));
    }

    private static Located parseError(List<String> lines, int from, String file) {
        String expecting = null;
        Matcher enc = null;
        String context = null;
        for (int j = from; j < lines.size(); j++) {
            String l = lines.get(j).trim();
            Matcher e = EXPECTING.matcher(l);
            Matcher m = ENCOUNTERED.matcher(l);
            Matcher s = STARTING.matcher(l);
            if (e.find() && expecting == null) {
                expecting = e.group(1);
            } else if (m.find() && enc == null) {
                enc = m;
            } else if (s.find() && context == null && s.group(1).equals("Definition")) {
                context = "the definition starting at " + s.group(2) + ":" + s.group(3) + " is not complete";
            } else if (l.startsWith("Fatal errors")) {
                break;
            }
        }
        if (enc == null) {
            return new Located("parse error", file, null, expecting == null ? "SANY could not parse the module"
                    : "expected " + expecting(expecting));
        }
        String found = switch (enc.group(1)) {
            case "<EOF>" -> "end of file";
            case "Beginning of definition" -> "start of a definition";
            default -> "\"" + enc.group(1) + "\"";
        };
        StringBuilder msg = new StringBuilder("unexpected ").append(found);
        if (enc.group(4) != null) {
            msg.append(" after \"").append(enc.group(4).replace("\\\\", "\\")).append('"');
        }
        if (expecting != null) {
            msg.append("; expected ").append(expecting(expecting));
        } else if (context != null) {
            msg.append(" (").append(context).append(')');
        }
        return new Located("parse error", file, new SourceLocation(file, Integer.parseInt(enc.group(2)),
                Integer.parseInt(enc.group(3))), msg.toString());
    }

    private static String expecting(String what) {
        return what.equals("==== or more Module body") ? "\"====\" (the end of the module) or another definition"
                : what;
    }

    private static Located lexical(String file, Matcher m) {
        String enc = m.group(3);
        String after = m.group(4).replace("\\\"", "\"");
        String what = enc.equals("\"\\n\"") || enc.equals("\"\\r\"") ? "the end of the line" : enc;
        String msg = after.startsWith("\"") ? "string not closed: " + what + " inside " + after
                : "unexpected " + what + " after \"" + after + "\"";
        int line = Integer.parseInt(m.group(1));
        int col = Integer.parseInt(m.group(2));
        if (after.startsWith("\"") && col > after.length()) {
            col -= after.length(); // point at the opening quote
        }
        return new Located("parse error", file, new SourceLocation(file, line, col), msg);
    }

    private static boolean interesting(String l) {
        return !l.isEmpty() && !l.startsWith("Parsing file") && !l.startsWith("Semantic processing")
                && !l.startsWith("Fatal errors") && !l.startsWith("tla2sany.") && !l.startsWith("***")
                && !l.equals("Unknown location") && !l.startsWith("In module") && !l.startsWith("Could not parse")
                && !l.startsWith("Residual stack trace") && !l.startsWith("File does not exist")
                && !l.startsWith("SANY finished");
    }

    // ---- the model file -------------------------------------------------------------------

    /** A TLC message about the model file (codes 2222, 2229, 5000-5999, often inside a 1000) as a located problem. */
    static Located config(String body, String model, Map<String, String> moduleFiles) {
        String text = body.replaceFirst("(?s)^.*?The exception was a [\\w.$]+\\s*:?\\s*", "").strip();
        Matcher m = CFG_LINE.matcher(text);
        if (m.find()) {
            int line = Integer.parseInt(m.group(1));
            Matcher e = CFG_EXPECTING.matcher(m.group(2));
            String token = firstToken(model, line);
            String msg = e.find() ? "expected " + e.group(1) + (token == null ? "" : ", found '" + token + "'")
                    : oneLine(m.group(2));
            if (msg.startsWith("expected a keyword")) {
                msg = msg.replace("expected a keyword", "expected a keyword (CONSTANT, INIT, NEXT, SPECIFICATION, "
                        + "INVARIANT, PROPERTY, CONSTRAINT, SYMMETRY, VIEW, CHECK_DEADLOCK, ...)");
            }
            return new Located("config error", model, new SourceLocation(model, line, columnOfToken(model, line)),
                    msg);
        }
        m = CFG_UNDEFINED.matcher(text);
        if (m.find()) {
            String what = m.group(1);
            return new Located("config error", model, findInConfig(model, m.group(2)), what + " " + m.group(2)
                    + " is not defined in the spec");
        }
        m = CFG_CONSTANT.matcher(text);
        if (m.find()) {
            String name = m.group(1);
            for (String f : moduleFiles.values()) {
                SourceLocation at = find(f, "(?s)\\bCONSTANTS?\\b[\\s\\w,()_]*?\\b(" + name + ")\\b");
                if (at != null) {
                    return new Located("config error", f, at, "constant " + name + " has no value: give it one in "
                            + Path.of(model).getFileName() + " (CONSTANT " + name + " = ...)");
                }
            }
            return new Located("config error", model, null, "constant " + name + " has no value in the model");
        }
        return new Located("config error", model, null, oneLine(clean(text)));
    }

    // ---- evaluation errors ----------------------------------------------------------------

    /** An evaluation error: TLC's message, cleaned, at the deepest position TLC gave (or one in the message). */
    static Located evaluation(String body, SourceLocation deepest, Map<String, String> moduleFiles, String spec) {
        String text = body.replaceFirst("(?s)^TLC threw an unexpected exception\\..*?The exception was a [\\w.$]+"
                + "\\s*:?\\s*", "").strip();
        text = text.replaceFirst("^[\\w.$]+(?:Exception|Error)\\s*:\\s*", "");
        text = text.replaceFirst("(?s)\\s*While working on the initial state:.*", "");
        text = text.replaceFirst("(?s)\\s*The error occurred when TLC was evaluating.*", "");
        SourceLocation at = deepest;
        Matcher r = RANGE.matcher(text);
        if (r.find()) {
            if (at == null) {
                String f = moduleFiles.getOrDefault(r.group(3), r.group(3));
                at = new SourceLocation(f, Integer.parseInt(r.group(1)), Integer.parseInt(r.group(2)));
            }
            text = (text.substring(0, r.start()) + text.substring(r.end())).strip();
        }
        Matcher j = JAVA_OVERRIDE.matcher(text);
        if (j.find()) {
            text = "the operator " + operator(j.group(1), j.group(2)) + " of module " + j.group(1) + " failed: "
                    + cast(j.group(3));
        } else {
            text = cast(text);
        }
        String msg = oneLine(clean(text));
        if (msg.length() > 400) {
            msg = msg.substring(0, 400) + "...";
        }
        return new Located("evaluation error", at == null ? spec : at.file(), at, msg.isEmpty() ? "(no message)" : msg);
    }

    private static String cast(String s) {
        Matcher c = CAST.matcher(s);
        if (c.find()) {
            return s.substring(0, c.start()) + "got " + kind(c.group(1)) + " where " + kind(c.group(2))
                    + " is needed" + s.substring(c.end());
        }
        return s;
    }

    /** What a TLC value class holds, in words. */
    private static String kind(String valueClass) {
        return switch (valueClass) {
            case "IntValue" -> "an integer";
            case "StringValue" -> "a string";
            case "BoolValue" -> "a Boolean";
            case "ModelValue" -> "a model value";
            case "RecordValue" -> "a record";
            case "TupleValue" -> "a sequence";
            case "FcnRcdValue", "FcnLambdaValue" -> "a function";
            case "SetEnumValue", "IntervalValue", "SetOfFcnsValue", "SubsetValue", "SetCupValue", "SetCapValue",
                 "SetDiffValue", "SetOfRcdsValue", "SetOfTuplesValue", "SetPredValue", "UnionValue" -> "a set";
            default -> "a value of another kind (" + valueClass.replace("Value", "").toLowerCase(Locale.ROOT) + ")";
        };
    }

    /** The TLA+ operator behind a standard module's Java method, e.g. {@code Naturals.Plus} is {@code +}. */
    private static String operator(String module, String method) {
        return switch (method) {
            case "Plus" -> "+";
            case "Minus" -> "-";
            case "Times" -> "*";
            case "LT" -> "<";
            case "LEQ" -> "<=";
            case "GT" -> ">";
            case "GEQ" -> ">=";
            case "DotDot" -> "..";
            case "Divide" -> "\\div";
            case "Mod" -> "%";
            case "Expt" -> "^";
            case "Neg" -> "-";
            case "Concat" -> "\\o";
            default -> method;
        };
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** TLA+'s `name' quoting and Java class names out; one line. */
    static String clean(String s) {
        String t = s.replaceAll("`([^`']*)'", "'$1'");
        t = t.replaceAll("\\b(?:tlc2|tla2sany|util)\\.(?:[a-z]\\w*\\.)*([A-Z]\\w*)", "$1");
        t = t.replaceAll("\\bjava\\.(?:[a-z]\\w*\\.)+([A-Z]\\w*)", "$1");
        return oneLine(t);
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s*\\n\\s*", " ").replaceAll("\\s{2,}", " ");
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Where group 1 of {@code regex} first matches in {@code file}, or {@code null}. */
    static SourceLocation find(String file, String regex) {
        String text = read(file);
        if (text == null) {
            return null;
        }
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? at(file, text, m.start(1)) : null;
    }

    private static SourceLocation findInConfig(String model, String word) {
        String text = read(model);
        if (text == null) {
            return null;
        }
        String plain = ModelConfig.stripComments(text);
        Matcher m = Pattern.compile("(?<![\\w])" + Pattern.quote(word) + "(?![\\w])").matcher(plain);
        return m.find() ? at(model, text, m.start()) : null;
    }

    private static SourceLocation at(String file, String text, int offset) {
        int[] lc = ModelConfig.lineColumn(text, offset);
        return new SourceLocation(file, lc[0], lc[1]);
    }

    private static String lineOf(String file, int line) {
        String text = read(file);
        if (text == null) {
            return null;
        }
        String[] lines = ModelConfig.stripComments(text).split("\n", -1);
        return line >= 1 && line <= lines.length ? lines[line - 1] : null;
    }

    private static int columnOf(String file, int line, String what) {
        String raw = read(file);
        if (raw != null) {
            String[] lines = raw.split("\n", -1);
            if (line >= 1 && line <= lines.length && lines[line - 1].contains(what)) {
                return lines[line - 1].indexOf(what) + 1;
            }
        }
        return 1;
    }

    private static int columnOfToken(String file, int line) {
        String l = lineOf(file, line);
        if (l == null) {
            return 1;
        }
        for (int i = 0; i < l.length(); i++) {
            if (!Character.isWhitespace(l.charAt(i))) {
                return i + 1;
            }
        }
        return 1;
    }

    private static String firstToken(String file, int line) {
        String l = lineOf(file, line);
        if (l == null) {
            return null;
        }
        Matcher m = Pattern.compile("\\S+").matcher(l);
        return m.find() ? m.group() : null;
    }
}

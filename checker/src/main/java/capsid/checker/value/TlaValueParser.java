package capsid.checker.value;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads the value syntax TLC prints (error traces, {@code -simulate} trace files,
 * {@code -dump dot} labels) into {@link Value}s:
 *
 * <pre>
 * value    = int [".." int]            \* an interval prints as 1..3; read as the set
 *          | string | "TRUE" | "FALSE" | ident          \* ident: a model value
 *          | "[" field "|->" value {"," field "|->" value} "]"
 *          | "(" value ":>" value {"@@" value ":>" value} ")"
 *          | "{" [value {"," value}] "}"
 *          | "&lt;&lt;" [value {"," value}] "&gt;&gt;"
 * int      = ["-"] digit {digit}
 * string   = '"' {char | "\" ("\"" | "\\" | "n" | "t" | "r" | "f")} '"'
 * ident    = letters, digits, "_", at least one letter
 * state    = ident "=" value | {"/\" ident "=" value}
 * </pre>
 *
 * Whitespace (including newlines, as in TLC's pretty-printed traces) may separate
 * any two tokens. Every error is a {@link TlaParseException} naming the line and
 * column; the parser never throws anything else, never recurses deeper than
 * {@value #MAX_DEPTH} levels and never expands an interval of more than
 * {@value #MAX_INTERVAL} elements, so any input ends in a value or that exception.
 */
public final class TlaValueParser {

    /** Deepest nesting of brackets accepted. */
    public static final int MAX_DEPTH = 512;
    /** Largest interval {@code a..b} expanded into a set. */
    public static final int MAX_INTERVAL = 100_000;

    private final String in;
    private int pos;
    private int depth;

    private TlaValueParser(String in) {
        this.in = in;
    }

    /**
     * Parses one value; the whole text must be that value (surrounding whitespace
     * allowed).
     *
     * @throws TlaParseException when it is not
     */
    public static Value parse(String text) {
        if (text == null) {
            throw new TlaParseException("", 0, "no text (null)");
        }
        TlaValueParser p = new TlaValueParser(text);
        p.skipSpace();
        Value v = p.value();
        p.skipSpace();
        if (p.pos < p.in.length()) {
            throw p.error("expected end of value");
        }
        return v;
    }

    /**
     * Parses a state as TLC prints it: either {@code x = value} (a spec with one
     * variable) or a conjunction list {@code /\ x = value /\ y = value}. Variable
     * order is kept.
     *
     * @throws TlaParseException when the text is not such a state or names a variable twice
     */
    public static Map<String, Value> parseState(String text) {
        if (text == null) {
            throw new TlaParseException("", 0, "no text (null)");
        }
        TlaValueParser p = new TlaValueParser(text);
        Map<String, Value> vars = new LinkedHashMap<>();
        p.skipSpace();
        if (p.pos >= p.in.length()) {
            throw p.error("expected a state (x = value, or /\\ x = value ...)");
        }
        if (p.lookingAt("/\\")) {
            while (p.pos < p.in.length()) {
                p.expect("/\\");
                p.skipSpace();
                p.assignment(vars);
                p.skipSpace();
            }
        } else {
            p.assignment(vars);
            p.skipSpace();
            if (p.pos < p.in.length()) {
                throw p.error("expected end of state");
            }
        }
        return Collections.unmodifiableMap(vars);
    }

    private void assignment(Map<String, Value> vars) {
        int start = pos;
        String name = word();
        if (name == null || !Value.isIdentifier(name)) {
            pos = start;
            throw error("expected a variable name");
        }
        skipSpace();
        if (!lookingAt("=") || lookingAt("==")) {
            throw error("expected '=' after variable " + name);
        }
        pos++;
        skipSpace();
        Value v = value();
        if (vars.putIfAbsent(name, v) != null) {
            pos = start;
            throw error("variable " + name + " appears twice in the state");
        }
    }

    private Value value() {
        if (pos >= in.length()) {
            throw error("expected a value");
        }
        if (++depth > MAX_DEPTH) {
            throw error("values nested deeper than " + MAX_DEPTH + " levels");
        }
        try {
            char c = in.charAt(pos);
            if (c == '"') {
                return string();
            }
            if (c == '-' || isDigit(c)) {
                return numberOrInterval();
            }
            if (c == '{') {
                return set();
            }
            if (lookingAt("<<")) {
                return sequence();
            }
            if (c == '[') {
                return record();
            }
            if (c == '(') {
                return function();
            }
            if (isWordChar(c)) {
                int start = pos;
                String w = word();
                if (w.equals("TRUE")) {
                    return Value.bool(true);
                }
                if (w.equals("FALSE")) {
                    return Value.bool(false);
                }
                if (!Value.isIdentifier(w)) {
                    pos = start;
                    throw error("expected a value, found '" + w + "' (an identifier needs a letter)");
                }
                return Value.model(w);
            }
            throw error("expected a value");
        } finally {
            depth--;
        }
    }

    private Value numberOrInterval() {
        int start = pos;
        BigInteger a = integer();
        if (pos < in.length() && isWordChar(in.charAt(pos))) {
            // e.g. 1a: an identifier that starts with digits is a model value
            if (in.charAt(start) == '-') {
                throw error("expected a digit or the end of the number");
            }
            pos = start;
            String w = word();
            if (!Value.isIdentifier(w)) {
                pos = start;
                throw error("expected a value, found '" + w + "'");
            }
            return Value.model(w);
        }
        int save = pos;
        skipSpace();
        if (lookingAt("..")) {
            pos += 2;
            skipSpace();
            int bStart = pos;
            if (pos >= in.length() || !(in.charAt(pos) == '-' || isDigit(in.charAt(pos)))) {
                throw error("expected an integer after '..'");
            }
            BigInteger b = integer();
            BigInteger size = b.subtract(a).add(BigInteger.ONE);
            if (size.compareTo(BigInteger.valueOf(MAX_INTERVAL)) > 0) {
                pos = bStart;
                throw error("interval " + a + ".." + b + " has more than " + MAX_INTERVAL + " elements");
            }
            List<Value> elems = new ArrayList<>();
            for (BigInteger i = a; i.compareTo(b) <= 0; i = i.add(BigInteger.ONE)) {
                elems.add(new Value.IntValue(i));
            }
            return Value.set(elems);
        }
        pos = save;
        return new Value.IntValue(a);
    }

    private BigInteger integer() {
        int start = pos;
        if (in.charAt(pos) == '-') {
            pos++;
        }
        int digits = pos;
        while (pos < in.length() && isDigit(in.charAt(pos))) {
            pos++;
        }
        if (pos == digits) {
            throw error("expected a digit after '-'");
        }
        return new BigInteger(in.substring(start, pos));
    }

    private Value string() {
        int start = pos;
        pos++; // opening quote
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= in.length()) {
                pos = start;
                throw error("string not closed (no matching '\"')");
            }
            char c = in.charAt(pos);
            if (c == '"') {
                pos++;
                return Value.str(b.toString());
            }
            if (c == '\\') {
                if (pos + 1 >= in.length()) {
                    pos++;
                    throw error("expected an escape character after '\\'");
                }
                char e = in.charAt(pos + 1);
                switch (e) {
                    case '"' -> b.append('"');
                    case '\\' -> b.append('\\');
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'f' -> b.append('\f');
                    default -> {
                        pos++;
                        throw error("unknown escape '\\" + e + "' (known: \\\" \\\\ \\n \\t \\r \\f)");
                    }
                }
                pos += 2;
            } else if (c == '\n') {
                throw error("line break inside a string (TLC writes \\n)");
            } else {
                b.append(c);
                pos++;
            }
        }
    }

    private Value set() {
        pos++; // {
        skipSpace();
        List<Value> elems = new ArrayList<>();
        if (lookingAt("}")) {
            pos++;
            return Value.set(elems);
        }
        while (true) {
            elems.add(value());
            skipSpace();
            if (lookingAt(",")) {
                pos++;
                skipSpace();
            } else if (lookingAt("}")) {
                pos++;
                return Value.set(elems);
            } else {
                throw error("expected ',' or '}' in a set");
            }
        }
    }

    private Value sequence() {
        pos += 2; // <<
        skipSpace();
        List<Value> elems = new ArrayList<>();
        if (lookingAt(">>")) {
            pos += 2;
            return Value.seq(elems);
        }
        while (true) {
            elems.add(value());
            skipSpace();
            if (lookingAt(",")) {
                pos++;
                skipSpace();
            } else if (lookingAt(">>")) {
                pos += 2;
                return Value.seq(elems);
            } else {
                throw error("expected ',' or '>>' in a sequence");
            }
        }
    }

    private Value record() {
        pos++; // [
        skipSpace();
        Map<String, Value> fields = new LinkedHashMap<>();
        while (true) {
            int start = pos;
            String name = word();
            if (name == null || !Value.isIdentifier(name)) {
                pos = start;
                throw error("expected a record field name");
            }
            skipSpace();
            expect("|->");
            skipSpace();
            Value v = value();
            if (fields.putIfAbsent(name, v) != null) {
                pos = start;
                throw error("record field " + name + " appears twice");
            }
            skipSpace();
            if (lookingAt(",")) {
                pos++;
                skipSpace();
            } else if (lookingAt("]")) {
                pos++;
                return Value.record(fields);
            } else {
                throw error("expected ',' or ']' in a record");
            }
        }
    }

    private Value function() {
        pos++; // (
        skipSpace();
        Map<Value, Value> mapping = new LinkedHashMap<>();
        while (true) {
            int start = pos;
            Value k = value();
            skipSpace();
            expect(":>");
            skipSpace();
            Value v = value();
            if (mapping.putIfAbsent(k, v) != null) {
                pos = start;
                throw error("function maps " + k.toTla() + " twice");
            }
            skipSpace();
            if (lookingAt("@@")) {
                pos += 2;
                skipSpace();
            } else if (lookingAt(")")) {
                pos++;
                return Value.function(mapping);
            } else {
                throw error("expected '@@' or ')' in a function");
            }
        }
    }

    // ---- lexing helpers ----

    private String word() {
        int start = pos;
        while (pos < in.length() && isWordChar(in.charAt(pos))) {
            pos++;
        }
        return pos == start ? null : in.substring(start, pos);
    }

    private void expect(String token) {
        if (!lookingAt(token)) {
            throw error("expected '" + token + "'");
        }
        pos += token.length();
    }

    private boolean lookingAt(String token) {
        return in.startsWith(token, pos);
    }

    private void skipSpace() {
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                pos++;
            } else {
                return;
            }
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_';
    }

    private TlaParseException error(String what) {
        String found;
        if (pos >= in.length()) {
            found = "end of input";
        } else {
            int end = Math.min(in.length(), pos + 12);
            int nl = in.indexOf('\n', pos);
            if (nl >= 0 && nl < end) {
                end = Math.max(nl, pos + 1);
            }
            found = "'" + in.substring(pos, end) + (end < in.length() && in.charAt(end) != '\n' ? "..." : "") + "'";
        }
        return new TlaParseException(in, pos, what + ", found " + found);
    }
}

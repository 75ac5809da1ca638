package capsid.scenario;

import capsid.kernel.call.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Reads the resolved arguments of one call step left to right, converting each
 * to what the call's record needs (ABI.md section 1 argument conventions). A
 * missing, surplus or ill-typed argument stops the reading with a {@link BadArg}
 * naming its column; {@link CallSyntax#toCall} turns that into a script error.
 */
final class ArgReader {
    private final String usage;
    private final Pos callPos;
    private final List<Value> args;
    private int next;

    ArgReader(String usage, Pos callPos, List<Value> args) {
        this.usage = usage;
        this.callPos = callPos;
        this.args = args;
    }

    /** A bad argument; thrown and caught inside {@link CallSyntax} only. */
    static final class BadArg extends RuntimeException {
        final ScriptError error;

        BadArg(Pos pos, String message) {
            super(message, null, false, false);
            this.error = new ScriptError(pos, message);
        }
    }

    /** True when an argument is left. */
    boolean more() {
        return next < args.size();
    }

    /** Fails unless every argument was read. */
    void end() {
        if (more()) {
            throw new BadArg(args.get(next).pos(), "too many arguments (usage: " + usage + ")");
        }
    }

    private Value take(String what) {
        if (!more()) {
            throw new BadArg(callPos, "missing " + what + " (usage: " + usage + ")");
        }
        return args.get(next++);
    }

    private BadArg wrong(Value v, String what, String kind) {
        return new BadArg(v.pos(), "expected " + kind + " for " + what + ", got " + describe(v)
                + " (usage: " + usage + ")");
    }

    private static String describe(Value v) {
        if (v instanceof Value.Word w) {
            return "the word " + w.text();
        }
        if (v instanceof Value.FlagSet f) {
            return "the flag set " + Printer.print(f);
        }
        return Printer.print(v);
    }

    /** An int: an integer in int range. */
    int integer(String what) {
        return intOf(take(what), what, "a number");
    }

    private int intOf(Value v, String what, String kind) {
        if (!(v instanceof Value.Int i)) {
            throw wrong(v, what, kind);
        }
        Integer n = Numbers.parseInt(i.text());
        if (n == null) {
            throw new BadArg(v.pos(), what + " " + i.text() + " is out of range ("
                    + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ")");
        }
        return n;
    }

    /** A long: an integer in long range. */
    long wide(String what) {
        return wideOr(take(what), what, "a number");
    }

    private long wideOr(Value v, String what, String kind) {
        if (!(v instanceof Value.Int i)) {
            throw wrong(v, what, kind);
        }
        Long n = Numbers.parseLong(i.text());
        if (n == null) {
            throw new BadArg(v.pos(), what + " " + i.text() + " is out of range ("
                    + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ")");
        }
        return n;
    }

    /** A limit: a long, or {@code max} for {@link Resource#MAX}. */
    long limit(String what) {
        Value v = take(what);
        if (v instanceof Value.Word w && w.text().equals("max")) {
            return Resource.MAX;
        }
        return wideOr(v, what, "a number or max");
    }

    /** A string: a word, a quoted string, or an integer's text. */
    String string(String what) {
        Value v = take(what);
        return stringOf(v, what);
    }

    private String stringOf(Value v, String what) {
        if (v instanceof Value.Word w) {
            return w.text();
        }
        if (v instanceof Value.Str s) {
            return s.text();
        }
        if (v instanceof Value.Int i) {
            return i.text();
        }
        throw wrong(v, what, "a word or \"string\"");
    }

    /** Every argument left, as strings. */
    List<String> rest(String what) {
        List<String> out = new ArrayList<>();
        while (more()) {
            out.add(stringOf(args.get(next++), what));
        }
        return out;
    }

    /**
     * A bit set: a word or flag set whose parts map through {@code bit} (a part
     * that is an integer is raw bits), or an integer (raw bits; {@code 0} is none).
     */
    int bits(String what, ToIntFunction<String> bit) {
        Value v = take(what);
        List<String> parts;
        if (v instanceof Value.FlagSet f) {
            parts = f.parts();
        } else if (v instanceof Value.Word || v instanceof Value.Int) {
            parts = List.of(stringOf(v, what));
        } else {
            throw wrong(v, what, "a flag word or flag set a|b");
        }
        int bits = 0;
        for (String p : parts) {
            if (Lexer.integer(p)) {
                Integer n = Numbers.parseInt(p);
                if (n == null) {
                    throw new BadArg(v.pos(), what + " part " + p + " is out of range ("
                            + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ")");
                }
                bits |= n;
            } else {
                bits |= bit.applyAsInt(p);
            }
        }
        return bits;
    }

    /** A code: a word mapped through {@code code}, or an integer (the raw code). */
    int code(String what, ToIntFunction<String> code) {
        Value v = take(what);
        if (v instanceof Value.Word w) {
            return code.applyAsInt(w.text());
        }
        return intOf(v, what, "a word or a number");
    }

    /** An optional trailing keyword: true when it is there. */
    boolean keyword(String word) {
        if (!more()) {
            return false;
        }
        Value v = take(word);
        if (!(v instanceof Value.Word w && w.text().equals(word))) {
            throw wrong(v, "the optional argument", "'" + word + "'");
        }
        return true;
    }
}

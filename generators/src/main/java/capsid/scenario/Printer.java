package capsid.scenario;

import capsid.kernel.Result;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints scenario ASTs as canonical script text (ABI.md section 1): one space
 * between tokens, no comments, strings quoted with the script escapes. Parsing
 * the text of a script the parser produced gives an equal {@link Script}.
 */
public final class Printer {
    private Printer() {
    }

    /** The script, one step per line, each line ending in {@code \n}. */
    public static String print(Script script) {
        StringBuilder sb = new StringBuilder();
        for (Step s : script.steps()) {
            sb.append(print(s)).append('\n');
        }
        return sb.toString();
    }

    /** One step as one line (without a line break). */
    public static String print(Step step) {
        if (step instanceof Step.Syscall s) {
            return syscall(s);
        }
        if (step instanceof Step.Boot b) {
            StringBuilder sb = new StringBuilder("boot");
            if (b.hostname() != null) {
                sb.append(" hostname=").append(text(b.hostname()));
            }
            if (b.seed() != null) {
                sb.append(" seed=").append(b.seed());
            }
            b.limits().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
            return sb.toString();
        }
        if (step instanceof Step.Schedule s) {
            return "step " + s.count();
        }
        return "invariants";
    }

    private static String syscall(Step.Syscall s) {
        List<String> parts = new ArrayList<>();
        parts.add(actor(s.actor()));
        parts.add(s.call());
        for (Value v : s.args()) {
            parts.add(print(v));
        }
        if (s.expected() != null) {
            parts.add("=>");
            parts.add(print(s.expected()));
        }
        if (s.bind() != null) {
            parts.add("as");
            parts.add(s.bind());
        }
        return String.join(" ", parts);
    }

    /** An actor: its name, or {@code %PID}. */
    public static String actor(Actor a) {
        return a instanceof Actor.RootPid r ? "%" + r.pid() : ((Actor.Named) a).name();
    }

    /** One value as a script writes it. */
    public static String print(Value v) {
        if (v instanceof Value.Int i) {
            return i.text();
        }
        if (v instanceof Value.Word w) {
            return w.text();
        }
        if (v instanceof Value.Str s) {
            return Result.quote(s.text());
        }
        if (v instanceof Value.FlagSet f) {
            return String.join("|", f.parts());
        }
        if (v instanceof Value.Ref r) {
            return "$" + r.name();
        }
        if (v instanceof Value.PidOf p) {
            return "@" + p.name();
        }
        if (v instanceof Value.IntList l) {
            List<String> items = new ArrayList<>();
            for (long x : l.values()) {
                items.add(Long.toString(x));
            }
            return "[" + String.join(",", items) + "]";
        }
        return "_";
    }

    /** A string as a bare word when it lexes back as one (and is not {@code as}), else quoted. */
    public static String text(String s) {
        return bare(s) ? s : Result.quote(s);
    }

    /** True when {@code s} can be written unquoted where a string is expected. */
    static boolean bare(String s) {
        if (s.isEmpty() || s.equals("as")) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (!Lexer.wordChar(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }
}

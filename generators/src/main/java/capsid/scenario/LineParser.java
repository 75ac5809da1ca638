package capsid.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses the tokens of one line into a {@link Step} (ABI.md section 1): {@code
 * ACTOR CALL ARG* [=> EXPECTED] [as NAME]}, {@code boot [hostname=NAME]
 * [seed=N] [LIMIT=N...]}, {@code step N} or {@code invariants}. Reports the first problem on
 * the line, lexical or grammatical, whichever comes first.
 */
final class LineParser {
    /** Words that start a directive or mark a binding, so no name may be one. */
    static final Set<String> RESERVED = Set.of("boot", "step", "invariants", "as");

    private static final String VALUE = "a value after '=>'";

    private final List<Token> tokens;
    private int next;

    private LineParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** The step on a line (tokens from {@link Lexer#lex}), its error, or null for a blank line. */
    static Checked<Step> parse(List<Token> tokens) {
        LineParser p = new LineParser(tokens);
        return p.peek().kind() == Token.Kind.END ? null : p.line();
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        return tokens.get(next++);
    }

    /** Fails at the current token: its lexical error when it is one, else "expected WHAT". */
    private <T> Checked<T> expected(String what) {
        Token t = peek();
        return Checked.fail(t.pos(), t.kind() == Token.Kind.ERROR ? t.text() : "expected " + what);
    }

    private <T> Checked<T> end(T value, String after) {
        return peek().kind() == Token.Kind.END ? Checked.ok(value) : expected("end of line after " + after);
    }

    private Checked<Step> line() {
        Token first = peek();
        if (first.isWord("boot")) {
            return boot();
        }
        if (first.isWord("step")) {
            return schedule();
        }
        if (first.isWord("invariants")) {
            take();
            return end(new Step.CheckInvariants(first.pos()), "'invariants'");
        }
        return syscall();
    }

    private Checked<Step> boot() {
        Pos pos = take().pos();
        String hostname = null;
        Pos hostnamePos = Pos.NONE;
        Long seed = null;
        java.util.Map<String, Integer> limits = new java.util.LinkedHashMap<>();
        while (peek().kind() != Token.Kind.END) {
            Token key = peek();
            boolean isHost = key.isWord("hostname") && hostname == null;
            boolean isSeed = key.isWord("seed") && seed == null;
            boolean isLimit = key.kind() == Token.Kind.WORD && Step.Boot.LIMITS.contains(key.text())
                    && !limits.containsKey(key.text());
            if (!isHost && !isSeed && !isLimit || tokens.get(next + 1).kind() != Token.Kind.EQUALS) {
                java.util.List<String> left = new java.util.ArrayList<>();
                if (hostname == null) {
                    left.add("hostname=NAME");
                }
                if (seed == null) {
                    left.add("seed=N");
                }
                for (String l : Step.Boot.LIMITS) {
                    if (!limits.containsKey(l)) {
                        left.add(l + "=N");
                    }
                }
                return expected(left.isEmpty() ? "end of line after the boot options"
                        : String.join(", ", left) + " or end of line");
            }
            next += 2;
            Token v = peek();
            if (isHost) {
                if (v.kind() != Token.Kind.WORD && v.kind() != Token.Kind.INT && v.kind() != Token.Kind.STRING) {
                    return expected("a hostname after 'hostname='");
                }
                hostname = take().text();
                hostnamePos = v.pos();
            } else if (isSeed) {
                seed = v.kind() == Token.Kind.INT ? Numbers.parseLong(v.text()) : null;
                if (seed == null) {
                    return expected("a number between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE
                            + " after 'seed='");
                }
                take();
            } else {
                Long n = v.kind() == Token.Kind.INT ? Numbers.parseLong(v.text()) : null;
                if (n == null || n < 0 || n > Integer.MAX_VALUE) {
                    return expected("a number from 0 to " + Integer.MAX_VALUE + " after '" + key.text() + "='");
                }
                limits.put(key.text(), n.intValue());
                take();
            }
        }
        return Checked.ok(new Step.Boot(hostname, hostnamePos, seed, limits, pos));
    }

    private Checked<Step> schedule() {
        Pos pos = take().pos();
        Token n = peek();
        Long count = n.kind() == Token.Kind.INT ? Numbers.parseLong(n.text()) : null;
        if (count == null || count < 0 || count > Integer.MAX_VALUE) {
            return expected("a step count (0 to " + Integer.MAX_VALUE + ") after 'step'");
        }
        take();
        return end(new Step.Schedule(count.intValue(), pos), "'step N'");
    }

    private Checked<Step> syscall() {
        Token a = peek();
        Actor actor;
        if (a.kind() == Token.Kind.PERCENT) {
            actor = new Actor.RootPid(Integer.parseInt(a.text()), a.pos());
        } else if (a.kind() == Token.Kind.WORD && Lexer.name(a.text()) && !RESERVED.contains(a.text())) {
            actor = new Actor.Named(a.text(), a.pos());
        } else {
            return expected("an actor (a name or %PID) or a directive (boot, step, invariants)");
        }
        take();
        Token call = peek();
        if (call.kind() != Token.Kind.WORD || call.text().equals("as")) {
            return expected("a call after the actor");
        }
        take();
        List<Value> args = new ArrayList<>();
        while (peek().kind() != Token.Kind.END && peek().kind() != Token.Kind.ARROW && !peek().isWord("as")) {
            Value v = argument(peek());
            if (v == null) {
                return expected("an argument, '=>', 'as NAME' or end of line");
            }
            args.add(v);
            take();
        }
        Value expected = null;
        if (peek().kind() == Token.Kind.ARROW) {
            take();
            Checked<Value> e = expectedValue();
            if (!e.isOk()) {
                return Checked.fail(e.error());
            }
            expected = e.value();
        }
        String bind = null;
        if (peek().isWord("as")) {
            take();
            Token n = peek();
            if (n.kind() != Token.Kind.WORD || !Lexer.name(n.text()) || RESERVED.contains(n.text())) {
                return expected("a name after 'as' (a letter or '_', then letters, digits or '_';"
                        + " not boot, step, invariants or as)");
            }
            bind = take().text();
        } else if (peek().kind() != Token.Kind.END) {
            return expected("'as NAME' or end of line after the expected value");
        }
        return end(new Step.Syscall(actor, call.text(), call.pos(), args, expected, bind), "'as NAME'");
    }

    /** The argument a token stands for, or null when no argument can start with it. */
    private static Value argument(Token t) {
        return switch (t.kind()) {
            case INT -> new Value.Int(t.text(), t.pos());
            case WORD -> new Value.Word(t.text(), t.pos());
            case STRING -> new Value.Str(t.text(), t.pos());
            case FLAGS -> new Value.FlagSet(List.of(t.text().split("\\|")), t.pos());
            case DOLLAR -> new Value.Ref(t.text(), t.pos());
            case AT -> new Value.PidOf(t.text(), t.pos());
            default -> null;
        };
    }

    private Checked<Value> expectedValue() {
        Token t = peek();
        if (t.kind() == Token.Kind.LBRACKET) {
            return list();
        }
        Value v = switch (t.kind()) {
            case INT -> Numbers.parseLong(t.text()) == null ? null : new Value.Int(t.text(), t.pos());
            case WORD -> t.text().equals("as") ? null
                    : t.text().equals("_") ? new Value.Any(t.pos()) : new Value.Word(t.text(), t.pos());
            case STRING -> new Value.Str(t.text(), t.pos());
            case DOLLAR -> new Value.Ref(t.text(), t.pos());
            default -> null;
        };
        if (v == null) {
            return expected(t.kind() == Token.Kind.INT
                    ? "an integer between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE + " after '=>'"
                    : VALUE + " (an integer, word, \"string\", [list], $NAME or _)");
        }
        take();
        return Checked.ok(v);
    }

    private Checked<Value> list() {
        Pos pos = take().pos();
        List<Long> values = new ArrayList<>();
        if (peek().kind() == Token.Kind.RBRACKET) {
            take();
            return Checked.ok(new Value.IntList(values, pos));
        }
        while (true) {
            Token n = peek();
            Long v = n.kind() == Token.Kind.INT ? Numbers.parseLong(n.text()) : null;
            if (v == null) {
                return expected(values.isEmpty() ? "an integer or ']' in the list" : "an integer in the list");
            }
            take();
            values.add(v);
            Token sep = peek();
            if (sep.kind() == Token.Kind.RBRACKET) {
                take();
                return Checked.ok(new Value.IntList(values, pos));
            }
            if (sep.kind() != Token.Kind.COMMA) {
                return expected("',' or ']' in the list");
            }
            take();
        }
    }
}

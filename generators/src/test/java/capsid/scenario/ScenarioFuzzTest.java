package capsid.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.kernel.call.Call;
import capsid.kernel.call.Sys;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the scenario language (ABI.md section 1): random bytes and
 * random soups of the language's own tokens never make parsing or running throw,
 * every error names a line and column inside the input, printing round-trips, and
 * every call that converts formats back to an equal call.
 */
class ScenarioFuzzTest {
    private static final int CASES = 2500;
    private static final Pattern WHERE = Pattern.compile("^t\\.csc:(\\d+):(\\d+): ");

    private static final String[] WORDS = {
        "boot", "step", "invariants", "as", "init", "a", "b", "c", "_", "max", "lazy", "hostname", "seed",
        "KILL", "TERM", "newpid", "newuts", "newns", "r", "w", "rw", "create", "grant", "pid", "uts", "net",
        "pids", "fds", "ESRCH", "FROZEN", "/a", "/dev/null", "x.y:z-", "-", "12abc",
    };
    private static final String[] TOKENS = {
        "=>", "=", "[", "]", ",", "[1,2]", "[]", "#c", "|", "||", "a|", "newpid|newuts", "r|w|grant", "0|7",
        "$a", "$fd", "$", "$1", "@a", "@init", "@", "%1", "%2", "%0", "%x", "%99999999999", "\"s\"", "\"\"",
        "\"a b\\n\\t\\\"\\\\\\x41\"", "\"bad\\q\"", "\"\\x4", "\"open", "\"\u20ac\"", "\u20ac", "\u0000", "!",
        "hostname=web", "seed=5", "hostname=", "seed=x", "0", "1", "2", "3", "-1", "2147483648",
        "-2147483649", "9223372036854775808", "99999999999999999999999", "007",
    };

    private static String soupLine(SplittableRandom rnd) {
        List<String> parts = new ArrayList<>();
        int kind = rnd.nextInt(10);
        if (kind < 6) {
            parts.add(new String[] {"init", "a", "b", "%1", "%2"}[rnd.nextInt(5)]);
            Sys[] all = Sys.values();
            parts.add(all[rnd.nextInt(all.length)].word());
        } else if (kind == 6) {
            parts.add("boot");
        }
        int n = rnd.nextInt(7);
        for (int i = 0; i < n; i++) {
            int pick = rnd.nextInt(3);
            parts.add(pick == 0 ? WORDS[rnd.nextInt(WORDS.length)]
                    : pick == 1 ? TOKENS[rnd.nextInt(TOKENS.length)] : Integer.toString(rnd.nextInt(-3, 12)));
        }
        if (rnd.nextInt(3) == 0) {
            parts.add("=>");
            parts.add(rnd.nextBoolean() ? TOKENS[rnd.nextInt(TOKENS.length)] : WORDS[rnd.nextInt(WORDS.length)]);
        }
        if (rnd.nextInt(3) == 0) {
            parts.add("as");
            parts.add(new String[] {"a", "b", "c", "fd", "boot", "1"}[rnd.nextInt(6)]);
        }
        String sep = new String[] {" ", "  ", "\t", ""}[rnd.nextInt(4)];
        return String.join(rnd.nextInt(8) == 0 ? sep : " ", parts);
    }

    private static String soup(SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder(rnd.nextInt(4) == 0 ? "" : "boot\ninit fork as a\n");
        int lines = rnd.nextInt(1, 12);
        for (int i = 0; i < lines; i++) {
            sb.append(soupLine(rnd)).append(rnd.nextInt(6) == 0 ? "\r\n" : "\n");
        }
        return sb.toString();
    }

    private static String bytes(SplittableRandom rnd) {
        int len = rnd.nextInt(0, 160);
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            int r = rnd.nextInt(20);
            sb.append(r == 0 ? '\n' : r == 1 ? '\r' : r == 2 ? (char) rnd.nextInt(0x100, 0x3000)
                    : (char) rnd.nextInt(0, 0x100));
        }
        return sb.toString();
    }

    /** Line lengths as the parser sees them (split at \n, a trailing \r dropped). */
    private static List<Integer> lineLengths(String text) {
        List<Integer> out = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            out.add(line.endsWith("\r") ? line.length() - 1 : line.length());
        }
        return out;
    }

    private static void assertInside(String text, int line, int col, String what) {
        List<Integer> lengths = lineLengths(text);
        assertTrue(line >= 1 && line <= lengths.size(), () -> what + ": line " + line + " outside " + text);
        assertTrue(col >= 1 && col <= lengths.get(line - 1) + 1,
                () -> what + ": column " + col + " outside line " + line + " of " + text);
    }

    private static void check(String text) {
        ParsedScript parsed = Parser.parse("t.csc", text);
        for (ScriptError e : parsed.errors()) {
            assertInside(text, e.pos().line(), e.pos().col(), e.message());
        }
        String printed = Printer.print(parsed.script());
        ParsedScript again = Parser.parse("t.csc", printed);
        assertEquals(List.of(), again.errors(), printed);
        assertEquals(parsed.script(), again.script(), printed);

        for (Step s : parsed.script().steps()) {
            if (s instanceof Step.Syscall c && c.args().stream().noneMatch(
                    v -> v instanceof Value.Ref || v instanceof Value.PidOf)) {
                Checked<Call> call = CallSyntax.toCall(c.call(), c.args(), c.callPos());
                if (call.isOk()) {
                    String formatted = CallSyntax.format(call.value());
                    Step.Syscall back = (Step.Syscall) Parser.parse("t.csc", "a " + formatted).script().steps().get(0);
                    assertEquals(call.value(), CallSyntax.toCall(back.call(), back.args(), back.callPos()).value(),
                            formatted);
                } else {
                    assertInside(text, call.error().pos().line(), call.error().pos().col(), call.error().message());
                }
            }
        }

        Report r = ScenarioRunner.run(parsed);
        assertEquals(parsed.script().steps().size() + parsed.errors().size(), r.outcomes().size());
        assertEquals(r.outcomes().size(), r.passed() + r.failed());
        for (Outcome o : r.outcomes()) {
            assertNotEquals(Outcome.Status.KERNEL_BUG, o.status(), () -> o.render() + "\n" + text);
            if (o.status() == Outcome.Status.SCRIPT_ERROR) {
                Matcher m = WHERE.matcher(o.detail().isEmpty() ? o.step() : o.detail());
                assertTrue(m.find(), () -> "no FILE:LINE:COL in " + o.render());
                assertEquals(o.line(), Integer.parseInt(m.group(1)), o.render());
                assertInside(text, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), o.render());
            }
            assertTrue(o.render().indexOf('\n') < 0, o.render());
        }
        assertTrue(r.text().endsWith(Report.summary(r.passed(), r.failed()) + "\n"));
    }

    @Test
    void randomBytesNeverThrowAndErrorsPointInsideTheInput() {
        SplittableRandom rnd = new SplittableRandom(20261122L);
        for (int i = 0; i < CASES; i++) {
            check(bytes(rnd));
        }
    }

    @Test
    void tokenSoupsNeverThrowAndErrorsPointInsideTheInput() {
        SplittableRandom rnd = new SplittableRandom(7L);
        int ran = 0;
        for (int i = 0; i < CASES; i++) {
            String text = soup(rnd);
            check(text);
            ran += Parser.parse("t.csc", text).script().steps().size();
        }
        assertTrue(ran > CASES, "the soups must contain well-formed steps too: " + ran);
    }

    @Test
    void hugeAndDegenerateInputs() {
        check("a f " + "9".repeat(100_000));
        check("a f \"" + "x".repeat(100_000));
        check("\n".repeat(10_000));
        check("\r\n\r\r\n");
        check("boot\n" + "init getpid => 1\n".repeat(2_000));
        check("boot\n" + ("init fork newpid as a" + "\n" + "a fork newpid as a\n").repeat(20));
    }
}

package capsid.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The lexer and parser of scenario scripts (ABI.md section 1): every token kind and every error. */
class ParserTest {

    private static Step.Syscall call(String line) {
        ParsedScript p = Parser.parse("t.csc", line);
        assertEquals(List.of(), p.errors(), "errors");
        return assertInstanceOf(Step.Syscall.class, p.script().steps().get(0));
    }

    private static String error(String text) {
        ParsedScript p = Parser.parse("t.csc", text);
        assertEquals(1, p.errors().size(), "one error in " + text);
        return p.errors().get(0).render("t.csc");
    }

    @Test
    void everyArgumentKind() {
        Step.Syscall s = call("a exec prog 12 -7 0 word_./:- newpid|newuts|7 \"q\\n\\t\\\"\\\\\\x41\\xff\" $fd @b");
        assertEquals(new Actor.Named("a", Pos.NONE), s.actor());
        assertEquals("exec", s.call());
        assertEquals(List.of(
                new Value.Word("prog", Pos.NONE),
                new Value.Int("12", Pos.NONE),
                new Value.Int("-7", Pos.NONE),
                new Value.Int("0", Pos.NONE),
                new Value.Word("word_./:-", Pos.NONE),
                new Value.FlagSet(List.of("newpid", "newuts", "7"), Pos.NONE),
                new Value.Str("q\n\t\"\\A\u00ff", Pos.NONE),
                new Value.Ref("fd", Pos.NONE),
                new Value.PidOf("b", Pos.NONE)), s.args());
        assertNull(s.expected());
        assertNull(s.bind());
    }

    @Test
    void positionsAreRecorded() {
        Step.Syscall s = call("  x   kill  @y KILL => ESRCH as z");
        assertEquals(1, s.pos().line());
        assertEquals(3, s.actor().pos().col());
        assertEquals(7, s.callPos().col());
        assertEquals(13, s.args().get(0).pos().col());
        assertEquals(24, s.expected().pos().col());
    }

    @Test
    void everyExpectedKind() {
        assertEquals(new Value.Int("-3", Pos.NONE), call("a f => -3").expected());
        assertEquals(new Value.Word("ESRCH", Pos.NONE), call("a f => ESRCH").expected());
        assertEquals(new Value.Word("3/max", Pos.NONE), call("a f => 3/max").expected());
        assertEquals(new Value.Str("r|w", Pos.NONE), call("a f => \"r|w\"").expected());
        assertEquals(new Value.IntList(List.of(3L, -4L), Pos.NONE), call("a f => [3, -4]").expected());
        assertEquals(new Value.IntList(List.of(), Pos.NONE), call("a f => []").expected());
        assertEquals(new Value.Ref("x", Pos.NONE), call("a f => $x").expected());
        assertEquals(new Value.Any(Pos.NONE), call("a f => _").expected());
        assertEquals("b", call("a fork => 2 as b").bind());
        assertEquals("b", call("a fork as b").bind());
    }

    @Test
    void rootPidActor() {
        assertEquals(new Actor.RootPid(42, Pos.NONE), call("%42 getpid").actor());
    }

    @Test
    void directives() {
        ParsedScript p = Parser.parse("t.csc", "boot\nboot hostname=web seed=-9\nboot seed=3 hostname=\"a b\"\n"
                + "step 5\ninvariants\n");
        assertEquals(List.of(), p.errors());
        assertEquals(List.of(
                new Step.Boot(null, Pos.NONE, null, Pos.NONE),
                new Step.Boot("web", Pos.NONE, -9L, Pos.NONE),
                new Step.Boot("a b", Pos.NONE, 3L, Pos.NONE),
                new Step.Schedule(5, Pos.NONE),
                new Step.CheckInvariants(Pos.NONE)), p.script().steps());
        assertEquals(List.of(1, 2, 3, 4, 5), p.script().steps().stream().map(s -> s.pos().line()).toList());
    }

    @Test
    void bootLimitsParsePrintAndRefuseRepeatsOrBadValues() {
        ParsedScript p = Parser.parse("t.csc", "boot pid_max=6 pid_reserved=3 pidns_levels=1 fd_max=2 seed=4\n");
        assertEquals(List.of(), p.errors());
        Step.Boot b = (Step.Boot) p.script().steps().get(0);
        assertEquals(java.util.Map.of("pid_max", 6, "pid_reserved", 3, "pidns_levels", 1, "fd_max", 2), b.limits());
        assertEquals("boot seed=4 pid_max=6 pid_reserved=3 pidns_levels=1 fd_max=2", Printer.print(b));
        assertEquals(b, Parser.parse("u.csc", Printer.print(b)).script().steps().get(0));
        assertEquals("t.csc:1:16: expected hostname=NAME, seed=N, pid_reserved=N, pidns_levels=N, fd_max=N "
                + "or end of line", Parser.parse("t.csc", "boot pid_max=6 pid_max=7\n").errors().get(0).render("t.csc"));
        assertEquals("t.csc:1:73: expected end of line after the boot options", Parser.parse("t.csc",
                "boot hostname=a seed=1 pid_max=6 pid_reserved=3 pidns_levels=1 fd_max=2 x\n").errors().get(0)
                .render("t.csc"));
        assertEquals("t.csc:1:13: expected a number from 0 to 2147483647 after 'fd_max='",
                Parser.parse("t.csc", "boot fd_max=-1\n").errors().get(0).render("t.csc"));
    }

    @Test
    void bootWithImpossibleLimitsIsAScriptErrorNamingTheLimit() {
        Report r = ScenarioRunner.run("t.csc", "boot pid_max=4 pid_reserved=9\ninit getpid => 1\n");
        assertEquals(2, r.failed());
        assertTrue(r.text().contains("pid_reserved 9"), r.text());
    }

    @Test
    void commentsBlankLinesAndCrlf() {
        ParsedScript p = Parser.parse("t.csc", "# header\r\n\r\n  \t\r\nboot # c\r\ninit write 3 \"#not a comment\"#c\r\n");
        assertEquals(List.of(), p.errors());
        assertEquals(2, p.script().steps().size());
        Step.Syscall w = (Step.Syscall) p.script().steps().get(1);
        assertEquals(5, w.pos().line());
        assertEquals(new Value.Str("#not a comment", Pos.NONE), w.args().get(1));
    }

    @Test
    void wordsThatLookLikeNumbersOrKeywords() {
        Step.Syscall s = call("a f 12abc - -x 1-2 _ max lazy");
        assertEquals(List.of("12abc", "-", "-x", "1-2", "_", "max", "lazy"),
                s.args().stream().map(v -> ((Value.Word) v).text()).toList());
    }

    @Test
    void hugeIntegersLexAsIntegersAndArgumentsKeepTheirText() {
        Step.Syscall s = call("a f 99999999999999999999999999");
        assertEquals(new Value.Int("99999999999999999999999999", Pos.NONE), s.args().get(0));
    }

    @Test
    void oneErrorPerLineAndTheRestStillParses() {
        ParsedScript p = Parser.parse("t.csc", "boot\ninit fork =>\ninit getpid => 1\ninit ! x\n");
        assertEquals(2, p.script().steps().size());
        assertEquals(List.of("t.csc:2:13: expected a value after '=>' (an integer, word, \"string\", [list], $NAME or _)",
                "t.csc:4:6: unexpected character '!'"),
                p.errors().stream().map(e -> e.render("t.csc")).toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " -> ", quoteCharacter = '`', value = {
        // lexical errors
        "`a f \"abc` -> t.csc:1:5: unterminated string: expected '\"' before the end of the line",
        "`a f \"a\\qb\"` -> t.csc:1:7: bad escape: expected \\n, \\t, \\\", \\\\ or \\xHH after '\\'",
        "`a f \"a\\x4\"` -> t.csc:1:7: bad escape: expected two hex digits after \\x",
        "`a f \"a\\xg0\"` -> t.csc:1:7: bad escape: expected two hex digits after \\x",
        "`a f \"a\\` -> t.csc:1:7: bad escape: expected \\n, \\t, \\\", \\\\ or \\xHH after '\\'",
        "`a f \"\u20ac\"` -> t.csc:1:6: character U+20AC is not a byte: write its bytes as \\xHH",
        "`a f x ! y` -> t.csc:1:7: unexpected character '!'",
        "`a f \u20ac` -> t.csc:1:5: unexpected character U+20AC",
        "`a f newpid|` -> t.csc:1:12: expected a flag after '|'",
        "`a f newpid||newuts` -> t.csc:1:12: expected a flag after '|'",
        "`a f |x` -> t.csc:1:5: unexpected character '|'",
        "`a f $` -> t.csc:1:5: expected a name after '$' (a letter or '_', then letters, digits or '_')",
        "`a f $1x` -> t.csc:1:5: expected a name after '$' (a letter or '_', then letters, digits or '_')",
        "`a f @a.b` -> t.csc:1:5: expected a name after '@' (a letter or '_', then letters, digits or '_')",
        "`%x getpid` -> t.csc:1:1: expected a root pid (1 to 2147483647) after '%'",
        "`%0 getpid` -> t.csc:1:1: expected a root pid (1 to 2147483647) after '%'",
        "`%99999999999 getpid` -> t.csc:1:1: expected a root pid (1 to 2147483647) after '%'",
        // grammar errors
        "`5 getpid` -> t.csc:1:1: expected an actor (a name or %PID) or a directive (boot, step, invariants)",
        "`a.b getpid` -> t.csc:1:1: expected an actor (a name or %PID) or a directive (boot, step, invariants)",
        "`as getpid` -> t.csc:1:1: expected an actor (a name or %PID) or a directive (boot, step, invariants)",
        "`=> 3` -> t.csc:1:1: expected an actor (a name or %PID) or a directive (boot, step, invariants)",
        "`a` -> t.csc:1:2: expected a call after the actor",
        "`a \"fork\"` -> t.csc:1:3: expected a call after the actor",
        "`a as b` -> t.csc:1:3: expected a call after the actor",
        "`a f [1]` -> t.csc:1:5: expected an argument, '=>', 'as NAME' or end of line",
        "`a f x = y` -> t.csc:1:7: expected an argument, '=>', 'as NAME' or end of line",
        "`a f %3` -> t.csc:1:5: expected an argument, '=>', 'as NAME' or end of line",
        "`a f =>` -> t.csc:1:7: expected a value after '=>' (an integer, word, \"string\", [list], $NAME or _)",
        "`a f => @b` -> t.csc:1:8: expected a value after '=>' (an integer, word, \"string\", [list], $NAME or _)",
        "`a f => r|w` -> t.csc:1:8: expected a value after '=>' (an integer, word, \"string\", [list], $NAME or _)",
        "`a f => as b` -> t.csc:1:8: expected a value after '=>' (an integer, word, \"string\", [list], $NAME or _)",
        "`a f => 99999999999999999999` -> t.csc:1:8: expected an integer between -9223372036854775808 and 9223372036854775807 after '=>'",
        "`a f => 1 2` -> t.csc:1:10: expected 'as NAME' or end of line after the expected value",
        "`a f => [` -> t.csc:1:9: expected an integer or ']' in the list",
        "`a f => [1,` -> t.csc:1:11: expected an integer in the list",
        "`a f => [1 2]` -> t.csc:1:11: expected ',' or ']' in the list",
        "`a f => [x]` -> t.csc:1:9: expected an integer or ']' in the list",
        "`a f => [99999999999999999999]` -> t.csc:1:9: expected an integer or ']' in the list",
        "`a f => 1 as` -> t.csc:1:12: expected a name after 'as' (a letter or '_', then letters, digits or '_'; not boot, step, invariants or as)",
        "`a f as 5` -> t.csc:1:8: expected a name after 'as' (a letter or '_', then letters, digits or '_'; not boot, step, invariants or as)",
        "`a f as boot` -> t.csc:1:8: expected a name after 'as' (a letter or '_', then letters, digits or '_'; not boot, step, invariants or as)",
        "`a f as b c` -> t.csc:1:10: expected end of line after 'as NAME'",
        "`a f as b => 1` -> t.csc:1:10: expected end of line after 'as NAME'",
        "`boot x` -> t.csc:1:6: expected hostname=NAME, seed=N, pid_max=N, pid_reserved=N, pidns_levels=N, fd_max=N or end of line",
        "`boot hostname web` -> t.csc:1:6: expected hostname=NAME, seed=N, pid_max=N, pid_reserved=N, pidns_levels=N, fd_max=N or end of line",
        "`boot hostname=` -> t.csc:1:15: expected a hostname after 'hostname='",
        "`boot hostname=[` -> t.csc:1:15: expected a hostname after 'hostname='",
        "`boot seed=x` -> t.csc:1:11: expected a number between -9223372036854775808 and 9223372036854775807 after 'seed='",
        "`boot seed=99999999999999999999` -> t.csc:1:11: expected a number between -9223372036854775808 and 9223372036854775807 after 'seed='",
        "`boot seed=1 seed=2` -> t.csc:1:13: expected hostname=NAME, pid_max=N, pid_reserved=N, pidns_levels=N, fd_max=N or end of line",
        "`boot hostname=a hostname=b` -> t.csc:1:17: expected seed=N, pid_max=N, pid_reserved=N, pidns_levels=N, fd_max=N or end of line",
        "`boot hostname=a seed=1 x` -> t.csc:1:24: expected pid_max=N, pid_reserved=N, pidns_levels=N, fd_max=N or end of line",
        "`step` -> t.csc:1:5: expected a step count (0 to 2147483647) after 'step'",
        "`step -1` -> t.csc:1:6: expected a step count (0 to 2147483647) after 'step'",
        "`step 2147483648` -> t.csc:1:6: expected a step count (0 to 2147483647) after 'step'",
        "`step 1 2` -> t.csc:1:8: expected end of line after 'step N'",
        "`invariants now` -> t.csc:1:12: expected end of line after 'invariants'",
        // the first problem on a line wins, lexical or not
        "`a f => => \"x` -> t.csc:1:8: expected a value after '=>' (an integer, word, \"string\", [list], $NAME or _)",
        "`a f \"x => ` -> t.csc:1:5: unterminated string: expected '\"' before the end of the line",
    })
    void errorsNameFileLineColumnAndWhatWasExpected(String text, String expected) {
        assertEquals(expected, error(text));
    }

    @Test
    void nulAndControlBytesAreUnexpectedOutsideStringsAndKeptInside() {
        assertEquals("t.csc:1:5: unexpected character '\\x00'", error("a f \u0000"));
        assertEquals("t.csc:1:5: unexpected character '\\x07'", error("a f \u0007"));
        assertEquals(new Value.Str("\u0000\u0007\u00e9", Pos.NONE), call("a f \"\u0000\u0007\u00e9\"").args().get(0));
    }

    @Test
    void errorsCountLinesAndColumnsAfterCrlf() {
        assertEquals("t.csc:3:8: expected a value after '=>' (an integer, word, \"string\", [list], $NAME or _)",
                error("boot\r\n# x\r\na f => \r\n"));
    }

    @Test
    void errorColumnsAreInsideTheLine() {
        for (String line : List.of("a f =>", "a f \"", "a", "a f newpid|", "step", "boot hostname=")) {
            ScriptError e = Parser.parse("t.csc", line).errors().get(0);
            assertTrue(e.pos().col() >= 1 && e.pos().col() <= line.length() + 1, line + " -> " + e.pos());
        }
    }
}

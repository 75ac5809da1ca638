package capsid.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The printer: canonical text that parses back to the same AST (ABI.md section 1). */
class PrinterTest {

    private static final String SOURCE = String.join("\n",
            "# every construct, in a messy layout",
            "boot",
            "boot   hostname=web",
            "boot seed=-5   hostname=\"a b\"  # both",
            "boot hostname=as seed=9223372036854775807",
            "init   fork  =>  2   as a",
            "a unshare newpid|newuts|1073741824 => 0",
            "%12 kill @a KILL => ESRCH",
            "a write 3 \"tab\\there \\\"q\\\" back\\\\ nl\\n \\x00\\x7f\\xff\" => _",
            "a exec counter 007 -0 99999999999999999999 word as x",
            "a read $x 10 => \"\"",
            "a pipe => [3,4] as p",
            "a pipe => []",
            "a quota_get 3 pids => 3/max",
            "a cap_rights 3 => \"r|w|grant\"",
            "a dup 3 => $x",
            "a sethostname \"as\"",
            "a sethostname _ => EINVAL",
            "step 0",
            "step 2147483647",
            "invariants",
            "");

    @Test
    void printedTextParsesBackToTheSameAst() {
        ParsedScript parsed = Parser.parse("t.csc", SOURCE);
        assertEquals(List.of(), parsed.errors());
        String printed = Printer.print(parsed.script());
        ParsedScript again = Parser.parse("t.csc", printed);
        assertEquals(List.of(), again.errors());
        assertEquals(parsed.script(), again.script());
        assertEquals(printed, Printer.print(again.script()), "printing is canonical");
    }

    @Test
    void canonicalLayout() {
        ParsedScript parsed = Parser.parse("t.csc", SOURCE);
        List<String> lines = List.of(Printer.print(parsed.script()).split("\n"));
        assertEquals("boot", lines.get(0));
        assertEquals("boot hostname=web", lines.get(1));
        assertEquals("boot hostname=\"a b\" seed=-5", lines.get(2));
        assertEquals("boot hostname=\"as\" seed=9223372036854775807", lines.get(3));
        assertEquals("init fork => 2 as a", lines.get(4));
        assertEquals("%12 kill @a KILL => ESRCH", lines.get(6));
        assertEquals("a write 3 \"tab\\there \\\"q\\\" back\\\\ nl\\n \\x00\\x7f\\xff\" => _", lines.get(7));
        assertEquals("a exec counter 007 -0 99999999999999999999 word as x", lines.get(8));
        assertEquals("a pipe => [3,4] as p", lines.get(10));
    }

    @Test
    void everyByteRoundTripsThroughAQuotedString() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 256; c++) {
            all.append(c);
        }
        Step s = new Step.Syscall(new Actor.Named("a", Pos.NONE), "write", Pos.NONE,
                List.of(new Value.Int("3", Pos.NONE), new Value.Str(all.toString(), Pos.NONE)), null, null);
        ParsedScript back = Parser.parse("t.csc", Printer.print(new Script(List.of(s))));
        assertEquals(List.of(), back.errors());
        assertEquals(List.of(s), back.script().steps());
    }

    @Test
    void stringsPrintBareOnlyWhenTheyLexBackAsWords() {
        assertEquals("web", Printer.text("web"));
        assertEquals("/a/b.c", Printer.text("/a/b.c"));
        assertEquals("\"\"", Printer.text(""));
        assertEquals("\"as\"", Printer.text("as"));
        assertEquals("\"a b\"", Printer.text("a b"));
        assertEquals("\"a|b\"", Printer.text("a|b"));
        assertEquals("\"#\"", Printer.text("#"));
    }

    @Test
    void builtStepsPrintAsWritten() {
        Step s = new Step.Syscall(new Actor.RootPid(7, Pos.NONE), "kill", Pos.NONE,
                List.of(new Value.PidOf("b", Pos.NONE), new Value.Word("TERM", Pos.NONE)),
                new Value.Ref("z", Pos.NONE), "c");
        assertEquals("%7 kill @b TERM => $z as c", Printer.print(s));
        assertEquals("boot", Printer.print(new Step.Boot(null, Pos.NONE, null, Pos.NONE)));
        assertEquals("step 3", Printer.print(new Step.Schedule(3, Pos.NONE)));
        assertEquals("invariants", Printer.print(new Step.CheckInvariants(Pos.NONE)));
    }
}

package capsid.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The -tool output reader and the result classification on output written by hand
 * in TLC 2.18's format, including output TLC should never produce: nothing odd may
 * come out as a pass.
 */
class ToolOutputTest {
    private static final String PASS = """
            @!@!@STARTMSG 2262:0 @!@!@
            TLC2 Version 2.18 of 20 March 2023
            @!@!@ENDMSG 2262 @!@!@
            @!@!@STARTMSG 2187:0 @!@!@
            Running breadth-first search Model-Checking with fp 1 and seed -77 with 2 workers on 2 cores with 100MB heap
            @!@!@ENDMSG 2187 @!@!@
            @!@!@STARTMSG 2193:0 @!@!@
            Model checking completed. No error has been found.
            @!@!@ENDMSG 2193 @!@!@
            @!@!@STARTMSG 2200:0 @!@!@
            Progress(12) at 2024-01-01 00:00:00: 1,609,570 states generated (1,609,570 s/min), 544,011 distinct states found (544,011 ds/min), 7,485 states left on queue.
            @!@!@ENDMSG 2200 @!@!@
            @!@!@STARTMSG 2199:0 @!@!@
            3000001 states generated, 1000000 distinct states found, 0 states left on queue.
            @!@!@ENDMSG 2199 @!@!@
            @!@!@STARTMSG 2194:0 @!@!@
            The depth of the complete state graph search is 298.
            @!@!@ENDMSG 2194 @!@!@
            @!@!@STARTMSG 2186:0 @!@!@
            Finished in 01min 05s at (2024-01-01 00:01:05)
            @!@!@ENDMSG 2186 @!@!@
            """;

    private static TlcRun run() {
        return new TlcRun(TlcRequest.of(Path.of("/nowhere/S.tla")), null, false);
    }

    private static TlcRun feed(String text) {
        TlcRun r = run();
        text.lines().forEach(r.output()::acceptLine);
        return r;
    }

    @Test
    void theDistributedServersPlainVersionLineGivesTheVersion() {
        // TLCServer prints its version before it reads -tool: a plain line, no message 2262
        String server = "TLC2 TLC Server Version 2.18 of 20 March 2023\n"
                + PASS.substring(PASS.indexOf("@!@!@STARTMSG 2187"));
        TlcResult r = feed(server).classifyOutput(0);
        assertEquals(Outcome.PASS, r.result(), r.toString());
        assertEquals("2.18", r.tlcVersion());
        assertNull(feed(PASS.substring(PASS.indexOf("@!@!@STARTMSG 2187"))).classifyOutput(0).tlcVersion(),
                "without a version line there is no version");
        // a plain line that merely mentions a version later does not override message 2262
        assertEquals("2.18", feed(PASS + "TLC2 TLC Server Version 9.9 of 1 April 2030\n").classifyOutput(0)
                .tlcVersion());
    }

    @Test
    void aCompleteRunIsAPassWithTheFinalCounts() {
        TlcResult r = feed(PASS).classifyOutput(0);
        assertEquals(Outcome.PASS, r.result(), r.toString());
        assertEquals(1000000L, r.distinctStates());
        assertEquals(3000001L, r.generatedStates());
        assertEquals(298, r.depth());
        assertEquals("2.18", r.tlcVersion());
        assertEquals(-77L, r.seed());
        assertEquals(65.0, r.tlcSeconds());
    }

    @Test
    void progressWithThousandsSeparatorsAndCapsidProgressLines() {
        TlcRun r = feed(PASS.substring(0, PASS.indexOf("@!@!@STARTMSG 2199")));
        ToolOutput.Snapshot s = r.output().snapshot();
        assertEquals(1609570L, s.generated());
        assertEquals(544011L, s.distinct());
        assertEquals(7485L, s.queue());
        assertEquals(12, s.depth());
        r.output().acceptStderrLine(ToolOutput.PROGRESS_PREFIX + "5 4 3 2");
        r.output().acceptStderrLine(ToolOutput.PROGRESS_PREFIX + "garbage");
        s = r.output().snapshot();
        assertEquals(5L, s.generated());
        assertEquals(2, s.depth());
    }

    @Test
    void nothingOddIsAPass() {
        // exit 0 but the output stops before the final counts
        String cut = PASS.substring(0, PASS.indexOf("@!@!@STARTMSG 2199"));
        TlcResult r = feed(cut).classifyOutput(0);
        assertEquals(Outcome.ERROR, r.result());
        assertTrue(r.reason().contains("without its success message and final counts"), r.reason());
        // exit 0 without the success message
        r = feed(PASS.replace("2193", "2999")).classifyOutput(0);
        assertEquals(Outcome.ERROR, r.result());
        // exit 0, output cut inside a message
        r = feed(PASS + "@!@!@STARTMSG 2186:0 @!@!@\nFinished in").classifyOutput(0);
        assertEquals(Outcome.ERROR, r.result());
        assertTrue(r.reason().contains("ends inside a message"), r.reason());
        // a violation exit code without the violation message
        r = feed(PASS).classifyOutput(12);
        assertEquals(Outcome.ERROR, r.result());
        assertTrue(r.reason().contains("exited 12"), r.reason());
        // unknown exit codes and signals
        assertTrue(feed(PASS).classifyOutput(3).reason().contains("unknown code 3"));
        assertTrue(feed(PASS).classifyOutput(137).reason().contains("killed by signal 9 (SIGKILL)"));
        assertTrue(feed(PASS).classifyOutput(150).reason().contains("without reporting a parse failure"));
        // no output at all
        r = feed("").classifyOutput(0);
        assertEquals(Outcome.ERROR, r.result());
        assertNull(r.distinctStates());
        // an error message with exit 0
        r = feed(PASS + "@!@!@STARTMSG 1000:1 @!@!@\nsomething broke\n@!@!@ENDMSG 1000 @!@!@\n").classifyOutput(0);
        assertEquals(Outcome.ERROR, r.result());
        assertTrue(r.reason().contains("something broke"), r.reason());
    }

    @Test
    void nestedMessagesStartingMidLine() {
        String text = """
                @!@!@STARTMSG 1000:1 @!@!@
                TLC threw an unexpected exception.
                The exception was a java.lang.RuntimeException
                : @!@!@STARTMSG 2154:0 @!@!@
                Attempted to apply the operator overridden by the Java method
                but it produced the following error:
                Cannot cast tlc2.value.impl.StringValue to tlc2.value.impl.IntValue
                @!@!@ENDMSG 2154 @!@!@
                @!@!@ENDMSG 1000 @!@!@
                @!@!@STARTMSG 2103:1 @!@!@
                The error occurred when TLC was evaluating the nested
                expressions at the following positions:
                0. Line 5, column 9 to line 5, column 43 in E
                1. Line 5, column 14 to line 5, column 43 in E
                @!@!@ENDMSG 2103 @!@!@
                """;
        TlcRun run = feed(text);
        List<ToolOutput.Message> msgs = run.output().messages();
        assertEquals(List.of(2154, 1000, 2103), msgs.stream().map(ToolOutput.Message::code).toList());
        assertTrue(msgs.get(1).body().contains("Cannot cast"), msgs.get(1).body());
        TlcResult r = run.classifyOutput(75);
        assertEquals(Outcome.ERROR, r.result());
        assertEquals(new SourceLocation("E", 5, 14), r.location());
        assertTrue(r.reason().startsWith("E:5:14: evaluation error: "), r.reason());
        assertTrue(r.reason().contains("got a string where an integer is needed"), r.reason());
        assertFalse(r.reason().contains("java.lang") || r.reason().contains("tlc2.") || r.reason().contains(" | "),
                r.reason());
    }

    @Test
    void traceStatesThatDoNotParseAreReportedNotHidden() {
        String text = """
                @!@!@STARTMSG 2110:1 @!@!@
                Invariant Inv is violated.
                @!@!@ENDMSG 2110 @!@!@
                @!@!@STARTMSG 2121:1 @!@!@
                The behavior up to this point is:
                @!@!@ENDMSG 2121 @!@!@
                @!@!@STARTMSG 2217:4 @!@!@
                1: <Initial predicate>
                x = [S -> T]
                @!@!@ENDMSG 2217 @!@!@
                """;
        TlcResult r = feed(text).classifyOutput(12);
        assertEquals(Outcome.VIOLATION, r.result());
        assertEquals("Inv", r.property());
        assertNull(r.trace());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("trace state 1 not parsed")), r.warnings().toString());
    }

    @Test
    void tlcDurations() {
        assertEquals(1.383, ToolOutput.durationSeconds("1383ms"));
        assertEquals(5.0, ToolOutput.durationSeconds("05s"));
        assertEquals(3720.0, ToolOutput.durationSeconds("01h 02min"));
        assertEquals(93600.0, ToolOutput.durationSeconds("1d 02h"));
        assertNull(ToolOutput.durationSeconds("soon"));
    }
}

package capsid.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** capsid check's behaviour (the CLI only parses flags into a request and calls CheckRun.run). */
class CheckRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(TlcRequest r, boolean json) {
        return CheckRun.run(r, json, new ProofsLog(root.resolve("proofs-log"),
                new PrintStream(err, true, StandardCharsets.UTF_8)), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<String> outLines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private JsonNode lastJson() throws Exception {
        List<String> lines = outLines();
        return JSON.readTree(lines.get(lines.size() - 1));
    }

    private List<JsonNode> records() throws Exception {
        return ProofsLog.read(root.resolve("proofs-log/runs.jsonl")).records();
    }

    @Test
    void aLivenessModelAskedForTwoWorkersGetsOneAndANote() throws Exception {
        assertEquals(0, run(Specs.request("TickerLive", "TickerLive").withWorkers(2), false));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("(model TickerLive.cfg, 1 worker)"), err.toString());
        assertTrue(text.contains("TLC 2.18, 1 worker"), text);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("capsid check: note: workers: 1 instead of 2:"
                + " liveness: SPECIFICATION FairSpec has fairness (in Fairness); TLC 2.18 is unsound"), err.toString());
        assertEquals(1, records().get(0).get("workers").asInt());
    }

    @Test
    void jsonPassIsTheLastLineAndIsLogged() throws Exception {
        assertEquals(0, run(Specs.request("Counter", "Counter"), true));
        JsonNode j = lastJson();
        assertEquals("pass", j.get("result").asText());
        assertEquals(7, j.get("distinct_states").asLong());
        assertEquals(8, j.get("generated_states").asLong());
        assertEquals(7, j.get("depth").asInt());
        assertTrue(j.get("seconds").asDouble() > 0);
        assertEquals("2.18", j.get("tlc_version").asText());
        assertEquals("check", j.get("kind").asText());
        List<JsonNode> recs = records();
        assertEquals(1, recs.size());
        assertEquals(j.get("timestamp").asText(), recs.get(0).get("timestamp").asText());
        assertEquals("pass", recs.get(0).get("result").asText());
    }

    @Test
    void violationPrintsASummaryWithTheTraceAndExits1() throws Exception {
        assertEquals(1, run(Specs.request("Counter", "CounterSmall"), false));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("result: VIOLATION: invariant Small violated"), text);
        assertTrue(text.contains("trace (4 states"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("  3: \\S*specs/Counter\\.tla:\\d+:\\d+ Tick")), text);
        assertTrue(text.contains("      x: 2 -> 3"), text);
        assertTrue(text.contains("counterexample: "), text);
        JsonNode rec = records().get(0);
        assertEquals("violation", rec.get("result").asText());
        Path cex = root.resolve("proofs-log").resolve(rec.get("counterexample").asText());
        assertEquals(4, Itf.read(cex).size());
    }

    @Test
    void jsonViolationCarriesTheTraceAsItf() throws Exception {
        assertEquals(1, run(Specs.request("Liveness", "Liveness"), true));
        JsonNode j = lastJson();
        assertEquals("liveness", j.get("result").asText());
        assertEquals(0, j.get("trace").get("loop").asInt());
        assertEquals(3, j.get("trace").get("states").size());
        assertTrue(Files.exists(root.resolve("proofs-log").resolve(j.get("counterexample").asText())));
        assertTrue(j.get("counterexample").asText().startsWith("counterexamples/Liveness-Liveness-"));
    }

    @Test
    void parseErrorIsExit2WithTheLocation() throws Exception {
        assertEquals(2, run(Specs.request("ParseError", "ParseError"), true));
        JsonNode j = lastJson();
        assertEquals("error", j.get("result").asText());
        assertEquals(5, j.get("location").get("line").asInt());
        assertEquals(1, j.get("location").get("column").asInt());
        assertEquals("error", records().get(0).get("result").asText());
    }

    @Test
    void badInputIsExit2WithoutARecord() throws Exception {
        assertEquals(2, run(TlcRequest.of(root.resolve("Missing.tla")), true));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("spec file not found: " + root.resolve("Missing.tla")));
        // --json: the record is the last stdout line even when TLC never started
        JsonNode j = lastJson();
        assertEquals("error", j.get("result").asText());
        assertEquals("spec file not found: " + root.resolve("Missing.tla"), j.get("reason").asText());
        assertEquals("check", j.get("kind").asText());
        out.reset();
        assertEquals(2, run(Specs.request("Counter", "NoSuchModel"), false));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--config: model file not found"),
                err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(root.resolve("proofs-log/runs.jsonl")));
    }

    @Test
    void simulationIsLoggedAsSuch() throws Exception {
        assertEquals(0, run(Specs.request("PingPong", "PingPong").withSimulation(3, 12), true));
        JsonNode j = lastJson();
        assertEquals("pass", j.get("result").asText());
        assertEquals("simulate", j.get("kind").asText());
        assertEquals("simulate", j.get("mode").asText());
        assertEquals(12, j.get("depth").asInt());
        assertTrue(j.get("distinct_states").isNull());
        assertEquals("simulate", records().get(0).get("kind").asText());
    }

    @Test
    void longRunsPrintProgressAndATimeoutIsAnError() throws Exception {
        TlcRequest r = Specs.request("Grid", "GridHuge").withTimeout(Duration.ofSeconds(4))
                .withProgressInterval(Duration.ofMillis(500));
        assertEquals(2, run(r, false));
        List<String> progress = err.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("progress: "))
                .toList();
        assertTrue(progress.size() >= 4, err.toString(StandardCharsets.UTF_8));
        assertTrue(progress.stream().anyMatch(l -> l.matches(
                "progress: \\d+ s, checking: [\\d,]+ states generated \\([\\d,]+/s\\), [\\d,]+ distinct, depth \\d+, "
                        + "queue [\\d,]+")), progress.toString());
        assertTrue(outLines().get(0).startsWith("error: timeout: TLC still running after 4 s; child killed (last "
                + "progress: "), outLines().toString());
        assertEquals("result: ERROR", outLines().get(1));
        assertTrue(outLines().stream().noneMatch(l -> l.startsWith("progress: ")), outLines().toString());
        assertEquals("error", records().get(0).get("result").asText());
    }

    @Test
    void aPassThatCannotBeRecordedIsNotAPass() throws Exception {
        Files.writeString(root.resolve("proofs-log"), "a file where the log directory should be");
        assertEquals(2, run(Specs.request("Counter", "Counter"), true));
        JsonNode j = lastJson();
        assertEquals("pass", j.get("result").asText());
        assertFalse(j.get("proofs_log_error").isNull());
    }
}

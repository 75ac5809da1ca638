package capsid.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.checker.value.Value;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProofsLogTest {
    @TempDir
    Path root;

    private final ByteArrayOutputStream warned = new ByteArrayOutputStream();

    private ProofsLog log() {
        return new ProofsLog(root.resolve("proofs-log"), new PrintStream(warned, true, StandardCharsets.UTF_8));
    }

    static TlcResult pass(Path root) {
        return new TlcResult(Outcome.PASS, null, 7L, 8L, 0L, 7, 1.25, 0.4, "2.18", "bfs",
                root.resolve("spec/Counter.tla").toString(), root.resolve("spec/Counter.cfg").toString(),
                Map.of("N", "7"), 1, 5L, "abc", false, 0, null, null, null, null, List.of(), List.of());
    }

    static TlcResult violation(Path root) {
        Trace t = new Trace(List.of(new State(0, State.INITIAL_PREDICATE, Map.of("x", Value.of(0))),
                new State(1, "<Next line 1, col 1 to line 1, col 9 of module Counter>", Map.of("x", Value.of(1)))));
        return new TlcResult(Outcome.VIOLATION, null, 2L, 2L, 0L, 2, 1.0, 0.3, "2.18", "bfs",
                root.resolve("spec/Counter.tla").toString(), root.resolve("spec/CounterSmall.cfg").toString(),
                Map.of(), 1, 5L, null, null, 12, "Small", "invariant", t, null, List.of(), List.of());
    }

    @Test
    void oneLinePerRunWithPathsRelativeToTheProject() throws Exception {
        ProofsLog log = log();
        ProofsLog.Appended a = log.append(pass(root), "check", Instant.parse("2026-01-02T03:04:05.678Z"));
        List<String> lines = Files.readAllLines(log.file());
        assertEquals(1, lines.size());
        JsonNode rec = ProofsLog.read(log.file()).records().get(0);
        assertEquals("2026-01-02T03:04:05.678Z", rec.get("timestamp").asText());
        assertEquals("check", rec.get("kind").asText());
        assertEquals("pass", rec.get("result").asText());
        assertEquals(7, rec.get("distinct_states").asInt());
        assertEquals(8, rec.get("generated_states").asInt());
        assertEquals("spec/Counter.tla", rec.get("spec").asText());
        assertEquals("spec/Counter.cfg", rec.get("model").asText());
        assertEquals("7", rec.get("constants").get("N").asText());
        assertTrue(rec.get("counterexample").isNull());
        assertTrue(rec.get("torn_line").isNull());
        assertTrue(!rec.has("trace"));
        assertNull(a.counterexample());
        assertEquals("", warned.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aTraceBecomesAnItfCounterexampleNamedInTheRecord() throws Exception {
        ProofsLog log = log();
        TlcResult v = violation(root);
        ProofsLog.Appended a = log.append(v, "check", Instant.parse("2026-01-02T03:04:05.678Z"));
        assertNotNull(a.counterexample());
        assertEquals("Counter-CounterSmall-20260102T030405.678Z.itf.json", a.counterexample().getFileName().toString());
        assertEquals(v.trace(), Itf.read(a.counterexample()));
        JsonNode rec = ProofsLog.read(log.file()).records().get(0);
        assertEquals("counterexamples/Counter-CounterSmall-20260102T030405.678Z.itf.json",
                rec.get("counterexample").asText());
        assertEquals("Small", rec.get("property").asText());
        assertEquals(2, rec.get("trace_length").asInt());
        // the same second again: a second file, not an overwrite
        ProofsLog.Appended b = log.append(v, "check", Instant.parse("2026-01-02T03:04:05.678Z"));
        assertTrue(b.counterexample().getFileName().toString().endsWith("-2.itf.json"));
    }

    @Test
    void aTornLastLineIsReportedKeptAndNeverMergedInto() throws Exception {
        ProofsLog log = log();
        log.append(pass(root), "check");
        long offset = Files.size(log.file());
        Files.writeString(log.file(), "{\"result\":\"pa", java.nio.file.StandardOpenOption.APPEND);
        ProofsLog.Appended a = log.append(pass(root), "check");
        assertEquals(new ProofsLog.TornLine(offset, 13, false), a.torn());
        String w = warned.toString(StandardCharsets.UTF_8);
        assertTrue(w.contains(log.file().toString()) && w.contains("byte offset " + offset), w);
        List<String> lines = Files.readAllLines(log.file());
        assertEquals(3, lines.size());
        assertEquals("{\"result\":\"pa", lines.get(1));
        ProofsLog.Contents c = ProofsLog.read(log.file());
        assertEquals(2, c.records().size());
        assertEquals(List.of(offset), c.badLineOffsets());
        JsonNode torn = c.records().get(1).get("torn_line");
        assertEquals(offset, torn.get("offset").asLong());
        assertEquals(false, torn.get("terminated").asBoolean());
        // the next append finds a clean end
        warned.reset();
        assertNull(log.append(pass(root), "check").torn());
        assertEquals("", warned.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aTerminatedGarbageLineAndAnUnterminatedRecordAreBothFlagged() throws Exception {
        ProofsLog log = log();
        Files.createDirectories(log.dir());
        Files.writeString(log.file(), "{\"ok\":1}\nnot json\n");
        ProofsLog.Appended a = log.append(pass(root), "check");
        assertEquals(new ProofsLog.TornLine(9, 9, true), a.torn());
        assertEquals(3, Files.readAllLines(log.file()).size());

        Files.writeString(log.file(), "{\"ok\":1}");
        ProofsLog.Appended b = log.append(pass(root), "check");
        assertEquals(new ProofsLog.TornLine(0, 8, false), b.torn());
        assertEquals(2, ProofsLog.read(log.file()).records().size());
    }

    @Test
    void concurrentAppendsStayWholeLines() throws Exception {
        ProofsLog log = log();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            fs.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    log.append(pass(root), "check");
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        ProofsLog.Contents c = ProofsLog.read(log.file());
        assertEquals(100, c.records().size());
        assertEquals(List.of(), c.badLineOffsets());
    }

    @Test
    void everyRecordSaysWhatReproducesItAndHasAResult() throws Exception {
        ProofsLog log = log().withProvenance("capsid check spec/Counter.tla --seed 5", root);
        JsonNode tlc = log.append(pass(root), "check").record();
        JsonNode other = log.append("refine", Itf.JSON.createObjectNode().put("result", "pass").put("seed", 1))
                .record();
        for (JsonNode r : List.of(tlc, other)) {
            assertEquals(ProofsLog.SCHEMA, r.get("schema").asInt(), r.toString());
            assertEquals("capsid check spec/Counter.tla --seed 5", r.get("command").asText());
            assertEquals(ProofsLog.jdk(), r.get("jdk").asText());
            assertTrue(r.get("jdk").asText().startsWith(System.getProperty("java.runtime.version")), r.toString());
            assertEquals(Tlc.sha256(), r.get("tlc_sha256").asText());
            assertTrue(r.get("tlc_sha256").asText().matches("[0-9a-f]{64}"), r.toString());
            assertTrue(r.has("commit") && r.has("dirty") && r.has("result"), r.toString());
        }
        assertEquals("abc", tlc.get("commit").asText()); // TLC's records: the spec's commit
        assertTrue(other.get("commit").isNull(), other.toString()); // not a git repository
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> log.append("fuzz", Itf.JSON.createObjectNode().put("execs", 5)));
        assertEquals("a fuzz record needs a result (pass, violation, error, ...)", e.getMessage());
        assertEquals(2, ProofsLog.read(log.file()).records().size());
    }

    @Test
    void aLogThatIsOffMakesTheRecordAndWritesNothing() throws Exception {
        ProofsLog off = ProofsLog.off("--no-log");
        ProofsLog.Appended a = off.append(violation(root), "check");
        assertEquals("violation", a.record().get("result").asText());
        assertNull(a.counterexample());
        assertNull(off.file());
        assertEquals("--no-log", off.offReason());
        off.append("bench", Itf.JSON.createObjectNode().put("result", "pass"));
        assertTrue(!Files.exists(root.resolve("proofs-log")));
    }
}

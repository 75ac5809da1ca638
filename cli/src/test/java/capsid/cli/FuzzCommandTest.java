package capsid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.scenario.Report;
import capsid.scenario.ScenarioRunner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * capsid fuzz end to end, without the agent (tests do not run from the shaded jar):
 * two child jobs share a corpus directory, every entry they keep replays with
 * `capsid run` semantics, and the summary record reaches proofs-log.
 */
class FuzzCommandTest {

    @Test
    void twoJobsShareACorpusWhoseEntriesReplayAndTheRunIsRecorded(@TempDir Path root) throws Exception {
        Path corpus = root.resolve("corpus");
        Path out = root.resolve("failures");
        String old = System.getProperty("capsid.root");
        System.setProperty("capsid.root", root.toString());
        PrintStream oldOut = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buf, true));
            code = Main.commandLine().execute("fuzz", "--no-agent", "--jobs", "2", "--execs", "300", "--seed", "7",
                    "--corpus", corpus.toString(), "--out", out.toString(), "--json");
        } finally {
            System.setOut(oldOut);
            if (old == null) {
                System.clearProperty("capsid.root");
            } else {
                System.setProperty("capsid.root", old);
            }
        }
        String text = buf.toString();
        assertEquals(0, code, text);
        String[] lines = text.strip().split("\n");
        JsonNode rec = new ObjectMapper().readTree(lines[lines.length - 1]);
        // each job runs its 300 programs; re-running the other job's entries when it
        // adopts them (every 3 s) counts as executions too
        assertTrue(rec.get("execs").asLong() >= 600, text);
        assertEquals(2, rec.get("jobs").asInt());
        assertEquals(0, rec.get("failures").asLong());
        assertEquals("FallbackFeedback", rec.get("feedback").asText());
        assertTrue(rec.get("corpus").asLong() > 0, text);

        List<Path> entries;
        try (Stream<Path> s = Files.list(corpus)) {
            entries = s.filter(p -> p.toString().endsWith(".csc")).sorted().toList();
        }
        assertFalse(entries.isEmpty(), "no corpus entry written");
        for (Path e : entries.subList(0, Math.min(entries.size(), 50))) {
            Report r = ScenarioRunner.run(e);
            assertEquals(0, r.failed(), e + ":\n" + r.text());
        }

        List<String> log = Files.readAllLines(root.resolve("proofs-log/runs.jsonl"));
        JsonNode last = new ObjectMapper().readTree(log.get(log.size() - 1));
        assertEquals("fuzz", last.get("kind").asText());
        assertEquals(rec.get("execs").asLong(), last.get("execs").asLong());
    }

    @Test
    void absurdNumbersAreRefusedNamingTheFlag() {
        java.io.PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true));
            assertEquals(2, Main.commandLine().execute("fuzz", "--jobs", "0"));
            assertEquals(2, Main.commandLine().execute("fuzz", "--figures", "--pairs", "-1"));
            assertEquals(2, Main.commandLine().execute("fuzz", "--worker", "--no-feedback"));
        } finally {
            System.setErr(oldErr);
        }
        assertTrue(err.toString().contains("capsid fuzz: --jobs must be at least 1 (was 0)"), err.toString());
        assertTrue(err.toString().contains("capsid fuzz: --pairs must be at least 1 (was -1)"), err.toString());
        assertTrue(err.toString().contains("capsid fuzz: --no-feedback needs --blind (guidance is feedback)"),
                err.toString());
    }

    @Test
    void unreachedProbesAreGroupedByClassWithTheCallRecordsAsOne() {
        assertEquals(java.util.Map.of("Call$*", 2, "ProcessTable", 1),
                FuzzFigures.groups(java.util.Set.of("capsid/kernel/call/Call$Fork.flags()I#0 ENTRY line 9",
                        "capsid/kernel/call/Call$Kill.equals(Ljava/lang/Object;)Z#0 ENTRY line 9",
                        "capsid/kernel/process/ProcessTable.fork(Lcapsid/kernel/process/Process;I)"
                                + "Lcapsid/kernel/Result;#45 TAKEN line 208")));
    }
}

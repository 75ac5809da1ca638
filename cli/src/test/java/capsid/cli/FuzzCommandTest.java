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
        Files.createDirectories(root.resolve("model"));
        Files.copy(Path.of("..", "model", "CapabilityConfinement.als"), root.resolve("model/CapabilityConfinement.als"));
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
        // the Alloy check's first draw is within any budget: each job solves some state
        assertTrue(rec.get("alloy_states").asLong() >= 1, text);
        assertEquals(0.03, rec.get("alloy_share").asDouble(), 1e-9);

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
            assertEquals(2, Main.commandLine().execute("fuzz", "--alloy-share", "101"));
        } finally {
            System.setErr(oldErr);
        }
        assertTrue(err.toString().contains("capsid fuzz: --jobs must be at least 1 (was 0)"), err.toString());
        assertTrue(err.toString().contains("capsid fuzz: --pairs must be at least 1 (was -1)"), err.toString());
        assertTrue(err.toString().contains("capsid fuzz: --alloy-share 101.0: a percentage, 0 to 100"), err.toString());
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

    @Test
    void aCorpusThatIsAFileIsRefusedBeforeAnyJobStarts(@TempDir Path root) throws Exception {
        Path file = root.resolve("corpus");
        Files.writeString(file, "not a directory");
        Cli.Run r = Cli.run(java.util.Map.of("capsid.root", root.toString(), "capsid.log", ""), "fuzz", "--no-agent",
                "--execs", "300", "--corpus", file.toString(), "--out", root.resolve("out").toString());
        assertEquals(2, r.exit(), r.toString());
        assertEquals(List.of("capsid fuzz: --corpus " + file + ": not a directory"), r.errLines());
        assertEquals("", r.out());
        assertFalse(Files.exists(root.resolve("proofs-log")), "a refused campaign left a record");
    }

    @Test
    void statusLinesInTheMannerOfAflAndTheSummaryWithTheSameFields(@TempDir Path root) {
        Cli.Run r = Cli.run(java.util.Map.of("capsid.root", root.toString(), "capsid.log", ""), "fuzz", "--no-agent",
                "--execs", "3000", "--seconds", "60", "--progress", "1", "--corpus", root.resolve("c").toString(),
                "--out", root.resolve("o").toString(), "--validate", "0");
        assertEquals(0, r.exit(), r.toString());
        String fields = "\\d+:\\d\\d:\\d\\d \\| execs [\\d,]+ \\([\\d,]+/s\\) \\| programs [\\d,]+ \\| corpus [\\d,]+ "
                + "\\| edges [\\d,]+ \\(call features, no agent\\) \\| last new edge \\d+:\\d\\d:\\d\\d ago \\| failures 0";
        assertTrue(r.outLines().stream().anyMatch(l -> l.matches("fuzz: done: " + fields)), r.toString());
        assertTrue(r.outLines().stream().filter(l -> l.matches("fuzz: " + fields)).count() >= 1, r.toString());
    }

    @Test
    void theStatusLineGroupsNumbersAndCountsEdgesOfTheProbes() {
        FuzzCommand.Totals t = new FuzzCommand.Totals(4_413_029, 4_400_000, 835, 1_390, 37, 0, 0);
        assertEquals("0:01:40 | execs 4,413,029 (44,130/s) | programs 4,400,000 | corpus 37 | edges 835/1,390 (60.1%) "
                + "| last new edge 0:00:12 ago | failures 0", FuzzCommand.statusLine(t, true, 100, 12.5));
        assertEquals("0:00:03 | execs 0 (0/s) | programs 0 | corpus 0 | edges 0 | last new edge none yet | failures 0",
                FuzzCommand.statusLine(new FuzzCommand.Totals(0, 0, 0, -1, 0, 0, 0), true, 3, 3));
        assertTrue(FuzzCommand.statusLine(t, false, 100, 1).contains("| edges 835 (call features, no agent) |"));
    }

    @Test
    void theAlloyLineGivesStatesRateAndShareOfTheJobsTime() {
        assertEquals("alloy kernel-instance check: 1,200 kernel states checked against model/CapabilityConfinement.als,"
                + " 4.0 states/s, 300.0 s (2.5% of the jobs' time, budget 3%)",
                FuzzCommand.alloyLine(3, 1200, 300, 12_000));
        assertTrue(FuzzCommand.alloyLine(0.5, 0, 0, 10).endsWith("budget 0.5%)"));
        assertEquals("alloy kernel-instance check: off (--alloy-share 0)", FuzzCommand.alloyLine(0, 0, 0, 10));
    }

    @Test
    void aCampaignThatCannotWriteSaysSoOnceWithACount(@TempDir Path root) throws Exception {
        Path notADir = root.resolve("corpus");
        Files.writeString(notADir, "a file");
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        Repeats messages = new Repeats("job 1: ", new PrintStream(buf, true));
        capsid.gen.fuzz.Campaign c = new capsid.gen.fuzz.Campaign(capsid.gen.fuzz.Campaign.Options.defaults(1)
                .withDirs(notADir, root.resolve("out")), capsid.kernel.Kernel::syscall, List.of(),
                new capsid.gen.fuzz.FallbackFeedback(), messages);
        c.runFor(500);
        messages.close();
        assertTrue(c.writeErrors() > 1, "no write failed");
        List<String> lines = buf.toString().lines().toList();
        assertEquals(2, lines.size(), buf.toString());
        assertTrue(lines.get(0).startsWith("job 1: cannot write to " + notADir + ": "), lines.get(0));
        assertEquals(lines.get(0) + " (" + String.format(java.util.Locale.ROOT, "%,d", c.writeErrors())
                + " times in all)", lines.get(1));
    }

    @Test
    void theFinalValidationShowsProgress(@TempDir Path root) throws Exception {
        Path spec = Path.of("..", "spec").toAbsolutePath().normalize();
        Files.createDirectories(root.resolve("spec"));
        try (Stream<Path> s = Files.list(spec)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Files.copy(p, root.resolve("spec").resolve(p.getFileName()));
            }
        }
        Cli.Run r = Cli.run(java.util.Map.of("capsid.root", root.toString(), "capsid.log", "",
                        "capsid.progress.seconds", "0.3"), "fuzz", "--no-agent", "--execs", "200", "--validate", "1",
                "--corpus", root.resolve("c").toString(), "--out", root.resolve("o").toString(), "--json");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.errLines().stream().anyMatch(l -> l.matches("capsid fuzz: \\d+:\\d\\d:\\d\\d, still at: fuzz: "
                + "validating 1 corpus entries against spec/NamespaceUnshare.tla \\.\\.\\.")), r.toString());
        assertEquals(1, r.lastJson().get("validated").asInt(), r.toString());
    }
}

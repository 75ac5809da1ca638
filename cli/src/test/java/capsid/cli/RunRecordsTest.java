package capsid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.checker.Hashes;
import capsid.checker.ProofsLog;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code capsid check} records a run (--log DIR, --no-log, CAPSID_LOG, and by
 * default only specs inside the repository), and that a record says what
 * reproduces it: the command line, every module TLC loaded with its hash, and
 * {@code dirty} from all of them (a module the spec EXTENDS included).
 */
class RunRecordsTest {
    @TempDir
    Path repo;
    @TempDir
    Path elsewhere;

    private static final String COUNTER = """
            ---- MODULE Counter ----
            \\* Counts up to Limit (from CounterBase); Small fails at 2.
            EXTENDS CounterBase
            VARIABLE x
            Init == x = 0
            Next == x < Limit /\\ x' = x + 1
            Small == x < 2
            ====
            """;

    @BeforeEach
    void aRepositoryWithACommittedSpec() throws Exception {
        Files.createDirectories(repo.resolve("spec"));
        Files.createDirectories(repo.resolve("scenarios"));
        Files.writeString(repo.resolve("pom.xml"), "<project/>\n");
        Files.writeString(repo.resolve("spec/Counter.tla"), COUNTER);
        Files.writeString(repo.resolve("spec/CounterBase.tla"), "---- MODULE CounterBase ----\nEXTENDS Naturals\n"
                + "Limit == 2\n====\n");
        Files.writeString(repo.resolve("spec/Counter.cfg"), "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n");
        Files.writeString(repo.resolve("spec/CounterSmall.cfg"), "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n"
                + "INVARIANT Small\n");
        git("init", "-q");
        git("add", "-A");
        git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "spec");
    }

    private void git(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private String head() throws Exception {
        Process p = new ProcessBuilder("git", "-C", repo.toString(), "rev-parse", "HEAD").start();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    private Cli.Run check(Map<String, String> extraProps, String... args) {
        Map<String, String> p = new HashMap<>();
        p.put("capsid.root", repo.toString());
        p.put("capsid.log", "");
        p.putAll(extraProps);
        String[] all = new String[args.length + 1];
        all[0] = "check";
        System.arraycopy(args, 0, all, 1, args.length);
        return Cli.run(p, all);
    }

    private List<JsonNode> records(Path dir) throws Exception {
        Path f = dir.resolve(ProofsLog.RUNS);
        return Files.exists(f) ? ProofsLog.read(f).records() : List.of();
    }

    @Test
    void aSpecInsideIsRecordedWithEveryModuleAndDirtyFromAllOfThem() throws Exception {
        String spec = repo.resolve("spec/Counter.tla").toString();
        Cli.Run r = check(Map.of(), spec);
        assertEquals(0, r.exit(), r.toString());
        List<JsonNode> recs = records(repo.resolve("proofs-log"));
        assertEquals(1, recs.size(), r.toString());
        JsonNode rec = recs.get(0);
        assertEquals("capsid check " + spec, rec.get("command").asText());
        assertEquals(head(), rec.get("commit").asText());
        assertFalse(rec.get("dirty").asBoolean(), rec.toString());
        assertEquals(3, rec.get("distinct_states").asInt());
        assertEquals("spec/Counter.tla", rec.get("spec").asText());
        Map<String, JsonNode> modules = new HashMap<>();
        rec.get("modules").forEach(m -> modules.put(m.get("module").asText(), m));
        assertEquals("spec/CounterBase.tla", modules.get("CounterBase").get("file").asText());
        assertEquals(Hashes.sha256(repo.resolve("spec/CounterBase.tla")), modules.get("CounterBase").get("sha256")
                .asText());
        assertTrue(modules.get("Naturals").get("standard").asBoolean(), rec.toString());
        assertEquals(Hashes.sha256(repo.resolve("spec/Counter.cfg")), rec.get("model_sha256").asText());

        // the module the spec EXTENDS changes: more states, and the record is dirty
        Files.writeString(repo.resolve("spec/CounterBase.tla"), "---- MODULE CounterBase ----\nEXTENDS Naturals\n"
                + "Limit == 5\n====\n");
        r = check(Map.of(), spec);
        assertEquals(0, r.exit(), r.toString());
        JsonNode after = records(repo.resolve("proofs-log")).get(1);
        assertEquals(6, after.get("distinct_states").asInt());
        assertTrue(after.get("dirty").asBoolean(), after.toString());
        assertTrue(r.out().contains("(dirty: a module or the model differs from it)"), r.toString());
        String baseHash = null;
        for (JsonNode m : after.get("modules")) {
            if (m.get("module").asText().equals("CounterBase")) {
                baseHash = m.get("sha256").asText();
            }
        }
        assertEquals(Hashes.sha256(repo.resolve("spec/CounterBase.tla")), baseHash);
        assertFalse(baseHash.equals(modules.get("CounterBase").get("sha256").asText()));
    }

    @Test
    void aSpecElsewhereIsNotRecordedAndStderrSaysSo() throws Exception {
        Files.writeString(elsewhere.resolve("Counter.tla"), COUNTER);
        Files.writeString(elsewhere.resolve("CounterBase.tla"), "---- MODULE CounterBase ----\nEXTENDS Naturals\n"
                + "Limit == 2\n====\n");
        Files.writeString(elsewhere.resolve("Counter.cfg"), "INIT Init\nNEXT Next\nINVARIANT Small\n"
                + "CHECK_DEADLOCK FALSE\n");
        Cli.Run r = check(Map.of(), elsewhere.resolve("Counter.tla").toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("capsid check: not recorded: " + elsewhere.resolve("Counter.tla")
                + " is outside this repository (" + repo + "); --log DIR records it"), r.toString());
        assertFalse(Files.exists(repo.resolve("proofs-log")), "wrote into the repository's proofs-log/");
        assertFalse(r.out().contains("record:"), r.toString());

        // --log DIR records it, counterexample included
        Path dir = elsewhere.resolve("log");
        r = check(Map.of(), elsewhere.resolve("Counter.tla").toString(), "--log", dir.toString());
        assertEquals(1, r.exit(), r.toString());
        JsonNode rec = records(dir).get(0);
        assertEquals("violation", rec.get("result").asText());
        assertTrue(Files.exists(dir.resolve(rec.get("counterexample").asText())), rec.toString());
        assertTrue(rec.get("dirty").isNull() || rec.get("dirty").asBoolean(), rec.toString()); // no repository
    }

    @Test
    void noLogAndCapsidLogTurnRecordingOffOrElsewhere() throws Exception {
        String small = repo.resolve("spec/Counter.tla").toString();
        Cli.Run r = check(Map.of(), small, "--config", repo.resolve("spec/CounterSmall.cfg").toString(), "--no-log");
        assertEquals(1, r.exit(), r.toString());
        assertFalse(Files.exists(repo.resolve("proofs-log")), "--no-log recorded");

        r = check(Map.of("capsid.log", "off"), small);
        assertEquals(0, r.exit(), r.toString());
        assertFalse(Files.exists(repo.resolve("proofs-log")), "CAPSID_LOG=off recorded");

        Path dir = elsewhere.resolve("ci-log");
        r = check(Map.of("capsid.log", dir.toString()), small, "--json");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(1, records(dir).size());
        assertEquals(dir.resolve(ProofsLog.RUNS).toString(), r.lastJson().get("proofs_log").asText());
        assertFalse(Files.exists(repo.resolve("proofs-log")));

        r = check(Map.of(), small, "--log", dir.toString(), "--no-log", "--json");
        assertEquals(2, r.exit(), r.toString());
        assertEquals("capsid check: --log and --no-log exclude each other", r.errLines().get(0));
        assertEquals("error", r.lastJson().get("result").asText());
    }

    @Test
    void aParseErrorInsideIsRecordedWithItsPlace() throws Exception {
        Files.writeString(repo.resolve("spec/Counter.tla"), COUNTER.replace("x' = x + 1", "x' = x + + 1"));
        Cli.Run r = check(Map.of(), repo.resolve("spec/Counter.tla").toString());
        assertEquals(2, r.exit(), r.toString());
        JsonNode rec = records(repo.resolve("proofs-log")).get(0);
        assertEquals("error", rec.get("result").asText());
        assertEquals(6, rec.get("location").get("line").asInt());
        assertTrue(rec.get("dirty").asBoolean(), rec.toString());
    }
}

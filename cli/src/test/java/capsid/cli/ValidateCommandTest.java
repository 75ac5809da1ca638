package capsid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * capsid run --event-log and capsid validate end to end: the logs a script leaves
 * are accepted; a doctored one is rejected naming its file and line; a bad one is
 * an error naming file, line and column, exit 2, never a stack trace.
 */
class ValidateCommandTest {
    static final Path ROOT = Path.of(System.getProperty("capsid.root", "..")).toAbsolutePath().normalize();
    static final ObjectMapper JSON = new ObjectMapper();

    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            String[] lines = out.strip().split("\n");
            return JSON.readTree(lines[lines.length - 1]);
        }
    }

    /** The command run in process (Cli.run) with this repository as its root; never a stack trace. */
    static Run capsid(String... args) {
        Cli.Run c = Cli.run(java.util.Map.of("capsid.root", ROOT.toString()), args);
        Run r = new Run(c.exit(), c.out(), c.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), "a stack trace: " + r.err());
        return r;
    }

    static Path scenario(String name) {
        return ROOT.resolve("scenarios").resolve(name);
    }

    @Test
    void runWritesBothLogsOfEveryBoot(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("two-boots.csc");
        Files.writeString(script, "boot\ninit fork => 2 as a\na getpid => 2\nboot hostname=Web seed=3\n"
                + "init gethostname => Web\n");
        Path logs = dir.resolve("logs");
        Run r = capsid("run", script.toString(), scenario("040-visibility.csc").toString(), "--event-log",
                logs.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().strip().endsWith("passed, 0 failed"), r.out());
        List<String> names;
        try (var s = Files.list(logs)) {
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("040-visibility.1.calls.jsonl", "040-visibility.1.events.jsonl",
                "two-boots.1.calls.jsonl", "two-boots.1.events.jsonl", "two-boots.2.calls.jsonl",
                "two-boots.2.events.jsonl"), names);
        List<String> second = Files.readAllLines(logs.resolve("two-boots.2.calls.jsonl"));
        assertEquals(List.of("{\"n\":0,\"task\":0,\"pid\":0,\"call\":\"boot\",\"args\":{\"seed\":3,\"hostname\":\"Web\"},"
                + "\"ret\":0,\"errno\":null,\"seq\":0}", "{\"n\":1,\"task\":1,\"pid\":1,\"call\":\"gethostname\","
                + "\"args\":{},\"ret\":\"Web\",\"errno\":null,\"seq\":null}"), second);
        assertEquals(2, Files.readAllLines(logs.resolve("two-boots.1.events.jsonl")).size(), "Boot, Fork");

        Run bad = capsid("run", script.toString(), "--event-log", script.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("capsid run: --event-log " + script + ": cannot create the directory"),
                bad.err());
    }

    /** The logs of a script are accepted; doctored, they are rejected at the doctored line; --json says so. */
    @Test
    void validateAcceptsTheLogsOfAScriptAndRejectsDoctoredOnes(@TempDir Path dir) throws Exception {
        assertEquals(0, capsid("run", scenario("095-orphans-namespace.csc").toString(), "--event-log",
                dir.toString()).code());
        Path events = dir.resolve("095-orphans-namespace.1.events.jsonl");
        Path calls = dir.resolve("095-orphans-namespace.1.calls.jsonl");

        Run ok = capsid("validate", events.toString(), "--calls", calls.toString(), "--json");
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().startsWith("accepted: " + events + " is a behaviour of NamespaceUnshare ("), ok.out());
        JsonNode rec = ok.json();
        assertEquals("accepted", rec.get("result").asText());
        assertEquals(Files.readAllLines(events).size() - 1, rec.get("events").asInt());
        assertEquals(Files.readAllLines(calls).size() - 1, rec.get("calls").asInt());
        assertEquals(0, rec.get("skipped").asInt());
        assertTrue(rec.get("first_rejected").isNull());
        assertTrue(rec.get("seconds").isNumber());

        // the orphan of d's exit claimed by nobody
        List<String> lines = new ArrayList<>(Files.readAllLines(events));
        int i = 0;
        while (!lines.get(i).contains("\"action\":\"Exit\"") || lines.get(i).contains("\"reparented\":[]")) {
            i++;
        }
        ObjectNode e = (ObjectNode) JSON.readTree(lines.get(i));
        ((ObjectNode) e.get("out")).putArray("reparented");
        ((ObjectNode) e.get("out")).put("reaper", 0);
        lines.set(i, e.toString());
        Path doctored = dir.resolve("doctored.events.jsonl");
        Files.write(doctored, lines);
        Run no = capsid("validate", doctored.toString(), "--json");
        assertEquals(1, no.code(), no.out() + no.err());
        assertTrue(no.out().startsWith("rejected: " + doctored + ":" + (i + 1) + ": no action of NamespaceUnshare"
                + " explains this record (event " + i + " of "), no.out());
        assertTrue(no.out().contains("\n  " + lines.get(i) + "\n"), no.out());
        JsonNode r = no.json();
        assertEquals("rejected", r.get("result").asText());
        assertEquals(doctored.toString(), r.get("first_rejected").get("file").asText());
        assertEquals(i + 1, r.get("first_rejected").get("line").asInt());
        assertEquals(lines.get(i), r.get("first_rejected").get("record").asText());

        // e's getppid after d died answered 3 (its grandparent) instead of 1
        List<String> cl = new ArrayList<>(Files.readAllLines(calls));
        int j = 0;
        while (!cl.get(j).contains("\"call\":\"getppid\"")) {
            j++;
        }
        cl.set(j, cl.get(j).replace("\"ret\":1,", "\"ret\":3,"));
        Path doctoredCalls = dir.resolve("doctored.calls.jsonl");
        Files.write(doctoredCalls, cl);
        Run wrong = capsid("validate", events.toString(), "--calls", doctoredCalls.toString());
        assertEquals(1, wrong.code(), wrong.out() + wrong.err());
        assertTrue(wrong.out().startsWith("rejected: " + doctoredCalls + ":" + (j + 1) + ": no action of"
                + " NamespaceUnshare explains this record (call " + j + " of "), wrong.out());
    }

    @Test
    void badInputIsAnErrorNamingWhereNeverAStackTrace(@TempDir Path dir) throws Exception {
        assertEquals(0, capsid("run", scenario("090-orphans-root.csc").toString(), "--event-log",
                dir.toString()).code());
        Path events = dir.resolve("090-orphans-root.1.events.jsonl");
        Path calls = dir.resolve("090-orphans-root.1.calls.jsonl");

        Run missing = capsid("validate", dir.resolve("nope.jsonl").toString(), "--json");
        assertEquals(2, missing.code());
        assertEquals("capsid validate: " + dir.resolve("nope.jsonl") + ": cannot read: no such file\n", missing.err());
        assertEquals("error", missing.json().get("result").asText());

        List<String> lines = new ArrayList<>(Files.readAllLines(events));
        lines.set(2, lines.get(2).replaceFirst(",\"action\"", ",?\"action\""));
        int col = lines.get(2).indexOf('?') + 1;
        Path broken = dir.resolve("broken.jsonl");
        Files.write(broken, lines);
        Run json = capsid("validate", broken.toString());
        assertEquals(2, json.code());
        assertTrue(json.err().matches("capsid validate: " + java.util.regex.Pattern.quote(broken.toString())
                + ":3:" + col + ": not JSON: Unexpected character .*\n"), json.err());

        Path noBoot = dir.resolve("no-boot.jsonl");
        Files.write(noBoot, Files.readAllLines(events).subList(1, 3));
        Run nb = capsid("validate", noBoot.toString());
        assertEquals(2, nb.code());
        assertEquals("capsid validate: " + noBoot + ":1: the first record must be Boot, not Fork\n", nb.err());

        assertEquals(0, capsid("run", scenario("110-init-death-kill.csc").toString(), "--event-log",
                dir.toString()).code());
        Run other = capsid("validate", events.toString(), "--calls", dir.resolve("110-init-death-kill.1.calls.jsonl")
                .toString());
        assertEquals(2, other.code());
        assertTrue(other.err().contains("is not the call log of " + events), other.err());

        Run spec = capsid("validate", events.toString(), "--spec", "Capabilities");
        assertEquals(2, spec.code());
        assertEquals("capsid validate: unknown spec 'Capabilities'; known: NamespaceUnshare, CapabilityDelegation\n", spec.err());

        SplittableRandom rnd = new SplittableRandom(5);
        Path garbage = dir.resolve("garbage.jsonl");
        for (int n = 0; n < 20; n++) {
            byte[] b = new byte[rnd.nextInt(1, 200)];
            rnd.nextBytes(b);
            Files.write(garbage, b);
            Run g = capsid("validate", garbage.toString(), "--calls", calls.toString());
            assertEquals(2, g.code(), g.err());
            assertTrue(g.err().startsWith("capsid validate: " + garbage + ":") && g.err().indexOf('\n')
                    == g.err().length() - 1, g.err());
        }
    }
}

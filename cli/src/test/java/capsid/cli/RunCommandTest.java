package capsid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capsid run}: a missing file, an empty one or a directory without scripts
 * is an error (exit 2, saying what) and nothing runs; a directory runs its *.csc;
 * a failed expectation that is an errno name in other case, or errno-shaped but no
 * errno, says so; a boot that cannot happen names only what the script wrote;
 * --tap is TAP 14 and --json one object per step then a summary.
 */
class RunCommandTest {
    @TempDir
    Path dir;

    private static Cli.Run run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "run";
        System.arraycopy(args, 0, all, 1, args.length);
        return Cli.run(Map.of(), all);
    }

    private Path file(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    @Test
    void missingEmptyAndScriptlessInputsAreErrorsAndNothingRuns() throws Exception {
        Path good = file("good.csc", "boot\ninit getpid => 1\n");
        Cli.Run r = run(good.toString(), dir.resolve("nope.csc").toString());
        assertEquals(2, r.exit(), r.toString());
        assertEquals("capsid run: " + dir.resolve("nope.csc") + ": no such file", r.errLines().get(0));
        assertEquals("", r.out(), "something ran");

        r = run(file("empty.csc", "").toString());
        assertEquals(2, r.exit(), r.toString());
        assertEquals("capsid run: " + dir.resolve("empty.csc") + ": no steps (an empty file)", r.errLines().get(0));

        r = run(file("comments.csc", "# nothing here\n\n   # still nothing\n").toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("no steps (only comments and blank lines)"), r.toString());

        Files.createDirectories(dir.resolve("none"));
        file("none/notes.txt", "boot\n");
        r = run(dir.resolve("none").toString());
        assertEquals(2, r.exit(), r.toString());
        assertEquals("capsid run: " + dir.resolve("none") + ": a directory with no *.csc file", r.errLines().get(0));

        r = run(dir.resolve("nope.csc").toString(), "--json");
        assertEquals(2, r.exit(), r.toString());
        assertEquals("error", r.lastJson().get("result").asText());
        r = run(dir.resolve("nope.csc").toString(), "--tap");
        assertEquals(List.of("TAP version 14", "Bail out! " + dir.resolve("nope.csc") + ": no such file"),
                r.outLines());
    }

    @Test
    void aDirectoryRunsItsScriptsInNameOrder() throws Exception {
        file("suite/b.csc", "boot\ninit getpid => 1\n");
        file("suite/a.csc", "boot\ninit gethostname => capsid\n");
        file("suite/readme.txt", "not a script\n");
        Cli.Run r = run(dir.resolve("suite").toString());
        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of("# " + dir.resolve("suite/a.csc"), "ok 1 - boot", "ok 2 - init gethostname => capsid # \"capsid\"",
                "# " + dir.resolve("suite/b.csc"), "ok 1 - boot", "ok 2 - init getpid => 1 # 1", "4 passed, 0 failed"),
                r.outLines());
    }

    @Test
    void errnoLikeExpectationsGetAHintAndAWordStaysAValidExpectation() throws Exception {
        Cli.Run r = run(file("hints.csc", """
                boot
                init kill 99 KILL => esrch
                init kill 99 KILL => EBOGUS
                init kill 99 KILL => ESRCH
                init sethostname EBOGUS => 0
                init gethostname => EBOGUS
                """).toString());
        assertEquals(1, r.exit(), r.toString());
        List<String> l = r.outLines();
        assertEquals("not ok 2 - init kill 99 KILL => esrch # expected esrch, got ESRCH (did you mean ESRCH?)", l.get(1));
        assertTrue(l.get(2).startsWith("not ok 3 - init kill 99 KILL => EBOGUS # expected EBOGUS, got ESRCH (EBOGUS is "
                + "no errno name; the errnos are EPERM ENOENT ESRCH"), l.get(2));
        assertEquals("ok 4 - init kill 99 KILL => ESRCH # ESRCH", l.get(3));
        assertEquals("ok 6 - init gethostname => EBOGUS # \"EBOGUS\"", l.get(5));
        assertEquals("4 passed, 2 failed", l.get(6));
    }

    @Test
    void aBootThatCannotHappenNamesOnlyWhatTheScriptWrote() throws Exception {
        Cli.Run r = run(file("boot.csc", "boot pid_max=0\n").toString());
        assertEquals(1, r.exit(), r.toString());
        assertEquals("not ok 1 - boot pid_max=0 # " + dir.resolve("boot.csc") + ":1:1: cannot boot: pid_max 0: need 2 "
                + "to 4194304", r.outLines().get(0));
        assertFalse(r.out().contains("pid_reserved"), r.toString());
        r = run(file("boot2.csc", "boot pid_max=10 pid_reserved=20\n").toString());
        assertTrue(r.out().contains("pid_reserved 20: need at least 1 and below pid_max 10"), r.toString());
    }

    @Test
    void tapIsTap14AndJsonEndsWithASummary() throws Exception {
        Path a = file("a.csc", "boot\ninit getpid => 1\ninit getpid => 2  # wrong\n");
        Cli.Run r = run(a.toString(), "--tap");
        assertEquals(1, r.exit(), r.toString());
        List<String> l = r.outLines();
        assertEquals("TAP version 14", l.get(0));
        assertEquals("ok 1 - " + a + ":1: boot", l.get(1));
        assertEquals("ok 2 - " + a + ":2: init getpid => 1", l.get(2));
        assertEquals("not ok 3 - " + a + ":3: init getpid => 2", l.get(3));
        assertEquals(List.of("  ---", "  message: \"expected 2, got 1\"", "  severity: fail", "  at:",
                "    file: \"" + a + "\"", "    line: 3", "  ..."), l.subList(4, 11));
        assertEquals("1..3", l.get(11));
        assertEquals("# 2 passed, 1 failed", l.get(12));

        r = run(a.toString(), "--json");
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String s : r.outLines()) {
            lines.add(json.readTree(s));
        }
        assertEquals(4, lines.size(), r.toString());
        assertEquals("pass", lines.get(1).get("status").asText());
        assertEquals("fail", lines.get(2).get("status").asText());
        assertEquals(3, lines.get(2).get("line").asInt());
        assertEquals("1", lines.get(2).get("result").asText());
        JsonNode sum = r.lastJson();
        assertEquals("fail", sum.get("result").asText());
        assertEquals(2, sum.get("passed").asInt());
        assertEquals(1, sum.get("failed").asInt());
    }
}

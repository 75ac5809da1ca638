package capsid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** capsid verify passes on a good suite and fails, naming the step, on a bad one. */
class VerifyCommandTest {

    private static int run(StringBuilder captured, String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        try {
            return Main.commandLine().execute(args);
        } finally {
            System.setOut(old);
            captured.append(buf);
        }
    }

    @Test
    void passesOnAGoodSuite(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.csc"), "boot\ninit getpid => 1\ninvariants\n");
        StringBuilder out = new StringBuilder();
        assertEquals(0, run(out, "verify", "--no-models", "--scenarios", dir.toString(), "--programs", "20"));
        assertTrue(out.toString().contains("scenario suite     pass"), out.toString());
        assertTrue(out.toString().contains("verify: all checks passed (models skipped: --no-models)"), out.toString());
    }

    @Test
    void failsOnAFailingScenarioAndSaysWhere(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.csc"), "boot\ninit getpid => 2\n");
        StringBuilder out = new StringBuilder();
        assertEquals(1, run(out, "verify", "--no-models", "--scenarios", dir.toString(), "--programs", "5"));
        assertTrue(out.toString().contains("scenario suite     FAIL"), out.toString());
        assertTrue(out.toString().contains("not ok 2 - init getpid => 2 # expected 2, got 1"), out.toString());
    }

    @Test
    void failsOnAnEmptySuite(@TempDir Path dir) {
        StringBuilder out = new StringBuilder();
        assertEquals(1, run(out, "verify", "--no-models", "--scenarios", dir.toString(), "--programs", "1"));
        assertTrue(out.toString().contains("no *.csc file"), out.toString());
    }
}

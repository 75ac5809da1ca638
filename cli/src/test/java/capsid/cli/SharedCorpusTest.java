package capsid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.checker.Tlc;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code capsid fuzz} campaigns in separate processes (as on two hosts that mount
 * one directory, docs/scaling.md), each with its own {@code --out} and one {@code
 * --corpus}, share entries: each re-runs entries the other wrote (its execs exceed
 * the programs it made itself), while a campaign alone on its corpus adopts nothing.
 */
class SharedCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Process fuzz(Path root, Path corpus, Path out, long seed, Path log) throws Exception {
        Files.createDirectories(out);
        return new ProcessBuilder(Tlc.javaExecutable(), "-Dcapsid.root=" + root, "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "fuzz", "--no-agent", "--jobs", "1",
                "--seconds", "10", "--seed", Long.toString(seed), "--corpus", corpus.toString(), "--out",
                out.toString(), "--validate", "0", "--no-log", "--json")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static JsonNode summary(Process p, Path log) throws Exception {
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "campaign did not finish");
        List<String> lines = Files.readAllLines(log);
        assertEquals(0, p.exitValue(), String.join("\n", lines));
        return JSON.readTree(lines.get(lines.size() - 1));
    }

    @Test
    void twoCampaignsOnOneCorpusAdoptEachOthersEntries(@TempDir Path root) throws Exception {
        Path alone = root.resolve("alone");
        JsonNode solo = summary(fuzz(root, alone, root.resolve("out-solo"), 5, root.resolve("solo.log")),
                root.resolve("solo.log"));
        assertEquals(solo.path("programs").asLong(), solo.path("execs").asLong(),
                "a campaign alone on its corpus re-runs nothing: " + solo);

        Path corpus = root.resolve("shared");
        Files.createDirectories(corpus);
        List<Process> ps = new ArrayList<>();
        ps.add(fuzz(root, corpus, root.resolve("out-a"), 1, root.resolve("a.log")));
        ps.add(fuzz(root, corpus, root.resolve("out-b"), 101, root.resolve("b.log")));
        JsonNode a;
        JsonNode b;
        try {
            a = summary(ps.get(0), root.resolve("a.log"));
            b = summary(ps.get(1), root.resolve("b.log"));
        } finally {
            ps.forEach(Process::destroyForcibly);
        }
        assertTrue(a.path("execs").asLong() > a.path("programs").asLong(), "A adopted nothing of B's: " + a);
        assertTrue(b.path("execs").asLong() > b.path("programs").asLong(), "B adopted nothing of A's: " + b);
        long entries;
        try (var s = Files.list(corpus)) {
            entries = s.filter(p -> p.toString().endsWith(".csc")).count();
        }
        assertTrue(entries > 0, "no entry in the shared corpus");
        assertEquals(0, a.path("failures").asLong());
        assertEquals(0, b.path("failures").asLong());
    }
}

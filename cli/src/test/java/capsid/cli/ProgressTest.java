package capsid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Long work shows its progress: a phase that prints nothing for the period gets a
 * line on stderr naming the elapsed time and what it is doing ({@link Heartbeat});
 * {@code capsid refine}'s state-graph dump is such a phase. (The period is set
 * short here; it is 5 s for users. The fuzz campaign's final validation has its own
 * test in FuzzCommandTest.)
 */
class ProgressTest {

    @Test
    void aSilentPhaseGetsLinesNamingWhatItIsDoingAndAChattyOneNone() throws Exception {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        String old = System.getProperty("capsid.progress.seconds");
        System.setProperty("capsid.progress.seconds", "0.2");
        try (Heartbeat hb = Heartbeat.watch("test")) {
            System.out.println("test: dumping the graph ...");
            Thread.sleep(1500); // silent
            for (int i = 0; i < 10; i++) {
                System.out.println("test: step " + i);
                Thread.sleep(50); // chatty: no heartbeat
            }
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            if (old == null) {
                System.clearProperty("capsid.progress.seconds");
            } else {
                System.setProperty("capsid.progress.seconds", old);
            }
        }
        List<String> beats = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(beats.size() >= 2, beats.toString());
        for (String b : beats) {
            assertTrue(b.matches("capsid test: 0:00:0\\d, still at: test: (dumping the graph \\.\\.\\.|step \\d)"), b);
        }
        assertTrue(beats.stream().filter(b -> b.endsWith("dumping the graph ...")).count() >= 2, beats.toString());
        assertEquals(11, out.toString(StandardCharsets.UTF_8).lines().count());
    }

    @Test
    void refineSaysWhatItIsDoingWhileTlcDumpsTheStateGraph(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("spec"));
        try (Stream<Path> s = Files.list(Path.of("..", "spec"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Files.copy(p, root.resolve("spec").resolve(p.getFileName()));
            }
        }
        // a smaller graph model, and one small model for the outcome universe, so that the
        // test takes seconds, not minutes
        Path graph = root.resolve("spec/MCNamespaceUnshareGraph.cfg");
        Files.writeString(graph, Files.readString(graph).replace("MaxTasks = 3", "MaxTasks = 2"));
        com.fasterxml.jackson.databind.ObjectMapper om = new com.fasterxml.jackson.databind.ObjectMapper();
        Path manifest = root.resolve("spec/manifest.json");
        com.fasterxml.jackson.databind.node.ObjectNode m = (com.fasterxml.jackson.databind.node.ObjectNode)
                om.readTree(Files.readString(manifest));
        com.fasterxml.jackson.databind.node.ArrayNode models = (com.fasterxml.jackson.databind.node.ArrayNode)
                m.get("specs").get(0).get("models");
        for (int i = models.size() - 1; i >= 0; i--) {
            String role = models.get(i).get("role").asText();
            if (role.equals("ci") && !models.get(i).get("name").asText().equals("nesting")) {
                models.remove(i);
            }
        }
        Files.writeString(manifest, m.toString());
        Cli.Run r = Cli.run(Map.of("capsid.root", root.toString(), "capsid.log", "", "capsid.progress.seconds",
                "0.5"), "refine", "--traces", "1", "--depth", "5", "--no-log", "--no-cache");
        assertTrue(r.outLines().get(0).startsWith("refine: outcomes reachable in "), r.toString());
        assertTrue(r.outLines().stream().anyMatch(l -> l.startsWith("refine: dumping the state graph of "
                + "MCNamespaceUnshareGraph.cfg")), r.toString());
        assertTrue(r.errLines().stream().anyMatch(l -> l.matches("capsid refine: 0:00:0\\d, still at: refine: dumping "
                + "the state graph of MCNamespaceUnshareGraph\\.cfg \\.\\.\\.")), r.toString());
    }
}

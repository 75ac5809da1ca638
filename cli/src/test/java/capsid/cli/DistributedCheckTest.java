package capsid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.checker.Tlc;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capsid check --distributed} with two {@code capsid check-worker} processes on
 * localhost finds exactly the distinct states of an ordinary run, in the same record;
 * models it cannot check soundly are refused, each with its reason.
 */
class DistributedCheckTest {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final String SPEC = ROOT.resolve("spec/MCNamespaceUnshare.tla").toString();
    static final String NESTING = ROOT.resolve("spec/MCNamespaceUnshareNesting.cfg").toString();
    static final Map<String, String> NO_LOG = Map.of("capsid.root", ROOT.toString());

    @Test
    void aServerAndTwoWorkersFindTheStatesOfASingleRun(@TempDir Path tmp) throws Exception {
        Cli.Run single = Cli.run(NO_LOG, "check", SPEC, "--config", NESTING, "--no-deadlock", "--no-log", "--json");
        assertEquals(0, single.exit(), single.toString());
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<Process> workers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            workers.add(new ProcessBuilder(Tlc.javaExecutable(), "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "check-worker", "127.0.0.1:" + port, "--threads", "1")
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("worker" + i + ".log").toFile()).start());
        }
        Cli.Run dist;
        try {
            dist = Cli.run(NO_LOG, "check", SPEC, "--config", NESTING, "--distributed", "--server-port",
                    Integer.toString(port), "--no-deadlock", "--no-log", "--json", "--timeout", "300");
            for (Process w : workers) {
                assertTrue(w.waitFor(60, TimeUnit.SECONDS), "a worker did not stop after the server finished");
                assertEquals(0, w.exitValue(), "worker exit");
            }
        } finally {
            workers.forEach(Process::destroyForcibly);
        }
        assertEquals(0, dist.exit(), dist.toString());
        JsonNode a = single.lastJson();
        JsonNode b = dist.lastJson();
        assertEquals("pass", b.path("result").asText());
        assertEquals(a.path("distinct_states").asLong(), b.path("distinct_states").asLong(), dist.toString());
        assertEquals(4187, b.path("distinct_states").asLong(), "the manifest's count for the nesting model");
        // the same TLC jar runs both: the server's record names its version as an ordinary run's does
        assertTrue(a.path("tlc_version").isTextual(), single.toString());
        assertEquals(a.path("tlc_version").asText(), b.path("tlc_version").asText(), dist.toString());
        for (var it = a.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            assertTrue(b.has(f), "the distributed record lacks " + f);
        }
        assertTrue(new File(tmp.resolve("worker0.log").toString()).length() > 0);
    }

    @Test
    void aLivenessModelIsRefused() {
        Cli.Run r = Cli.run(NO_LOG, "check", SPEC, "--config", ROOT.resolve("spec/MCNamespaceUnshareLiveness.cfg")
                .toString(), "--distributed", "--no-deadlock", "--no-log");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("--distributed: ") && r.err().contains("MCNamespaceUnshareLiveness.cfg cannot be "
                + "checked by distributed TLC, which checks safety only"), r.toString());
    }

    @Test
    void deadlockCheckingIsRefused() {
        Cli.Run r = Cli.run(NO_LOG, "check", SPEC, "--config", NESTING, "--distributed", "--no-log");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("--distributed needs --no-deadlock: distributed TLC does not report deadlocks"),
                r.toString());
    }

    @Test
    void simulationAndAStrayPortAreRefused() {
        Cli.Run sim = Cli.run(NO_LOG, "check", SPEC, "--config", NESTING, "--distributed", "--no-deadlock",
                "--simulate", "3", "--no-log");
        assertEquals(2, sim.exit(), sim.toString());
        assertTrue(sim.err().contains("--distributed does breadth-first model checking only"), sim.toString());
        Cli.Run port = Cli.run(NO_LOG, "check", SPEC, "--server-port", "12345", "--no-log");
        assertEquals(2, port.exit(), port.toString());
        assertTrue(port.err().contains("--server-port"), port.toString());
    }

    @Test
    void aWorkerNeedsHostAndPort() {
        Cli.Run r = Cli.run(NO_LOG, "check-worker", "localhost");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("HOST:PORT must be a host and a port 1..65535, as in localhost:10997 (was "
                + "'localhost')"), r.toString());
    }
}

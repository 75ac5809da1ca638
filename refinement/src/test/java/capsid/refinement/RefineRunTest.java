package capsid.refinement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.checker.StateGraph;
import capsid.checker.Trace;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** capsid refine's engine: graph walks and simulation, all replayed, every outcome the models reach covered. */
class RefineRunTest {
    static final Path SPEC = Path.of(System.getProperty("capsid.root", ".."), "spec");

    /**
     * The graph model alone (no simulation, no other universe model): its walks replay
     * every outcome TLC reports for it, the failed and read-only calls among them (which
     * walks over first-discovery edges under the view stateVars never took).
     */
    @Test
    void graphWalksReplayEveryOutcomeOfTheGraphModel() throws Exception {
        RefineRun.Result r = RefineRun.run(new RefineRun.Options(SPEC, 0, 40, 5, Duration.ofMinutes(8))
                .withUniverse(List.of()), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(null, r.error());
        assertEquals(List.of(), r.mismatches());
        assertEquals(1, r.sources().size(), "the graph model only: " + r.sources());
        assertEquals(r.universe(), r.sources().get(0).outcomes());
        assertEquals(new TreeSet<>(), r.missing(), "outcomes of the graph model no walk replayed");
        assertEquals(new TreeSet<>(), r.unknown());
        for (String o : List.of("Getpid:OK", "Gethostname:OK", "Kill:killed", "Kill:ignored", "Kill:EINVAL",
                "Wait:EINVAL", "NsOpen:EINVAL", "SetHostname:EINVAL", "SetHostname:OK", "Fork:EAGAIN",
                "Fork:ENOMEM", "Exit:EPERM", "Dup:EMFILE")) {
            assertTrue(r.outcomes().contains(o), o + " not walked; walked " + r.outcomes());
        }
        assertEquals(NamespaceReplayer.ACTIONS.size(), r.actions().size(), "covered " + r.actions());
        assertTrue(r.ok(), r.failure());
        ObjectNode j = r.toJson();
        assertEquals("pass", j.get("result").asText());
        assertEquals(r.universe().size(), j.get("outcomes_total").asInt());
        assertEquals(r.universe().size(), j.get("outcomes_covered").asInt());
        assertEquals(0, j.get("outcomes_missing").size());
    }

    /** A universe outcome that no replayed step had fails the run, and is named. */
    @Test
    void anOutcomeOfTheUniverseNeverReplayedFailsTheRun() {
        TreeSet<String> replayed = new TreeSet<>(Set.of("Fork:OK", "Kill:killed"));
        TreeSet<String> universe = new TreeSet<>(Set.of("Fork:OK", "Kill:killed", "Fork:EAGAIN"));
        RefineRun.Result r = result(replayed, universe);
        assertFalse(r.ok());
        assertEquals(new TreeSet<>(Set.of("Fork:EAGAIN")), r.missing());
        assertEquals("outcomes never replayed: Fork:EAGAIN", r.failure());
        ObjectNode j = r.toJson();
        assertEquals("violation", j.get("result").asText());
        assertEquals(2, j.get("outcomes_covered").asInt());
        assertEquals(3, j.get("outcomes_total").asInt());
        assertEquals("[\"Fork:EAGAIN\"]", j.get("outcomes_missing").toString());
        assertTrue(result(universe, universe).ok(), "the same run with the outcome replayed passes");
    }

    /** A replayed outcome that no model reported (the recorder and the replayer disagree) fails the run too. */
    @Test
    void aReplayedOutcomeNoModelReportedFailsTheRun() {
        TreeSet<String> universe = new TreeSet<>(Set.of("Fork:OK", "Kill:OK"));
        RefineRun.Result r = result(new TreeSet<>(Set.of("Fork:OK", "Kill:killed")), universe);
        assertFalse(r.ok());
        assertEquals(new TreeSet<>(Set.of("Kill:killed")), r.unknown());
        assertEquals("outcomes never replayed: Kill:OK; replayed outcomes no model reported: Kill:killed",
                r.failure());
        assertEquals(1, r.toJson().get("outcomes_covered").asInt());
        assertFalse(result(new TreeSet<>(), new TreeSet<>()).ok(), "an empty universe proves nothing");
    }

    /** A result whose replay covered every action and had {@code replayed} outcomes. */
    private static RefineRun.Result result(TreeSet<String> replayed, TreeSet<String> universe) {
        return new RefineRun.Result(3, 30, 0.1, new TreeSet<>(NamespaceReplayer.ACTIONS), replayed, universe,
                List.of(new RefineRun.Source("M.cfg", "exhaustive", universe, 1, false)), new TreeSet<>(), 10, 2,
                List.of(), null, 1);
    }

    @Test
    void walksGoToEveryLeafOfTheDiscoveryTree() {
        // 1 -a-> 2, 1 -b-> 3, 2 -b-> 3 (not a discovery edge), 3 -c-> 3 (self-loop), 2 -d-> 4
        String dot = "strict digraph DiskGraph {\n"
                + "1 [label=\"/\\\\ x = 0\",style = filled]\n"
                + "1 -> 2 [label=\"a\",color=\"black\",fontcolor=\"black\"];\n"
                + "2 [label=\"/\\\\ x = 1\"];\n"
                + "1 -> 3 [label=\"b\",color=\"black\",fontcolor=\"black\"];\n"
                + "3 [label=\"/\\\\ x = 2\"];\n"
                + "2 -> 3 [label=\"b\",color=\"black\",fontcolor=\"black\"];\n"
                + "3 -> 3 [label=\"c\",color=\"black\",fontcolor=\"black\"];\n"
                + "2 -> 4 [label=\"d\",color=\"black\",fontcolor=\"black\"];\n"
                + "4 [label=\"/\\\\ x = 3\"];\n"
                + "}\n";
        GraphWalks.Walks w = GraphWalks.cover(StateGraph.parse(dot));
        assertEquals(List.of("a", "b", "d"), List.copyOf(w.covered()));
        assertEquals(List.of("c"), List.copyOf(w.notWalkable()));
        assertEquals(List.of(List.of(0L, 2L), List.of(0L, 1L, 3L)),
                w.traces().stream().map(RefineRunTest::xs).toList(), "walks to the leaves 3 and 4");
        assertEquals(3, w.steps());
    }

    private static List<Long> xs(Trace t) {
        return t.states().stream().map(s -> Long.parseLong(s.vars().get("x").toTla())).toList();
    }

    @Test
    void theManifestChoosesTheUniverseModelsByRole(@TempDir Path dir) throws Exception {
        assertEquals(List.of(new RefineRun.Model(dir.resolve("MCNamespaceUnshare.tla"),
                dir.resolve("MCNamespaceUnshare.cfg"))), RefineRun.universeModels(dir), "no manifest: the CI model");
        for (String f : List.of("NamespaceUnshare.tla", "MCNamespaceUnshare.tla", "MCOrphans.tla",
                "MCNamespaceUnshare.cfg", "MCNamespaceUnshareOrphans.cfg", "MCNamespaceUnshareDeep.cfg")) {
            Files.writeString(dir.resolve(f), "");
        }
        Files.writeString(dir.resolve("manifest.json"), "{\"format\": 1, \"specs\": [{\"name\": \"NamespaceUnshare\","
                + " \"module\": \"NamespaceUnshare.tla\", \"models\": ["
                + "{\"name\": \"a\", \"module\": \"MCNamespaceUnshare.tla\", \"config\": \"MCNamespaceUnshare.cfg\","
                + " \"role\": \"ci\", \"purpose\": \"p\"},"
                + "{\"name\": \"b\", \"module\": \"MCOrphans.tla\", \"config\": \"MCNamespaceUnshareOrphans.cfg\","
                + " \"role\": \"ci\", \"purpose\": \"p\"},"
                + "{\"name\": \"c\", \"module\": \"MCNamespaceUnshare.tla\", \"config\": \"MCNamespaceUnshareDeep.cfg\","
                + " \"role\": \"deep\", \"purpose\": \"p\"}]}]}");
        assertEquals(List.of(new RefineRun.Model(dir.resolve("MCNamespaceUnshare.tla"),
                        dir.resolve("MCNamespaceUnshare.cfg")),
                new RefineRun.Model(dir.resolve("MCOrphans.tla"), dir.resolve("MCNamespaceUnshareOrphans.cfg"))),
                RefineRun.universeModels(dir));
        Files.writeString(dir.resolve("manifest.json"), "{\"models\": [");
        try {
            RefineRun.universeModels(dir);
            throw new AssertionError("a broken manifest was read");
        } catch (java.io.IOException e) {
            assertTrue(e.getMessage().startsWith(dir.resolve("manifest.json") + ":1:"), e.getMessage());
        }
    }

    @Test
    void badOptionsAreRefusedByName() {
        try {
            new RefineRun.Options(SPEC, -1, 10, 0, Duration.ofMinutes(1), List.of(), null, 1);
        } catch (IllegalArgumentException e) {
            assertEquals("--traces must be >= 0, got -1", e.getMessage());
            return;
        }
        throw new AssertionError("no error");
    }
}

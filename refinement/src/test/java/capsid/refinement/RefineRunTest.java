package capsid.refinement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.checker.StateGraph;
import capsid.checker.Trace;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** capsid refine's engine: covering walks and simulation, all replayed, every action covered. */
class RefineRunTest {
    static final Path SPEC = Path.of(System.getProperty("capsid.root", ".."), "spec");

    @Test
    void refinesWithEveryActionCovered() throws Exception {
        RefineRun.Result r = RefineRun.run(new RefineRun.Options(SPEC, 60, 40, 5, Duration.ofMinutes(5)),
                new PrintStream(new ByteArrayOutputStream()));
        assertEquals(null, r.error());
        assertEquals(List.of(), r.mismatches());
        assertEquals(NamespaceReplayer.ACTIONS.size(), r.actions().size(), "covered " + r.actions());
        assertTrue(r.outcomes().size() >= 30, "outcomes " + r.outcomes());
        assertTrue(r.ok());
        assertEquals("pass", r.toJson().get("result").asText());
    }

    @Test
    void walksFollowFirstDiscoveryEdgesOnly() {
        // 1 -a-> 2, 1 -b-> 3, 2 -b-> 3 (not a discovery edge), 3 -c-> 3 (self-loop)
        String dot = "strict digraph DiskGraph {\n"
                + "1 [label=\"/\\\\ x = 0\",style = filled]\n"
                + "1 -> 2 [label=\"a\",color=\"black\",fontcolor=\"black\"];\n"
                + "2 [label=\"/\\\\ x = 1\"];\n"
                + "1 -> 3 [label=\"b\",color=\"black\",fontcolor=\"black\"];\n"
                + "3 [label=\"/\\\\ x = 2\"];\n"
                + "2 -> 3 [label=\"b\",color=\"black\",fontcolor=\"black\"];\n"
                + "3 -> 3 [label=\"c\",color=\"black\",fontcolor=\"black\"];\n"
                + "}\n";
        GraphWalks.Walks w = GraphWalks.cover(StateGraph.parse(dot));
        assertEquals(2, w.traces().size());
        assertEquals(List.of("a", "b"), List.copyOf(w.covered()));
        assertEquals(List.of("c"), List.copyOf(w.notWalkable()));
        for (Trace t : w.traces()) {
            assertEquals(2, t.size(), "each walk is init plus the one discovery edge");
        }
    }

    @Test
    void badOptionsAreRefusedByName() {
        try {
            new RefineRun.Options(SPEC, -1, 10, 0, Duration.ofMinutes(1));
        } catch (IllegalArgumentException e) {
            assertEquals("--traces must be >= 0, got -1", e.getMessage());
            return;
        }
        throw new AssertionError("no error");
    }
}

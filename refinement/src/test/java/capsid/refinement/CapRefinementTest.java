package capsid.refinement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** capsid refine --spec CapabilityDelegation: the graph walks and simulation traces replay on the kernel. */
class CapRefinementTest {
    static final Path SPEC = Path.of(System.getProperty("capsid.root", ".."), "spec");

    /**
     * Every outcome of the CI models (the outcome universe) is replayed by the graph
     * walks and 200 simulation traces, every action is covered, and after every step
     * the kernel's result and abstract capability state are the spec's.
     */
    @Test
    void graphWalksAndSimulationReplayEveryOutcome() throws Exception {
        RefineRun.Result r = RefineRun.run(new RefineRun.Options(SPEC, 200, 40, 3, Duration.ofMinutes(8))
                .forSpec(CapReplayer.SPEC), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(null, r.error());
        assertEquals(List.of(), r.mismatches(), "first: " + (r.mismatches().isEmpty() ? "" : r.mismatches().get(0)));
        assertEquals(new TreeSet<>(), r.missing(), "outcomes never replayed");
        assertEquals(new TreeSet<>(), r.unknown());
        for (String o : List.of("CapDerive:EPERM", "CapDerive:EINVAL", "CapDerive:EMFILE", "CapGrant:EPERM",
                "CapGrant:ESRCH", "CapGrant:EINVAL", "CapGrant:EMFILE", "CapRevoke:removed", "CapRevoke:none",
                "Fork:EAGAIN", "Exit:EPERM", "Close:EBADF", "Dup:EMFILE")) {
            assertTrue(r.outcomes().contains(o), o + " not replayed; replayed " + r.outcomes());
        }
        assertEquals(CapReplayer.ACTIONS.size(), r.actions().size(), "covered " + r.actions());
        assertTrue(r.ok(), r.failure());
        assertEquals("CapabilityDelegation", r.toJson().get("spec").asText());
    }
}

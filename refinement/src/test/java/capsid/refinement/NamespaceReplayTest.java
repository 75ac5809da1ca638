package capsid.refinement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.checker.ModelConfig;
import capsid.checker.Outcome;
import capsid.checker.Tlc;
import capsid.checker.TlcRequest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Traces simulated from the CI model replay on the kernel without a mismatch (and there are traces to replay). */
class NamespaceReplayTest {
    static final Path SPEC = Path.of(System.getProperty("capsid.root", ".."), "spec");

    @Test
    void simulatedTracesReplay() throws Exception {
        Path cfg = SPEC.resolve("MCNamespaceUnshare.cfg");
        TlcRequest req = TlcRequest.of(SPEC.resolve("MCNamespaceUnshare.tla")).withConfig(cfg).withSeed(7L)
                .withTimeout(Duration.ofMinutes(3));
        Tlc.Simulation sim = Tlc.simulate(req, 50, 40);
        assertEquals(Outcome.PASS, sim.result().result(), () -> String.valueOf(sim.result()));
        NamespaceReplayer.Report r = new NamespaceReplayer(ModelConfig.read(cfg).constants()).replay(sim.traces());
        // no trace, or traces of the initial state alone, would replay "without a mismatch" too
        assertEquals(50, r.traces(), "TLC wrote " + sim.traces().size() + " of the 50 traces asked for");
        assertTrue(r.steps() >= r.traces(), "only " + r.steps() + " steps in " + r.traces() + " traces");
        assertTrue(r.actions().size() >= 10, "the traces reach only " + r.actions());
        assertTrue(r.mismatches().isEmpty(), () -> r.mismatches().get(0).toString());
        System.out.println(r.traces() + " traces, " + r.steps() + " steps, outcomes " + r.outcomes());
    }
}

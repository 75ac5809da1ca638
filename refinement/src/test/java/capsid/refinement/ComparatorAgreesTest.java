package capsid.refinement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.checker.ModelConfig;
import capsid.checker.State;
import capsid.checker.Tlc;
import capsid.checker.TlcRequest;
import capsid.checker.Trace;
import capsid.checker.value.Value;
import capsid.kernel.Kernel;
import capsid.kernel.StateView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The replayer's fast comparison and the full abstraction agree: on every step of
 * simulated traces (equal), and against the spec states of other steps (mostly
 * unequal), the two say the same.
 */
class ComparatorAgreesTest {
    static final Path SPEC = Path.of(System.getProperty("capsid.root", ".."), "spec");

    @Test
    void fastAndFullComparisonAgree() throws Exception {
        Path cfg = SPEC.resolve("MCNamespaceUnshareSim.cfg");
        Tlc.Simulation sim = Tlc.simulate(TlcRequest.of(SPEC.resolve("MCNamespaceUnshare.tla")).withConfig(cfg)
                .withSeed(21L).withTimeout(Duration.ofMinutes(3)), 40, 40);
        Map<String, String> c = ModelConfig.read(cfg).constants();
        NamespaceAbstraction.Bounds b = NamespaceAbstraction.Bounds.of(c);
        int equal = 0;
        int unequal = 0;
        for (Trace t : sim.traces()) {
            Kernel k = Kernel.boot(NamespaceReplayer.bootConfig(c));
            List<State> states = t.states();
            for (int i = 0; i < states.size(); i++) {
                if (i > 0) {
                    Map<String, Value> la = NamespaceAbstraction.fields(states.get(i).vars().get("lastAction"), "la");
                    k.syscall(NamespaceAbstraction.num(la.get("t"), "t"), NamespaceReplayer.toCall(
                            NamespaceAbstraction.str(la.get("act"), "act"), NamespaceAbstraction.fields(la.get("arg"),
                                    "arg")));
                }
                StateView v = k.state();
                for (int j : new int[] {i, Math.max(0, i - 1), Math.min(states.size() - 1, i + 3)}) {
                    Map<String, Value> s = states.get(j).vars();
                    boolean fast = NamespaceComparator.equal(s, v, b);
                    boolean full = NamespaceAbstraction.diff(NamespaceAbstraction.project(s, b),
                            NamespaceAbstraction.of(v, b)).isEmpty();
                    assertEquals(full, fast, "step " + i + " against state " + j);
                    if (fast) {
                        equal++;
                    } else {
                        unequal++;
                    }
                }
            }
        }
        assertTrue(equal > 100 && unequal > 100, "both answers exercised: " + equal + " equal, " + unequal + " not");
    }
}

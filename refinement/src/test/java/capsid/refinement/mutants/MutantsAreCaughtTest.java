package capsid.refinement.mutants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.checker.ModelConfig;
import capsid.checker.Outcome;
import capsid.checker.Tlc;
import capsid.checker.TlcRequest;
import capsid.checker.Trace;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every deliberate kernel bug is caught by the trace replayer AND by trace
 * validation (except the one no event can show, which the campaigns' per-step
 * abstraction check catches instead); the unbroken kernel passes them all on the
 * same inputs.
 */
class MutantsAreCaughtTest {
    static final Path SPEC = Path.of(System.getProperty("capsid.root", ".."), "spec");
    static List<Trace> traces;
    static Map<String, String> constants;

    @BeforeAll
    static void simulate() throws Exception {
        Path cfg = SPEC.resolve("MCNamespaceUnshareSim.cfg");
        Tlc.Simulation sim = Tlc.simulate(TlcRequest.of(SPEC.resolve("MCNamespaceUnshare.tla")).withConfig(cfg)
                .withSeed(11L).withTimeout(Duration.ofMinutes(3)), 300, 60);
        assertEquals(Outcome.PASS, sim.result().result(), String.valueOf(sim.result()));
        traces = sim.traces();
        constants = ModelConfig.read(cfg).constants();
    }

    @SuppressWarnings("unchecked")
    private static List<String> call(ClassLoader loader, String method, Object... args) throws Exception {
        Class<?> h = Class.forName(MutantHarness.class.getName(), true, loader);
        for (Method m : h.getMethods()) {
            if (m.getName().equals(method)) {
                return (List<String>) m.invoke(null, args);
            }
        }
        throw new NoSuchMethodException(method);
    }

    @ParameterizedTest
    @EnumSource(Bug.class)
    void theReplayerCatchesIt(Bug bug) throws Exception {
        List<String> mismatches = call(new MutantLoader(getClass().getClassLoader(), bug), "replay", traces, constants);
        assertFalse(mismatches.isEmpty(), bug + " went unseen by the replayer over " + traces.size() + " traces");
        System.out.println(bug + " caught by the replayer: " + mismatches.get(0).lines().limit(3).toList());
    }

    /** Every bug but the one no event shows (see {@link Bug#ZOMBIE_KEEPS_NS_FOR_CHILDREN}). */
    @ParameterizedTest
    @EnumSource(value = Bug.class, mode = EnumSource.Mode.EXCLUDE, names = "ZOMBIE_KEEPS_NS_FOR_CHILDREN")
    void traceValidationCatchesIt(Bug bug) throws Exception {
        List<String> rejected = call(new MutantLoader(getClass().getClassLoader(), bug), "validate", 12, 150,
                SPEC.toString());
        assertFalse(rejected.isEmpty(), bug + " went unseen by trace validation over 12 runs");
        System.out.println(bug + " caught by trace validation: " + rejected.get(0));
    }

    @Test
    void theCampaignsAbstractionCheckCatchesAZombieKeepingItsNamespaceForChildren() throws Exception {
        List<String> found = call(new MutantLoader(getClass().getClassLoader(), Bug.ZOMBIE_KEEPS_NS_FOR_CHILDREN),
                "abstractionCheck", 200, 30);
        assertFalse(found.isEmpty(), "AbstractionWellFormed missed the zombie's namespace over 200 programs");
        assertTrue(found.get(0).contains("is kept but nothing reachable names it"), found.get(0));
        System.out.println("ZOMBIE_KEEPS_NS_FOR_CHILDREN caught by AbstractionWellFormed: " + found.get(0));
    }

    @Test
    void theUnbrokenKernelPassesTheSameChecks() throws Exception {
        assertEquals(List.of(), MutantHarness.abstractionCheck(200, 30));
        assertEquals(List.of(), MutantHarness.replay(traces, constants));
        assertEquals(List.of(), MutantHarness.validate(4, 150, SPEC.toString()));
    }
}

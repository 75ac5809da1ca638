package capsid.refinement.mutants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.checker.ModelConfig;
import capsid.checker.Outcome;
import capsid.checker.Tlc;
import capsid.checker.TlcRequest;
import capsid.checker.Trace;
import capsid.refinement.GraphWalks;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every deliberate bug of the capability package is caught by the replayer of
 * CapabilityDelegation, and for the reason it names: the first mismatch is at the
 * action the bug is in (or, for a bug whose damage shows only later, the action that
 * exposes it), with the result and the variables the bug changes. The unbroken kernel
 * replays the same traces with no mismatch.
 */
class CapMutantsAreCaughtTest {
    static final Path SPEC = Path.of(System.getProperty("capsid.root", ".."), "spec");
    static List<Trace> traces;
    static Map<String, String> constants;

    static List<Trace> treeSims;
    static Map<String, String> treeSimConstants;
    static List<Trace> treeWalks;
    static Map<String, String> treeConstants;

    /**
     * Two sources of traces: simulation of the sim model (every argument, bad ones
     * too), and of the tree-sim model (MCCapabilityDelegationTreeSim.cfg), whose
     * traces build the structures the first seldom does (a grandchild granted into a
     * third table, a revoke across them), and walks to every leaf of the tree model's
     * state graph (a middle node closed with children below it). The walks alone
     * would not do: a revoke's target state was almost always discovered first by a
     * shorter path, so no first-discovery walk ends in it.
     */
    @BeforeAll
    static void traces() throws Exception {
        Path tla = SPEC.resolve("MCCapabilityDelegation.tla");
        Path cfg = SPEC.resolve("MCCapabilityDelegationSim.cfg");
        Tlc.Simulation sim = Tlc.simulate(TlcRequest.of(tla).withConfig(cfg).withSeed(11L)
                .withTimeout(Duration.ofMinutes(3)), 400, 50);
        assertEquals(Outcome.PASS, sim.result().result(), String.valueOf(sim.result()));
        traces = sim.traces();
        constants = ModelConfig.read(cfg).constants();
        Path tree = SPEC.resolve("MCCapabilityDelegationTreeSim.cfg");
        Tlc.Simulation trees = Tlc.simulate(TlcRequest.of(tla).withConfig(tree).withSeed(11L)
                .withTimeout(Duration.ofMinutes(3)), 600, 30);
        assertEquals(Outcome.PASS, trees.result().result(), String.valueOf(trees.result()));
        treeSims = trees.traces();
        treeSimConstants = ModelConfig.read(tree).constants();
        Path graph = SPEC.resolve("MCCapabilityDelegationTree.cfg");
        Tlc.GraphDump dump = Tlc.dumpGraph(TlcRequest.of(tla).withConfig(graph).withTimeout(Duration.ofMinutes(3)));
        assertEquals(Outcome.PASS, dump.result().result(), String.valueOf(dump.result()));
        treeWalks = GraphWalks.cover(dump.graph()).traces();
        treeConstants = ModelConfig.read(graph).constants();
    }

    /** Traces and the constants of their model. */
    private record Source(List<Trace> traces, Map<String, String> constants) {
    }

    /** The first mismatch of the simulation traces, else of the tree-sim traces, else of the tree walks. */
    private static Map<String, Object> firstMismatch(ClassLoader loader) throws Exception {
        Map.Entry<Source, Map<String, Object>> m = firstMismatchAndSource(loader);
        return m == null ? Map.of() : m.getValue();
    }

    /** The first mismatch, with the traces it came from; null when there is none. */
    @SuppressWarnings("unchecked")
    private static Map.Entry<Source, Map<String, Object>> firstMismatchAndSource(ClassLoader loader) throws Exception {
        for (Source s : List.of(new Source(traces, constants), new Source(treeSims, treeSimConstants),
                new Source(treeWalks, treeConstants))) {
            Map<String, Object> m = (Map<String, Object>) call(loader, "capFirstMismatch", s.traces(), s.constants());
            if (!m.isEmpty()) {
                return Map.entry(s, m);
            }
        }
        return null;
    }

    /**
     * Where the replayer must first see each bug: the actions, the lists of variables
     * that may differ there (a bug that skips a check shows as the result alone when
     * the call then fails further on, e.g. EPERM skipped and EMFILE given), and what
     * the spec answered, null when the result is the same on both sides.
     */
    private record Seen(Set<String> actions, Set<List<String>> variables, String specResult) {
    }

    private static final Set<List<String>> NEW_SLOT_OR_NOTHING = Set.of(List.of(), List.of("table", "parent"));

    private static Seen seen(CapBug bug) {
        return switch (bug) {
            // a derive the spec refuses (EPERM) succeeds: the result, and a new slot
            case RIGHTS_AMPLIFIED_ON_DERIVE -> new Seen(Set.of("CapDerive"), NEW_SLOT_OR_NOTHING, "EPERM");
            // the revoke removes fewer than the spec: its count, and the grandchild left behind
            case REVOKE_MISSES_FOREIGN_GRANDCHILD -> new Seen(Set.of("CapRevoke"), Set.of(List.of("table", "parent")),
                    "any count");
            // a grant the spec refuses (EPERM) succeeds, or fails further on
            case GRANT_WITHOUT_THE_RIGHT -> new Seen(Set.of("CapGrant"), NEW_SLOT_OR_NOTHING, "EPERM");
            // a derive with a BADGE on a badged capability succeeds (EPERM expected), or fails further on
            case BADGE_OVERWRITTEN_BY_DERIVE -> new Seen(Set.of("CapDerive"), NEW_SLOT_OR_NOTHING, "EPERM");
            // the children of a closed slot (or of a dead table) become roots: only parent differs
            case CLOSE_DROPS_CHILDREN -> new Seen(Set.of("Close", "Exit"), Set.of(List.of("parent")), null);
            // dup's copy hangs under its source: only parent differs
            case DUP_MAKES_A_CHILD -> new Seen(Set.of("Dup"), Set.of(List.of("parent")), null);
        };
    }

    private static Object call(ClassLoader loader, String method, Object... args) throws Exception {
        Class<?> h = Class.forName(MutantHarness.class.getName(), true, loader);
        for (Method m : h.getMethods()) {
            if (m.getName().equals(method)) {
                return m.invoke(null, args);
            }
        }
        throw new NoSuchMethodException(method);
    }

    @Test
    void theUnbrokenKernelReplaysEveryTrace() throws Exception {
        assertEquals(Map.of(), firstMismatch(getClass().getClassLoader()));
    }

    @ParameterizedTest
    @EnumSource(CapBug.class)
    void theReplayerSeesEachBugWhereItIs(CapBug bug) throws Exception {
        MutantLoader loader = new MutantLoader(getClass().getClassLoader(), bug);
        Map<String, Object> m = firstMismatch(loader);
        assertFalse(m.isEmpty(), bug + " went unseen by the replayer on " + traces.size() + " simulation traces and "
                + treeSims.size() + " of the tree-sim model and " + treeWalks.size() + " walks of the tree model");
        Seen want = seen(bug);
        String text = (String) m.get("text");
        assertTrue(want.actions().contains(m.get("action")), bug + " first seen at " + m.get("action") + ":\n" + text);
        assertTrue(want.variables().contains(m.get("variables")), bug + ": the variables that differ\n" + text);
        if (want.specResult() == null) {
            assertEquals(m.get("expected"), m.get("got"), bug + ": the result\n" + text);
        } else {
            assertFalse(m.get("expected").equals(m.get("got")), bug + ": the result\n" + text);
            if (!want.specResult().equals("any count")) {
                assertEquals(want.specResult(), m.get("expected"), bug + ": the spec's answer\n" + text);
            }
        }
    }

    // ---- trace validation --------------------------------------------------------------

    /** The action of the record trace validation must reject, in the log of the trace that caught the bug. */
    private static Set<String> rejectedAt(CapBug bug) {
        return switch (bug) {
            // the derive the spec refuses succeeds (its event), or fails with another errno (its call)
            case RIGHTS_AMPLIFIED_ON_DERIVE, BADGE_OVERWRITTEN_BY_DERIVE -> Set.of("CapDerive");
            // the event's removed slots are not the spec's descendants
            case REVOKE_MISSES_FOREIGN_GRANDCHILD -> Set.of("CapRevoke");
            // the grant the spec refuses succeeds, or fails with another errno
            case GRANT_WITHOUT_THE_RIGHT -> Set.of("CapGrant");
            // the children hang under no slot after the close (the event reads the tree after it);
            // after a death, the next record that shows the tree
            case CLOSE_DROPS_CHILDREN -> Set.of("Close", "Death", "CapRevoke", "Exit");
            // the copy's parent is its source, not the source's parent
            case DUP_MAKES_A_CHILD -> Set.of("Dup");
        };
    }

    private static final Map<String, String> ACTION_OF_CALL = Map.of("cap_derive", "CapDerive", "cap_grant", "CapGrant",
            "cap_revoke", "CapRevoke", "close", "Close", "dup", "Dup", "exit", "Exit", "fork", "Fork", "ns_open",
            "NsOpen", "cap_rights", "CapRights", "cap_badge", "CapBadge");

    /**
     * Trace validation rejects each bug too, for the reason it names: the logs the
     * trace on which the replayer caught it leaves on the broken kernel are rejected,
     * at a record of the action the bug is in. (The unbroken kernel's logs of the same
     * trace are accepted: {@link #theUnbrokenKernelsLogsOfEachCatchingTraceAreAccepted}.)
     */
    @ParameterizedTest
    @EnumSource(CapBug.class)
    void traceValidationRejectsTheLogOfTheTraceThatCaughtIt(CapBug bug) throws Exception {
        MutantLoader loader = new MutantLoader(getClass().getClassLoader(), bug);
        Map.Entry<Source, Map<String, Object>> m = firstMismatchAndSource(loader);
        assertTrue(m != null, bug + " went unseen by the replayer");
        int index = (Integer) m.getValue().get("trace");
        String rejected = (String) call(loader, "capValidate", m.getKey().traces(), m.getKey().constants(), index,
                SPEC.toString());
        assertFalse(rejected.equals("accepted"), bug + ": the log of trace " + index + " was accepted\n"
                + m.getValue().get("text"));
        assertFalse(rejected.startsWith("error: "), rejected);
        com.fasterxml.jackson.databind.JsonNode rec = new com.fasterxml.jackson.databind.ObjectMapper().readTree(rejected);
        String action = rec.has("action") ? rec.get("action").asText()
                : ACTION_OF_CALL.getOrDefault(rec.path("call").asText(), rec.path("call").asText());
        assertTrue(rejectedAt(bug).contains(action), bug + ": rejected at " + rejected);
        System.out.println(bug + " caught by trace validation: " + rejected);
    }

    @Test
    void theUnbrokenKernelsLogsOfEachCatchingTraceAreAccepted() throws Exception {
        for (CapBug bug : CapBug.values()) {
            MutantLoader loader = new MutantLoader(getClass().getClassLoader(), bug);
            Map.Entry<Source, Map<String, Object>> m = firstMismatchAndSource(loader);
            int index = (Integer) m.getValue().get("trace");
            assertEquals("accepted", MutantHarness.capValidate(m.getKey().traces(), m.getKey().constants(), index,
                    SPEC.toString()), bug + ": trace " + index);
        }
    }
}

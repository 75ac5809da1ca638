package capsid.refinement.mutants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.checker.ModelConfig;
import capsid.checker.Outcome;
import capsid.checker.State;
import capsid.checker.Tlc;
import capsid.checker.TlcRequest;
import capsid.checker.Trace;
import capsid.checker.value.Value;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Method;
import java.math.BigInteger;
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
 * Every deliberate kernel bug is caught, and for the reason it names: the replayer's
 * first mismatch is at the action the bug is in and differs in the variables (and
 * the result) the bug changes; trace validation rejects a record of that action
 * (except for the bug no event shows, which the campaigns' per-step abstraction check
 * catches instead); and the kernel-side check the bug names fires on generated
 * programs, so a campaign finds it. The unbroken kernel passes them all on the same
 * inputs.
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

    private static Object call(ClassLoader loader, String method, Object... args) throws Exception {
        Class<?> h = Class.forName(MutantHarness.class.getName(), true, loader);
        for (Method m : h.getMethods()) {
            if (m.getName().equals(method)) {
                return m.invoke(null, args);
            }
        }
        throw new NoSuchMethodException(method);
    }

    private static MutantLoader loader(Bug bug) {
        return new MutantLoader(MutantsAreCaughtTest.class.getClassLoader(), bug);
    }

    // ---- the replayer ------------------------------------------------------------------

    /** Where the replayer must first see each bug: the action, and the variables that differ (in order). */
    private record Seen(Set<String> actions, List<String> variables, boolean exact, boolean resultDiffers) {
    }

    private static Seen seen(Bug bug) {
        return switch (bug) {
            // the reused pid: in pids and pmap, in the fork's result, and in the cursor that tracks it
            case PID_REUSE -> new Seen(Set.of("Fork"), List.of("pids", "pmap", "lastPid"), true, true);
            // a pid that names nobody in the caller's namespace reaches someone in the root's:
            // the result differs (ESRCH expected), and the state too when the signal killed
            case KILL_ACROSS_NAMESPACES -> new Seen(Set.of("Kill"), List.of(), false, true);
            case ORPHAN_TO_GRANDPARENT -> new Seen(Set.of("Exit", "Kill"), List.of("parent"), true, false);
            case HOSTNAME_LEAKS_TO_PARENT -> new Seen(Set.of("Unshare"), List.of("uts", "hostname"), true, false);
            case SETNS_WHEN_JAILED, SETNS_JAIL_PID_ONLY -> new Seen(Set.of("SetNs"), List.of(), true, true);
            case ZOMBIE_KEEPS_NS_FOR_CHILDREN -> new Seen(Set.of("Exit", "Kill"), List.of("nsfc"), true, false);
            // another zombie is reaped: every variable of the two tasks and their pids
            case WAIT_NEWEST_FIRST -> new Seen(Set.of("Wait"), List.of("st", "pmap"), false, true);
        };
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @EnumSource(Bug.class)
    void theReplayerCatchesItForItsOwnReason(Bug bug) throws Exception {
        Map<String, Object> m = (Map<String, Object>) call(loader(bug), "firstMismatch", traces, constants);
        if (bug == Bug.SETNS_JAIL_PID_ONLY) {
            // the simulation model's arguments open uts and mount namespaces and jail tasks:
            // a jailed setns into one of them is in the traces, and the replayer must see it
            assertTrue(jailedSetnsIntoUtsOrMnt(), "no simulated step is a jailed setns into a uts or mount namespace");
        }
        assertFalse(m.isEmpty(), bug + " went unseen by the replayer over " + traces.size() + " traces");
        Seen want = seen(bug);
        String where = bug + ": " + m.get("text");
        assertTrue(want.actions().contains((String) m.get("action")), where);
        List<String> vars = (List<String>) m.get("variables");
        if (want.exact()) {
            assertEquals(want.variables(), vars, where);
        } else {
            assertTrue(vars.containsAll(want.variables()), where);
        }
        assertEquals(want.resultDiffers(), !m.get("expected").equals(m.get("got")), where);
        if (bug == Bug.PID_REUSE) {
            aFreedPidWasHandedOutAgain(m, where);
        }
        if (bug == Bug.KILL_ACROSS_NAMESPACES) {
            assertEquals("ESRCH", m.get("expected"), where);
        }
        if (bug == Bug.SETNS_WHEN_JAILED) {
            // the check upside down: a jailed caller let through (the spec says EPERM) or a
            // free caller refused (the kernel says EPERM), whichever the traces meet first
            assertTrue("EPERM".equals(m.get("expected")) || "EPERM".equals(m.get("got")), where);
        }
        System.out.println(bug + " caught by the replayer: " + ((String) m.get("text")).lines().limit(3).toList());
    }

    /**
     * PID_REUSE's mismatch is not the first fork of its trace, and the pid the kernel
     * gave is one an earlier state of the trace had handed out and the state before
     * the fork has free: a freed pid, handed out again before the wrap.
     */
    private static void aFreedPidWasHandedOutAgain(Map<String, Object> m, String where) {
        List<State> states = traces.get((Integer) m.get("trace")).states();
        int step = (Integer) m.get("step");
        Map<String, Value> before = states.get(step - 1).vars();
        long caller = num(field(states.get(step).vars().get("lastAction"), "t"));
        Value ns = apply(before.get("pidns"), caller);
        long got = Long.parseLong((String) m.get("got"));
        assertFalse(defined(apply(before.get("pmap"), ns), got), where + ": pid " + got + " is not free before");
        boolean usedBefore = false;
        for (int i = 0; i < step - 1; i++) {
            usedBefore |= defined(apply(states.get(i).vars().get("pmap"), ns), got);
        }
        assertTrue(usedBefore, where + ": pid " + got + " was never handed out before");
    }

    /** Whether some simulated step is a setns by a jailed task on an fd naming a uts or mount namespace. */
    private static boolean jailedSetnsIntoUtsOrMnt() {
        for (Trace t : traces) {
            for (int s = 1; s < t.states().size(); s++) {
                Value la = t.states().get(s).vars().get("lastAction");
                if (!str(field(la, "act")).equals("SetNs")) {
                    continue;
                }
                Map<String, Value> before = t.states().get(s - 1).vars();
                long task = num(field(la, "t"));
                Value fd = field(field(la, "arg"), "fd");
                Value fds = apply(before.get("fds"), Value.of(task));
                boolean jailed = num(field(apply(before.get("jail"), Value.of(task)), "pidns")) != 0;
                if (jailed && defined(fds, fd)) {
                    String kind = str(field(apply(fds, fd), "kind"));
                    if (kind.equals("uts") || kind.equals("mnt")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    // ---- trace validation --------------------------------------------------------------

    /** The action of the record trace validation must reject first. */
    private static String rejectedAction(Bug bug) {
        return switch (bug) {
            case PID_REUSE -> "Fork";
            case KILL_ACROSS_NAMESPACES -> "Kill";
            case ORPHAN_TO_GRANDPARENT -> "Exit";
            case HOSTNAME_LEAKS_TO_PARENT -> "Unshare";
            case SETNS_WHEN_JAILED, SETNS_JAIL_PID_ONLY -> "SetNs";
            case WAIT_NEWEST_FIRST -> "Wait";
            case ZOMBIE_KEEPS_NS_FOR_CHILDREN -> throw new IllegalArgumentException("no event shows " + bug);
        };
    }

    /** Every bug but the one no event shows (see {@link Bug#ZOMBIE_KEEPS_NS_FOR_CHILDREN}). */
    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @EnumSource(value = Bug.class, mode = EnumSource.Mode.EXCLUDE, names = "ZOMBIE_KEEPS_NS_FOR_CHILDREN")
    void traceValidationRejectsARecordOfTheBrokenAction(Bug bug) throws Exception {
        List<String> rejected = (List<String>) call(loader(bug), "validate", 12, 150, SPEC.toString());
        assertFalse(rejected.isEmpty(), bug + " went unseen by trace validation over 12 runs");
        String first = rejected.get(0);
        String record = first.substring(first.indexOf('{'));
        com.fasterxml.jackson.databind.JsonNode rec = new ObjectMapper().readTree(record);
        // an event record names its action; a call-log record (a call the broken kernel
        // refused or answered wrongly) names its call
        String action = rec.has("action") ? rec.get("action").asText()
                : java.util.Map.of("fork", "Fork", "kill", "Kill", "exit", "Exit", "unshare", "Unshare", "setns", "SetNs",
                        "wait", "Wait").getOrDefault(rec.path("call").asText(), rec.path("call").asText());
        assertEquals(rejectedAction(bug), action, first);
        if (bug == Bug.SETNS_JAIL_PID_ONLY) {
            assertTrue(record.contains("\"type\":\"uts\"") || record.contains("\"type\":\"mnt\""), first);
        }
        System.out.println(bug + " caught by trace validation: " + first);
    }

    // ---- the kernel's own checks, as campaigns run them --------------------------------

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @EnumSource(Bug.class)
    void theKernelCheckItNamesFiresOnGeneratedPrograms(Bug bug) throws Exception {
        List<String> f = (List<String>) call(loader(bug), "kernelProperties", 300, 80);
        assertFalse(f.isEmpty(), bug + " broke no kernel property over 300 programs");
        List<String> checks = List.of(f.get(2).split(","));
        assertTrue(checks.contains(bug.kernelCheck()), bug + ": expected " + bug.kernelCheck() + ", got " + f.get(3));
        boolean invariant = capsid.kernel.Kernel.invariantNames().contains(bug.kernelCheck());
        assertEquals(invariant ? "InvariantsHold" : bug.kernelCheck(), f.get(0), f.get(3));
        System.out.println(bug + " caught by " + bug.kernelCheck() + ": " + f.get(3));
    }

    @Test
    void theCampaignsAbstractionCheckCatchesAZombieKeepingItsNamespaceForChildren() throws Exception {
        @SuppressWarnings("unchecked")
        List<String> found = (List<String>) call(loader(Bug.ZOMBIE_KEEPS_NS_FOR_CHILDREN), "abstractionCheck", 200,
                30);
        assertFalse(found.isEmpty(), "AbstractionWellFormed missed the zombie's namespace over 200 programs");
        assertTrue(found.get(0).contains("is kept but nothing reachable names it"), found.get(0));
        System.out.println("ZOMBIE_KEEPS_NS_FOR_CHILDREN caught by AbstractionWellFormed: " + found.get(0));
    }

    @Test
    void theUnbrokenKernelPassesTheSameChecks() throws Exception {
        assertEquals(List.of(), MutantHarness.abstractionCheck(200, 30));
        assertEquals(List.of(), MutantHarness.replay(traces, constants));
        assertEquals(List.of(), MutantHarness.validate(4, 150, SPEC.toString()));
        assertEquals(List.of(), MutantHarness.kernelProperties(300, 80));
        assertNotEquals(0, traces.size());
    }

    // ---- reading spec values -------------------------------------------------------------

    private static Value field(Value record, String name) {
        return ((Value.RecordValue) record).fields().get(name);
    }

    private static String str(Value v) {
        return ((Value.StringValue) v).value();
    }

    private static long num(Value v) {
        return ((Value.IntValue) v).value().longValueExact();
    }

    private static Value apply(Value f, long key) {
        return apply(f, Value.of(key));
    }

    /** f[key] for a TLC function value (a sequence when its domain is 1..n). */
    private static Value apply(Value f, Value key) {
        if (f instanceof Value.SeqValue s) {
            return s.elements().get(((Value.IntValue) key).value().intValueExact() - 1);
        }
        if (f instanceof Value.RecordValue r) {
            return r.fields().get(str(key));
        }
        return ((Value.FunctionValue) f).mapping().get(key);
    }

    private static boolean defined(Value f, long key) {
        return defined(f, Value.of(key));
    }

    private static boolean defined(Value f, Value key) {
        if (f instanceof Value.SeqValue s) {
            BigInteger k = ((Value.IntValue) key).value();
            return k.signum() > 0 && k.intValueExact() <= s.elements().size();
        }
        if (f instanceof Value.RecordValue r) {
            return key instanceof Value.StringValue sv && r.fields().containsKey(sv.value());
        }
        return ((Value.FunctionValue) f).mapping().containsKey(key);
    }
}

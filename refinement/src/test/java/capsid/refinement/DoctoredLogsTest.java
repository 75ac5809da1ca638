package capsid.refinement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.kernel.Kernel;
import capsid.scenario.Report;
import capsid.scenario.ScenarioRunner;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Trace validation both ways, on the logs of real scenario scripts: the undoctored
 * logs are behaviours of NamespaceUnshare; each doctored one (a death that hides a
 * reparenting, gives an orphan to its grandparent, misses a victim or adds one; a
 * call log with a wrong errno, a wrong getpid, a refused valid call) is rejected,
 * at exactly the doctored record.
 */
class DoctoredLogsTest {
    static final Path ROOT = Path.of(System.getProperty("capsid.root", ".."));
    static final Duration TLC = Duration.ofMinutes(2);
    static final ObjectMapper JSON = new ObjectMapper();

    /** The two logs of a script's first boot. */
    record Logs(List<String> events, List<String> calls) {
        Logs copy() {
            return new Logs(new ArrayList<>(events), new ArrayList<>(calls));
        }
    }

    static Logs scenario(String name) {
        List<Kernel> kernels = new ArrayList<>();
        Report r = ScenarioRunner.run(ROOT.resolve("scenarios").resolve(name), k -> {
            k.recordCalls();
            kernels.add(k);
        });
        assertEquals(0, r.failed(), r.body());
        Kernel k = kernels.get(0);
        return new Logs(k.eventLogJsonLines().lines().toList(), k.callLogJsonLines().lines().toList());
    }

    static TraceValidation.Verdict validate(Logs l) {
        TraceValidation.Verdict v = TraceValidation.validate(l.events(), l.calls(), TraceValidationTest.SPEC, TLC);
        assertNull(v.error(), v.error());
        return v;
    }

    /** The index of the first line that {@code which} accepts. */
    static int find(List<String> lines, Predicate<ObjectNode> which) {
        for (int i = 0; i < lines.size(); i++) {
            if (which.test(parse(lines.get(i)))) {
                return i;
            }
        }
        throw new AssertionError("no such line");
    }

    static ObjectNode parse(String line) {
        try {
            return (ObjectNode) JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Line {@code i} of {@code lines}, changed by {@code how}. */
    static void doctor(List<String> lines, int i, Consumer<ObjectNode> how) {
        ObjectNode n = parse(lines.get(i));
        how.accept(n);
        lines.set(i, n.toString());
    }

    static void assertRejectedAt(TraceValidation.Verdict v, String file, int line, String text) {
        assertFalse(v.accepted(), "a doctored log was accepted");
        assertEquals(file, v.rejectedFile(), v.toString());
        assertEquals(line, v.rejectedLine(), v.toString());
        assertEquals(text, v.rejected());
    }

    @Test
    void theUndoctoredLogsAreBehavioursOfTheSpec() {
        for (String s : List.of("090-orphans-root.csc", "095-orphans-namespace.csc", "110-init-death-kill.csc",
                "140-sethostname-valid.csc", "118-init-death-nested.csc")) {
            Logs l = scenario(s);
            TraceValidation.Verdict v = validate(l);
            assertTrue(v.accepted(), s + ": rejected " + v.rejectedWhat() + ": " + v.rejected());
            assertEquals(l.calls().size() - 1, v.calls(), s);
            assertEquals(l.calls().size() - 1, v.matched(), s + ": every call is a step");
            TraceValidation.Verdict events = TraceValidation.validate(l.events(), TraceValidationTest.SPEC, TLC);
            assertTrue(events.accepted(), s + " (event log alone): " + events.rejected());
            assertEquals(l.events().size() - 1, events.matched(), s);
        }
    }

    /** "UPPER.lower-09", "A-9.z": valid (ABI.md: [A-Za-z0-9.-]); a spec with a-z only rejects them. */
    @Test
    void anUppercaseHostnameIsValid() {
        Logs l = scenario("140-sethostname-valid.csc");
        int i = find(l.events(), e -> e.path("args").path("name").asText().equals("A-9.z"));
        assertTrue(i > 0);
        assertTrue(validate(l).accepted());
    }

    /** d exits; its child e must go to b, the init of d's namespace: a log saying nobody moved is rejected. */
    @Test
    void aDeathThatHidesAReparentingIsRejected() {
        Logs l = scenario("095-orphans-namespace.csc").copy();
        int i = find(l.events(), e -> e.path("action").asText().equals("Exit")
                && e.path("out").path("reparented").size() == 1);
        doctor(l.events(), i, e -> {
            ObjectNode out = (ObjectNode) e.get("out");
            out.putArray("reparented");
            out.put("reaper", 0);
        });
        assertRejectedAt(validate(l), "event log", i + 1, l.events().get(i));
        TraceValidation.Verdict alone = TraceValidation.validate(l.events(), TraceValidationTest.SPEC, TLC);
        assertRejectedAt(alone, "event log", i + 1, l.events().get(i));
    }

    /** The same death, claiming the orphan went to its grandparent c (task 3), not to b (task 2). */
    @Test
    void aReparentingToTheGrandparentIsRejected() {
        Logs l = scenario("095-orphans-namespace.csc").copy();
        int i = find(l.events(), e -> e.path("action").asText().equals("Exit")
                && e.path("out").path("reparented").size() == 1);
        assertEquals(2, parse(l.events().get(i)).path("out").path("reaper").asInt(), "b is the reaper");
        doctor(l.events(), i, e -> ((ObjectNode) e.get("out")).put("reaper", 3));
        assertRejectedAt(validate(l), "event log", i + 1, l.events().get(i));
    }

    /** a kills b, the init of its namespace: c, d, e and f (root pids 4..7) die with it. */
    @Test
    void aDeathThatMissesAVictimIsRejected() {
        Logs l = scenario("110-init-death-kill.csc").copy();
        int i = killOfTheInit(l);
        doctor(l.events(), i, e -> {
            ArrayNode z = (ArrayNode) e.get("out").get("death").get("zapped");
            assertEquals("[4,5,6,7]", z.toString());
            z.remove(2);
        });
        assertRejectedAt(validate(l), "event log", i + 1, l.events().get(i));
    }

    @Test
    void aDeathWithAnExtraVictimIsRejected() {
        Logs l = scenario("110-init-death-kill.csc").copy();
        int i = killOfTheInit(l);
        doctor(l.events(), i, e -> ((ArrayNode) e.get("out").get("death").get("zapped")).add(8)); // `other`
        assertRejectedAt(validate(l), "event log", i + 1, l.events().get(i));
    }

    @Test
    void anInitDeathThatKillsNobodyIsRejected() {
        Logs l = scenario("110-init-death-kill.csc").copy();
        int i = killOfTheInit(l);
        doctor(l.events(), i, e -> ((ObjectNode) e.get("out").get("death")).putArray("zapped"));
        assertRejectedAt(validate(l), "event log", i + 1, l.events().get(i));
    }

    private static int killOfTheInit(Logs l) {
        return find(l.events(), e -> e.path("action").asText().equals("Kill") && e.path("out").path("killed")
                .asBoolean());
    }

    /** init kill 4 0 => ESRCH (c was reaped with b); a call log saying EPERM is rejected at that call. */
    @Test
    void aWrongErrnoIsRejected() {
        Logs l = scenario("110-init-death-kill.csc").copy();
        int i = find(l.calls(), c -> c.path("call").asText().equals("kill") && c.path("args").path("pid").asInt() == 4
                && c.path("errno").asText().equals("ESRCH"));
        doctor(l.calls(), i, c -> c.put("errno", "EPERM"));
        assertRejectedAt(validate(l), "call log", i + 1, l.calls().get(i));
    }

    /** a getpid => 2; a call log saying 3 is rejected at that call. */
    @Test
    void aWrongGetpidIsRejected() {
        Logs l = scenario("110-init-death-kill.csc").copy();
        int i = find(l.calls(), c -> c.path("call").asText().equals("getpid"));
        assertEquals(2, parse(l.calls().get(i)).path("ret").asInt());
        doctor(l.calls(), i, c -> c.put("ret", 3));
        assertRejectedAt(validate(l), "call log", i + 1, l.calls().get(i));
    }

    /** e getppid => 1 after its parent d died: a call log saying 3 (the grandparent c) is rejected. */
    @Test
    void aWrongGetppidAndAWrongHostnameAreRejected() {
        Logs l = scenario("095-orphans-namespace.csc").copy();
        int i = find(l.calls(), c -> c.path("call").asText().equals("getppid"));
        doctor(l.calls(), i, c -> c.put("ret", 3));
        assertRejectedAt(validate(l), "call log", i + 1, l.calls().get(i));

        Logs h = scenario("140-sethostname-valid.csc").copy();
        int j = find(h.calls(), c -> c.path("call").asText().equals("gethostname"));
        doctor(h.calls(), j, c -> c.put("ret", "capsid"));
        assertRejectedAt(validate(h), "call log", j + 1, h.calls().get(j));
    }

    /**
     * A kernel that refuses a valid call: the second fork of 090 answered EAGAIN
     * (and so no event, the later events renumbered) is rejected at that call.
     */
    @Test
    void aRefusedValidCallIsRejected() {
        Logs l = scenario("090-orphans-root.csc").copy();
        int i = find(l.calls(), c -> c.path("call").asText().equals("fork") && c.path("n").asInt() == 2);
        long seq = parse(l.calls().get(i)).path("seq").asLong();
        doctor(l.calls(), i, c -> {
            c.putNull("ret");
            c.put("errno", "EAGAIN");
            c.putNull("seq");
        });
        l.events().remove((int) seq);
        for (int e = (int) seq; e < l.events().size(); e++) {
            doctor(l.events(), e, n -> n.put("seq", n.get("seq").asLong() - 1));
        }
        for (int c = i + 1; c < l.calls().size(); c++) {
            doctor(l.calls(), c, n -> {
                if (!n.get("seq").isNull()) {
                    n.put("seq", n.get("seq").asLong() - 1);
                }
            });
        }
        assertRejectedAt(validate(l), "call log", i + 1, l.calls().get(i));
    }

    /** Calls the spec has no action for (ENOSYS today) are skipped and counted; the rest is validated. */
    @Test
    void callsTheSpecDoesNotModelAreSkippedAndCounted() {
        Logs l = scenario("220-enosys.csc");
        TraceValidation.Verdict v = validate(l);
        assertTrue(v.accepted(), v.rejected());
        assertEquals(10, v.skippedCount(), v.skipped().toString());
        assertEquals(Map.of("container_create", 1, "pipe", 1, "mkdir", 1, "open", 1, "proc_limit", 1, "session_close", 1,
                "service_announce", 1, "exec", 1, "freezer_state", 1, "mount", 1), v.skipped());
        assertEquals(l.calls().size() - 1 - 10, v.matched());
    }

    /** An event of a kernel call the spec does not model is skipped; an action no call has is a bad log. */
    @Test
    void eventsOfUnmodelledCallsAreSkippedAndUnknownActionsAreErrors() {
        List<String> log = new ArrayList<>(scenario("090-orphans-root.csc").events());
        log.add("{\"seq\":" + log.size() + ",\"action\":\"ContainerCreate\",\"task\":1,\"pid\":1,\"args\":{},"
                + "\"ret\":0,\"out\":{}}");
        TraceValidation.Verdict v = TraceValidation.validate(log, TraceValidationTest.SPEC, TLC);
        assertTrue(v.accepted(), v.error() + " " + v.rejected());
        assertEquals(Map.of("ContainerCreate", 1), v.skipped());
        log.set(log.size() - 1, log.get(log.size() - 1).replace("ContainerCreate", "Frok"));
        TraceValidation.Verdict bad = TraceValidation.validate(log, TraceValidationTest.SPEC, TLC);
        assertEquals("event log:" + log.size() + ": action Frok is no kernel call's (docs/event-log.md)", bad.error());
    }

    /** ipc, net and user namespaces are projected away; an fd naming one ends validation with an error. */
    @Test
    void namespacesTheSpecDoesNotModel() {
        Logs flags = scenario("015-fork-flags.csc");
        assertTrue(validate(flags).accepted(), "fork newipc|newnet|newuser is fork without them for the spec");
        Logs types = scenario("160-ns-open-types.csc");
        TraceValidation.Verdict v = TraceValidation.validate(types.events(), types.calls(), TraceValidationTest.SPEC,
                TLC);
        int i = find(types.events(), e -> e.path("action").asText().equals("NsOpen") && e.path("args").path("type")
                .asText().equals("ipc"));
        assertEquals("event log:" + (i + 1) + ": NsOpen: ns_open of an ipc namespace: NamespaceUnshare does not model"
                + " ipc, net and user namespaces, so it cannot validate this log past here", v.error());
    }

    /** A call log that is not the event log's is an error, not a verdict. */
    @Test
    void aCallLogOfAnotherRunIsAnError() {
        Logs a = scenario("090-orphans-root.csc");
        Logs b = scenario("110-init-death-kill.csc");
        TraceValidation.Verdict v = TraceValidation.validate(a.events(), b.calls(), TraceValidationTest.SPEC, TLC);
        assertFalse(v.accepted());
        assertTrue(v.error() != null && v.error().startsWith("call log:") && v.error().endsWith(
                "; call log is not the call log of event log"), v.error());
        assertNull(v.tlc(), "TLC does not run on a bad pair of logs");
    }
}

package capsid.refinement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.refinement.DoctoredLogsTest.Logs;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Kernel runs are behaviours of CapabilityDelegation (spec/TraceCapabilityDelegation.tla),
 * with and without their call logs; a log doctored in any way the spec's records compare
 * is rejected at the doctored record. The deliberate kernel bugs are rejected too
 * (CapMutantsAreCaughtTest).
 */
class CapTraceValidationTest {
    static final Path SPEC = TraceValidationTest.SPEC;
    static final String CAP = "CapabilityDelegation";
    static final Duration TLC = Duration.ofMinutes(2);

    static TraceValidation.Verdict validate(Logs l) {
        TraceValidation.Verdict v = TraceValidation.validate(l.events(), l.calls(), SPEC, TLC, CAP);
        assertNull(v.error(), v.error());
        return v;
    }

    static void assertRejectedAt(TraceValidation.Verdict v, String file, int line, String text) {
        DoctoredLogsTest.assertRejectedAt(v, file, line, text);
    }

    /** Every capability scenario, and the namespace ones with deaths, are behaviours of the spec: every call a step or counted. */
    @Test
    void theScenariosAreBehavioursOfTheSpec() throws IOException {
        List<String> names;
        try (Stream<Path> s = Files.list(DoctoredLogsTest.ROOT.resolve("scenarios"))) {
            names = s.map(p -> p.getFileName().toString()).filter(n -> n.matches("3\\d\\d-cap-.*\\.csc")).sorted()
                    .toList();
        }
        assertTrue(names.size() >= 28, names.toString());
        for (String n : Stream.concat(names.stream(), Stream.of("110-init-death-kill.csc", "118-init-death-nested.csc",
                "205-fd-fork-copy.csc", "240-fd-table-limit.csc")).toList()) {
            Logs l = DoctoredLogsTest.scenario(n);
            TraceValidation.Verdict v = validate(l);
            assertTrue(v.accepted(), n + ": rejected " + v.rejectedWhat() + ": " + v.rejected());
            assertEquals(l.calls().size() - 1, v.calls(), n);
            assertTrue(v.matched() >= l.calls().size() - 1 - v.skippedCount(), n + ": every call the spec models is "
                    + "a step (a death is one step per process that died), skipped " + v.skipped());
        }
        for (String n : List.of("332-cap-revoke-across-tables.csc", "336-cap-close-moves-up.csc",
                "356-cap-namespace-init-death.csc")) {
            Logs l = DoctoredLogsTest.scenario(n);
            TraceValidation.Verdict v = TraceValidation.validate(l.events(), null, SPEC, TLC, CAP);
            assertTrue(v.accepted(), n + " (event log alone): " + v.rejected());
        }
    }

    /** Random programs of every call, with their call logs. */
    @Test
    void randomRunsOfEveryCallAreBehavioursOfTheSpec() {
        ValidateRun.Result r = ValidateRun.run(4, 150, 0, SPEC, 1, CAP);
        assertTrue(r.ok(), r.rejected() + " " + r.errors());
        assertEquals(0, r.skippedLogs());
        assertEquals(600, r.calls());
        assertTrue(r.skipped() < 450, "most calls are validated: skipped " + r.skipped());
    }

    @Test
    void aRevokeThatMissesADescendantIsRejected() {
        Logs l = DoctoredLogsTest.scenario("332-cap-revoke-across-tables.csc").copy();
        int i = DoctoredLogsTest.find(l.events(), e -> e.path("action").asText().equals("CapRevoke"));
        DoctoredLogsTest.doctor(l.events(), i, e -> {
            ((ArrayNode) e.get("out").get("removed")).remove(3);
            e.put("ret", 3);
        });
        assertRejectedAt(validate(new Logs(l.events(), null)), "event log", i + 1, l.events().get(i));
    }

    @Test
    void aRevokeThatRemovesASlotTooManyIsRejected() {
        Logs l = DoctoredLogsTest.scenario("334-cap-revoke-keeps-siblings.csc").copy();
        int i = DoctoredLogsTest.find(l.events(), e -> e.path("action").asText().equals("CapRevoke"));
        DoctoredLogsTest.doctor(l.events(), i, e -> {
            ArrayNode removed = (ArrayNode) e.get("out").get("removed");
            removed.addObject().put("task", 1).put("pid", 1).put("fd", 0);
            e.put("ret", removed.size());
        });
        assertRejectedAt(validate(new Logs(l.events(), null)), "event log", i + 1, l.events().get(i));
    }

    @Test
    void aCloseWhoseChildrenWentElsewhereIsRejected() {
        Logs l = DoctoredLogsTest.scenario("336-cap-close-moves-up.csc").copy();
        int i = DoctoredLogsTest.find(l.events(), e -> e.path("action").asText().equals("Close")
                && e.path("out").path("moved").size() > 0);
        DoctoredLogsTest.doctor(l.events(), i, e -> ((ObjectNode) e.get("out")).putNull("to"));
        assertRejectedAt(validate(new Logs(l.events(), null)), "event log", i + 1, l.events().get(i));
        Logs m = DoctoredLogsTest.scenario("336-cap-close-moves-up.csc").copy();
        DoctoredLogsTest.doctor(m.events(), i, e -> ((ArrayNode) e.get("out").get("moved")).remove(0));
        assertRejectedAt(validate(new Logs(m.events(), null)), "event log", i + 1, m.events().get(i));
    }

    @Test
    void aDupThatHangsUnderItsSourceIsRejected() {
        Logs l = DoctoredLogsTest.scenario("344-cap-dup-sibling.csc").copy();
        int i = DoctoredLogsTest.find(l.events(), e -> e.path("action").asText().equals("Dup"));
        ObjectNode dup = DoctoredLogsTest.parse(l.events().get(i));
        DoctoredLogsTest.doctor(l.events(), i, e -> ((ObjectNode) e.get("out")).putObject("parent")
                .put("task", dup.get("task").asLong()).put("pid", dup.get("pid").asLong())
                .put("fd", dup.get("args").get("fd").asInt()));
        assertRejectedAt(validate(new Logs(l.events(), null)), "event log", i + 1, l.events().get(i));
    }

    @Test
    void aGrantToAnotherProcessThanThePidNamesIsRejected() {
        Logs l = DoctoredLogsTest.scenario("356-cap-namespace-init-death.csc").copy();
        // "o cap_grant 0 2": pid 2 in o's namespace is w (task 3), not task 2
        int i = DoctoredLogsTest.find(l.events(), e -> e.path("action").asText().equals("CapGrant")
                && e.path("task").asInt() == 2);
        assertEquals(3, DoctoredLogsTest.parse(l.events().get(i)).get("out").get("target").asInt());
        DoctoredLogsTest.doctor(l.events(), i, e -> ((ObjectNode) e.get("out")).put("target", 2));
        assertRejectedAt(validate(new Logs(l.events(), null)), "event log", i + 1, l.events().get(i));
    }

    @Test
    void aDeriveWithAnotherBadgeOrObjectIsRejected() {
        for (String field : List.of("badge", "object")) {
            Logs l = DoctoredLogsTest.scenario("308-cap-badge-set.csc").copy();
            int i = DoctoredLogsTest.find(l.events(), e -> e.path("action").asText().equals("CapDerive"));
            DoctoredLogsTest.doctor(l.events(), i, e -> ((ObjectNode) e.get("out")).put(field,
                    e.get("out").get(field).asInt() + 7));
            assertRejectedAt(validate(new Logs(l.events(), null)), "event log", i + 1, l.events().get(i));
        }
    }

    /** cap_rights and cap_badge answers, and errnos, are compared through the call log. */
    @Test
    void aWrongReadOnlyAnswerOrErrnoIsRejected() {
        Logs l = DoctoredLogsTest.scenario("316-cap-grant-basic.csc").copy();
        int i = DoctoredLogsTest.find(l.calls(), c -> c.path("call").asText().equals("cap_rights"));
        DoctoredLogsTest.doctor(l.calls(), i, c -> c.put("ret", "r|w|grant"));
        assertRejectedAt(validate(l), "call log", i + 1, l.calls().get(i));
        Logs b = DoctoredLogsTest.scenario("316-cap-grant-basic.csc").copy();
        int j = DoctoredLogsTest.find(b.calls(), c -> c.path("call").asText().equals("cap_badge"));
        DoctoredLogsTest.doctor(b.calls(), j, c -> c.put("ret", 8));
        assertRejectedAt(validate(b), "call log", j + 1, b.calls().get(j));
        Logs e = DoctoredLogsTest.scenario("318-cap-grant-needs-grant.csc").copy();
        int k = DoctoredLogsTest.find(e.calls(), c -> c.path("errno").asText().equals("EPERM"));
        DoctoredLogsTest.doctor(e.calls(), k, c -> c.put("errno", "ESRCH"));
        assertRejectedAt(validate(e), "call log", k + 1, e.calls().get(k));
    }

    /** A grant the kernel refused as ESRCH to a pid the caller does see, live, is rejected. */
    @Test
    void aGrantRefusedToAVisibleProcessIsRejected() {
        Logs l = DoctoredLogsTest.scenario("320-cap-grant-einval-esrch.csc").copy();
        // "init cap_grant 0 77": no process 77, ESRCH; claim it was pid 2 (a, live at that point)
        int i = DoctoredLogsTest.find(l.calls(), c -> c.path("call").asText().equals("cap_grant")
                && c.path("args").path("pid").asInt() == 77);
        DoctoredLogsTest.doctor(l.calls(), i, c -> ((ObjectNode) c.get("args")).put("pid", 2));
        assertRejectedAt(validate(l), "call log", i + 1, l.calls().get(i));
    }

    /** What the spec leaves to NamespaceUnshare is counted, by what it was. */
    @Test
    void callsOutsideTheSpecAreSkippedAndCounted() {
        TraceValidation.Verdict v = validate(DoctoredLogsTest.scenario("328-cap-grant-across-namespaces.csc"));
        assertTrue(v.accepted(), v.rejected());
        assertEquals(Map.of("SetHostname", 1, "SetNs", 1, "gethostname", 1), v.skipped());
    }
}

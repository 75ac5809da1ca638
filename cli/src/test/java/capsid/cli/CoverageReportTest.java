package capsid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.coverage.ActionRef;
import capsid.coverage.CoverageSnapshot;
import capsid.coverage.ProbeInfo;
import capsid.coverage.ProbeKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The coverage report's zero-coverage check, on made-up snapshots and on the real kernel's probes. */
class CoverageReportTest {
    static final List<ActionRef> FORK = List.of(new ActionRef("NamespaceUnshare", "Fork"));
    static final List<ActionRef> FORK_BOTH = List.of(new ActionRef("NamespaceUnshare", "Fork"),
            new ActionRef("CapabilityDelegation", "Fork"));
    static final List<ActionRef> KILL = List.of(new ActionRef("NamespaceUnshare", "Kill"));
    static final ProbeInfo F0 = new ProbeInfo("capsid/kernel/P", "fork", "(I)I", 0, ProbeKind.ENTRY, 10, FORK);
    static final ProbeInfo F1 = new ProbeInfo("capsid/kernel/P", "fork", "(I)I", 1, ProbeKind.TAKEN, 11, FORK);
    static final ProbeInfo F2 = new ProbeInfo("capsid/kernel/P", "fork", "(I)I", 2, ProbeKind.FALLTHROUGH, 11, FORK);
    static final ProbeInfo K0 = new ProbeInfo("capsid/kernel/P", "kill", "(II)I", 0, ProbeKind.ENTRY, 20, KILL);
    static final ProbeInfo H0 = new ProbeInfo("capsid/kernel/P", "helper", "()V", 0, ProbeKind.ENTRY, 30, List.of());
    static final List<ProbeInfo> ALL = List.of(F0, F1, F2, K0, H0);

    static String verdict(CoverageReport r) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(b, true);
        r.printTable(p);
        CoverageCommand.printVerdict(p, r);
        return b.toString();
    }

    @Test
    void failsWhenAnAnnotatedMethodIsReachedByNoSource() {
        CoverageSnapshot traces = new CoverageSnapshot.Builder().add(F0, 3).add(F2, 3).build();
        CoverageSnapshot scenarios = CoverageSnapshot.zero(ALL);
        CoverageReport r = new CoverageReport(ALL, List.of(new CoverageReport.Source("traces", traces),
                new CoverageReport.Source("scenarios", scenarios), new CoverageReport.Source("campaigns", null)));
        assertFalse(r.ok());
        assertEquals(List.of("capsid/kernel/P.kill(II)I"), r.unreached.stream().map(CoverageReport.Method::key)
                .toList());
        String out = verdict(r);
        assertTrue(out.contains("FAILED: 1 method(s)"), out);
        assertTrue(out.contains("  capsid/kernel/P.kill(II)I [NamespaceUnshare.Kill]"), out);
        assertTrue(out.matches("(?s).*NamespaceUnshare\\.Fork\\s+P\\.fork\\s+3\\s+2/3\\s+0/3\\s+-\\s+2/3\\n.*"), out);
        // the unannotated helper is not required
        assertEquals("violation", r.toJson().get("result").asText());
        assertEquals(5, r.probes);
        assertEquals(2, r.probesReachedAny);
    }

    @Test
    void passesWhenEveryAnnotatedMethodIsReachedBySomeSource() {
        CoverageSnapshot traces = new CoverageSnapshot.Builder().add(F0, 1).build();
        CoverageSnapshot campaigns = new CoverageSnapshot.Builder().add(K0, 1).build();
        CoverageReport r = new CoverageReport(ALL, List.of(new CoverageReport.Source("traces", traces),
                new CoverageReport.Source("scenarios", CoverageSnapshot.zero(List.of())),
                new CoverageReport.Source("campaigns", campaigns)));
        assertTrue(r.ok(), verdict(r));
        assertTrue(verdict(r).contains("every method carrying @SpecAction is reached"));
        assertTrue(r.toHtml().contains("<td>Kill</td>"), r.toHtml());
        assertEquals(2, r.toFullJson().get("branches_by_action").size());
    }

    @Test
    void failsWhenNothingIsAnnotated() {
        CoverageReport r = new CoverageReport(List.of(H0), List.of(new CoverageReport.Source("traces",
                new CoverageSnapshot.Builder().add(H0, 1).build())));
        assertFalse(r.ok());
    }

    @Test
    void findsEveryKernelProbeAndTheSpecActionsOfTheRealKernel() throws Exception {
        List<ProbeInfo> kernel = CoverageReport.kernelProbes();
        assertTrue(kernel.size() > 500, "kernel probes: " + kernel.size());
        assertTrue(kernel.stream().anyMatch(p -> p.className().equals("capsid/kernel/process/ProcessTable")
                && p.methodName().equals("fork") && p.actions().containsAll(FORK_BOTH) && p.actions().size() == 2),
                "ProcessTable.fork carries Fork of both specs");
        assertTrue(kernel.stream().noneMatch(p -> p.className().startsWith("capsid/kernel/process/Invariants")
                || p.className().startsWith("capsid/kernel/process/Snapshot")), "the observers the agent skips");
        CoverageReport r = new CoverageReport(kernel, List.of(new CoverageReport.Source("traces",
                CoverageSnapshot.zero(List.of()))));
        assertFalse(r.ok(), "nothing ran: every annotated method is unreached");
        assertTrue(r.unreached.size() >= 10, String.valueOf(r.unreached.size()));
    }

    @Test
    void childJvmRunsAMainClassAndCapturesItsOutput() throws Exception {
        ChildJvm.Captured c = new ChildJvm(ChildMain.class.getName()).jvmArgs("-Xmx64m").args("a b", "c")
                .capture(Duration.ofMinutes(1));
        assertEquals(3, c.exitCode(), c.stderr());
        assertEquals("args [a b, c]\n", c.stdout());
        assertEquals("to stderr\n", c.stderr());
        assertFalse(c.timedOut());
    }
}

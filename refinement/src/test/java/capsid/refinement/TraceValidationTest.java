package capsid.refinement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.gen.CallGenerator;
import capsid.gen.ProgramStep;
import capsid.kernel.BootConfig;
import capsid.kernel.Kernel;
import capsid.kernel.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kernel runs are behaviours of NamespaceUnshare; a doctored log is not. */
class TraceValidationTest {
    static final Path SPEC = Path.of(System.getProperty("capsid.root", ".."), "spec");

    static List<String> run(long seed, int size, BootConfig config) {
        Kernel k = Kernel.boot(config.withSeed(seed));
        CallGenerator gen = new CallGenerator(seed, CallGenerator.Profile.NAMESPACE_SPEC);
        for (int i = 0; i < size; i++) {
            ProgramStep s = gen.next(k);
            Result r = k.syscall(s.actor(), s.call());
            gen.observe(k, s, r);
        }
        return k.eventLogJsonLines().lines().toList();
    }

    @Test
    void randomRunsAreBehavioursOfTheSpec() {
        for (long seed = 0; seed < 4; seed++) {
            BootConfig c = seed % 2 == 0 ? BootConfig.DEFAULT : BootConfig.DEFAULT.withPidMax(16, 4).withPidNsLevels(1)
                    .withFdMax(4);
            List<String> log = run(seed, 150, c);
            TraceValidation.Verdict v = TraceValidation.validate(log, SPEC, Duration.ofMinutes(2));
            assertNull(v.error(), v.error());
            assertTrue(v.accepted(), "seed " + seed + ": rejected at " + v.rejected() + " after " + v.matched());
            assertTrue(v.events() > 20, "a run should log some events, got " + v.events());
        }
    }

    @Test
    void aDoctoredLogIsRejectedAtTheDoctoredEvent() {
        List<String> log = new ArrayList<>(run(3, 60, BootConfig.DEFAULT));
        int i = 0;
        while (!log.get(i).contains("\"action\":\"Fork\"")) {
            i++;
        }
        // the kernel claims the child got another pid than the spec allows
        log.set(i, log.get(i).replaceFirst("\"ret\":(\\d+)", "\"ret\":99"));
        TraceValidation.Verdict v = TraceValidation.validate(log, SPEC, Duration.ofMinutes(2));
        assertFalse(v.accepted());
        assertEquals(i - 1, v.matched());
        assertEquals(log.get(i), v.rejected());
    }

    /** A log whose capability tree changed is not NamespaceUnshare's to judge: skipped whole, with the reason, never accepted. */
    @Test
    void aLogThatChangesTheDerivationTreeIsSkippedWholeWithTheReason() {
        Kernel k = Kernel.boot();
        k.recordCalls();
        k.syscall(k.initTid(), new capsid.kernel.call.Call.NsOpen(1, capsid.kernel.call.NsType.UTS.ordinal()));
        k.syscall(k.initTid(), new capsid.kernel.call.Call.CapDerive(0, capsid.kernel.call.Rights.R, 0, false));
        k.syscall(k.initTid(), new capsid.kernel.call.Call.Close(1));
        List<String> events = k.eventLogJsonLines().lines().toList();
        List<String> calls = k.callLogJsonLines().lines().toList();
        for (List<String> cl : java.util.Arrays.asList(null, calls)) {
            TraceValidation.Verdict v = TraceValidation.validate(events, cl, SPEC, Duration.ofMinutes(1));
            assertFalse(v.accepted(), "checked nothing, so not accepted");
            assertNull(v.error());
            assertNull(v.rejected());
            assertNull(v.tlc(), "TLC does not run");
            assertEquals(NamespaceTrace.TREE_REASON, v.notValidated());
            assertEquals(java.util.Map.of("whole log: 1 capability tree events", 3), v.skipped());
        }
        // without the derive the same log is validated
        Kernel plain = Kernel.boot();
        plain.syscall(plain.initTid(), new capsid.kernel.call.Call.NsOpen(1, capsid.kernel.call.NsType.UTS.ordinal()));
        plain.syscall(plain.initTid(), new capsid.kernel.call.Call.CapRights(0));
        TraceValidation.Verdict v = TraceValidation.validate(plain.eventLogJsonLines().lines().toList(), SPEC,
                Duration.ofMinutes(1));
        assertNull(v.notValidated());
        assertTrue(v.accepted(), String.valueOf(v.rejected()));
    }

    @Test
    void aLogWithoutBootIsABadLogNotAVerdict() {
        TraceValidation.Verdict v = TraceValidation.validate(List.of("{\"seq\":0,\"action\":\"Fork\",\"task\":1,"
                + "\"pid\":1,\"args\":{\"flags\":[]},\"ret\":2,\"out\":{}}"), SPEC, Duration.ofMinutes(1));
        assertFalse(v.accepted());
        assertEquals("event log:1: the first record must be Boot, not Fork", v.error());
        assertNull(v.tlc(), "TLC does not run on a bad log");
    }

    /** Random runs with their call logs: every call, failed and read-only ones too, is a step of the spec. */
    @Test
    void randomRunsWithTheirCallLogsAreBehavioursOfTheSpec() {
        for (long seed = 0; seed < 4; seed++) {
            ValidateRun.Logs logs = ValidateRun.logs(seed, 150);
            TraceValidation.Verdict v = TraceValidation.validate(logs.events(), logs.calls(), SPEC,
                    Duration.ofMinutes(2));
            assertNull(v.error(), v.error());
            assertTrue(v.accepted(), "seed " + seed + ": rejected " + v.rejectedWhat() + ": " + v.rejected());
            assertEquals(150, v.calls());
            assertEquals(150 - v.skippedCount(), v.matched(), "every call the spec models is a step");
            assertTrue(v.skippedCount() < 20, "few calls are outside the spec: " + v.skipped());
            assertEquals(1, v.tlc().workers(), "one TLC worker: TLC 2.18 is unsound with several");
        }
    }

    /** The limits a Boot event leaves out are the kernel's own defaults (BootConfig.DEFAULT), not copies of them. */
    @Test
    void absentLimitsAreTheKernelsDefaults() throws Exception {
        List<String> log = run(0, 5, BootConfig.DEFAULT);
        assertFalse(log.get(0).contains("pid_max"), log.get(0));
        List<KernelLogs.EventLine> events = KernelLogs.events(new KernelLogs.Source("event log", log));
        NamespaceTrace.Trace t = NamespaceTrace.of("event log", events, null, null);
        assertEquals(BootConfig.DEFAULT, t.boot());
        String cfg = TraceValidation.model(t).config();
        BootConfig d = BootConfig.DEFAULT;
        assertTrue(cfg.contains("PidMax = " + d.pidMax() + "\n    PidReserved = " + d.pidReserved()
                + "\n    PidNsLevels = " + d.pidNsLevels() + "\n    FdMax = " + d.fdMax() + "\n"), cfg);
        List<String> small = run(1, 5, BootConfig.DEFAULT.withPidMax(16, 4).withPidNsLevels(1).withFdMax(4));
        NamespaceTrace.Trace s = NamespaceTrace.of("event log", KernelLogs.events(new KernelLogs.Source("event log",
                small)), null, null);
        assertEquals(BootConfig.DEFAULT.withSeed(1).withPidMax(16, 4).withPidNsLevels(1).withFdMax(4), s.boot());
    }
}

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

    @Test
    void aLogWithoutBootIsABadLogNotAVerdict() {
        TraceValidation.Verdict v = TraceValidation.validate(List.of("{\"action\":\"Fork\"}"), SPEC, Duration.ofMinutes(1));
        assertFalse(v.accepted());
        assertEquals("event log line 1: the first event must be Boot", v.error());
    }
}

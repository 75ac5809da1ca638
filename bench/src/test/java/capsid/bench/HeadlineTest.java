package capsid.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The figure registry end to end in smoke settings (JMH in this JVM, one 50 ms
 * iteration): every figure is produced, named and finite. The values mean
 * nothing at these settings and are not checked against targets.
 */
class HeadlineTest {

    static final List<String> NAMES = List.of(
            "getpid_per_second", "getpid_per_second_events_on",
            "fork_exit_wait_per_second", "fork_exit_wait_per_second_events_on",
            "fork_newpid_ratio", "fork_newuts_ratio", "fork_newns_ratio", "fork_newipc_ratio",
            "fork_newnet_ratio", "fork_newuser_ratio", "fork_all_namespaces_ratio",
            "memory_per_process", "memory_per_pid_namespace",
            "cap_derive_per_second", "cap_grant_per_second", "cap_revoke_1k_ms", "cap_revoke_1k_ns_per_descendant",
            "cap_revoke_10k_ms", "cap_revoke_10k_ns_per_descendant", "cap_revoke_100k_ms",
            "cap_revoke_100k_ns_per_descendant",
            "fuzz_calls_per_second_per_core", "fuzz_programs_per_second_per_core",
            "refinement_steps_per_second", "trace_validation_seconds_per_1000_lines",
            "tlc_states_per_second_capsid", "tlc_states_per_second_direct", "tlc_capsid_overhead_ratio");

    /**
     * A smoke run measures nothing worth protecting, so it must not fail because a
     * real benchmark run holds JMH's lock file at the same time.
     */
    @BeforeAll
    static void ignoreJmhLock() {
        System.setProperty("jmh.ignoreLock", "true");
    }

    @Test
    void smokeRunProducesEveryFigure() throws BenchException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<Figure> figures = Headline.run(Settings.SMOKE, new PrintStream(log, true, StandardCharsets.UTF_8));
        List<String> names = new ArrayList<>();
        for (Figure f : figures) {
            names.add(f.name());
            assertTrue(Double.isFinite(f.value()), f.toString());
            assertFalse(f.note().isEmpty(), f.name());
            if (!f.name().equals("memory_per_pid_namespace")) {
                assertTrue(f.value() > 0, f.toString());
            }
        }
        assertEquals(NAMES, names);
        String table = Headline.table(figures);
        for (String n : NAMES) {
            assertTrue(table.contains(n), table);
        }
        String progress = log.toString(StandardCharsets.UTF_8);
        assertTrue(progress.contains("ForkFlagsInterleavedBench.interleaved"), progress);
    }

    @Test
    void aMissingBenchmarkResultIsAnError() {
        BenchException e = assertThrows(BenchException.class,
                () -> new SyscallFigures().figures(JmhResults.empty(), Settings.SMOKE, System.err));
        assertTrue(e.getMessage().contains("SyscallBench.getpid"), e.getMessage());
    }

    @Test
    void figuresRefuseNonNumbersAndBadNames() {
        assertThrows(IllegalArgumentException.class, () -> new Figure("x", Double.NaN, "u", 0, null, ""));
        assertThrows(IllegalArgumentException.class, () -> new Figure("Bad Name", 1, "u", 0, null, ""));
    }

    @Test
    void targetsAndHeadroom() {
        Target atLeast = Target.atLeast(10);
        assertTrue(atLeast.met(10));
        assertFalse(atLeast.met(9.9));
        assertEquals(2.0, atLeast.headroom(20), 1e-9);
        Target atMost = Target.atMost(1.2);
        assertTrue(atMost.met(1.2));
        assertFalse(atMost.met(1.3));
        assertEquals(2.0, atMost.headroom(0.6), 1e-9);
        Figure f = new Figure("ratio", 1.3, "x", 2, atMost, "n");
        assertFalse(f.met());
        assertTrue(Headline.table(List.of(f)).contains("MISSED"));
    }
}

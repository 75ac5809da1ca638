package capsid.gen;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import capsid.kernel.Result;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The kernel's properties over a few hundred seeded programs (the long campaigns
 * run from the CLI). A failure names the seed; {@code KernelProperties.run(seed,
 * size)} reproduces it.
 */
class KernelPropertiesTest {
    private static final int PROGRAMS = 300;
    private static final int SIZE = 80;

    @TestFactory
    Stream<DynamicTest> everyStepKeepsTheProperties() {
        return LongStream.range(0, PROGRAMS).mapToObj(seed -> dynamicTest("seed " + seed, () -> {
            KernelProperties.Run run = KernelProperties.run(seed, SIZE);
            assertNull(run.failure(), () -> run.failure() + "\n" + KernelProperties.describe(run.program()));
        }));
    }

    @TestFactory
    Stream<DynamicTest> sameSeedSameLog() {
        return LongStream.range(1000, 1000 + PROGRAMS / 3).mapToObj(seed -> dynamicTest("seed " + seed, () -> {
            KernelProperties.Failure f = KernelProperties.deterministic(seed, SIZE);
            assertNull(f, () -> f + "\n" + KernelProperties.describe(f.program()));
        }));
    }

    /** The generated programs must reach the states the properties are about, or they prove little. */
    @Test
    void programsReachDeepStates() {
        Set<String> outcomes = new HashSet<>();
        int maxLevels = 0;
        for (long seed = 0; seed < 100; seed++) {
            KernelProperties.Run run = KernelProperties.run(seed, SIZE);
            for (int i = 0; i < run.results().size(); i++) {
                Result r = run.results().get(i);
                outcomes.add(run.program().get(i).call().sys().word() + "->" + (r.isError() ? r.render() : "ok"));
            }
            capsid.kernel.Kernel k = capsid.kernel.Kernel.boot(KernelProperties.configFor(seed));
            for (ProgramStep s : run.program()) {
                k.syscall(s.actor(), s.call());
            }
            for (var v : k.processes()) {
                maxLevels = Math.max(maxLevels, v.pids().size());
            }
        }
        for (String expected : new String[] {"fork->ok", "fork->EINVAL", "fork->EPERM", "fork->ENOMEM", "exit->ok",
            "wait->ok", "wait->ECHILD", "wait->EINVAL", "kill->ok", "kill->ESRCH", "kill->EINVAL", "unshare->ok",
            "unshare->EINVAL", "unshare->EPERM", "ns_open->ok", "ns_open->ESRCH", "ns_open->EINVAL", "setns->ok",
            "setns->EBADF", "setns->EINVAL", "setns->EPERM", "sethostname->ok", "sethostname->EINVAL",
            "jail->ok", "close->ok", "close->EBADF", "dup->ok", "dup->EMFILE", "ns_open->EMFILE", "fork->ENOSPC",
            "unshare->ENOSPC", "fork->EAGAIN", "getpid->ok", "getppid->ok", "pipe->ENOSYS", "cap_derive->ok",
            "cap_derive->EPERM", "cap_derive->EINVAL", "cap_derive->EBADF", "cap_grant->ok",
            "cap_grant->EPERM", "cap_grant->EINVAL", "cap_grant->ESRCH", "cap_revoke->ok", "cap_revoke->EBADF",
            "cap_rights->ok", "cap_badge->ok"}) {
            assertTrue(outcomes.contains(expected), "no generated program reached " + expected + "; got " + outcomes);
        }
        assertTrue(maxLevels >= 4, "programs should nest pid namespaces; deepest was " + maxLevels + " levels");
    }
}

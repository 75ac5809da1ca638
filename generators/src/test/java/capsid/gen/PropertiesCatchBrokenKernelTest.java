package capsid.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.kernel.Kernel;
import capsid.kernel.Result;
import capsid.kernel.call.Call;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Each property check can fail: a deliberately broken syscall path (test code, not
 * a switch in the kernel) must be reported by exactly the property it breaks. The
 * invariant checkers themselves are shown to fail in the kernel module
 * (InvariantsCatchBrokenStateTest), where tests can reach the state.
 */
class PropertiesCatchBrokenKernelTest {

    private static KernelProperties.Failure firstFailure(KernelProperties.Syscall broken) {
        for (long seed = 0; seed < 50; seed++) {
            KernelProperties.Run run = KernelProperties.run(seed, 80, broken);
            if (run.failure() != null) {
                return run.failure();
            }
        }
        return null;
    }

    @Test
    void anExceptionIsCaughtAsNoThrow() {
        KernelProperties.Failure f = firstFailure((k, tid, c) -> {
            if (c instanceof Call.Kill kill && kill.sig() == 15) {
                throw new IllegalStateException("bug: TERM path crashes");
            }
            return k.syscall(tid, c);
        });
        assertNotNull(f);
        assertEquals("NoThrow", f.property());
    }

    @Test
    void aFailedCallThatChangesStateIsCaught() {
        KernelProperties.Failure f = firstFailure((k, tid, c) -> {
            Result r = k.syscall(tid, c);
            if (r == capsid.kernel.Errno.ECHILD) {
                // bug: a refused wait still forks (say, a leaked half-done operation)
                k.syscall(k.initTid(), new Call.Fork(0));
            }
            return r;
        });
        assertNotNull(f);
        assertEquals("FailedCallChangesNothing", f.property());
    }

    /** The index of the first step of {@code f}'s program that makes a call of type {@code type}. */
    private static int firstStep(KernelProperties.Failure f, Class<? extends Call> type) {
        for (int i = 0; i < f.program().size(); i++) {
            if (type.isInstance(f.program().get(i).call())) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aReadOnlyCallThatEmitsAnEventIsCaught() {
        KernelProperties.Failure f = firstFailure((k, tid, c) -> {
            Result r = k.syscall(tid, c);
            if (c instanceof Call.GetPid) {
                k.syscall(tid, Call.Jail.INSTANCE); // bug: getpid has a side effect, logged
            }
            return r;
        });
        assertNotNull(f);
        assertEquals("OneEventPerChange", f.property());
        assertEquals(firstStep(f, Call.GetPid.class), f.step(), f.toString());
        assertTrue(f.detail().contains("emitted 1 event(s), expected 0"), f.detail());
    }

    @Test
    void aReadOnlyCallThatChangesStateSilentlyIsCaught() {
        KernelProperties.Failure f = firstFailure((k, tid, c) -> {
            Result r = k.syscall(tid, c);
            if (c instanceof Call.GetPid) {
                // bug: getpid changes the hostname through a path that logs nothing
                k.recordEvents(false);
                k.syscall(tid, new Call.SetHostname("leak"));
                k.recordEvents(true);
            }
            return r;
        });
        assertNotNull(f);
        assertEquals("OneEventPerChange", f.property());
        assertEquals(firstStep(f, Call.GetPid.class), f.step(), f.toString());
        assertTrue(f.detail().startsWith("read-only GetPid[] returned "), f.detail());
        assertTrue(f.detail().contains("but changed the state") && f.detail().contains("leak"), f.detail());
    }

    /**
     * The issue's case: a kernel that gives an orphan to its grandparent, with every
     * link and list consistent, breaks no invariant of the kernel's own structures;
     * the step check named after the spec's rule reports it, at the exit.
     */
    @Test
    void anOrphanGivenToTheWrongButLinkedProcessIsCaught() {
        KernelProperties.Failure f = firstFailure(WrongReaper::toGrandparent);
        assertNotNull(f);
        assertEquals("OrphansGoToNamespaceInit", f.property(), f.toString());
        assertEquals(List.of("OrphansGoToNamespaceInit"), f.checks(), f.toString());
        assertTrue(f.program().get(f.step()).call() instanceof Call.Exit, f.toString());
        assertTrue(f.detail().contains("'s parent changed from task ")
                && f.detail().contains(", but the init of pidns#"), f.detail());
    }

    @Test
    void nondeterminismIsCaught() {
        AtomicLong calls = new AtomicLong();
        KernelProperties.Failure f = null;
        for (long seed = 0; seed < 20 && f == null; seed++) {
            f = KernelProperties.deterministic(seed, 80, (k, tid, c) -> {
                // bug: behaviour depends on state outside the kernel (a global counter); no
                // per-step check looks at what getpid answers (refinement does)
                if (c instanceof Call.GetPid && calls.incrementAndGet() % 3 == 0) {
                    return Result.Int.of(4242);
                }
                return k.syscall(tid, c);
            });
        }
        assertNotNull(f);
        assertEquals("Deterministic", f.property());
    }

    @Test
    void theHealthyKernelPasses() {
        for (long seed = 0; seed < 50; seed++) {
            assertEquals(null, KernelProperties.run(seed, 80, Kernel::syscall).failure());
        }
    }
}

package capsid.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import capsid.kernel.Kernel;
import capsid.kernel.Result;
import capsid.kernel.call.Call;
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

    @Test
    void aSilentOrDoubleEventIsCaught() {
        KernelProperties.Failure f = firstFailure((k, tid, c) -> {
            Result r = k.syscall(tid, c);
            if (c instanceof Call.GetPid) {
                k.syscall(tid, Call.Jail.INSTANCE); // bug: getpid has a side effect
            }
            return r;
        });
        assertNotNull(f);
        assertEquals("OneEventPerChange", f.property());
    }

    @Test
    void nondeterminismIsCaught() {
        AtomicLong calls = new AtomicLong();
        KernelProperties.Failure f = null;
        for (long seed = 0; seed < 20 && f == null; seed++) {
            f = KernelProperties.deterministic(seed, 80, (k, tid, c) -> {
                // bug: behaviour depends on state outside the kernel (a global counter)
                if (c instanceof Call.SetHostname && calls.incrementAndGet() % 3 == 0) {
                    return k.syscall(tid, new Call.SetHostname("drift"));
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

package capsid.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.kernel.call.Call;
import capsid.kernel.call.Flags;
import capsid.kernel.call.NsType;
import capsid.kernel.call.Signals;
import java.util.List;

/**
 * Test helper: a booted kernel and one-line syscalls, in the spirit of gVisor's
 * syscall tests (errnos asserted by name). After every call it checks that a
 * failed call changed nothing and that every invariant holds.
 */
final class Sys {
    final Kernel k;

    Sys() {
        this(Kernel.boot());
    }

    Sys(Kernel k) {
        this.k = k;
    }

    long init() {
        return k.initTid();
    }

    Result call(long tid, Call c) {
        String before = k.snapshot();
        int events = k.events().size();
        Result r = k.syscall(tid, c);
        if (r.isError()) {
            assertEquals(before, k.snapshot(), "failed call " + c + " -> " + r + " changed the state");
            assertEquals(events, k.events().size(), "failed call emitted an event");
        }
        List<String> bad = k.checkInvariants();
        assertTrue(bad.isEmpty(), "invariants after " + c + ": " + bad);
        return r;
    }

    long num(long tid, Call c) {
        Result r = call(tid, c);
        assertFalse(r.isError(), c + " failed: " + r);
        return ((Result.Int) r).value();
    }

    /** Forks and returns the child's task id. */
    long fork(long tid, int flags) {
        int pid = (int) num(tid, new Call.Fork(flags));
        long child = k.resolve(tid, pid);
        assertTrue(child != 0, "child pid " + pid + " not visible to its parent");
        return child;
    }

    long fork(long tid) {
        return fork(tid, 0);
    }

    int forkPid(long tid, int flags) {
        return (int) num(tid, new Call.Fork(flags));
    }

    int getpid(long tid) {
        return (int) num(tid, Call.GetPid.INSTANCE);
    }

    int getppid(long tid) {
        return (int) num(tid, Call.GetPpid.INSTANCE);
    }

    void exit(long tid, int code) {
        assertEquals(Result.Int.ZERO, call(tid, new Call.Exit(code)));
    }

    Result kill(long tid, int pid, int sig) {
        return call(tid, new Call.Kill(pid, sig));
    }

    Result killTerm(long tid, int pid) {
        return kill(tid, pid, Signals.TERM);
    }

    Result killKill(long tid, int pid) {
        return kill(tid, pid, Signals.KILL);
    }

    Result waitAny(long tid) {
        return call(tid, Call.Wait.ANY);
    }

    Result waitPid(long tid, int pid) {
        return call(tid, Call.Wait.pid(pid));
    }

    Result unshare(long tid, int flags) {
        return call(tid, new Call.Unshare(flags));
    }

    Result nsOpen(long tid, int pid, NsType t) {
        return call(tid, new Call.NsOpen(pid, t.ordinal()));
    }

    Result setns(long tid, int fd) {
        return call(tid, new Call.SetNs(fd));
    }

    Result sethostname(long tid, String name) {
        return call(tid, new Call.SetHostname(name));
    }

    String hostname(long tid) {
        Result r = call(tid, Call.GetHostname.INSTANCE);
        return ((Result.Str) r).value();
    }

    Result jail(long tid) {
        return call(tid, Call.Jail.INSTANCE);
    }

    /** The pid of {@code target} as {@code viewer} sees it, 0 when invisible. */
    int pidOf(long target, long viewer) {
        return k.process(target).pidIn(k.process(viewer).pidNamespace());
    }

    int rootPid(long tid) {
        return k.process(tid).rootPid();
    }

    boolean alive(long tid) {
        ProcessView v = k.process(tid);
        return v != null && v.live();
    }

    boolean exists(long tid) {
        return k.process(tid) != null;
    }

    static Result.Int ok(long v) {
        return Result.Int.of(v);
    }

    static final int NEWPID = Flags.NEWPID;
    static final int NEWUTS = Flags.NEWUTS;
    static final int NEWNS = Flags.NEWNS;
}

package capsid.kernel;

import static capsid.kernel.Errno.EBADF;
import static capsid.kernel.Errno.EINVAL;
import static capsid.kernel.Errno.EMFILE;
import static capsid.kernel.Errno.EPERM;
import static capsid.kernel.Errno.ESRCH;
import static capsid.kernel.Sys.NEWNS;
import static capsid.kernel.Sys.NEWPID;
import static capsid.kernel.Sys.NEWUTS;
import static capsid.kernel.Sys.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import capsid.kernel.call.Call;
import capsid.kernel.call.Flags;
import capsid.kernel.call.NsType;
import capsid.kernel.cap.CapTable;
import org.junit.jupiter.api.Test;

/** unshare, setns, ns_open, sethostname, gethostname, jail, close, dup (ABI.md section 3). */
class NamespaceCallsTest {

    @Test
    void utsNamespaceIsCopiedAndIsolated() {
        Sys s = new Sys();
        long a = s.fork(s.init());
        assertEquals(ok(0), s.sethostname(a, "shared"));
        assertEquals("shared", s.hostname(s.init()), "same uts namespace");
        assertEquals(ok(0), s.unshare(a, NEWUTS));
        assertEquals("shared", s.hostname(a), "starts with the caller's hostname");
        assertEquals(ok(0), s.sethostname(a, "web"));
        assertEquals("shared", s.hostname(s.init()));
        long b = s.fork(a, NEWUTS);
        s.sethostname(b, "db");
        assertEquals("web", s.hostname(a));
        assertEquals("db", s.hostname(b));
    }

    @Test
    void hostnameValidation() {
        Sys s = new Sys();
        assertEquals(EINVAL, s.sethostname(s.init(), ""));
        assertEquals(EINVAL, s.sethostname(s.init(), "a_b"));
        assertEquals(EINVAL, s.sethostname(s.init(), "a b"));
        assertEquals(EINVAL, s.sethostname(s.init(), "x".repeat(65)));
        assertEquals(ok(0), s.sethostname(s.init(), "x".repeat(64)));
        assertEquals(ok(0), s.sethostname(s.init(), "A-9.z"));
    }

    @Test
    void unshareValidatesFlags() {
        Sys s = new Sys();
        long a = s.fork(s.init());
        assertEquals(EINVAL, s.unshare(a, Flags.DESTROY_ON_CLOSE));
        assertEquals(EINVAL, s.unshare(a, NEWUTS | Flags.UNKNOWN));
        assertEquals(ok(0), s.unshare(a, Flags.NAMESPACES));
        s.jail(a);
        assertEquals(EPERM, s.unshare(a, 0), "jailed: any unshare is EPERM");
    }

    @Test
    void nsOpenAndSetnsUts() {
        Sys s = new Sys();
        long a = s.fork(s.init(), NEWUTS);
        s.sethostname(a, "inner");
        int fd = (int) s.num(s.init(), new Call.NsOpen(s.rootPid(a), NsType.UTS.ordinal()));
        assertEquals(0, fd, "lowest free fd");
        assertEquals(ok(0), s.setns(s.init(), fd));
        assertEquals("inner", s.hostname(s.init()));
    }

    @Test
    void nsOpenErrors() {
        Sys s = new Sys();
        long a = s.fork(s.init());
        s.unshare(a, NEWPID);
        long b = s.fork(a);
        assertEquals(EINVAL, s.call(s.init(), new Call.NsOpen(2, 6)));
        assertEquals(EINVAL, s.call(s.init(), new Call.NsOpen(2, -1)));
        assertEquals(EINVAL, s.call(s.init(), new Call.NsOpen(999, 7)), "EINVAL before ESRCH");
        assertEquals(ESRCH, s.call(s.init(), new Call.NsOpen(999, 0)));
        assertEquals(ESRCH, s.call(s.init(), new Call.NsOpen(0, 0)));
        assertEquals(ESRCH, s.call(b, new Call.NsOpen(s.rootPid(a), 0)), "not visible from b");
        long z = s.fork(s.init());
        s.exit(z, 0);
        assertEquals(ESRCH, s.call(s.init(), new Call.NsOpen(s.rootPid(z), 0)), "a zombie is ESRCH");
    }

    @Test
    void setnsPidAppliesToChildrenOnlyAndOnlyDownward() {
        Sys s = new Sys();
        int rootFd = (int) s.num(s.init(), new Call.NsOpen(1, NsType.PID.ordinal()));
        long b = s.fork(s.init(), NEWPID); // inherits rootFd
        long c = s.fork(b);
        int fd = (int) s.num(s.init(), new Call.NsOpen(s.rootPid(b), NsType.PID.ordinal()));
        long q = s.fork(s.init());
        assertEquals(ok(0), s.setns(q, fd));
        assertEquals(s.rootPid(q), s.getpid(q), "the caller does not move");
        long r = s.fork(q);
        assertEquals(3, s.getpid(r), "after b (1) and c (2)");
        assertEquals(0, s.getppid(r));
        assertEquals(EINVAL, s.setns(c, rootFd), "the root namespace is an ancestor of c's, not a descendant");
        int own = (int) s.num(c, new Call.NsOpen(1, NsType.PID.ordinal()));
        assertEquals(ok(0), s.setns(c, own), "its own namespace is fine");
    }

    @Test
    void setnsErrors() {
        Sys s = new Sys();
        long a = s.fork(s.init());
        assertEquals(EBADF, s.setns(a, 0));
        assertEquals(EBADF, s.setns(a, -1));
        assertEquals(EBADF, s.setns(a, 1 << 20));
        int fd = (int) s.num(a, new Call.NsOpen(1, NsType.NET.ordinal()));
        s.jail(a);
        assertEquals(EPERM, s.setns(a, fd));
        assertEquals(EPERM, s.setns(a, 77), "EPERM for a jailed caller before EBADF");
    }

    @Test
    void jailedProcessKeepsItsNamespaces() {
        Sys s = new Sys();
        long a = s.fork(s.init());
        assertEquals(ok(0), s.jail(a));
        assertEquals(ok(0), s.jail(a), "again: 0");
        assertEquals(EPERM, s.unshare(a, NEWUTS));
        assertEquals(EPERM, s.call(a, new Call.Fork(NEWNS)));
        long c = s.fork(a);
        assertEquals(EPERM, s.unshare(c, NEWUTS));
        assertEquals(ok(0), s.sethostname(a, "still-ok"), "sethostname is not refused");
    }

    @Test
    void closeAndDupFollowLowestFreeFd() {
        Sys s = new Sys();
        long a = s.fork(s.init());
        int f0 = (int) s.num(a, new Call.NsOpen(1, 1));
        int f1 = (int) s.num(a, new Call.Dup(f0));
        int f2 = (int) s.num(a, new Call.NsOpen(1, 2));
        assertEquals(0, f0);
        assertEquals(1, f1);
        assertEquals(2, f2);
        assertEquals(ok(0), s.call(a, new Call.Close(f1)));
        assertEquals(EBADF, s.call(a, new Call.Close(f1)));
        assertEquals(EBADF, s.call(a, new Call.Dup(f1)));
        assertEquals(ok(1), s.call(a, new Call.Dup(f2)));
        long child = s.fork(a);
        assertEquals(ok(0), s.setns(child, 0), "fork copies the table, same numbers");
    }

    @Test
    void tableIsBoundedAndEmfileChangesNothing() {
        Sys s = new Sys();
        s.k.recordEvents(false);
        for (int i = 0; i < 1024; i++) {
            assertFalse(s.k.syscall(s.init(), new Call.NsOpen(1, 0)).isError());
        }
        assertEquals(EMFILE, s.call(s.init(), new Call.NsOpen(1, 0)));
        assertEquals(EMFILE, s.call(s.init(), new Call.Dup(0)));
        s.call(s.init(), new Call.Close(7));
        assertEquals(ok(7), s.call(s.init(), new Call.Dup(0)));
    }

    @Test
    void exitClosesTheWholeTable() {
        Sys s = new Sys();
        long a = s.fork(s.init());
        s.num(a, new Call.NsOpen(1, 0));
        s.exit(a, 0);
        assertEquals(ok(2), s.waitAny(s.init()));
    }
}

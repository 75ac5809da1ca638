package capsid.kernel;

import static capsid.kernel.Sys.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.kernel.call.Call;
import capsid.kernel.call.NsType;
import capsid.kernel.call.Rights;
import org.junit.jupiter.api.Test;

/**
 * The capability calls through the one entry point (ABI.md, "Capabilities
 * (delegation)" and "Finer points"): every call, right and errno, the error order,
 * and the derivation tree as revoke and close see it. {@link Sys} checks after every
 * call that a failed one changed nothing and that every invariant holds.
 */
class CapCallsTest {
    private static final int R = Rights.R;
    private static final int W = Rights.W;
    private static final int X = Rights.X;
    private static final int G = Rights.GRANT;
    private static final int D = Rights.DESTROY;

    private final Sys s = new Sys();

    private Result derive(long tid, int fd, int rights) {
        return s.call(tid, new Call.CapDerive(fd, rights, 0, false));
    }

    private Result derive(long tid, int fd, int rights, long badge) {
        return s.call(tid, new Call.CapDerive(fd, rights, badge, true));
    }

    private Result grant(long tid, int fd, int pid) {
        return s.call(tid, new Call.CapGrant(fd, pid));
    }

    private Result revoke(long tid, int fd) {
        return s.call(tid, new Call.CapRevoke(fd));
    }

    private Result rights(long tid, int fd) {
        return s.call(tid, new Call.CapRights(fd));
    }

    private Result badge(long tid, int fd) {
        return s.call(tid, new Call.CapBadge(fd));
    }

    private Result close(long tid, int fd) {
        return s.call(tid, new Call.Close(fd));
    }

    private Result dup(long tid, int fd) {
        return s.call(tid, new Call.Dup(fd));
    }

    @Test
    void nsOpenMakesARootWithReadUseAndGrant() {
        assertEquals(ok(0), s.nsOpen(s.init(), 1, NsType.UTS));
        assertEquals(new Result.Str("r|x|grant"), rights(s.init(), 0));
        assertEquals(ok(0), badge(s.init(), 0));
    }

    @Test
    void deriveMakesAChildWithASubsetOfRightsAndTheLowestFreeFd() {
        s.nsOpen(s.init(), 1, NsType.UTS);
        assertEquals(ok(1), derive(s.init(), 0, R | X));
        assertEquals(new Result.Str("r|x"), rights(s.init(), 1));
        assertEquals(ok(2), derive(s.init(), 1, 0));
        assertEquals(new Result.Str(""), rights(s.init(), 2), "the empty set is a subset");
        assertEquals(ok(2), revoke(s.init(), 0), "fd 1 and its child fd 2 are descendants of fd 0");
        assertEquals(ok(1), derive(s.init(), 0, R), "fd 1 is the lowest free slot again");
    }

    @Test
    void deriveRefusesRightsBeyondTheSource() {
        s.nsOpen(s.init(), 1, NsType.UTS);
        derive(s.init(), 0, R);
        for (int right : new int[] {W, X, G, D, Rights.UNKNOWN}) {
            assertEquals(Errno.EPERM, derive(s.init(), 1, R | right), Rights.render(right));
        }
        assertEquals(Errno.EPERM, derive(s.init(), 0, W), "an ns_open capability has no w");
        assertEquals(Errno.EPERM, derive(s.init(), 0, D), "nor destroy");
    }

    @Test
    void badgesAreSetOnceAndCopied() {
        s.nsOpen(s.init(), 1, NsType.UTS);
        assertEquals(ok(1), derive(s.init(), 0, R | G, 7));
        assertEquals(ok(7), badge(s.init(), 1));
        assertEquals(Errno.EPERM, derive(s.init(), 1, R, 8), "a badge never changes");
        assertEquals(ok(2), derive(s.init(), 1, R), "without BADGE: the source's badge");
        assertEquals(ok(7), badge(s.init(), 2));
        assertEquals(ok(3), dup(s.init(), 1));
        assertEquals(ok(7), badge(s.init(), 3));
        long a = s.fork(s.init());
        assertEquals(ok(7), badge(a, 1), "fork's copy keeps it");
        assertEquals(ok(4), grant(s.init(), 1, s.rootPid(a)), "fd 4 is a's lowest free slot");
        assertEquals(ok(7), badge(a, 4), "a grant gives FD's badge");
        assertEquals(new Result.Str("r|grant"), rights(a, 4), "and its rights");
    }

    @Test
    void badgeBelowOneIsEinvalAfterEperm() {
        s.nsOpen(s.init(), 1, NsType.UTS);
        assertEquals(Errno.EINVAL, derive(s.init(), 0, R, 0));
        assertEquals(Errno.EINVAL, derive(s.init(), 0, R, -5));
        assertEquals(Errno.EPERM, derive(s.init(), 0, W, 0), "EPERM comes before EINVAL");
        derive(s.init(), 0, R, 3);
        assertEquals(Errno.EPERM, derive(s.init(), 1, R, 0), "a badge given to a badged fd: EPERM first");
    }

    @Test
    void deriveErrorOrderEbadfEpermEinvalEmfile() {
        Sys small = new Sys(Kernel.boot(BootConfig.DEFAULT.withFdMax(1)));
        assertEquals(Errno.EBADF, small.call(small.init(), new Call.CapDerive(0, 1 << 20, -1, true)));
        small.nsOpen(small.init(), 1, NsType.UTS);
        assertEquals(Errno.EPERM, small.call(small.init(), new Call.CapDerive(0, W, -1, true)));
        assertEquals(Errno.EINVAL, small.call(small.init(), new Call.CapDerive(0, R, -1, true)));
        assertEquals(Errno.EMFILE, small.call(small.init(), new Call.CapDerive(0, R, 1, true)));
        assertEquals(Errno.EMFILE, small.call(small.init(), new Call.CapDerive(0, R, 0, false)));
        assertEquals(Errno.EBADF, small.call(small.init(), new Call.CapDerive(-1, R, 0, false)));
    }

    @Test
    void grantErrorOrderEbadfEpermEinvalEsrchEmfile() {
        Sys small = new Sys(Kernel.boot(BootConfig.DEFAULT.withFdMax(1)));
        long init = small.init();
        assertEquals(Errno.EBADF, small.call(init, new Call.CapGrant(0, -1)), "EBADF before EINVAL");
        small.nsOpen(init, 1, NsType.UTS);
        long a = small.fork(init);
        assertEquals(ok(0), small.call(a, new Call.Close(0)), "a's table is empty now");
        assertEquals(Errno.EINVAL, small.call(init, new Call.CapGrant(0, 0)));
        assertEquals(Errno.EINVAL, small.call(init, new Call.CapGrant(0, -3)));
        assertEquals(Errno.ESRCH, small.call(init, new Call.CapGrant(0, 99)));
        assertEquals(Errno.EMFILE, small.call(init, new Call.CapGrant(0, 1)), "granting to oneself, table full");
        assertEquals(ok(0), small.call(init, new Call.CapGrant(0, small.rootPid(a))));
        assertEquals(Errno.EMFILE, small.call(init, new Call.CapGrant(0, small.rootPid(a))), "a's table full");
        assertEquals(Errno.ESRCH, small.call(init, new Call.CapGrant(0, 99)), "ESRCH before EMFILE");
    }

    @Test
    void grantNeedsTheGrantRightBeforeLookingAtPid() {
        s.nsOpen(s.init(), 1, NsType.UTS);
        derive(s.init(), 0, R | X);
        assertEquals(Errno.EPERM, grant(s.init(), 1, 0), "EPERM before EINVAL");
        assertEquals(Errno.EPERM, grant(s.init(), 1, 99), "EPERM before ESRCH");
        assertEquals(Errno.EPERM, grant(s.init(), 1, 1));
    }

    @Test
    void grantToOneselfIsAChildInTheSameTable() {
        s.nsOpen(s.init(), 1, NsType.UTS);
        assertEquals(ok(1), grant(s.init(), 0, 1));
        assertEquals(ok(1), revoke(s.init(), 0));
        assertEquals(Errno.EBADF, rights(s.init(), 1));
    }

    @Test
    void grantToAZombieOrAnInvisibleProcessIsEsrch() {
        s.nsOpen(s.init(), 1, NsType.UTS);
        long a = s.fork(s.init());
        int aPid = s.rootPid(a);
        s.exit(a, 0);
        assertEquals(Errno.ESRCH, grant(s.init(), 0, aPid), "a zombie");
        long b = s.fork(s.init(), Sys.NEWPID);
        long c = s.fork(b);
        assertEquals(3, s.rootPid(b));
        assertEquals(Errno.ESRCH, grant(c, 0, 3), "b's root pid names nobody in b's namespace");
        assertEquals(ok(1), grant(c, 0, 1), "pid 1 there is b");
        assertEquals(ok(1), grant(b, 0, s.pidOf(c, b)), "b sees its child c");
    }

    @Test
    void revokeRemovesDescendantsInEveryTableAndKeepsFd() {
        long init = s.init();
        s.nsOpen(init, 1, NsType.UTS); // init:0
        long a = s.fork(init); // a:0, a sibling copy
        long b = s.fork(init); // b:0
        assertEquals(ok(1), grant(init, 0, s.rootPid(a)), "a:1, child of init:0");
        assertEquals(ok(1), grant(a, 1, s.rootPid(b)), "b:1, child of a:1");
        assertEquals(ok(2), derive(b, 1, R), "b:2, child of b:1");
        assertEquals(ok(1), derive(init, 0, R), "init:1");
        assertEquals(ok(4), revoke(init, 0), "a:1, b:1, b:2, init:1");
        assertEquals(new Result.Str("r|x|grant"), rights(init, 0), "FD stays");
        assertEquals(Errno.EBADF, rights(a, 1));
        assertEquals(Errno.EBADF, rights(b, 1));
        assertEquals(Errno.EBADF, rights(b, 2));
        assertEquals(Errno.EBADF, rights(init, 1));
        assertEquals(new Result.Str("r|x|grant"), rights(a, 0), "fork copies are siblings, not descendants");
        assertEquals(new Result.Str("r|x|grant"), rights(b, 0));
        assertEquals(ok(0), revoke(init, 0), "nothing left below");
        assertEquals(Errno.EBADF, revoke(init, 5));
    }

    @Test
    void closeMovesChildrenUpToItsParent() {
        long init = s.init();
        s.nsOpen(init, 1, NsType.UTS); // init:0
        long a = s.fork(init);
        derive(init, 0, R | G); // init:1
        derive(init, 1, R); // init:2
        assertEquals(ok(1), grant(init, 1, s.rootPid(a)), "a:1");
        assertEquals(ok(0), close(init, 1));
        assertEquals(Errno.EBADF, close(init, 1), "a closed fd is EBADF");
        assertEquals(ok(2), revoke(init, 0), "init:2 and a:1 moved up under init:0");
    }

    @Test
    void closeOfARootMakesItsChildrenRoots() {
        long init = s.init();
        s.nsOpen(init, 1, NsType.UTS);
        derive(init, 0, R | G); // init:1
        derive(init, 1, R); // init:2
        close(init, 0);
        assertEquals(ok(1), revoke(init, 1), "init:2 is still below init:1");
        assertEquals(ok(0), derive(init, 1, R), "fd 0 is free");
        assertEquals(ok(1), revoke(init, 1));
    }

    @Test
    void exitClosesTheTableAndDescendantsFindTheNearestAncestorOutside() {
        long init = s.init();
        s.nsOpen(init, 1, NsType.UTS); // init:0
        long a = s.fork(init); // a:0
        assertEquals(ok(1), grant(init, 0, s.rootPid(a)), "a:1 under init:0");
        assertEquals(ok(2), derive(a, 1, R | G), "a:2 under a:1");
        assertEquals(ok(1), grant(a, 2, 1), "init:1 under a:2");
        s.exit(a, 0);
        assertEquals(ok(1), revoke(init, 0), "init:1 moved up to init:0");
    }

    @Test
    void forkCopiesAreSiblings() {
        long init = s.init();
        s.nsOpen(init, 1, NsType.UTS);
        derive(init, 0, R, 4); // init:1 under init:0
        long a = s.fork(init);
        assertEquals(ok(4), badge(a, 1));
        assertEquals(new Result.Str("r"), rights(a, 1));
        assertEquals(ok(2), revoke(init, 0), "init:1 and its sibling copy a:1");
        assertEquals(new Result.Str("r|x|grant"), rights(a, 0), "a root's copy is a root");
        assertEquals(ok(0), revoke(a, 0));
    }

    @Test
    void dupIsASiblingAndEmfileAtFdMax() {
        Sys small = new Sys(Kernel.boot(BootConfig.DEFAULT.withFdMax(3)));
        long init = small.init();
        small.nsOpen(init, 1, NsType.UTS);
        assertEquals(ok(1), small.call(init, new Call.CapDerive(0, R, 9, true)));
        assertEquals(ok(2), small.call(init, new Call.Dup(1)));
        assertEquals(Errno.EMFILE, small.call(init, new Call.Dup(1)));
        assertEquals(Errno.EBADF, small.call(init, new Call.Dup(3)));
        assertEquals(ok(9), small.call(init, new Call.CapBadge(2)));
        assertEquals(ok(2), small.call(init, new Call.CapRevoke(0)), "the dup is a sibling under fd 0");
    }

    @Test
    void readOnlyCallsAreEbadfOnAFreeFd() {
        assertEquals(Errno.EBADF, rights(s.init(), 0));
        assertEquals(Errno.EBADF, badge(s.init(), 0));
        assertEquals(Errno.EBADF, rights(s.init(), -1));
        assertEquals(Errno.EBADF, close(s.init(), 0));
    }

    @Test
    void revokeOfAHundredThousandDeepChainNeedsNoStack() {
        Sys big = new Sys(Kernel.boot(BootConfig.DEFAULT.withFdMax(100_001)));
        big.k.recordEvents(false);
        long init = big.init();
        assertEquals(ok(0), big.k.syscall(init, new Call.NsOpen(1, NsType.UTS.ordinal())));
        for (int fd = 0; fd < 100_000; fd++) {
            assertEquals(ok(fd + 1), big.k.syscall(init, new Call.CapDerive(fd, R | X | G, 0, false)));
        }
        assertEquals(ok(100_000), big.k.syscall(init, new Call.CapRevoke(0)));
        assertEquals(ok(1), big.k.syscall(init, new Call.CapDerive(0, R, 0, false)), "the slots are free again");
        assertTrue(big.k.checkInvariants().isEmpty());
    }

    @Test
    void eachCallEmitsItsEvent() {
        long init = s.init();
        s.nsOpen(init, 1, NsType.UTS);
        long a = s.fork(init);
        derive(init, 0, R | G, 5);
        grant(init, 1, s.rootPid(a));
        revoke(init, 1);
        rights(init, 0);
        badge(init, 0);
        derive(init, 0, R);
        close(init, 0);
        var events = s.k.events();
        var last = events.subList(events.size() - 5, events.size());
        assertEquals(java.util.List.of("CapDerive", "CapGrant", "CapRevoke", "CapDerive", "Close"),
                last.stream().map(e -> e.action()).toList(), "read-only calls emit none");
        String log = s.k.eventLogJsonLines();
        assertTrue(log.contains("\"removed\":[{\"task\":" + a + ",\"pid\":" + s.rootPid(a) + ",\"fd\":1}]"), log);
        assertTrue(log.contains("\"moved\":[{\"task\":" + init + ",\"pid\":1,\"fd\":1},{\"task\":" + init
                + ",\"pid\":1,\"fd\":2}],\"to\":null"), log);
    }
}

package capsid.kernel;

import static capsid.kernel.Errno.EAGAIN;
import static capsid.kernel.Errno.ECHILD;
import static capsid.kernel.Errno.EINVAL;
import static capsid.kernel.Errno.ENOMEM;
import static capsid.kernel.Errno.ENOSPC;
import static capsid.kernel.Errno.EPERM;
import static capsid.kernel.Errno.ESRCH;
import static capsid.kernel.Sys.NEWPID;
import static capsid.kernel.Sys.NEWUTS;
import static capsid.kernel.Sys.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.kernel.call.Call;
import capsid.kernel.call.Flags;
import capsid.kernel.call.Signals;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** fork, exit, wait, kill, getpid, getppid: ABI.md section 3, "Processes and pid namespaces (as Linux)". */
class ProcessCallsTest {

    @Test
    void bootHasInitAsPidOne() {
        Sys s = new Sys();
        assertEquals(1, s.getpid(s.init()));
        assertEquals(0, s.getppid(s.init()));
        assertEquals("capsid", s.hostname(s.init()));
    }

    @Test
    void pidsAreSequentialAndNotReusedBeforeWrap() {
        Sys s = new Sys();
        assertEquals(2, s.forkPid(s.init(), 0));
        assertEquals(3, s.forkPid(s.init(), 0));
        long c4 = s.fork(s.init());
        assertEquals(4, s.getpid(c4));
        s.exit(c4, 0);
        assertEquals(ok(4), s.waitAny(s.init()));
        assertEquals(5, s.forkPid(s.init(), 0), "a freed pid is not reused before the wrap");
    }

    /** Slow (tens of thousands of calls): PIT leaves it out (docs/mutation.md); BootConfigTest has the small-limit form. */
    @Test
    @Tag("slow")
    void pidsWrapAtPidMaxToReserved() {
        Sys s = new Sys();
        s.k.recordEvents(false);
        // fork and reap up to the top of the pid range
        long last = 0;
        for (int i = 2; i < 32767; i++) {
            long c = s.k.resolve(s.init(), (int) ((Result.Int) s.k.syscall(s.init(), new Call.Fork(0))).value());
            s.k.syscall(c, new Call.Exit(0));
            s.k.syscall(s.init(), Call.Wait.ANY);
            last = c;
        }
        assertFalse(last == 0);
        long keep = s.k.resolve(s.init(), (int) ((Result.Int) s.k.syscall(s.init(), new Call.Fork(0))).value());
        assertEquals(32767, s.rootPid(keep));
        assertEquals(ok(300), s.call(s.init(), new Call.Fork(0)), "after the wrap, allocation resumes at 300");
    }

    /** Slow (tens of thousands of calls): PIT leaves it out (docs/mutation.md); BootConfigTest has the small-limit form. */
    @Test
    @Tag("slow")
    void namespaceWithEveryPidTakenRefusesForkWithEagainAndUsesNoPid() {
        Sys s = new Sys();
        s.k.recordEvents(false);
        for (int i = 2; i < 32768; i++) {
            assertFalse(s.k.syscall(s.init(), new Call.Fork(0)).isError());
        }
        assertEquals(EAGAIN, s.call(s.init(), new Call.Fork(0)));
        assertEquals(EAGAIN, s.call(s.init(), new Call.Fork(NEWPID)));
    }

    @Test
    void firstChildInNewPidNamespaceIsItsInit() {
        Sys s = new Sys();
        long a = s.fork(s.init());
        assertEquals(ok(0), s.unshare(a, NEWPID));
        assertEquals(2, s.getpid(a), "unshare newpid does not move the caller");
        long b = s.fork(a);
        assertEquals(1, s.getpid(b));
        assertEquals(0, s.getppid(b), "parent is outside b's namespace");
        long c = s.fork(a);
        assertEquals(2, s.getpid(c));
        assertEquals(0, s.getppid(c));
        assertEquals(3, s.pidOf(b, a), "a sees b by its pid in a's namespace");
        assertEquals(4, s.pidOf(c, a));
        long d = s.fork(b);
        assertEquals(3, s.getpid(d));
        assertEquals(1, s.getppid(d));
    }

    @Test
    void forkNewpidPutsChildAsInitOfNewNamespace() {
        Sys s = new Sys();
        long b = s.fork(s.init(), NEWPID);
        assertEquals(1, s.getpid(b));
        assertEquals(0, s.getppid(b));
        assertEquals(2, s.rootPid(b));
        assertEquals(ok(0), s.unshare(b, 0), "an init may unshare nothing");
    }

    @Test
    void secondUnshareNewpidIsEinval() {
        Sys s = new Sys();
        long a = s.fork(s.init());
        assertEquals(ok(0), s.unshare(a, NEWPID));
        assertEquals(EINVAL, s.unshare(a, NEWPID));
        assertEquals(EINVAL, s.unshare(a, NEWPID | NEWUTS), "nothing else is unshared either");
        assertEquals("capsid", s.hostname(a));
    }

    @Test
    void forkNewpidWhileNamespaceForChildrenDiffersIsEinvalAsLinux() {
        Sys s = new Sys();
        long a = s.fork(s.init());
        s.unshare(a, NEWPID);
        assertEquals(EINVAL, s.call(a, new Call.Fork(NEWPID)));
        long b = s.fork(a);
        assertEquals(1, s.getpid(b), "a plain fork still fills the namespace for children");
        long c = s.fork(b, NEWPID);
        assertEquals(3, s.k.process(c).pids().size(), "an init may create a namespace below its own");
    }

    @Test
    void nestingIsBoundedAt32LevelsBelowRoot() {
        Sys s = new Sys();
        long p = s.init();
        for (int level = 1; level <= 32; level++) {
            p = s.fork(p, NEWPID);
            assertEquals(level + 1, s.k.process(p).pids().size());
        }
        assertEquals(ENOSPC, s.call(p, new Call.Fork(NEWPID)));
        assertEquals(ENOSPC, s.unshare(p, NEWPID));
        assertNotEquals(0, s.forkPid(p, 0), "a plain fork at level 32 still works");
    }

    @Test
    void forkRejectsUnknownFlagsAndFlagsWhenJailed() {
        Sys s = new Sys();
        assertEquals(EINVAL, s.call(s.init(), new Call.Fork(Flags.DESTROY_ON_CLOSE)));
        assertEquals(EINVAL, s.call(s.init(), new Call.Fork(Flags.UNKNOWN)));
        assertEquals(EINVAL, s.call(s.init(), new Call.Fork(-1)));
        long a = s.fork(s.init());
        s.jail(a);
        assertEquals(EPERM, s.call(a, new Call.Fork(NEWUTS)));
        assertEquals(EPERM, s.call(a, new Call.Fork(Flags.UNKNOWN)), "EPERM for a jailed caller comes first");
        long child = s.fork(a);
        assertTrue(s.k.process(child).jailed(), "jail is inherited");
    }

    @Test
    void waitReturnsFirstExitedZombieAndZeroOrEchild() {
        Sys s = new Sys();
        assertEquals(ECHILD, s.waitAny(s.init()));
        long a = s.fork(s.init());
        long b = s.fork(s.init());
        assertEquals(ok(0), s.waitAny(s.init()), "children but none exited");
        s.exit(b, 3);
        s.exit(a, 4);
        assertEquals(ok(3), s.waitAny(s.init()), "b exited first");
        assertEquals(ok(2), s.waitAny(s.init()));
        assertEquals(ECHILD, s.waitAny(s.init()));
    }

    @Test
    void waitForPid() {
        Sys s = new Sys();
        long a = s.fork(s.init());
        long b = s.fork(s.init());
        long g = s.fork(a);
        assertEquals(EINVAL, s.waitPid(s.init(), 0));
        assertEquals(EINVAL, s.waitPid(s.init(), -2));
        assertEquals(ECHILD, s.waitPid(s.init(), s.rootPid(g)), "a grandchild is not a child");
        assertEquals(ECHILD, s.waitPid(s.init(), 999));
        assertEquals(ok(0), s.waitPid(s.init(), s.rootPid(b)));
        s.exit(b, 0);
        s.exit(a, 0);
        assertEquals(ok(3), s.waitPid(s.init(), 3));
        assertEquals(ECHILD, s.waitPid(s.init(), 3), "reaped already");
        assertEquals(ESRCH, s.waitPid(b, 1), "a zombie is no caller");
    }

    @Test
    void orphansGoToTheInitOfTheExitingProcessNamespace() {
        Sys s = new Sys();
        long a = s.fork(s.init());
        s.unshare(a, NEWPID);
        long b = s.fork(a); // init of the new namespace
        long c = s.fork(a); // pid 2 there, parent a outside
        long d = s.fork(c);
        s.exit(a, 0);
        // a's children (b, c) go to the init of a's own namespace: the root init
        assertEquals(s.init(), s.k.process(b).parent());
        assertEquals(s.init(), s.k.process(c).parent());
        assertEquals(0, s.getppid(c), "c keeps getppid 0");
        s.exit(c, 0);
        // c's child d goes to the init of c's namespace: b
        assertEquals(b, s.k.process(d).parent());
        assertEquals(1, s.getppid(d));
    }

    @Test
    void zombieChildrenAreReparentedInExitOrder() {
        Sys s = new Sys();
        long a = s.fork(s.init());
        long x = s.fork(s.init());
        long y = s.fork(a);
        long z = s.fork(a);
        s.exit(z, 0);
        s.exit(x, 0);
        s.exit(y, 0);
        s.exit(a, 0); // z and y (zombies) move to init, after x in exit order
        assertEquals(ok(s.rootPid(z)), s.waitAny(s.init()));
        assertEquals(ok(s.rootPid(x)), s.waitAny(s.init()));
        assertEquals(ok(s.rootPid(y)), s.waitAny(s.init()));
        assertEquals(ok(2), s.waitAny(s.init()), "a itself");
    }

    @Test
    void initDeathKillsAndReapsTheWholeNamespace() {
        Sys s = new Sys();
        long a = s.fork(s.init());
        s.unshare(a, NEWPID);
        long b = s.fork(a); // init
        long c = s.fork(a); // pid 2, parent a
        long d = s.fork(b);
        long e = s.fork(d, NEWPID); // a nested namespace below b's
        long f = s.fork(e);
        s.exit(f, 0); // a zombie inside
        assertEquals(ok(0), s.killKill(a, s.pidOf(b, a)));
        assertFalse(s.alive(b));
        assertTrue(s.exists(b), "the init stays a zombie for its parent");
        for (long t : new long[] {c, d, e, f}) {
            assertFalse(s.exists(t), "task " + t + " killed and reaped with the init");
        }
        assertEquals(ok(s.pidOf(b, a)), s.waitAny(a), "a reaps the init; c is gone, not a zombie");
        assertEquals(ECHILD, s.waitAny(a));
    }

    @Test
    void forkIntoNamespaceWhoseInitDiedIsEnomem() {
        Sys s = new Sys();
        long a = s.fork(s.init());
        s.unshare(a, NEWPID);
        long b = s.fork(a);
        s.exit(b, 0);
        assertEquals(ENOMEM, s.call(a, new Call.Fork(0)));
        s.waitAny(a);
        assertEquals(ENOMEM, s.call(a, new Call.Fork(0)), "empty forever, also after the init is reaped");
    }

    @Test
    void setnsIntoDeadNamespaceSucceedsButForkIsEnomem() {
        Sys s = new Sys();
        long b = s.fork(s.init(), NEWPID);
        int fd = (int) s.num(s.init(), new Call.NsOpen(s.rootPid(b), 0));
        s.exit(b, 0);
        long q = s.fork(s.init());
        int qfd = (int) s.num(q, new Call.Dup(fd));
        assertEquals(ok(0), s.setns(q, qfd));
        assertEquals(ENOMEM, s.call(q, new Call.Fork(0)));
    }

    @Test
    void killValidatesSignalAndPid() {
        Sys s = new Sys();
        long a = s.fork(s.init());
        assertEquals(EINVAL, s.kill(s.init(), s.rootPid(a), 1));
        assertEquals(EINVAL, s.kill(s.init(), s.rootPid(a), Signals.INVALID));
        assertEquals(EINVAL, s.kill(s.init(), 0, Signals.KILL));
        assertEquals(EINVAL, s.kill(s.init(), -1, Signals.KILL));
        assertEquals(EINVAL, s.kill(s.init(), 999, 2), "EINVAL before ESRCH");
        assertEquals(ESRCH, s.kill(s.init(), 999, Signals.KILL));
        assertEquals(ok(0), s.kill(s.init(), s.rootPid(a), 0));
        assertTrue(s.alive(a), "signal 0 only probes");
        assertEquals(ok(0), s.killTerm(s.init(), s.rootPid(a)));
        assertFalse(s.alive(a));
        assertEquals(ok(0), s.killKill(s.init(), s.rootPid(a)), "kill of a zombie returns 0");
    }

    @Test
    void nobodyCanKillWhatItCannotSee() {
        Sys s = new Sys();
        long a = s.fork(s.init());
        s.unshare(a, NEWPID);
        long b = s.fork(a);
        // b's namespace cannot see a (root pid 2) nor init
        assertEquals(ESRCH, s.killKill(b, s.rootPid(a)));
        assertTrue(s.alive(a));
        assertEquals(ESRCH, s.killKill(b, 99));
    }

    @Test
    void namespaceInitIgnoresTermAndKillFromInside() {
        Sys s = new Sys();
        long a = s.fork(s.init());
        s.unshare(a, NEWPID);
        long b = s.fork(a);
        long c = s.fork(b);
        assertEquals(ok(0), s.killKill(c, 1), "KILL from inside: ignored");
        assertEquals(ok(0), s.killTerm(c, 1), "TERM: ignored");
        assertEquals(ok(0), s.killKill(b, 1), "itself included");
        assertTrue(s.alive(b));
        assertEquals(ok(0), s.killTerm(a, s.pidOf(b, a)), "TERM from an ancestor: still ignored");
        assertTrue(s.alive(b));
        assertEquals(ok(0), s.killKill(a, s.pidOf(b, a)), "KILL from an ancestor namespace kills it");
        assertFalse(s.alive(b));
        assertFalse(s.exists(c));
    }

    @Test
    void rootInitIsNeverKilledAndCannotExit() {
        Sys s = new Sys();
        long a = s.fork(s.init());
        assertEquals(ok(0), s.killKill(a, 1));
        assertEquals(ok(0), s.killKill(s.init(), 1));
        assertEquals(EPERM, s.call(s.init(), new Call.Exit(0)));
        assertTrue(s.alive(s.init()));
    }

    @Test
    void processCanKillItself() {
        Sys s = new Sys();
        long a = s.fork(s.init());
        assertEquals(ok(0), s.killKill(a, s.getpid(a)));
        assertFalse(s.alive(a));
        assertEquals(ESRCH, s.call(a, Call.GetPid.INSTANCE), "a dead caller gets ESRCH");
    }

    @Test
    void deadOrUnknownCallerAndNullCall() {
        Sys s = new Sys();
        assertEquals(ESRCH, s.k.syscall(12345, Call.GetPid.INSTANCE));
        assertEquals(EINVAL, s.k.syscall(s.init(), null));
        assertEquals(EINVAL, s.k.syscall(s.init(), new Call.SetHostname(null)));
    }

    @Test
    void unimplementedCallsAreEnosysAndChangeNothing() {
        Sys s = new Sys();
        assertEquals(Errno.ENOSYS, s.call(s.init(), Call.Pipe.INSTANCE));
        assertEquals(Errno.ENOSYS, s.call(s.init(), new Call.Exec("spin", java.util.List.of())));
    }
}

package capsid.kernel;

import static capsid.kernel.Sys.NEWPID;
import static capsid.kernel.Sys.NEWUTS;
import static capsid.kernel.Sys.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.kernel.call.Call;
import capsid.kernel.call.Flags;
import capsid.kernel.call.NsType;
import capsid.kernel.event.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kernel's observation API: boot, events, views, results and the limits' boundaries. */
class KernelApiTest {

    @Test
    void bootEventNamesOnlyWhatDiffersFromTheDefaults() {
        Kernel k = Kernel.boot("box", 7);
        Event boot = k.events().get(0);
        assertEquals("Boot", boot.action());
        assertEquals(0, boot.seq());
        assertEquals(0, boot.task());
        assertEquals(0, boot.pid());
        assertEquals("{\"seed\":7,\"hostname\":\"box\"}", boot.args());
        assertEquals("0", boot.ret());
        assertEquals("{\"init\":1}", boot.out());
        assertEquals(7, k.seed());
        assertEquals("box", k.config().hostname());

        Kernel small = Kernel.boot(BootConfig.DEFAULT.withPidMax(50, 5).withPidNsLevels(3).withFdMax(4));
        assertEquals("{\"seed\":0,\"hostname\":\"capsid\",\"pid_max\":50,\"pid_reserved\":5,\"pidns_levels\":3,"
                + "\"fd_max\":4}", small.events().get(0).args());
        assertEquals("{\"seq\":0,\"action\":\"Boot\",\"task\":0,\"pid\":0,\"args\":{\"seed\":0,\"hostname\":"
                + "\"capsid\"},\"ret\":0,\"out\":{\"init\":1}}\n", Kernel.boot().eventLogJsonLines());
        assertEquals(Kernel.boot().events().get(0).toJson(), Kernel.boot().events().get(0).toString());
    }

    @Test
    void eachSuccessfulChangeEmitsOneEventWithItsResultAndNoneWhenRecordingIsOff() {
        Kernel k = Kernel.boot();
        k.syscall(k.initTid(), new Call.Fork(0));
        Event fork = k.events().get(1);
        assertEquals("Fork", fork.action());
        assertEquals(1, fork.seq());
        assertEquals(1, fork.task());
        assertEquals(1, fork.pid());
        assertEquals("2", fork.ret());
        assertEquals("{\"child\":2,\"pids\":[2],\"ns\":1}", fork.out());
        assertEquals(ok(1), k.syscall(k.initTid(), Call.GetPid.INSTANCE));
        assertEquals(2, k.events().size(), "getpid emits nothing");
        k.recordEvents(false);
        k.syscall(k.initTid(), new Call.Fork(0));
        k.syscall(k.initTid(), new Call.Unshare(NEWUTS));
        assertEquals(2, k.events().size());
        k.recordEvents(true);
        k.syscall(k.initTid(), new Call.Fork(0));
        assertEquals(3, k.events().size());
        assertEquals(2, k.events().get(2).seq());
        assertEquals("4", k.events().get(2).ret(), "pid 3 went to the unrecorded fork");
        assertThrows(UnsupportedOperationException.class, () -> k.events().clear());
    }

    @Test
    void processViewsShowPidsChildrenFdsAndHostname() {
        Sys s = new Sys();
        long a = s.fork(s.init(), NEWPID | NEWUTS);
        s.sethostname(a, "inner");
        long b = s.fork(a);
        assertEquals(ok(0), s.nsOpen(a, 1, NsType.UTS));
        assertEquals(ok(1), s.nsOpen(a, 1, NsType.PID));
        s.jail(b);
        ProcessView va = s.k.process(a);
        assertEquals(a, va.tid());
        assertTrue(va.live());
        assertEquals(List.of(new ProcessView.PidAt(1, 2), new ProcessView.PidAt(2, 1)), va.pids());
        assertEquals(2, va.rootPid());
        assertEquals(2, va.pidNamespace());
        assertEquals(1, va.pidIn(2));
        assertEquals(2, va.pidIn(1));
        assertEquals(0, va.pidIn(99));
        assertEquals(s.init(), va.parent());
        assertEquals(List.of(b), va.children());
        assertFalse(va.jailed());
        assertEquals("inner", va.hostname());
        assertEquals(List.of(0, 1), va.fds());
        ProcessView vb = s.k.process(b);
        assertTrue(vb.jailed());
        assertEquals(List.of(), vb.fds());
        assertEquals(0, s.k.process(s.init()).parent());
        assertEquals(List.of(a), s.k.process(s.init()).children());
        assertEquals(List.of(s.init(), a, b), s.k.processes().stream().map(ProcessView::tid).toList());

        s.exit(b, 3);
        ProcessView zb = s.k.process(b);
        assertFalse(zb.live());
        assertNull(zb.hostname(), "a zombie has no uts namespace");
        assertEquals(List.of(), zb.fds());
        assertEquals(List.of(new ProcessView.PidAt(1, 3), new ProcessView.PidAt(2, 2)), zb.pids());
        assertNull(s.k.process(999));
    }

    @Test
    void resolveAndRootPidLookups() {
        Sys s = new Sys();
        long a = s.fork(s.init(), NEWPID);
        long b = s.fork(a);
        assertEquals(b, s.k.resolve(a, 2));
        assertEquals(b, s.k.resolve(s.init(), 3));
        assertEquals(0, s.k.resolve(a, 3), "pid 3 is not used inside a's namespace");
        assertEquals(0, s.k.resolve(b, 0));
        assertEquals(0, s.k.resolve(999, 1), "no such observer");
        assertEquals(b, s.k.tidOfRootPid(3));
        assertEquals(0, s.k.tidOfRootPid(4));
        s.exit(b, 0);
        assertEquals(b, s.k.resolve(a, 2), "a zombie can still be named");
        assertEquals(b, s.k.resolve(b, 2), "a zombie observer still sees its namespace");
        s.waitAny(a);
        assertEquals(0, s.k.resolve(b, 1), "a reaped observer sees nothing");
        assertEquals(0, s.k.tidOfRootPid(3));
        assertEquals(0, s.k.step(5), "nothing runs programs yet");
    }

    @Test
    void snapshotNamesCursorsEventsAndEveryObject() {
        Sys s = new Sys();
        long a = s.fork(s.init(), NEWPID | NEWUTS);
        s.sethostname(a, "inner");
        s.nsOpen(s.init(), 2, NsType.PID);
        String snap = s.k.snapshot();
        assertTrue(snap.startsWith("kernel " + BootConfig.DEFAULT + " nextIds= ipcns=2 mntns=2 netns=2 pidns=3"
                + " userns=2 utsns=3 events=4\n"), snap);
        assertTrue(snap.contains("\nprocesses nextTid=3 exitSeq=0\n"), snap);
        assertTrue(snap.contains("\npidns id=2 level=1 parent=1 last=1 init=2 initDead=false pids=1:2,\n"), snap);
        assertTrue(snap.contains("\nutsns id=2 hostname=inner\n"), snap);
        assertTrue(snap.contains("\ntask 2 creator=1 LIVE pids=[2, 1] ns=2 nsfc=2 uts=2 mnt=1 ipc=1 net=1 user=1"
                + " parent=1 children= zombies= exit=0/0/0 jailed=false/0\n"), snap);
        assertTrue(snap.contains("\n  fd 0 pidns#2 rights=13 badge=0 parent=- children=\n"), snap);
        s.exit(a, 300);
        String after = s.k.snapshot();
        assertTrue(after.contains("task 2 creator=1 ZOMBIE pids=[2, 1] ns=2 nsfc=0 uts=0 mnt=0 ipc=0 net=0 user=0"
                + " parent=1 children= zombies= exit=44/0/1 jailed=false/0\n"), after);
        assertTrue(after.contains(" children=2, zombies=2, "), after);
        assertTrue(after.contains("initDead=true"), after);
    }

    @Test
    void snapshotListsNamespacesReachedThroughOneReferenceOnly() {
        Sys s = new Sys();
        long a = s.fork(s.init(), Flags.NEWNS | Flags.NEWIPC | Flags.NEWNET | Flags.NEWUSER);
        s.unshare(a, Flags.NEWPID);
        String snap = s.k.snapshot();
        for (String line : new String[] {"\nmntns id=2\n", "\nipcns id=2\n", "\nnetns id=2\n", "\nuserns id=2\n",
            "\npidns id=2 level=1 parent=1 last=0 init=0 initDead=false pids=\n"}) {
            assertTrue(snap.contains(line), line + " in\n" + snap);
        }
        long b = s.fork(s.init(), Flags.NEWPID);
        s.exit(b, 0);
        assertTrue(s.k.snapshot().contains("\npidns id=3 level=1 parent=1 last=1 init=3 initDead=true pids=1:3,\n"),
                "a zombie init's namespace, named by the zombie alone");
    }

    @Test
    void resultsRenderAsScriptsPrintThem() {
        assertEquals("3", ok(3).render());
        assertEquals("-3", Result.Int.of(-3).render());
        assertSame(Result.Int.of(5), Result.Int.of(5), "small values are cached");
        assertSame(Result.Int.of(0), Result.Int.of(0));
        assertEquals(Result.Int.of(32767), Result.Int.of(32767));
        assertEquals(new Result.Int(40000), Result.Int.of(40000));
        assertEquals(Result.Int.ZERO, ok(0));
        assertFalse(ok(1).isError());
        assertEquals("\"a\\n\\t\\\"\\\\\\x01\\x7f\\xe9z\"", new Result.Str("a\n\t\"\\\u0001\u007f\u00e9z").render());
        assertEquals("\" ~\"", new Result.Str(" ~").render());
        assertFalse(new Result.Str("x").isError());
        assertThrows(KernelBug.class, () -> new Result.Str(null));
        assertEquals("[3,4]", new Result.Ints(List.of(3L, 4L)).render());
        assertEquals("[]", new Result.Ints(List.of()).render());
        assertEquals("[7]", new Result.Ints(List.of(7L)).render());
        assertEquals("FROZEN", Result.Word.FROZEN.render());
        assertFalse(Result.Word.THAWED.isError());
    }

    @Test
    void errnosHaveLinuxNumbers() {
        assertEquals(3, Errno.ESRCH.number());
        assertEquals(22, Errno.EINVAL.number());
        assertEquals(38, Errno.ENOSYS.number());
        assertTrue(Errno.EPERM.isError());
        assertEquals("EAGAIN", Errno.EAGAIN.render());
        assertEquals(Errno.ECHILD, Errno.byName("ECHILD"));
        assertNull(Errno.byName("EFOO"));
        assertNull(Errno.byName("echild"));
    }

    @Test
    void limitBoundaries() {
        BootConfig d = BootConfig.DEFAULT;
        assertEquals(List.of(), d.withPidMax(2, 1).problems());
        assertEquals(List.of(), d.withPidMax(1 << 22, (1 << 22) - 1).problems());
        assertEquals(1, d.withPidMax((1 << 22) + 1, 300).problems().size());
        assertEquals(1, d.withPidMax(32768, 0).problems().size());
        assertEquals(1, d.withPidMax(32768, 32768).problems().size());
        assertEquals(List.of(), d.withPidNsLevels(0).problems());
        assertEquals(List.of(), d.withPidNsLevels(32).problems());
        assertEquals(List.of("pidns_levels -1: need 0 to 32"), d.withPidNsLevels(-1).problems());
        assertEquals(List.of("pidns_levels 33: need 0 to 32"), d.withPidNsLevels(33).problems());
        assertEquals(List.of(), d.withFdMax(0).problems());
        assertEquals(List.of(), d.withFdMax(1 << 20).problems());
        assertEquals(List.of("fd_max 1048577: need 0 to 1048576"), d.withFdMax((1 << 20) + 1).problems());
        assertEquals(List.of("hostname 'null': need 1 to 64 characters of [A-Za-z0-9.-]"),
                d.withHostname(null).problems());
        assertEquals(d, d.withSeed(5).withSeed(0));
        assertEquals(5, d.withSeed(5).seed());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kernel.boot("a b", 0));
        assertTrue(e.getMessage().startsWith("cannot boot: hostname 'a b'"), e.getMessage());
    }

    @Test
    void hostnameCharacterClassesAtTheirEdges() {
        Sys s = new Sys();
        for (String good : new String[] {"a", "z", "A", "Z", "0", "9", ".", "-", "x".repeat(64)}) {
            assertEquals(ok(0), s.sethostname(s.init(), good), good);
            assertEquals(good, s.hostname(s.init()));
        }
        for (String bad : new String[] {"`", "{", "@", "[", "/", ":", "_", "\u00e9"}) {
            assertEquals(Errno.EINVAL, s.sethostname(s.init(), bad), bad);
        }
        assertEquals(Errno.EINVAL, s.call(s.init(), new Call.SetHostname(null)));
    }

    @Test
    void invariantNamesAreTheSpecsAndHoldOnBoot() {
        assertEquals(15 + 6, Kernel.invariantNames().size(), "the process package's 15 and the cap package's 6");
        assertEquals("TypeOK", Kernel.invariantNames().get(0));
        assertTrue(Kernel.invariantNames().containsAll(Kernel.specCheckNames("NamespaceUnshare").subList(0, 9)));
        assertTrue(Kernel.stepCheckNames().containsAll(Kernel.specCheckNames("NamespaceUnshare").subList(9, 18)));
        assertEquals(java.util.Set.of("ZombieReaped"), Kernel.specExemptions("NamespaceUnshare").keySet());
        assertEquals(List.of("RightsNeverGrow", "DescendantsSameObject", "EdgesBetweenLiveCaps", "DerivationIsForest",
                "CapsNameLiveObjects", "BadgeInherited", "RevokeRemovesDescendants", "CloseMovesChildrenUp",
                "BadgeNeverChanges", "CopiesCarryBadge", "CopiesAreSiblings", "AuthorityConfined"),
                Kernel.specCheckNames("CapabilityDelegation"));
        assertTrue(Kernel.invariantNames().containsAll(Kernel.specCheckNames("CapabilityDelegation").subList(0, 6)));
        assertTrue(Kernel.stepCheckNames().containsAll(Kernel.specCheckNames("CapabilityDelegation").subList(6, 12)));
        assertEquals(java.util.Set.of("TypeOK"), Kernel.specExemptions("CapabilityDelegation").keySet());
        assertEquals(new java.util.HashSet<>(Kernel.invariantNames()).size(), Kernel.invariantNames().size(),
                "no name twice");
        assertEquals(List.of(), Kernel.boot().checkInvariants());
    }
}

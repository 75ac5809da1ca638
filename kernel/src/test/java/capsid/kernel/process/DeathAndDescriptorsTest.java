package capsid.kernel.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.kernel.BootConfig;
import capsid.kernel.Errno;
import capsid.kernel.Result;
import capsid.kernel.call.Flags;
import capsid.kernel.call.NsType;
import capsid.kernel.call.Rights;
import capsid.kernel.call.Signals;
import capsid.kernel.cap.CapTable;
import capsid.kernel.cap.Capability;
import capsid.kernel.event.EventLog;
import capsid.kernel.ns.PlainNamespace;
import capsid.kernel.util.Ids;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What dying does to descriptors and nested namespaces, and the process table's accessors. */
class DeathAndDescriptorsTest {

    private final ProcessTable t = new ProcessTable(new Ids(), new EventLog(), BootConfig.DEFAULT);
    private final Process init = t.init();

    private Process child(Process parent, int flags) {
        return Forks.child(t, parent, flags);
    }

    @Test
    void anExitClosesTheTableSoDerivedCapabilitiesMoveUp() {
        Process a = child(init, 0);
        assertEquals(Result.Int.of(0), new capsid.kernel.cap.CapCalls(t, new capsid.kernel.event.EventLog()).nsOpen(a, 2, NsType.UTS.ordinal()));
        Capability root = a.caps.get(0);
        int fd = init.caps.install(init.uts, Rights.R, 0, root);
        assertEquals(List.of(init.caps.get(fd)), root.children());
        assertEquals(Result.Int.ZERO, t.exit(a, 0));
        assertNull(init.caps.get(fd).parent(), "the dead parent capability is closed, its child moved up");
        assertNull(root.table());
        assertEquals(List.of(), root.children());
        assertEquals(List.of(), Invariants.check(t));
    }

    @Test
    void aNamespaceInitsDeathClosesTheTablesOfThoseKilledWithIt() {
        Process b = child(init, Flags.NEWPID);
        Process c = child(b, 0);
        assertEquals(Result.Int.of(0), new capsid.kernel.cap.CapCalls(t, new capsid.kernel.event.EventLog()).nsOpen(c, 1, NsType.UTS.ordinal()));
        Capability inC = c.caps.get(0);
        int fd = init.caps.install(init.uts, Rights.R, 0, inC);
        assertEquals(Result.Int.ZERO, t.kill(init, 2, Signals.KILL));
        assertSame(Process.State.REAPED, c.state());
        assertNull(init.caps.get(fd).parent());
        assertNull(inC.table());
        assertEquals(List.of(), Invariants.check(t));
    }

    @Test
    void aNestedInitKilledWithItsAncestorsInitLeavesItsNamespaceDead() {
        Process b = child(init, Flags.NEWPID); // task 2, root pid 2, init of pidns#2
        Process c = child(b, Flags.NEWPID); // task 3, root pid 3, init of pidns#3
        assertEquals(Result.Int.of(0), new capsid.kernel.cap.CapCalls(t, new capsid.kernel.event.EventLog()).nsOpen(init, 3, NsType.PID.ordinal()));
        PidNamespace inner = c.ns();
        assertSame(c, inner.init());
        assertEquals(Result.Int.ZERO, t.kill(init, 2, Signals.KILL));
        assertTrue(inner.initDead());
        assertNull(inner.init());
        assertEquals(0, inner.processCount());
        assertEquals(List.of(), Invariants.check(t));
        StringBuilder sb = new StringBuilder();
        Snapshot.write(t, sb);
        assertTrue(sb.toString().contains("pidns id=3 level=2 parent=2 last=1 init=0 initDead=true pids=\n"),
                sb.toString());
        assertEquals(Result.Int.of(2), t.wait(init, true, 0));
        StringBuilder after = new StringBuilder();
        Snapshot.write(t, after);
        assertTrue(after.toString().contains("\npidns id=2 level=1 parent=1 last=2 init=0 initDead=true pids=\n"),
                "reached only as the parent of the namespace init's fd names: " + after);
    }

    @Test
    void accessorsShowWhatTheCallsDid() {
        Process a = child(init, Flags.NEWIPC | Flags.NEWNET | Flags.NEWUSER | Flags.NEWNS);
        assertEquals(2, a.ipc().id());
        assertEquals(2, a.net().id());
        assertEquals(2, a.user().id());
        assertEquals(2, a.mnt().id());
        assertSame(init.ns, a.nsForChildren());
        assertEquals(2, a.rootPid());
        assertEquals(2, a.ownPid());
        assertEquals(1, a.levels());
        assertEquals("task 2 (pid 2)", a.toString());
        assertFalse(a.jailed());
        assertSame(a, init.children().get(0));
        assertEquals(List.of(a), init.children());
        Process b = child(init, 0);
        Process k = child(b, Flags.NEWPID);
        assertEquals(1, k.ownPid());
        assertEquals(4, k.rootPid());
        assertEquals(Result.Int.ZERO, t.exit(b, 7));
        assertEquals(Result.Int.ZERO, t.kill(init, 2, Signals.KILL));
        assertEquals(7, b.exitCode());
        assertEquals(0, b.exitSignal());
        assertEquals(Signals.KILL, a.exitSignal());
        assertEquals(List.of(b, a), init.zombies(), "zombies in exit order");
        assertEquals(2, t.exitSeq());
        assertEquals(5, t.nextTid());
        assertEquals(4, t.taskCount());
        assertSame(Process.State.ZOMBIE, a.state());
        assertEquals(Result.Int.of(3), t.wait(init, true, 0));
        assertSame(Process.State.REAPED, b.state());
        assertEquals(List.of(a), init.zombies());
        assertTrue(t.jail(k) == Result.Int.ZERO && k.jailed());
    }

    @Test
    void depthLimitCountsTheNewLevel() {
        ProcessTable one = new ProcessTable(new Ids(), new EventLog(), BootConfig.DEFAULT.withPidNsLevels(1));
        Process root = one.init();
        assertEquals(Result.Int.ZERO, one.unshare(root, Flags.NEWPID), "level 1 is allowed with one level");
        assertNull(root.nsForChildren().lookup(1), "the new namespace is empty until the first fork");
        Result r = one.fork(root, 0);
        Process in = root.nsForChildren().lookup(1);
        assertEquals(Result.Int.of(2), r);
        assertEquals(Errno.ENOSPC, one.unshare(in, Flags.NEWPID));
        assertEquals(Errno.ENOSPC, one.fork(in, Flags.NEWPID));
    }

    @Test
    void plainNamespacesAreIpcNetOrUserOnly() {
        for (NsType bad : new NsType[] {NsType.PID, NsType.UTS, NsType.MNT}) {
            assertThrows(IllegalArgumentException.class, () -> new PlainNamespace(1, bad));
        }
        for (NsType good : new NsType[] {NsType.IPC, NsType.NET, NsType.USER}) {
            assertEquals(good, new PlainNamespace(1, good).type());
            assertEquals(good.kind() + "#1", new PlainNamespace(1, good).toString());
        }
    }

    @Test
    void capTablesFillTheLowestSlotAndForkCopiesSiblings() {
        CapTable c = new CapTable(1, 3);
        assertEquals(3, c.max());
        assertEquals(0, c.lowestFree());
        assertTrue(c.hasRoom(3));
        assertFalse(c.hasRoom(4));
        int f0 = c.install(init.uts, Rights.R | Rights.X, 5, null);
        int f1 = c.install(init.uts, Rights.R, 0, c.get(f0));
        assertEquals(0, f0);
        assertEquals(1, f1);
        assertEquals(5, c.get(0).badge());
        assertTrue(c.get(0).has(Rights.R | Rights.X));
        assertFalse(c.get(1).has(Rights.R | Rights.X));
        assertEquals(2, c.dup(1));
        assertSame(c.get(0), c.get(2).parent(), "a dup is a sibling");
        assertEquals(-1, c.lowestFree());
        assertThrows(capsid.kernel.KernelBug.class, () -> c.install(init.uts, Rights.R, 0, null));
        CapTable copy = c.copyForFork(9);
        assertEquals(9, copy.owner());
        assertEquals(3, copy.count());
        assertSame(c.get(0), copy.get(1).parent());
        assertNull(copy.get(0).parent());
        assertEquals(5, copy.get(0).badge());
        assertEquals(List.of(c.get(1), c.get(2), copy.get(1), copy.get(2)), c.get(0).children());
        c.close(0);
        assertNull(c.get(1).parent(), "children of a closed capability move up to its parent");
        assertEquals(2, c.count());
        assertEquals(0, c.lowestFree());
        assertNull(c.get(-1));
        assertNull(c.get(3));
        assertEquals(0, new CapTable(1, 4).copyForFork(2).count());
        assertEquals(0, new CapTable(1, 4).span());
    }
}

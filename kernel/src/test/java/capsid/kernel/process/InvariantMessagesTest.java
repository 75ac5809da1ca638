package capsid.kernel.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.kernel.BootConfig;
import capsid.kernel.Result;
import capsid.kernel.call.Flags;
import capsid.kernel.call.NsType;
import capsid.kernel.call.Rights;
import capsid.kernel.cap.CapTable;
import capsid.kernel.cap.Capability;
import capsid.kernel.event.EventLog;
import capsid.kernel.util.Ids;
import capsid.kernel.util.LongMap;
import java.lang.reflect.Field;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Each invariant check reports the exact fault it was written for: a state broken
 * in one way yields the named violation line, word for word (task and namespace
 * names included), and a healthy state with the same shape yields none.
 *
 * <p>The world: init (task 1, pid 1); a (task 2, pid 2); b (task 3, root pid 3),
 * init of pidns#2; c (task 4, root pid 4, pid 2 in pidns#2), b's child; z (task 5,
 * root pid 5), a's zombie.
 */
class InvariantMessagesTest {

    private static final class World {
        final ProcessTable t = new ProcessTable(new Ids(), new EventLog(), BootConfig.DEFAULT);
        final Process init = t.init();
        final Process a = child(init, 0);
        final Process b = child(a, Flags.NEWPID);
        final Process c = child(b, 0);
        final Process z = child(a, 0);

        World() {
            ok(t.exit(z, 0));
            assertEquals(List.of(), Invariants.check(t));
        }

        Process child(Process parent, int flags) {
            return Forks.child(t, parent, flags);
        }

        static void ok(Result r) {
            assertFalse(r.isError(), "setup call failed: " + r);
        }
    }

    private static List<String> broken(Consumer<World> breakIt) {
        World w = new World();
        breakIt.accept(w);
        return Invariants.check(w.t);
    }

    private static void expect(String line, Consumer<World> breakIt) {
        List<String> found = broken(breakIt);
        assertTrue(found.contains(line), "expected\n  " + line + "\ngot\n  " + String.join("\n  ", found));
    }

    private static void set(Object o, String field, Object value) {
        try {
            Field f = o.getClass().getDeclaredField(field);
            f.setAccessible(true);
            f.set(o, value);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static LongMap<Process> tasks(ProcessTable t) {
        try {
            Field f = ProcessTable.class.getDeclaredField("tasks");
            f.setAccessible(true);
            return (LongMap<Process>) f.get(t);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    // ---- TypeOK, PidsUniquePerNamespace, VisibleExactlyInOwnAndAncestors ----

    @Test
    void taskTable() {
        expect("TypeOK: the root init is not live", w -> w.init.state = Process.State.ZOMBIE);
        expect("TypeOK: root namespace holds 4 pids but the task table 5 tasks", w -> w.t.rootNs().procs.remove(5));
        expect("TypeOK: pidns#1 maps pid 9 to task 9 (pid 9), which is not in the task table",
                w -> w.t.rootNs().procs.put(9, new Process(9, 1, w.t.rootNs(), new int[] {9})));
    }

    @Test
    void pidLevelsAndRange() {
        expect("TypeOK: task 9 (pid 9) has 2 pid levels, namespace level is 0", w -> {
            Process p = new Process(9, 1, w.t.rootNs(), new int[] {9, 1});
            tasks(w.t).put(9, p);
            w.t.rootNs().procs.put(9, p);
        });
        expect("PidsUniquePerNamespace: task 2 (pid 32768) has out-of-range pid 32768", w -> {
            w.t.rootNs().procs.remove(2);
            w.a.pids[0] = 32768;
            w.t.rootNs().procs.put(32768, w.a);
        });
        expect("PidsUniquePerNamespace: task 2 (pid 0) has out-of-range pid 0", w -> {
            w.t.rootNs().procs.remove(2);
            w.a.pids[0] = 0;
            w.t.rootNs().procs.put(0, w.a);
        });
        List<String> top = broken(w -> {
            w.t.rootNs().procs.remove(2);
            w.a.pids[0] = 32767;
            w.t.rootNs().procs.put(32767, w.a);
        });
        assertEquals(List.of(), top, "32767 is the highest pid, and valid");
        expect("PidsUniquePerNamespace: pidns#2 maps pid 7 to task 4 (pid 4) whose pid there is 2",
                w -> w.b.ns.procs.put(7, w.c));
        expect("VisibleExactlyInOwnAndAncestors: task 4 (pid 4) has pid 2 at level 1 but pidns#2 maps that pid to"
                + " task 3 (pid 3)",
                w -> w.b.ns.procs.put(2, w.b));
        expect("VisibleExactlyInOwnAndAncestors: task 2 (pid 2) is listed as pid 99 in pidns#2, which is neither"
                + " its namespace nor an ancestor of it", w -> w.b.ns.procs.put(99, w.a));
    }

    // ---- PidOneIsInit ----

    @Test
    void pidOneIsInit() {
        expect("PidOneIsInit: pidns#2's init task 2 (pid 2) lives in pidns#1", w -> w.b.ns.init = w.a);
        expect("PidOneIsInit: pidns#2's init task 4 (pid 4) does not hold pid 1 (task 3 (pid 3) does)",
                w -> w.b.ns.init = w.c);
        List<String> noInit = broken(w -> w.b.ns.init = null);
        assertEquals(List.of("PidOneIsInit: pidns#2 has pid 1 (task 3 (pid 3)) but no init",
                "PidOneIsInit: pidns#2 has processes but no init"), noInit);
        assertEquals(List.of("PidOneIsInit: pidns#1 has processes but no init"),
                broken(w -> w.t.rootNs().init = null), "the root namespace's pid 1 is named by the table");
        assertEquals(List.of(), broken(w -> {
            World.ok(w.t.kill(w.init, 3, capsid.kernel.call.Signals.KILL));
            World.ok(w.t.wait(w.a, false, 3));
        }), "a dead init's namespace holds nothing and needs no init");
    }

    // ---- ParentChildLinks ----

    @Test
    void parentChildLinks() {
        expect("ParentChildLinks: the root init has a parent", w -> w.init.parent = w.a);
        expect("EveryOrphanAdopted: task 2 (pid 2) has no parent", w -> w.a.parent = null);
        expect("ParentChildLinks: task 2 (pid 2) is not visible to its parent task 4 (pid 4)", w -> w.a.parent = w.c);
        expect("ParentChildLinks: task 4 (pid 4) is listed as a child of task 3 (pid 3) but its parent is task 2"
                + " (pid 2)", w -> w.c.parent = w.a);
        expect("ParentChildLinks: broken back link at task 5 (pid 5) among task 2 (pid 2)'s children",
                w -> w.z.prevSibling = w.z);
        // a cyclic children list is reported, and no later walk over it hangs the check
        List<String> cyclic = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(10), () -> broken(w -> w.z.nextSibling = w.b));
        assertTrue(cyclic.contains("ParentChildLinks: task 2 (pid 2)'s children list has a cycle"), cyclic.toString());
        expect("ParentChildLinks: task 2 (pid 2)'s last child link is wrong", w -> w.a.lastChild = w.b);
        expect("ParentChildLinks: task 2 (pid 2) counts 3 children but lists 2", w -> w.a.childCount = 3);
        expect("ParentChildLinks: 1 processes name task 2 (pid 2) as parent but it lists 2", w -> w.b.parent = w.init);
        expect("EveryOrphanAdopted: task 4 (pid 4)'s parent task 3 (pid 3) is ZOMBIE",
                w -> w.b.state = Process.State.ZOMBIE);
    }

    @Test
    void aChildrenListAsLongAsTheTaskTableIsNoCycle() {
        // five tasks; init gets four children: the walk counts up to the table size without a cycle report
        assertEquals(List.of(), broken(w -> {
            World.ok(w.t.wait(w.a, true, 0));
            w.child(w.init, 0);
            w.child(w.init, 0);
        }));
    }

    // ---- ZombiesInExitOrder, ZombieHoldsNothing ----

    @Test
    void zombies() {
        expect("ZombiesInExitOrder: task 2 (pid 2)'s zombie list has a cycle", w -> w.z.nextZombie = w.z);
        expect("ZombiesInExitOrder: task 3 (pid 3) is in task 2 (pid 2)'s zombie list but is LIVE with parent"
                + " task 2 (pid 2)", w -> {
                    w.a.firstZombie = w.b;
                    w.b.nextZombie = w.z;
                    w.z.prevZombie = w.b;
                });
        expect("ZombiesInExitOrder: task 5 (pid 5) is in task 1 (pid 1)'s zombie list but is ZOMBIE with parent"
                + " task 2 (pid 2)", w -> w.init.firstZombie = w.init.lastZombie = w.z);
        expect("ZombiesInExitOrder: task 2 (pid 2)'s zombies are not in exit order at task 6 (pid 6)", w -> {
            Process y = w.child(w.a, 0);
            World.ok(w.t.exit(y, 0));
            y.exitSeq = w.z.exitSeq;
        });
        expect("ZombiesInExitOrder: broken back link at task 5 (pid 5)", w -> w.z.prevZombie = w.a);
        expect("ZombiesInExitOrder: task 2 (pid 2)'s last zombie link is wrong", w -> w.a.lastZombie = null);
        expect("ZombiesInExitOrder: zombie task 5 (pid 5) is missing from task 2 (pid 2)'s zombie list",
                w -> w.a.firstZombie = w.a.lastZombie = null);
        expect("ZombieHoldsNothing: zombie task 5 (pid 5) still holds capabilities or namespaces",
                w -> w.z.caps = new CapTable(5, 4));
        expect("ZombieHoldsNothing: zombie task 5 (pid 5) still has children", w -> w.z.childCount = 1);
        for (Consumer<Process> strip : List.<Consumer<Process>>of(p -> p.caps = null, p -> p.uts = null,
                p -> p.mnt = null, p -> p.ipc = null, p -> p.net = null, p -> p.user = null,
                p -> p.nsForChildren = null)) {
            expect("ZombieHoldsNothing: live task 2 (pid 2) lacks a capability table or a namespace",
                    w -> strip.accept(w.a));
        }
        for (Consumer<World> give : List.<Consumer<World>>of(w -> w.z.mnt = w.a.mnt, w -> w.z.ipc = w.a.ipc,
                w -> w.z.net = w.a.net, w -> w.z.user = w.a.user, w -> w.z.nsForChildren = w.a.nsForChildren)) {
            expect("ZombieHoldsNothing: zombie task 5 (pid 5) still holds capabilities or namespaces", give);
        }
    }

    // ---- DeadNamespaceEmpty, DepthBound, JailHolds, SetnsOnlyBelow, JailInherited ----

    @Test
    void deadInitDepthAndJail() {
        expect("DeadNamespaceEmpty: pidns#2 lost its init but still holds live task 4 (pid 4)",
                w -> w.b.ns.initDead = true);
        expect("DeadNamespaceEmpty: pidns#2 lost its init but still holds zombie task 4 (pid 4)", w -> {
            World.ok(w.t.exit(w.c, 0));
            w.b.ns.initDead = true;
        });
        expect("DepthBound: pidns#77 is a second root namespace", w -> w.a.nsForChildren = new PidNamespace(77, null));
        assertEquals(List.of(), broken(w -> {
            PidNamespace n = w.a.nsForChildren;
            while (n.level < 32) {
                n = new PidNamespace(1000 + n.level, n);
            }
            w.a.nsForChildren = n;
        }), "level 32 is allowed");
        expect("DepthBound: pidns#78 is a second root namespace",
                w -> w.a.caps.install(new PidNamespace(78, null), Rights.R, 0, null));
        List<Consumer<Process>> escapes = List.of(p -> p.nsForChildren = new PidNamespace(50, p.ns),
                p -> p.mnt = p.mnt.copy(50), p -> p.ipc = new capsid.kernel.ns.PlainNamespace(50, NsType.IPC),
                p -> p.net = new capsid.kernel.ns.PlainNamespace(50, NsType.NET),
                p -> p.user = new capsid.kernel.ns.PlainNamespace(50, NsType.USER));
        expect("SetnsOnlyBelow: task 3 (pid 3)'s namespace for children pidns#1 is neither its own pidns#2 nor below"
                + " it", w -> w.b.nsForChildren = w.t.rootNs());
        expect("JailInherited: task 6 (pid 6) was forked by jailed task 2 (pid 2) but is not jailed", w -> {
            World.ok(w.t.jail(w.a));
            w.child(w.a, 0).jail = null;
        });
        for (Consumer<Process> escape : escapes) {
            expect("JailHolds: jailed task 2 (pid 2) left the namespaces it was jailed in", w -> {
                World.ok(w.t.jail(w.a));
                escape.accept(w.a);
            });
        }
    }

    // ---- CapTableConsistent, DerivationForest (RightsNeverGrow: cap.CapInvariantsCatchBrokenStateTest) ----

    /** a holds fd 0 (uts, r|x|grant) and fd 1, a child of fd 0 with r. */
    private static void derived(World w) {
        World.ok(new capsid.kernel.cap.CapCalls(w.t, new capsid.kernel.event.EventLog()).nsOpen(w.a, 1, NsType.UTS.ordinal()));
        w.a.caps.install(w.a.uts, Rights.R, 0, w.a.caps.get(0));
    }

    @Test
    void capabilities() {
        assertEquals(List.of(), broken(InvariantMessagesTest::derived), "a child with fewer rights is healthy");
        assertEquals(List.of(), broken(w -> {
            World.ok(new capsid.kernel.cap.CapCalls(w.t, new capsid.kernel.event.EventLog()).nsOpen(w.a, 1, NsType.UTS.ordinal()));
            w.a.caps.install(w.a.uts, Rights.R | Rights.X | Rights.GRANT, 0, w.a.caps.get(0));
        }), "a child with the same rights is healthy");
        expect("CapTableConsistent: task 2 (pid 2)'s table belongs to task 9", w -> w.a.caps = new CapTable(9, 4));
        expect("CapTableConsistent: task 2 (pid 2) fd 1 points back to slot 0", w -> {
            derived(w);
            set(w.a.caps.get(1), "slot", 0);
        });
        expect("CapTableConsistent: task 2 (pid 2) fd 1 points back to slot 1", w -> {
            derived(w);
            set(w.a.caps.get(1), "table", w.init.caps);
        });
        expect("CapTableConsistent: task 2 (pid 2)'s table counts 3 slots but holds 2", w -> {
            derived(w);
            set(w.a.caps, "count", 3);
        });
        // the report names the first capability on the cycle in table order, every time
        for (int round = 0; round < 20; round++) {
            List<String> cycle = broken(w -> {
                derived(w);
                set(w.a.caps.get(0), "parent", w.a.caps.get(1));
            });
            assertTrue(cycle.contains("DerivationForest: capability derivation cycle through task 2 fd 0"),
                    cycle.toString());
            assertFalse(cycle.contains("DerivationForest: capability derivation cycle through task 2 fd 1"),
                    cycle.toString());
        }
        expect("DerivationForest: task 2 fd 1 is listed under task 2 fd 0 but has another parent",
                w -> {
                    derived(w);
                    set(w.a.caps.get(1), "parent", null);
                });
        expect("DerivationForest: 1 capabilities name task 2 fd 0 as parent but it lists 0", w -> {
            derived(w);
            set(w.a.caps.get(0), "firstChild", null);
            set(w.a.caps.get(0), "lastChild", null);
        });
        expect("DerivationForest: a closed capability is listed under task 2 fd 0", w -> {
            derived(w);
            Capability child = w.a.caps.get(1);
            set(w.a.caps, "count", 1);
            Capability[] slots = new Capability[] {w.a.caps.get(0), null, null, null};
            set(w.a.caps, "slots", slots);
            set(child, "table", null);
        });
        expect("DerivationForest: task 2 fd 1's parent is in no table", w -> {
            derived(w);
            Capability root = w.a.caps.get(0);
            Capability child = w.a.caps.get(1);
            Capability[] slots = new Capability[] {null, child, null, null};
            set(w.a.caps, "slots", slots);
            set(w.a.caps, "count", 1);
            set(root, "table", null);
        });
    }
}

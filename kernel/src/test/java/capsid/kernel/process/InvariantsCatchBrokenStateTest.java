package capsid.kernel.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.kernel.Result;
import capsid.kernel.call.Flags;
import capsid.kernel.call.NsType;
import capsid.kernel.call.Rights;
import capsid.kernel.cap.Capability;
import capsid.kernel.cap.KernelObject;
import capsid.kernel.event.EventLog;
import capsid.kernel.ns.UtsNamespace;
import capsid.kernel.util.Ids;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every invariant checker can fail: each test builds a healthy state, breaks it in
 * one specific way (as a kernel bug would), and expects exactly the named
 * invariant to report it (no other invariant does). A final test checks every
 * invariant name is covered.
 */
class InvariantsCatchBrokenStateTest {
    private static final Set<String> COVERED = new HashSet<>();

    /** A small healthy world: init, a, b (init of a new pid namespace), c in it, zombie z. */
    static final class World {
        final ProcessTable t = new ProcessTable(new capsid.kernel.util.Ids(), new EventLog(), capsid.kernel.BootConfig.DEFAULT);
        final Process init = t.init();
        final Process a;
        final Process b;
        final Process c;
        final Process z;

        World() {
            a = child(init, 0);
            b = child(a, Flags.NEWPID);
            c = child(b, 0);
            z = child(a, 0);
            ok(t.exit(z, 0));
            assertEquals(List.of(), Invariants.check(t), "the healthy world is healthy");
        }

        Process child(Process parent, int flags) {
            return Forks.child(t, parent, flags);
        }

        static void ok(Result r) {
            assertFalse(r.isError(), "setup call failed: " + r);
        }
    }

    /**
     * Breaks a healthy world and expects exactly {@code invariant} to report, from
     * the full check and from the incremental one (given the objects the break
     * wrote marked, as a mutator marks them: {@link MarkAudit#markChanges}).
     */
    private static void expect(String invariant, Consumer<World> breakIt) {
        World w = new World();
        IncrementalInvariants inc = new IncrementalInvariants(w.t);
        assertEquals(List.of(), inc.check(() -> liveTables(w.t)), "the healthy world is healthy, incrementally too");
        MarkAudit audit = new MarkAudit(w.t);
        breakIt.accept(w);
        audit.markChanges();
        List<String> found = Invariants.check(w.t);
        Set<String> names = found.stream().map(v -> v.substring(0, v.indexOf(':'))).collect(Collectors.toSet());
        assertEquals(Set.of(invariant), names, "expected exactly " + invariant + " to report, got " + found);
        // the incremental check covers the cap package's invariants too: compare with both full checks
        List<String> full = new java.util.ArrayList<>(found);
        full.addAll(capsid.kernel.cap.CapInvariants.check(liveTables(w.t)));
        List<String> incFound = inc.check(() -> liveTables(w.t));
        assertEquals(namesOf(full), namesOf(incFound), "the incremental check's verdict differs: " + incFound
                + " vs " + full);
        COVERED.add(invariant);
    }

    private static Set<String> namesOf(List<String> found) {
        return found.stream().map(v -> v.substring(0, v.indexOf(':'))).collect(Collectors.toSet());
    }

    /** The tables of the live processes, by task id (as Kernel hands them to the cap package's invariants). */
    private static List<capsid.kernel.cap.CapTable> liveTables(ProcessTable t) {
        List<capsid.kernel.cap.CapTable> out = new java.util.ArrayList<>();
        for (long tid : t.taskIds()) {
            Process p = t.task(tid);
            if (p.live() && p.caps() != null) {
                out.add(p.caps());
            }
        }
        return out;
    }

    @Test
    void typeOK() {
        expect("TypeOK", w -> w.c.state = Process.State.REAPED);
    }

    @Test
    void pidsUniquePerNamespace() {
        // b's namespace maps a second pid to c: c has two pids there
        expect("PidsUniquePerNamespace", w -> w.b.ns.procs.put(99, w.c));
    }

    @Test
    void pidsUniqueCatchesAnOutOfRangePid() {
        expect("PidsUniquePerNamespace", w -> {
            w.t.rootNs().procs.remove(w.a.pids[0]);
            w.a.pids[0] = w.t.config().pidMax();
            w.t.rootNs().procs.put(w.a.pids[0], w.a);
        });
    }

    @Test
    void visibleExactlyInOwnAndAncestors() {
        // a (root namespace) appears in b's namespace, a descendant: visible where it must not be
        expect("VisibleExactlyInOwnAndAncestors", w -> w.b.ns.procs.put(99, w.a));
    }

    @Test
    void visibleExactlyCatchesAProcessMissingFromAnAncestor() {
        // c's own namespace no longer lists it: c is invisible where it must be seen
        expect("VisibleExactlyInOwnAndAncestors", w -> w.b.ns.procs.remove(w.c.ownPid()));
    }

    @Test
    void pidOneIsInit() {
        expect("PidOneIsInit", w -> w.b.ns.init = w.c);
    }

    @Test
    void parentChildLinks() {
        // reparenting that forgets to move the child into the new parent's list
        expect("ParentChildLinks", w -> w.c.parent = w.init);
    }

    @Test
    void parentChildLinksCatchesAChildMissingFromItsParentsList() {
        // c names a as its parent, but a's list does not hold it (b's still does)
        expect("ParentChildLinks", w -> w.c.parent = w.a);
    }

    @Test
    void setnsOnlyBelow() {
        // b (in pidns#2) would put its children in the root namespace, above its own
        expect("SetnsOnlyBelow", w -> w.b.nsForChildren = w.t.rootNs());
    }

    @Test
    void everyOrphanAdopted() {
        // c is moved, links and all, under a process that was already reaped
        expect("EveryOrphanAdopted", w -> {
            Process y = w.child(w.a, 0);
            World.ok(w.t.exit(y, 0));
            World.ok(w.t.wait(w.a, false, y.pids[0]));
            assertEquals(Process.State.REAPED, y.state);
            w.b.firstChild = w.b.lastChild = null;
            w.b.childCount = 0;
            w.c.parent = y;
            y.firstChild = y.lastChild = w.c;
            y.childCount = 1;
        });
    }

    @Test
    void zombiesInExitOrder() {
        expect("ZombiesInExitOrder", w -> {
            Process y = w.child(w.a, 0);
            World.ok(w.t.exit(y, 0));
            long s = y.exitSeq;
            y.exitSeq = w.z.exitSeq;
            w.z.exitSeq = s;
        });
    }

    @Test
    void zombieHoldsNothing() {
        expect("ZombieHoldsNothing", w -> w.z.uts = w.a.uts);
    }

    @Test
    void deadNamespaceEmpty() {
        expect("DeadNamespaceEmpty", w -> w.b.ns.initDead = true);
    }

    @Test
    void depthBound() {
        expect("DepthBound", w -> {
            PidNamespace n = w.a.nsForChildren;
            while (n.level <= 32) {
                n = new PidNamespace(1000 + n.level, n);
            }
            w.a.nsForChildren = n;
        });
    }

    @Test
    void jailHolds() {
        expect("JailHolds", w -> {
            World.ok(w.t.jail(w.a));
            w.a.uts = new UtsNamespace(999, "escaped");
        });
    }

    @Test
    void jailInherited() {
        expect("JailInherited", w -> {
            World.ok(w.t.jail(w.a));
            Process k = w.child(w.a, 0);
            k.jail = null;
        });
    }

    @Test
    void capTableConsistent() {
        expect("CapTableConsistent", w -> w.a.caps.install(new KernelObject() {
            public long id() {
                return 4242;
            }

            public String kind() {
                return "bogus";
            }

            public int defaultRights() {
                return Rights.R;
            }
        }, Rights.R, 0, null));
    }

    @Test
    void derivationForest() {
        expect("DerivationForest", w -> {
            World.ok(new capsid.kernel.cap.CapCalls(w.t, new capsid.kernel.event.EventLog()).nsOpen(w.a, 1, NsType.UTS.ordinal()));
            Capability parent = w.a.caps.get(0);
            w.a.caps.close(0);
            // a child installed under a capability that was already closed
            w.a.caps.install(parent.object(), Rights.R, 0, parent);
        });
    }

    @Test
    void everyInvariantHasABreakingTest() throws Exception {
        // run the others first when JUnit picks this one early
        for (var m : getClass().getDeclaredMethods()) {
            if (m.isAnnotationPresent(Test.class) && !m.getName().equals("everyInvariantHasABreakingTest")) {
                m.invoke(this);
            }
        }
        assertEquals(new HashSet<>(Invariants.NAMES), COVERED);
    }
}

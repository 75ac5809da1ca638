package capsid.kernel.cap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.kernel.Kernel;
import capsid.kernel.Result;
import capsid.kernel.StateView;
import capsid.kernel.StateView.Slot;
import capsid.kernel.call.Call;
import capsid.kernel.call.NsType;
import capsid.kernel.call.Rights;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Each capability step check: a real call on a real kernel passes it; the same call
 * with the state after it doctored (a slot added, dropped or changed) must report it
 * under the check's own name.
 */
class CapStepChecksCatchBrokenStepsTest {
    private final Kernel k = Kernel.boot();
    private final long init = k.initTid();
    private long a;

    /** init:0 root uts (badge 0); init:1 child r|grant badge 4; a:0, a:1 fork copies; a:2 granted from init:1. */
    CapStepChecksCatchBrokenStepsTest() {
        ok(new Call.NsOpen(1, NsType.UTS.ordinal()));
        ok(new Call.CapDerive(0, Rights.R | Rights.GRANT, 4, true));
        ok(new Call.Fork(0));
        a = k.resolve(init, 2);
        ok(new Call.CapGrant(1, 2));
    }

    private Result ok(Call c) {
        Result r = k.syscall(init, c);
        assertTrue(!r.isError(), c + " -> " + r);
        return r;
    }

    /** The checks of {@code call} by init, with the state after it doctored by {@code doctor}. */
    private List<String> step(Call call, UnaryOperator<List<Slot>> doctor) {
        StateView before = k.state();
        Result r = k.syscall(init, call);
        StateView after = k.state();
        assertEquals(List.of(), Kernel.checkStep(before, init, call, r, after), "the real step passes");
        List<Slot> caps = doctor.apply(new ArrayList<>(after.caps()));
        StateView bad = new StateView(after.config(), after.nextTid(), after.exitClock(), after.tasks(),
                after.pidNs(), after.uts(), after.nextIds(), caps);
        return Kernel.checkStep(before, init, call, r, bad);
    }

    private static void has(List<String> got, String name) {
        assertTrue(got.stream().anyMatch(l -> l.startsWith(name + ": ")), "expected " + name + " in " + got);
    }

    private static Slot find(List<Slot> caps, long task, int fd) {
        return caps.stream().filter(s -> s.at(task, fd)).findFirst().orElseThrow();
    }

    private static Slot with(Slot s, int rights, long badge, long pt, int pf) {
        return new Slot(s.task(), s.fd(), s.kind(), s.id(), rights, badge, pt, pf);
    }

    @Test
    void revokeRemovesDescendants() {
        // a grandchild left behind (a:2 under init:1 under init:0)
        has(step(new Call.CapRevoke(0), caps -> {
            caps.add(new Slot(a, 2, "utsns", 1, Rights.R | Rights.GRANT, 4, init, 1));
            return caps;
        }), "RevokeRemovesDescendants");
    }

    @Test
    void revokeMustNotRemoveOthers() {
        has(step(new Call.CapRevoke(0), caps -> {
            caps.removeIf(s -> s.at(a, 0));
            return caps;
        }), "RevokeRemovesDescendants");
    }

    @Test
    void closeMovesChildrenUp() {
        // closing init:1 moves a:2 up to init:0; a close that left it parentless is caught
        has(step(new Call.Close(1), caps -> {
            Slot s = find(caps, a, 2);
            caps.set(caps.indexOf(s), with(s, s.rights(), s.badge(), 0, -1));
            return caps;
        }), "CloseMovesChildrenUp");
    }

    @Test
    void closeDroppingChildrenIsCaught() {
        has(step(new Call.Close(1), caps -> {
            caps.removeIf(s -> s.at(a, 2));
            return caps;
        }), "CloseMovesChildrenUp");
    }

    @Test
    void badgeNeverChanges() {
        has(step(new Call.CapRights(0), caps -> {
            Slot s = find(caps, init, 1);
            caps.set(caps.indexOf(s), with(s, s.rights(), 7, s.parentTask(), s.parentFd()));
            return caps;
        }), "BadgeNeverChanges");
    }

    @Test
    void copiesCarryBadge() {
        has(step(new Call.Dup(1), caps -> {
            Slot s = find(caps, init, 2);
            caps.set(caps.indexOf(s), with(s, s.rights(), 0, s.parentTask(), s.parentFd()));
            return caps;
        }), "CopiesCarryBadge");
        has(step(new Call.CapDerive(1, Rights.R, 0, false), caps -> {
            Slot s = find(caps, init, 3);
            caps.set(caps.indexOf(s), with(s, s.rights(), 8, s.parentTask(), s.parentFd()));
            return caps;
        }), "CopiesCarryBadge");
    }

    @Test
    void copiesAreSiblings() {
        // dup's copy hung under its source instead of beside it
        has(step(new Call.Dup(1), caps -> {
            Slot s = find(caps, init, 2);
            caps.set(caps.indexOf(s), with(s, s.rights(), s.badge(), init, 1));
            return caps;
        }), "CopiesAreSiblings");
        // a derived capability made a root instead of a child of FD
        has(step(new Call.CapDerive(1, Rights.R, 0, false), caps -> {
            Slot s = find(caps, init, 3);
            caps.set(caps.indexOf(s), with(s, s.rights(), s.badge(), 0, -1));
            return caps;
        }), "CopiesAreSiblings");
    }

    @Test
    void authorityConfined() {
        // a read-only call that makes a capability appear in another table
        has(step(new Call.CapBadge(0), caps -> {
            caps.add(new Slot(a, 5, "utsns", 1, Rights.R, 0, 0, -1));
            return caps;
        }), "AuthorityConfined");
        // a grant from a capability without the grant right: the call is refused, yet the target holds a child of it
        ok(new Call.CapDerive(0, Rights.R, 0, false)); // init:2, no grant
        has(step(new Call.CapGrant(2, 2), caps -> {
            caps.add(new Slot(a, 3, "utsns", 1, Rights.R, 0, init, 2));
            return caps;
        }), "AuthorityConfined");
    }

    @Test
    void everyStepCheckHasABreakingTest() {
        for (String n : CapStepChecks.NAMES) {
            String m = Character.toLowerCase(n.charAt(0)) + n.substring(1);
            assertTrue(java.util.Arrays.stream(getClass().getDeclaredMethods()).anyMatch(x -> x.getName().equals(m)),
                    "no test breaks " + n);
        }
    }
}

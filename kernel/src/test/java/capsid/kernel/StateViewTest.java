package capsid.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.kernel.call.Call;
import capsid.kernel.call.Flags;
import capsid.kernel.call.NsType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The state view shows what the abstraction functions need, and only live references. */
class StateViewTest {

    @Test
    void viewOfASmallWorld() {
        Sys s = new Sys();
        long a = s.fork(s.init());
        s.unshare(a, Flags.NEWPID | Flags.NEWUTS);
        long b = s.fork(a);
        s.sethostname(b, "inner");
        s.num(s.init(), new Call.NsOpen(s.rootPid(b), NsType.PID.ordinal()));
        s.jail(b);
        StateView v = s.k.state();
        assertEquals(4, v.nextTid());
        assertEquals(List.of(1L, 2L, 3L), v.tasks().stream().map(StateView.Task::tid).toList());
        StateView.Task tb = v.tasks().get(2);
        assertEquals(List.of(3, 1), tb.pids());
        assertEquals(2, tb.pidNs());
        assertEquals(new StateView.Jail(2, 2, 2, 1), tb.jail());
        assertEquals(Map.of(0, new StateView.ObjRef("pidns", 2)), v.tasks().get(0).fds());
        StateView.PidNs inner = v.pidNs().get(1);
        assertEquals(new StateView.PidNs(2, 1, 1, Map.of(1, 3L), 1, 3, false), inner);
        assertEquals(List.of(new StateView.Uts(1, "capsid"), new StateView.Uts(2, "inner")), v.uts());
        assertEquals(3L, v.nextIds().get("pidns"));
    }

    @Test
    void zombiesKeepPidsButNoNamespacesAndTheDeadAreGone() {
        Sys s = new Sys();
        long a = s.fork(s.init(), Flags.NEWPID);
        s.exit(a, 0);
        StateView.Task z = s.k.state().tasks().get(1);
        assertFalse(z.live());
        assertEquals(0, z.nsForChildren());
        assertNull(z.jail());
        assertEquals(1L, z.exitSeq());
        assertEquals(true, s.k.state().pidNs().get(1).initDead());
        s.waitAny(s.init());
        assertEquals(1, s.k.state().pidNs().size(), "nothing refers to the dead namespace any more");
    }

    @Test
    void namespacesAreListedByIdWhateverOrderTheyAreMetIn() {
        Sys s = new Sys();
        long a = s.fork(s.init());
        long b = s.fork(s.init(), Flags.NEWPID | Flags.NEWUTS);   // pid and uts namespaces 2
        long c = s.fork(a, Flags.NEWPID | Flags.NEWUTS);          // namespaces 3
        // init's descriptors name namespace 3 first: met before 2 in task order
        s.num(s.init(), new Call.NsOpen(s.rootPid(c), NsType.PID.ordinal()));
        s.num(s.init(), new Call.NsOpen(s.rootPid(c), NsType.UTS.ordinal()));
        StateView v = s.k.state();
        assertEquals(List.of(1L, 2L, 3L), v.pidNs().stream().map(StateView.PidNs::id).toList());
        assertEquals(List.of(1L, 2L, 3L), v.uts().stream().map(StateView.Uts::id).toList());
        assertTrue(b > 0);
    }

    @Test
    void manyNamespacesAreListedOnceEachById() {
        Sys s = new Sys();
        for (int i = 0; i < 40; i++) {
            s.fork(s.init(), Flags.NEWPID | Flags.NEWUTS);
        }
        // the newest first: init's descriptors meet them in reverse
        for (int pid = 41; pid >= 30; pid--) {
            s.num(s.init(), new Call.NsOpen(pid, NsType.PID.ordinal()));
        }
        StateView v = s.k.state();
        List<Long> ids = v.pidNs().stream().map(StateView.PidNs::id).toList();
        assertEquals(java.util.stream.LongStream.rangeClosed(1, 41).boxed().toList(), ids);
        assertEquals(41, v.uts().size());
        assertEquals(java.util.stream.LongStream.rangeClosed(1, 41).boxed().toList(),
                v.uts().stream().map(StateView.Uts::id).toList());
    }

    @Test
    void livenessAndTheEventCountAsTheKernelReportsThem() {
        Sys s = new Sys();
        long before = s.k.eventCount();
        assertEquals(s.k.events().size(), before);
        long a = s.fork(s.init());
        assertTrue(s.k.isLive(a));
        assertEquals(before + 1, s.k.eventCount());
        s.exit(a, 0);
        assertFalse(s.k.isLive(a), "a zombie is not live");
        assertFalse(s.k.isLive(9999), "no such task");
        assertEquals(before + 2, s.k.eventCount());
    }
}

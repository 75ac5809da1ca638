package capsid.kernel.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.kernel.Errno;
import capsid.kernel.Kernel;
import capsid.kernel.Result;
import capsid.kernel.StateView;
import capsid.kernel.call.Call;
import capsid.kernel.call.Flags;
import capsid.kernel.call.NsType;
import capsid.kernel.call.Signals;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Every step check can fail: each test makes one real call on a kernel (whose step
 * the checks accept), then doctors the view after it (or the result) the way a
 * kernel bug would, and expects exactly the named check to report, word for word.
 * A final check covers every step check name.
 */
class StepChecksCatchBrokenStepsTest {
    private static final Set<String> COVERED = new HashSet<>();

    /** One call: the views around it, the caller, the call and its result. */
    record Step(StateView before, long caller, Call call, Result result, StateView after) {
        List<String> check() {
            return Kernel.checkStep(before, caller, call, result, after);
        }

        Step after(UnaryOperator<StateView> f) {
            return new Step(before, caller, call, result, f.apply(after));
        }

        Step before(UnaryOperator<StateView> f) {
            return new Step(f.apply(before), caller, call, result, after);
        }

        Step result(Result r) {
            return new Step(before, caller, call, r, after);
        }
    }

    private final Kernel k = Kernel.boot();

    private Step step(long tid, Call c) {
        StateView b = k.state();
        Result r = k.syscall(tid, c);
        Step s = new Step(b, tid, c, r, k.state());
        assertEquals(List.of(), s.check(), "the real step " + c + " -> " + r.render() + " passes");
        return s;
    }

    private long fork(long tid, int flags) {
        Result r = k.syscall(tid, new Call.Fork(flags));
        assertFalse(r.isError(), "fork: " + r);
        return k.resolve(tid, (int) ((Result.Int) r).value());
    }

    private void ok(long tid, Call c) {
        assertFalse(k.syscall(tid, c).isError(), c.toString());
    }

    /** Exactly {@code line} (and nothing else) is reported for {@code s}. */
    private static void expect(String line, Step s) {
        assertEquals(List.of(line), s.check());
        COVERED.add(line.substring(0, line.indexOf(':')));
    }

    // ---- doctoring views ---------------------------------------------------------------

    static StateView task(StateView v, long tid, UnaryOperator<StateView.Task> f) {
        List<StateView.Task> ts = new ArrayList<>();
        for (StateView.Task t : v.tasks()) {
            ts.add(t.tid() == tid ? f.apply(t) : t);
        }
        return new StateView(v.config(), v.nextTid(), v.exitClock(), ts, v.pidNs(), v.uts(), v.nextIds());
    }

    static StateView without(StateView v, long tid) {
        List<StateView.Task> ts = new ArrayList<>(v.tasks());
        ts.removeIf(t -> t.tid() == tid);
        return new StateView(v.config(), v.nextTid(), v.exitClock(), ts, v.pidNs(), v.uts(), v.nextIds());
    }

    static StateView pidNs(StateView v, long id, UnaryOperator<StateView.PidNs> f) {
        List<StateView.PidNs> ns = new ArrayList<>();
        for (StateView.PidNs n : v.pidNs()) {
            ns.add(n.id() == id ? f.apply(n) : n);
        }
        return new StateView(v.config(), v.nextTid(), v.exitClock(), v.tasks(), ns, v.uts(), v.nextIds());
    }

    static StateView uts(StateView v, long id, String hostname) {
        List<StateView.Uts> us = new ArrayList<>();
        for (StateView.Uts u : v.uts()) {
            us.add(u.id() == id ? new StateView.Uts(id, hostname) : u);
        }
        return new StateView(v.config(), v.nextTid(), v.exitClock(), v.tasks(), v.pidNs(), us, v.nextIds());
    }

    static StateView.Task parent(StateView.Task t, long p) {
        return new StateView.Task(t.tid(), t.live(), p, t.pids(), t.pidNs(), t.nsForChildren(), t.uts(), t.mnt(),
                t.jail(), t.fds(), t.exitSeq());
    }

    static StateView.Task pids(StateView.Task t, Integer... pids) {
        return new StateView.Task(t.tid(), t.live(), t.parent(), List.of(pids), t.pidNs(), t.nsForChildren(),
                t.uts(), t.mnt(), t.jail(), t.fds(), t.exitSeq());
    }

    static StateView.Task live(StateView.Task t, boolean live) {
        return new StateView.Task(t.tid(), live, t.parent(), t.pids(), t.pidNs(), t.nsForChildren(), t.uts(),
                t.mnt(), t.jail(), t.fds(), t.exitSeq());
    }

    static StateView.Task inUts(StateView.Task t, long uts) {
        return new StateView.Task(t.tid(), t.live(), t.parent(), t.pids(), t.pidNs(), t.nsForChildren(), uts,
                t.mnt(), t.jail(), t.fds(), t.exitSeq());
    }

    static StateView.Task jail(StateView.Task t, StateView.Jail j) {
        return new StateView.Task(t.tid(), t.live(), t.parent(), t.pids(), t.pidNs(), t.nsForChildren(), t.uts(),
                t.mnt(), j, t.fds(), t.exitSeq());
    }

    static StateView.Task fds(StateView.Task t, Map<Integer, StateView.ObjRef> fds) {
        return new StateView.Task(t.tid(), t.live(), t.parent(), t.pids(), t.pidNs(), t.nsForChildren(), t.uts(),
                t.mnt(), t.jail(), fds, t.exitSeq());
    }

    // ---- the checks --------------------------------------------------------------------

    @Test
    void orphansGoToNamespaceInit() {
        long a = fork(k.initTid(), 0); // pid 2
        long b = fork(a, 0); // pid 3
        long c = fork(b, 0); // pid 4: its grandparent a is not its reaper (init)
        Step exit = step(b, new Call.Exit(0));
        expect("OrphansGoToNamespaceInit: task " + c + "'s parent changed from task " + b + " to task " + a
                + ", but the init of pidns#1 (task " + b + "'s) is task 1",
                exit.after(v -> task(v, c, t -> parent(t, a))));
        Step f = step(a, new Call.Fork(0));
        long d = f.after().nextTid() - 1;
        expect("OrphansGoToNamespaceInit: task " + d + " was created by task " + a + "'s call but has parent task 1",
                f.after(v -> task(v, d, t -> parent(t, 1))));
    }

    @Test
    void noNamingTheInvisible() {
        long a = fork(k.initTid(), Flags.NEWPID); // pid 2, init of pidns#2
        long b = fork(a, 0); // pid 3 in the root, 2 in pidns#2
        Step kill = step(b, new Call.Kill(1, Signals.TERM)); // a, seen from inside, ignores TERM
        expect("NoNamingTheInvisible: kill 1 by task " + b + " returned 0, but pid 1 names no process in pidns#2",
                kill.before(v -> pidNs(v, 2, n -> new StateView.PidNs(n.id(), n.parent(), n.level(),
                        Map.of(2, b), n.lastPid(), n.init(), n.initDead()))));
        Step open = step(b, new Call.NsOpen(1, NsType.PID.ordinal()));
        expect("NoNamingTheInvisible: ns_open 1 pid by task " + b + " returned fd 0 naming ObjRef[kind=pidns, id=1],"
                + " not the pid namespace of live task " + a, open.after(v -> task(v, b,
                        t -> fds(t, Map.of(0, new StateView.ObjRef("pidns", 1))))));
    }

    @Test
    void jailIsForever() {
        long a = fork(k.initTid(), 0);
        ok(a, Call.Jail.INSTANCE);
        Step s = step(a, Call.GetPid.INSTANCE);
        StateView.Jail j = s.before().tasks().get(1).jail();
        expect("JailIsForever: jailed task " + a + " had jail " + j + ", now null",
                s.after(v -> task(v, a, t -> jail(t, null))));
    }

    @Test
    void jailRefusesEscapes() {
        long a = fork(k.initTid(), 0);
        ok(a, new Call.NsOpen(1, NsType.UTS.ordinal()));
        ok(a, Call.Jail.INSTANCE);
        for (Call escape : List.of(new Call.SetNs(0), new Call.Unshare(Flags.NEWUTS), new Call.Fork(Flags.NEWNS))) {
            Step s = step(a, escape);
            assertEquals(Errno.EPERM, s.result());
            // as a kernel that checks the jail too late would answer
            expect("JailRefusesEscapes: jailed task " + a + " made " + escape + " and got EINVAL, not EPERM",
                    s.result(Errno.EINVAL));
        }
        // a setns that went through, into the namespace the caller is in already: no state changes
        expect("JailRefusesEscapes: jailed task " + a + " made SetNs[fd=0] and got 0, not EPERM",
                step(a, new Call.SetNs(0)).result(Result.Int.ZERO));
    }

    @Test
    void pidsAllocatedInOrder() {
        long a = fork(k.initTid(), 0); // pid 2
        fork(k.initTid(), 0); // pid 3
        ok(a, new Call.Exit(0));
        ok(k.initTid(), Call.Wait.pid(2)); // pid 2 is free again, the cursor is at 3
        Step f = step(k.initTid(), new Call.Fork(0)); // pid 4
        long d = f.after().nextTid() - 1;
        expect("PidsAllocatedInOrder: task " + d + " got pid 2 in pidns#1, the next free pid there was 4",
                f.after(v -> task(v, d, t -> pids(t, 2))).result(Result.Int.of(2)));
        expect("PidsAllocatedInOrder: fork by task 1 returned 7, the child's pid in the caller's namespace is 4",
                f.result(Result.Int.of(7)));
        Step n = step(k.initTid(), new Call.Fork(Flags.NEWPID)); // 5 in the root, 1 in the new namespace
        long e = n.after().nextTid() - 1;
        long ns = n.after().tasks().stream().filter(t -> t.tid() == e).findFirst().orElseThrow().pidNs();
        expect("PidsAllocatedInOrder: task " + e + " got pid 2 in pidns#" + ns + ", the next free pid there was 1",
                n.after(v -> task(v, e, t -> pids(t, 5, 2))));
    }

    @Test
    void initSignalRules() {
        long a = fork(k.initTid(), Flags.NEWPID); // root pid 2, init of pidns#2
        long b = fork(a, 0); // root pid 3
        Step term = step(k.initTid(), new Call.Kill(2, Signals.TERM)); // an init ignores TERM
        expect("InitSignalRules: kill 2 TERM by task 1 (target task " + a + ", init of pidns#2): expected nobody to"
                + " die, tasks [" + a + "] died", term.after(v -> task(v, a, t -> live(t, false))));
        Step zero = step(k.initTid(), new Call.Kill(3, Signals.NONE));
        expect("InitSignalRules: kill 3 0 by task 1 (target task " + b + "): expected nobody to die, tasks [" + b
                + "] died", zero.after(v -> task(v, b, t -> live(t, false))));
        Step kill = step(k.initTid(), new Call.Kill(2, Signals.KILL)); // from outside: a dies, and b with it
        expect("InitSignalRules: kill 2 KILL by task 1 (target task " + a + ", init of pidns#2): expected tasks ["
                + a + ", " + b + "] to die, tasks [" + a + "] died", kill.after(v -> {
                    List<StateView.Task> ts = new ArrayList<>(v.tasks());
                    ts.add(kill.before().tasks().stream().filter(t -> t.tid() == b).findFirst().orElseThrow());
                    return new StateView(v.config(), v.nextTid(), v.exitClock(), ts, v.pidNs(), v.uts(), v.nextIds());
                }));
    }

    @Test
    void newpidOnlyFromOwnNamespace() {
        long a = fork(k.initTid(), 0);
        ok(a, new Call.Unshare(Flags.NEWPID));
        for (Call again : List.of(new Call.Unshare(Flags.NEWPID), new Call.Fork(Flags.NEWPID))) {
            Step s = step(a, again);
            assertEquals(Errno.EINVAL, s.result());
            expect("NewpidOnlyFromOwnNamespace: " + again + " by task " + a + ", whose namespace for children pidns#2"
                    + " is not its own pidns#1, returned ENOSPC, not EINVAL", s.result(Errno.ENOSPC));
        }
    }

    @Test
    void forkCopiesDescriptors() {
        long a = fork(k.initTid(), 0);
        ok(a, new Call.NsOpen(1, NsType.UTS.ordinal()));
        Step f = step(a, new Call.Fork(0));
        long c = f.after().nextTid() - 1;
        expect("ForkCopiesDescriptors: task " + c + " has descriptors {}, its parent task " + a
                + " had {0=ObjRef[kind=utsns, id=1]}", f.after(v -> task(v, c, t -> fds(t, Map.of()))));
    }

    @Test
    void hostnamesPerUts() {
        long a = fork(k.initTid(), 0);
        Step u = step(a, new Call.Unshare(Flags.NEWUTS)); // a moves to uts#2, hostname copied
        expect("HostnamesPerUts: Unshare[flags=2] by task " + a + " left task " + a + " in uts#1, which existed"
                + " before the call", u.after(v -> task(v, a, t -> inUts(t, 1))));
        expect("HostnamesPerUts: new uts#2 starts with hostname web, its creator task " + a + "'s is capsid",
                u.after(v -> uts(v, 2, "web")));
        Step s = step(a, new Call.SetHostname("web"));
        expect("HostnamesPerUts: SetHostname[name=web] by task " + a + " (in uts#2) changed uts#1's hostname from"
                + " capsid to web", s.after(v -> uts(v, 1, "web")));
        expect("HostnamesPerUts: sethostname web by task " + a + " left uts#2's hostname capsid",
                s.after(v -> uts(v, 2, "capsid")));
    }

    @Test
    void waitReapsInExitOrder() {
        long a = fork(k.initTid(), 0); // pid 2
        long b = fork(k.initTid(), 0); // pid 3
        ok(b, new Call.Exit(0)); // b first
        ok(a, new Call.Exit(0));
        Step w = step(k.initTid(), Call.Wait.ANY); // reaps b, pid 3
        expect("WaitReapsInExitOrder: Wait[any=true, pid=0] by task 1 returned 2 and reaped tasks [" + a
                + "]; expected 3, reaping task " + b, w.after(v -> {
                    List<StateView.Task> ts = new ArrayList<>(without(v, a).tasks());
                    ts.add(w.before().tasks().stream().filter(t -> t.tid() == b).findFirst().orElseThrow());
                    ts.sort(java.util.Comparator.comparingLong(StateView.Task::tid));
                    return new StateView(v.config(), v.nextTid(), v.exitClock(), ts, v.pidNs(), v.uts(), v.nextIds());
                }).result(Result.Int.of(2)));
    }

    @Test
    void aCallerThatIsNoLiveTaskIsNotChecked() {
        Step s = step(99, new Call.Fork(0));
        assertEquals(Errno.ESRCH, s.result());
        assertEquals(List.of(), s.result(Result.Int.of(5)).check());
    }

    @Test
    void everyStepCheckHasABreakingTest() throws Exception {
        // run the others first (each on a fresh kernel) when JUnit picks this one early
        for (var m : getClass().getDeclaredMethods()) {
            if (m.isAnnotationPresent(Test.class) && !m.getName().equals("everyStepCheckHasABreakingTest")) {
                m.invoke(getClass().getDeclaredConstructor().newInstance());
            }
        }
        assertEquals(new HashSet<>(StepChecks.NAMES), COVERED);
    }

    @Test
    void theNameListsAgree() {
        Map<String, Integer> seen = new HashMap<>();
        StepChecks.NAMES.forEach(n -> seen.merge(n, 1, Integer::sum));
        Invariants.NAMES.forEach(n -> seen.merge(n, 1, Integer::sum));
        seen.forEach((n, c) -> assertEquals(1, c, n + " names two checks"));
        assertFalse(StepChecks.EXEMPT.values().stream().anyMatch(String::isBlank), "every exemption has a reason");
    }
}

package capsid.kernel.process;

import capsid.kernel.Errno;
import capsid.kernel.Result;
import capsid.kernel.StateView;
import capsid.kernel.call.Call;
import capsid.kernel.call.Flags;
import capsid.kernel.call.NsType;
import capsid.kernel.call.Signals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The kernel's step checks: properties of one call, stated on the states just
 * before and after it ({@link StateView}s), the caller, the call and its result. The
 * ones in {@link #SPEC_NAMES} mirror the NamespaceUnshare property of the same name
 * (spec/NamespaceUnshare.tla: its action properties, and OrphansGoToNamespaceInit,
 * which the spec states as an invariant through a ghost variable the kernel does not
 * have); {@link #KERNEL_ONLY} are the kernel's own. Like {@link Invariants}, O(state)
 * and for tests and campaigns only; violations come as {@code "Name: detail"} lines.
 * Each is shown to fail by a test that doctors a pair of views ({@code
 * StepChecksCatchBrokenStepsTest}).
 */
public final class StepChecks {
    /** The step checks that mirror a NamespaceUnshare property, by its name. */
    public static final List<String> SPEC_NAMES = List.of("OrphansGoToNamespaceInit", "NoNamingTheInvisible",
            "JailIsForever", "JailRefusesEscapes", "PidsAllocatedInOrder", "InitSignalRules",
            "NewpidOnlyFromOwnNamespace", "ForkCopiesDescriptors", "HostnamesPerUts");
    /** The kernel's own step checks (no spec counterpart). */
    public static final List<String> KERNEL_ONLY = List.of("WaitReapsInExitOrder");
    /** Every step check name, in the order they are checked. */
    public static final List<String> NAMES = java.util.stream.Stream.concat(SPEC_NAMES.stream(),
            KERNEL_ONLY.stream()).toList();
    /**
     * NamespaceUnshare properties with no kernel-side check, and why. The spec-link
     * check accepts a spec property without a kernel twin only when it is here.
     */
    public static final Map<String, String> EXEMPT = Map.of("ZombieReaped",
            "liveness: 'a zombie whose parent keeps waiting is reaped' speaks of infinite behaviours under"
                    + " fairness, not of one state or one step; TLC checks it on the liveness model");

    private final View b;
    private final View a;
    /** The views are one object: the call changed nothing (a caller that knows it may pass the same view). */
    private final boolean same;
    private final long caller;
    private final Call call;
    private final Result result;
    private final List<String> out = new ArrayList<>();

    private StepChecks(StateView before, long caller, Call call, Result result, StateView after) {
        this.b = new View(before);
        this.a = new View(after);
        this.same = before == after;
        this.caller = caller;
        this.call = call;
        this.result = result;
    }

    /**
     * Every step check violated by the step from {@code before} to {@code after}:
     * {@code caller} (a task live in {@code before}) made {@code call} and got {@code
     * result}. Empty when all hold, and when the caller was no live task (the kernel
     * then refuses the call and nothing happens).
     */
    public static List<String> check(StateView before, long caller, Call call, Result result, StateView after) {
        StepChecks s = new StepChecks(before, caller, call, result, after);
        StateView.Task c = s.b.task(caller);
        if (c != null && c.live() && call != null && result != null) {
            s.run(c);
        }
        return s.out;
    }

    private void fail(String name, String detail) {
        out.add(name + ": " + detail);
    }

    private boolean ok() {
        return !result.isError();
    }

    private void run(StateView.Task c) {
        orphans();
        naming(c);
        jailIsForever();
        jailRefusesEscapes(c);
        pids(c);
        signals(c);
        newpid(c);
        descriptors(c);
        hostnames(c);
        waits(c);
    }

    /**
     * OrphansGoToNamespaceInit: a task the call created has the caller as parent (the
     * spec's forker), and a task whose parent changed now has as parent the init of
     * its old parent's pid namespace (as the init was before the call).
     */
    private void orphans() {
        for (StateView.Task u : same ? List.<StateView.Task>of() : a.tasks()) {
            StateView.Task was = b.task(u.tid());
            if (was == null) {
                if (u.parent() != caller) {
                    fail("OrphansGoToNamespaceInit", "task " + u.tid() + " was created by task " + caller
                            + "'s call but has parent task " + u.parent());
                }
                continue;
            }
            if (was.parent() == u.parent()) {
                continue;
            }
            StateView.Task old = b.task(was.parent());
            StateView.PidNs n = old == null ? null : b.pidNs(old.pidNs());
            long reaper = n == null ? 0 : n.init();
            if (u.parent() != reaper) {
                fail("OrphansGoToNamespaceInit", "task " + u.tid() + "'s parent changed from task " + was.parent()
                        + " to task " + u.parent() + ", but the init of pidns#" + (old == null ? 0 : old.pidNs())
                        + " (task " + was.parent() + "'s) is task " + reaper);
            }
        }
    }

    /**
     * NoNamingTheInvisible: a successful kill or ns_open named a process visible to the
     * caller (its pid is in the caller's pid namespace), and the descriptor ns_open
     * returns names that process's namespace.
     */
    private void naming(StateView.Task c) {
        if (!ok() || !(call instanceof Call.Kill || call instanceof Call.NsOpen)) {
            return;
        }
        int pid = call instanceof Call.Kill k ? k.pid() : ((Call.NsOpen) call).pid();
        StateView.Task u = b.visible(c, pid);
        String what = call instanceof Call.Kill ? "kill" : "ns_open";
        if (u == null) {
            fail("NoNamingTheInvisible", what + " " + pid + " by task " + caller + " returned "
                    + result.render() + ", but pid " + pid + " names no process in pidns#" + c.pidNs());
            return;
        }
        if (call instanceof Call.NsOpen o && result instanceof Result.Int fd) {
            NsType type = NsType.of(o.type());
            StateView.Task after = a.task(caller);
            StateView.ObjRef got = after == null ? null : after.fds().get((int) fd.value());
            long id = type == NsType.PID ? u.pidNs() : type == NsType.UTS ? u.uts() : type == NsType.MNT ? u.mnt() : -1;
            if (!u.live() || got == null || type == null || !got.kind().equals(type.kind())
                    || (id >= 0 && got.id() != id)) {
                fail("NoNamingTheInvisible", "ns_open " + pid + " " + (type == null ? o.type() : type.word())
                        + " by task " + caller + " returned fd " + fd.value() + " naming " + got + ", not the "
                        + (type == null ? "?" : type.word()) + " namespace of " + (u.live() ? "live" : "zombie")
                        + " task " + u.tid());
            }
        }
    }

    /** JailIsForever: a live jailed task that is still live after the call is jailed in the same namespaces. */
    private void jailIsForever() {
        for (StateView.Task t : same ? List.<StateView.Task>of() : b.tasks()) {
            StateView.Task now = a.task(t.tid());
            if (t.live() && t.jail() != null && now != null && now.live() && !t.jail().equals(now.jail())) {
                fail("JailIsForever", "jailed task " + t.tid() + " had jail " + t.jail() + ", now " + now.jail());
            }
        }
    }

    /** JailRefusesEscapes: setns, unshare and fork with flags by a jailed caller fail with EPERM. */
    private void jailRefusesEscapes(StateView.Task c) {
        boolean escape = call instanceof Call.SetNs || call instanceof Call.Unshare
                || (call instanceof Call.Fork f && f.flags() != 0);
        if (c.jail() != null && escape && result != Errno.EPERM) {
            fail("JailRefusesEscapes", "jailed task " + caller + " made " + call + " and got " + result.render()
                    + ", not EPERM");
        }
    }

    /**
     * PidsAllocatedInOrder: a forked child's pid at each level is the next free
     * number after the level's last pid (wrapping at pid_max to pid_reserved once
     * the cursor passed it, else to 1); in a namespace new to the call it is 1; and
     * fork returns the child's pid in the caller's namespace.
     */
    private void pids(StateView.Task c) {
        if (!ok() || !(call instanceof Call.Fork)) {
            return;
        }
        StateView.Task k = newTask();
        if (k == null) {
            fail("PidsAllocatedInOrder", "fork by task " + caller + " returned " + result.render()
                    + " but created no task");
            return;
        }
        List<StateView.PidNs> path = a.path(k.pidNs());
        for (int i = 0; i < path.size() && i < k.pids().size(); i++) {
            StateView.PidNs was = b.pidNs(path.get(i).id());
            int expected = was == null ? 1 : nextPid(was, b.view.config().pidMax(), b.view.config().pidReserved());
            if (k.pids().get(i) != expected) {
                fail("PidsAllocatedInOrder", "task " + k.tid() + " got pid " + k.pids().get(i) + " in pidns#"
                        + path.get(i).id() + ", the next free pid there was " + expected);
            }
        }
        int level = b.pidNs(c.pidNs()) == null ? -1 : b.pidNs(c.pidNs()).level();
        if (level >= 0 && level < k.pids().size() && !(result instanceof Result.Int r && r.value() == k.pids()
                .get(level))) {
            fail("PidsAllocatedInOrder", "fork by task " + caller + " returned " + result.render() + ", the child's"
                    + " pid in the caller's namespace is " + k.pids().get(level));
        }
    }

    /**
     * The spec's NextPid, written from the spec (not from PidNamespace#peekNextPid):
     * cyclic from the last pid, wrapping at {@code pidMax} to {@code reserved} once the
     * cursor passed it, else to 1; -1 when every number is taken.
     */
    static int nextPid(StateView.PidNs n, int pidMax, int reserved) {
        int lo = n.lastPid() + 1 > reserved ? reserved : 1;
        int cand = n.lastPid() + 1 >= pidMax ? lo : n.lastPid() + 1;
        for (int tries = pidMax - lo; tries > 0; tries--) {
            if (!n.pids().containsKey(cand)) {
                return cand;
            }
            cand = cand + 1 >= pidMax ? lo : cand + 1;
        }
        return -1;
    }

    /**
     * InitSignalRules: a successful kill with KILL or TERM kills a live target unless
     * it is the boot init, or the init of its namespace receiving TERM, or receiving
     * KILL from inside its own namespace; a dying init takes every other process of its
     * namespace with it; signal 0 kills nobody; nobody else dies.
     */
    private void signals(StateView.Task c) {
        if (!ok() || !(call instanceof Call.Kill k)) {
            return;
        }
        StateView.Task u = b.visible(c, k.pid());
        if (u == null) {
            return; // NoNamingTheInvisible's finding
        }
        StateView.PidNs un = b.pidNs(u.pidNs());
        boolean isInit = un != null && un.init() == u.tid();
        boolean kills = k.sig() != Signals.NONE && u.live() && u.tid() != b.bootInit()
                && !(isInit && (k.sig() == Signals.TERM || c.pidNs() == u.pidNs()));
        Set<Long> expected = new TreeSet<>();
        if (kills) {
            expected.add(u.tid());
            if (isInit) {
                for (StateView.Task v : b.tasks()) {
                    if (v.tid() != u.tid() && b.visibleIn(v, u.pidNs())) {
                        expected.add(v.tid());
                    }
                }
            }
        }
        Set<Long> died = new TreeSet<>();
        for (StateView.Task v : b.tasks()) {
            StateView.Task now = a.task(v.tid());
            if (now == null || now.live() != v.live()) {
                died.add(v.tid());
            }
        }
        StateView.Task target = a.task(u.tid());
        if (!expected.equals(died) || (kills && (target == null || target.live()))) {
            fail("InitSignalRules", "kill " + k.pid() + " " + Signals.name(k.sig()) + " by task " + caller
                    + " (target task " + u.tid() + (isInit ? ", init of pidns#" + u.pidNs() : "") + "): expected "
                    + (expected.isEmpty() ? "nobody" : "tasks " + expected) + " to die, "
                    + (died.isEmpty() ? "nobody" : "tasks " + died) + " died"
                    + (kills && target == null ? " (the target was reaped, not left a zombie)" : ""));
        }
    }

    /** NewpidOnlyFromOwnNamespace: newpid while the namespace for children is not one's own fails with EINVAL. */
    private void newpid(StateView.Task c) {
        int flags = call instanceof Call.Fork f ? f.flags() : call instanceof Call.Unshare u ? u.flags() : 0;
        if ((flags & Flags.NEWPID) == 0 || c.nsForChildren() == c.pidNs()) {
            return;
        }
        Errno expected = c.jail() != null ? Errno.EPERM : Errno.EINVAL; // a jailed caller's EPERM comes first
        if (result != expected) {
            fail("NewpidOnlyFromOwnNamespace", call + " by task " + caller + ", whose namespace for children pidns#"
                    + c.nsForChildren() + " is not its own pidns#" + c.pidNs() + ", returned " + result.render()
                    + ", not " + expected);
        }
    }

    /** ForkCopiesDescriptors: a forked child's descriptor table equals its parent's at the fork. */
    private void descriptors(StateView.Task c) {
        if (!ok() || !(call instanceof Call.Fork)) {
            return;
        }
        StateView.Task k = newTask();
        if (k != null && !k.fds().equals(c.fds())) {
            fail("ForkCopiesDescriptors", "task " + k.tid() + " has descriptors " + new java.util.TreeMap<>(k.fds())
                    + ", its parent task " + caller + " had " + new java.util.TreeMap<>(c.fds()));
        }
    }

    /**
     * HostnamesPerUts: only a successful sethostname changes a hostname, that of the
     * caller's uts namespace, to the name given; unshare/fork newuts put the caller
     * (the child) in a uts namespace new to the call; a new uts namespace starts with
     * its creator's hostname.
     */
    private void hostnames(StateView.Task c) {
        boolean set = ok() && call instanceof Call.SetHostname;
        String name = set ? ((Call.SetHostname) call).name() : null;
        StateView.Uts mine = b.uts(c.uts());
        for (StateView.Uts u : same ? List.<StateView.Uts>of() : a.view.uts()) {
            StateView.Uts was = b.uts(u.id());
            if (was == null) {
                if (mine == null || !u.hostname().equals(mine.hostname())) {
                    fail("HostnamesPerUts", "new uts#" + u.id() + " starts with hostname " + u.hostname()
                            + ", its creator task " + caller + "'s is " + (mine == null ? "?" : mine.hostname()));
                }
            } else if (!was.hostname().equals(u.hostname()) && !(set && u.id() == c.uts())) {
                fail("HostnamesPerUts", call + " by task " + caller + " (in uts#" + c.uts() + ") changed uts#"
                        + u.id() + "'s hostname from " + was.hostname() + " to " + u.hostname());
            }
        }
        if (set) {
            StateView.Uts now = a.uts(c.uts());
            if (now == null || !now.hostname().equals(name)) {
                fail("HostnamesPerUts", "sethostname " + name + " by task " + caller + " left uts#" + c.uts()
                        + "'s hostname " + (now == null ? "gone" : now.hostname()));
            }
        }
        int flags = call instanceof Call.Fork f ? f.flags() : call instanceof Call.Unshare u ? u.flags() : 0;
        if (ok() && (flags & Flags.NEWUTS) != 0) {
            StateView.Task moved = call instanceof Call.Fork ? newTask() : a.task(caller);
            if (moved != null && b.uts(moved.uts()) != null) {
                fail("HostnamesPerUts", call + " by task " + caller + " left task " + moved.tid()
                        + " in uts#" + moved.uts() + ", which existed before the call");
            }
        }
    }

    /**
     * WaitReapsInExitOrder (kernel-only): a successful wait reaps one zombie child of
     * the caller, the one that exited first (or the one PID names), and returns its
     * pid; it returns 0 and reaps nobody when there is none.
     */
    private void waits(StateView.Task c) {
        if (!ok() || !(call instanceof Call.Wait w) || !(result instanceof Result.Int r)) {
            return;
        }
        StateView.Task want = null;
        for (StateView.Task z : b.tasks()) {
            if (z.parent() != caller || z.live()) {
                continue;
            }
            boolean named = w.any() ? (want == null || z.exitSeq() < want.exitSeq())
                    : b.pidIn(z, c.pidNs()) == w.pid();
            if (named) {
                want = z;
            }
        }
        List<Long> gone = new ArrayList<>();
        for (StateView.Task t : b.tasks()) {
            if (a.task(t.tid()) == null) {
                gone.add(t.tid());
            }
        }
        List<Long> expected = want == null ? List.of() : List.of(want.tid());
        long pid = want == null ? 0 : b.pidIn(want, c.pidNs());
        if (!gone.equals(expected) || r.value() != pid) {
            fail("WaitReapsInExitOrder", call + " by task " + caller + " returned " + r.value() + " and reaped "
                    + (gone.isEmpty() ? "nobody" : "tasks " + gone) + "; expected "
                    + (want == null ? "0, reaping nobody" : pid + ", reaping task " + want.tid()));
        }
    }

    /** The task the call created (the view's next task id before it), or null. */
    private StateView.Task newTask() {
        return a.task(b.view.nextTid());
    }

    /**
     * A state view with its lookups: binary searches over the view's lists, which
     * the kernel sorts by id (tasks by task id), so that a step check allocates
     * nothing to find a task or a namespace; a list out of order (a view built by
     * hand) is searched from end to end.
     */
    private static final class View {
        final StateView view;
        private final boolean sorted;

        View(StateView v) {
            this.view = Objects.requireNonNull(v, "state view");
            this.sorted = sorted(v.tasks(), StateView.Task::tid) && sorted(v.pidNs(), StateView.PidNs::id)
                    && sorted(v.uts(), StateView.Uts::id);
        }

        private static <T> boolean sorted(List<T> xs, java.util.function.ToLongFunction<T> key) {
            for (int i = 1; i < xs.size(); i++) {
                if (key.applyAsLong(xs.get(i - 1)) >= key.applyAsLong(xs.get(i))) {
                    return false;
                }
            }
            return true;
        }

        List<StateView.Task> tasks() {
            return view.tasks();
        }

        StateView.Task task(long tid) {
            return find(view.tasks(), tid, StateView.Task::tid);
        }

        StateView.PidNs pidNs(long id) {
            return find(view.pidNs(), id, StateView.PidNs::id);
        }

        StateView.Uts uts(long id) {
            return find(view.uts(), id, StateView.Uts::id);
        }

        private <T> T find(List<T> xs, long id, java.util.function.ToLongFunction<T> key) {
            if (!sorted) {
                for (T x : xs) {
                    if (key.applyAsLong(x) == id) {
                        return x;
                    }
                }
                return null;
            }
            int lo = 0;
            int hi = xs.size() - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                long k = key.applyAsLong(xs.get(mid));
                if (k == id) {
                    return xs.get(mid);
                } else if (k < id) {
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return null;
        }

        /** The boot init: the root namespace's init (never dies). */
        long bootInit() {
            for (StateView.PidNs n : view.pidNs()) {
                if (n.parent() == 0) {
                    return n.init();
                }
            }
            return 0;
        }

        /** The task with {@code pid} in {@code c}'s pid namespace, or null. */
        StateView.Task visible(StateView.Task c, int pid) {
            StateView.PidNs n = pidNs(c.pidNs());
            Long tid = n == null ? null : n.pids().get(pid);
            return tid == null ? null : task(tid);
        }

        /** The namespaces from the root down to {@code id}. */
        List<StateView.PidNs> path(long id) {
            List<StateView.PidNs> out = new ArrayList<>();
            for (StateView.PidNs n = pidNs(id); n != null; n = n.parent() == 0 ? null : pidNs(n.parent())) {
                out.add(0, n);
            }
            return out;
        }

        /** Whether {@code t} has a pid in namespace {@code ns} (it lives there or below). */
        boolean visibleIn(StateView.Task t, long ns) {
            for (StateView.PidNs n = pidNs(t.pidNs()); n != null; n = n.parent() == 0 ? null : pidNs(n.parent())) {
                if (n.id() == ns) {
                    return true;
                }
            }
            return false;
        }

        /** {@code t}'s pid in namespace {@code ns}, 0 when invisible there. */
        int pidIn(StateView.Task t, long ns) {
            StateView.PidNs n = pidNs(ns);
            return n != null && visibleIn(t, ns) && n.level() < t.pids().size() ? t.pids().get(n.level()) : 0;
        }
    }
}

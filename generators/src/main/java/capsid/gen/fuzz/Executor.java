package capsid.gen.fuzz;

import capsid.gen.KernelProperties;
import capsid.kernel.BootConfig;
import capsid.kernel.Kernel;
import capsid.kernel.ProcessView;
import capsid.kernel.Result;
import capsid.kernel.StateView;
import capsid.kernel.call.Call;
import capsid.kernel.call.Sys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a symbolic program on a fresh kernel, one step at a time, and checks after
 * every step that ran:
 * <ul>
 * <li>{@code NoThrow}: the call returned a result (a {@code KernelBug} is a failure);</li>
 * <li>{@code FailedCallChangesNothing}: an errno left {@link Kernel#stateHash()}
 *     unchanged and emitted no event (the snapshot diff is computed, by replaying the
 *     prefix, only to explain a failure);</li>
 * <li>{@code OneEventPerChange}: a successful mutating call emitted one event, a
 *     read-only one none and changed nothing;</li>
 * <li>{@code InvariantsHold}: {@link Kernel#checkInvariants()} is empty;</li>
 * <li>the kernel's step checks ({@link Kernel#checkStep}, on the states just before
 *     and after the call; a failure carries the check's own name, e.g. {@code
 *     OrphansGoToNamespaceInit});</li>
 * <li>every {@link StepCheck} given.</li>
 * </ul>
 * A step whose actor is not a live task, or whose symbolic pid or fd does not
 * resolve, is skipped (a scenario would call it a script error) and has a null result.
 *
 * <p>{@link Checking#INCREMENTAL} (the campaign's mode) checks the invariants after
 * each step on what the step changed ({@link Kernel#checkInvariantsIncrementally()})
 * and fully after the last one ({@link #finish()}); {@link Checking#FULL} (the
 * default: the shrinker, the mutant tests) checks everything after every step.
 */
public final class Executor {
    /** How the invariants are checked after each step. */
    public enum Checking {
        /** Every invariant on the whole state after every step. */
        FULL,
        /** After each step on what it changed, and on the whole state after the program's last step. */
        INCREMENTAL
    }

    /** Told about every step after it ran or was skipped (result null). */
    public interface StepObserver {
        void step(Executor ex, int index, FuzzStep step, Call call, Result result);
    }

    /**
     * A property that did not hold at step {@code step}; {@code checks} names every
     * kernel check (invariant or step check) that reported there.
     */
    public record Failure(String property, int step, String detail, List<String> checks) {
        public Failure {
            checks = List.copyOf(checks);
        }

        public Failure(String property, int step, String detail) {
            this(property, step, detail, List.of(property));
        }

        @Override
        public String toString() {
            return property + " at step " + step + ": " + detail;
        }
    }

    /**
     * What a run did: per step the resolved call and result (null when skipped),
     * which task each successful fork created and each task's parent task.
     */
    public record Trace(Program program, List<Call> calls, List<Result> results, int[] createdBy, int[] parentTask,
                        int tasks, Failure failure) {
        /** The step index that created task {@code t} (-1 for init). */
        public int creator(int t) {
            return createdBy[t];
        }
    }

    private final Kernel k;
    private final KernelProperties.Syscall sys;
    private final List<StepCheck> checks;
    private final StepObserver observer;
    private long[] tid = new long[8];
    private long[] ownNs = new long[8];
    private List<List<ProcessView.PidAt>> pids = new ArrayList<>();
    private int[] createdBy = new int[8];
    private int[] parentTask = new int[8];
    /** Whether each task is a live process, as of the last step (only steps change it). */
    private boolean[] alive = new boolean[8];
    private int tasks;
    private final List<Call> calls = new ArrayList<>();
    private final List<Result> results = new ArrayList<>();
    private final List<FuzzStep> steps = new ArrayList<>();
    private long hash;
    /** The state as of the last step (taken again only when {@link #hash} changed). */
    private StateView view;
    /** The fingerprint of the state the {@link StepCheck#stateFunction()} checks last held on. */
    private long checkedHash;
    private boolean checkedAny;
    private Failure failure;
    private final Checking checking;
    /** The index of the last step that ran (for the final full check's report), -1 before the first. */
    private int lastRan = -1;

    public Executor(BootConfig config, KernelProperties.Syscall sys, List<StepCheck> checks, StepObserver observer) {
        this(config, sys, checks, observer, Checking.FULL);
    }

    public Executor(BootConfig config, KernelProperties.Syscall sys, List<StepCheck> checks, StepObserver observer,
                    Checking checking) {
        this.checking = checking;
        this.k = Kernel.boot(config);
        this.sys = sys;
        this.checks = checks;
        this.observer = observer;
        addTask(k.initTid(), -1, -1);
        this.hash = k.stateHash();
        this.view = k.state();
    }

    /** Runs {@code p} and returns its trace; stops at the first failure. */
    public static Trace run(Program p, KernelProperties.Syscall sys, List<StepCheck> checks, StepObserver observer) {
        return run(p, sys, checks, observer, Checking.FULL);
    }

    /** Runs {@code p} checking the invariants as {@code checking} says; stops at the first failure. */
    public static Trace run(Program p, KernelProperties.Syscall sys, List<StepCheck> checks, StepObserver observer,
                            Checking checking) {
        Executor ex = new Executor(p.config(), sys, checks, observer, checking);
        for (FuzzStep s : p.steps()) {
            if (!ex.step(s)) {
                break;
            }
        }
        ex.finish();
        return ex.trace(p);
    }

    /**
     * After the program's last step: in {@link Checking#INCREMENTAL} mode, every
     * invariant on the whole state (a finding is reported at the last step that
     * ran). Does nothing in {@link Checking#FULL} mode or after a failure.
     */
    public void finish() {
        if (checking != Checking.INCREMENTAL || failure != null || lastRan < 0) {
            return;
        }
        List<String> broken = k.checkInvariants();
        if (!broken.isEmpty()) {
            failure = new Failure(KernelProperties.propertyOf(broken, broken.size()), lastRan, "after the last step "
                    + calls.get(lastRan) + " -> " + results.get(lastRan).render() + ": " + String.join("; ", broken),
                    KernelProperties.checkNames(broken));
        }
    }

    /** Runs {@code p} on the real kernel with the built-in checks only. */
    public static Trace run(Program p) {
        return run(p, Kernel::syscall, List.of(), null);
    }

    public Trace trace(Program p) {
        return new Trace(p, List.copyOf(calls.stream().map(c -> c == null ? (Call) Call.GetPid.INSTANCE : c).toList()),
                java.util.Collections.unmodifiableList(new ArrayList<>(results)), Arrays.copyOf(createdBy, tasks),
                Arrays.copyOf(parentTask, tasks), tasks, failure);
    }

    public Kernel kernel() {
        return k;
    }

    /** How many tasks exist (init and every process a successful fork made). */
    public int tasks() {
        return tasks;
    }

    public boolean live(int task) {
        return task >= 0 && task < tasks && alive[task];
    }

    /** Reads every task's liveness from the kernel: after each call, since a call can end any of them. */
    private void refreshLiveness() {
        for (int t = 0; t < tasks; t++) {
            alive[t] = k.isLive(tid[t]);
        }
    }

    /** The number of pid namespace levels task {@code t} is in (1 for the root namespace). */
    public int levels(int t) {
        return t < tasks ? pids.get(t).size() : 0;
    }

    /** The result of step {@code i} (null when skipped). */
    public Result result(int i) {
        return results.get(i);
    }

    public int stepsRun() {
        return results.size();
    }

    /** The kernel task id of task {@code t}. */
    public long tid(int t) {
        return tid[t];
    }

    public Failure failure() {
        return failure;
    }

    /** The pid task {@code target} has as task {@code viewer} sees it (its root pid when invisible). */
    public int pidSeen(int target, int viewer) {
        long ns = ownNs[viewer];
        for (ProcessView.PidAt p : pids.get(target)) {
            if (p.ns() == ns) {
                return p.pid();
            }
        }
        return pids.get(target).get(0).pid();
    }

    private void addTask(long t, int step, int parent) {
        if (tasks == tid.length) {
            tid = Arrays.copyOf(tid, tasks * 2);
            ownNs = Arrays.copyOf(ownNs, tasks * 2);
            createdBy = Arrays.copyOf(createdBy, tasks * 2);
            parentTask = Arrays.copyOf(parentTask, tasks * 2);
            alive = Arrays.copyOf(alive, tasks * 2);
        }
        ProcessView v = k.process(t);
        tid[tasks] = t;
        ownNs[tasks] = v.pidNamespace();
        pids.add(v.pids());
        createdBy[tasks] = step;
        parentTask[tasks] = parent;
        alive[tasks] = k.isLive(t);
        tasks++;
    }

    /** The call step {@code s} makes now, with symbols resolved, or null when it is skipped. */
    public Call resolve(FuzzStep s) {
        if (!live(s.actor())) {
            return null;
        }
        Call c = s.call();
        if (s.pidTask() >= 0) {
            if (s.pidTask() >= tasks) {
                return null;
            }
            c = Calls.withPid(c, pidSeen(s.pidTask(), s.actor()));
        }
        if (s.fdStep() >= 0) {
            Result b = s.fdStep() < results.size() ? results.get(s.fdStep()) : null;
            if (steps.get(s.fdStep()).call().sys() == Sys.FORK || !(b instanceof Result.Int bi) || bi.value() != (int) bi.value()) {
                return null;
            }
            c = Calls.withFd(c, (int) bi.value());
        }
        return c;
    }

    /** Runs one step; false when a property failed (the executor then stops). */
    public boolean step(FuzzStep s) {
        if (failure != null) {
            return false;
        }
        int i = results.size();
        steps.add(s);
        Call c = resolve(s);
        calls.add(c);
        if (c == null) {
            results.add(null);
            if (observer != null) {
                observer.step(this, i, s, s.call(), null);
            }
            return true;
        }
        long actorTid = tid[s.actor()];
        long events = k.eventCount();
        Result r;
        try {
            r = sys.call(k, actorTid, c);
        } catch (Throwable t) {
            results.add(null);
            refreshLiveness();
            return fail("NoThrow", i, "syscall " + c + " threw " + t);
        }
        results.add(r);
        refreshLiveness();
        if (r == null) {
            return fail("NoThrow", i, "syscall " + c + " returned null");
        }
        int emitted = (int) (k.eventCount() - events);
        long h = k.stateHash();
        if (r.isError()) {
            if (h != hash) {
                return fail("FailedCallChangesNothing", i, c + " returned " + r.render() + " but changed the state:\n"
                        + explain(i));
            }
            if (emitted != 0) {
                return fail("FailedCallChangesNothing", i, c + " returned " + r.render() + " but emitted " + emitted
                        + " event(s)");
            }
        } else {
            int expected = c.sys().mutating() ? 1 : 0;
            if (emitted != expected) {
                return fail("OneEventPerChange", i, c + " returned " + r.render() + " and emitted " + emitted
                        + " event(s), expected " + expected);
            }
            if (!c.sys().mutating() && h != hash) {
                return fail("OneEventPerChange", i, "read-only " + c + " returned " + r.render()
                        + " but changed the state:\n" + explain(i));
            }
        }
        StateView after = h == hash ? view : k.state();
        hash = h;
        lastRan = i;
        List<String> invariantsBroken = checking == Checking.INCREMENTAL ? k.checkInvariantsIncrementally()
                : k.checkInvariants();
        List<String> stepsBroken = Kernel.checkStep(view, actorTid, c, r, after);
        view = after;
        if (!invariantsBroken.isEmpty() || !stepsBroken.isEmpty()) {
            List<String> broken = new ArrayList<>(invariantsBroken);
            broken.addAll(stepsBroken);
            int invariants = invariantsBroken.size();
            failure = new Failure(KernelProperties.propertyOf(broken, invariants), i, "after " + c + " -> "
                    + r.render() + ": " + String.join("; ", broken), KernelProperties.checkNames(broken));
            return false;
        }
        boolean unchanged = checkedAny && h == checkedHash;
        for (StepCheck check : checks) {
            if (unchanged && check.stateFunction()) {
                continue;
            }
            String why;
            try {
                why = check.check(k, after, i, c, r);
            } catch (RuntimeException e) {
                why = "the check threw " + e;
            }
            if (why != null) {
                return fail(check.name(), i, "after " + c + " -> " + r.render() + ": " + why);
            }
        }
        checkedHash = h;
        checkedAny = true;
        if (c.sys() == Sys.FORK && r instanceof Result.Int pid) {
            long child = k.resolve(actorTid, (int) pid.value());
            if (child != 0) {
                addTask(child, i, s.actor());
            }
        }
        if (observer != null) {
            observer.step(this, i, s, c, r);
        }
        return true;
    }

    private boolean fail(String property, int step, String detail) {
        failure = new Failure(property, step, detail);
        return false;
    }

    /** The snapshot lines step {@code i} changed: the prefix is replayed on a fresh kernel for the state before it. */
    private String explain(int i) {
        try {
            Executor before = new Executor(k.config(), sys, List.of(), null);
            for (int j = 0; j < i; j++) {
                before.step(steps.get(j));
            }
            return KernelProperties.diff(before.k.snapshot(), k.snapshot());
        } catch (RuntimeException e) {
            return "(no diff: replaying the prefix threw " + e + ")";
        }
    }
}

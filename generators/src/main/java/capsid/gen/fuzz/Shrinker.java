package capsid.gen.fuzz;

import capsid.gen.KernelProperties;
import capsid.kernel.call.Call;
import capsid.kernel.call.Signals;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Shrinks a failing program to a local minimum that still fails the same
 * property: cut after the failing step; drop chunks of steps (halves down to
 * single steps); drop processes (the fork that made a task and every step of it
 * and its descendants, later tasks renumbered); simplify arguments (a symbolic
 * pid for a literal one, smaller numbers, fewer flags). Repeats until nothing
 * helps or the time budget is spent.
 */
public final class Shrinker {
    private final KernelProperties.Syscall sys;
    private final List<StepCheck> checks;
    private final String property;
    private int runs;

    /** What shrinking gave: the minimal trace, how many runs it took and how long. */
    public record Result(Executor.Trace trace, int runs, long millis) {
    }

    private Shrinker(KernelProperties.Syscall sys, List<StepCheck> checks, String property) {
        this.sys = sys;
        this.checks = checks;
        this.property = property;
    }

    /** Shrinks failing {@code trace} within {@code millis}. */
    public static Result shrink(Executor.Trace trace, KernelProperties.Syscall sys, List<StepCheck> checks,
                                long millis) {
        long t0 = System.nanoTime();
        long deadline = t0 + millis * 1_000_000L;
        Shrinker s = new Shrinker(sys, checks, trace.failure().property());
        Executor.Trace best = s.cut(trace);
        boolean progress = true;
        while (progress && System.nanoTime() < deadline) {
            progress = false;
            Executor.Trace t = s.chunks(best, deadline);
            if (t != null) {
                best = t;
                progress = true;
            }
            t = s.processes(best);
            if (t != null) {
                best = t;
                progress = true;
            }
            t = s.arguments(best, deadline);
            if (t != null) {
                best = t;
                progress = true;
            }
        }
        return new Result(best, s.runs, (System.nanoTime() - t0) / 1_000_000L);
    }

    private Executor.Trace attempt(Program p) {
        runs++;
        Executor.Trace t = Executor.run(p, sys, checks, null);
        return t.failure() != null && t.failure().property().equals(property) ? s(t) : null;
    }

    private Executor.Trace s(Executor.Trace t) {
        return cut(t);
    }

    /** The program up to and including the failing step. */
    private Executor.Trace cut(Executor.Trace t) {
        int f = t.failure().step();
        if (t.program().steps().size() == f + 1) {
            return t;
        }
        Program p = t.program().withSteps(t.program().steps().subList(0, f + 1));
        runs++;
        Executor.Trace c = Executor.run(p, sys, checks, null);
        return c.failure() != null && c.failure().property().equals(property) ? c : t;
    }

    private Executor.Trace chunks(Executor.Trace best, long deadline) {
        Executor.Trace improved = null;
        for (int n = Math.max(1, best.program().steps().size() / 2); n >= 1; n /= 2) {
            for (int start = best.program().steps().size() - n; start >= 0; start -= n) {
                if (System.nanoTime() > deadline) {
                    return improved;
                }
                if (start + n > best.program().steps().size()) {
                    continue;
                }
                Executor.Trace t = attempt(Mutator.deleteRange(best.program(), start, start + n));
                if (t != null && t.program().steps().size() < best.program().steps().size()) {
                    best = t;
                    improved = t;
                }
            }
            if (n == 1) {
                break;
            }
        }
        return improved;
    }

    private Executor.Trace processes(Executor.Trace best) {
        Executor.Trace improved = null;
        for (int task = best.tasks() - 1; task >= 1; task--) {
            if (task >= best.tasks()) {
                continue;
            }
            Set<Integer> gone = new HashSet<>();
            gone.add(task);
            for (int u = task + 1; u < best.tasks(); u++) {
                if (gone.contains(best.parentTask()[u])) {
                    gone.add(u);
                }
            }
            Set<Integer> dropSteps = new HashSet<>();
            for (int u : gone) {
                dropSteps.add(best.creator(u));
            }
            List<FuzzStep> steps = best.program().steps();
            List<FuzzStep> out = new ArrayList<>();
            int[] newIndex = new int[steps.size()];
            for (int i = 0; i < steps.size(); i++) {
                FuzzStep s = steps.get(i);
                newIndex[i] = -1;
                if (dropSteps.contains(i) || gone.contains(s.actor())) {
                    continue;
                }
                int actor = renumber(s.actor(), gone);
                int pidTask = s.pidTask() < 0 ? -1 : gone.contains(s.pidTask()) ? -1 : renumber(s.pidTask(), gone);
                int fd = s.fdStep() < 0 ? -1 : newIndex[s.fdStep()];
                newIndex[i] = out.size();
                out.add(new FuzzStep(actor, s.call(), pidTask, fd));
            }
            Executor.Trace t = attempt(best.program().withSteps(out));
            if (t != null && t.program().steps().size() < best.program().steps().size()) {
                best = t;
                improved = t;
            }
        }
        return improved;
    }

    private static int renumber(int t, Set<Integer> gone) {
        int n = t;
        for (int g : gone) {
            if (g < t) {
                n--;
            }
        }
        return n;
    }

    private Executor.Trace arguments(Executor.Trace best, long deadline) {
        Executor.Trace improved = null;
        for (int i = 0; i < best.program().steps().size(); i++) {
            for (FuzzStep c : simpler(best.program().steps().get(i), best.tasks())) {
                if (System.nanoTime() > deadline) {
                    return improved;
                }
                List<FuzzStep> out = new ArrayList<>(best.program().steps());
                out.set(i, c);
                Executor.Trace t = attempt(best.program().withSteps(out));
                if (t != null) {
                    best = t;
                    improved = t;
                    break;
                }
            }
        }
        return improved;
    }

    /** Simpler versions of a step, simplest first; each is strictly simpler, so shrinking ends. */
    private static List<FuzzStep> simpler(FuzzStep s, int tasks) {
        List<FuzzStep> out = new ArrayList<>();
        Call c = s.call();
        if (Calls.pidIndex(c) >= 0 && s.pidTask() < 0) {
            for (int t = 0; t < tasks; t++) {
                out.add(s.withPidTask(t));
            }
        }
        if (c instanceof Call.Fork f && f.flags() != 0) {
            for (int b = 0; b < 31; b++) {
                if ((f.flags() & (1 << b)) != 0) {
                    out.add(s.withCall(new Call.Fork(f.flags() & ~(1 << b))));
                }
            }
        }
        if (c instanceof Call.Unshare u && Integer.bitCount(u.flags()) > 1) {
            for (int b = 0; b < 31; b++) {
                if ((u.flags() & (1 << b)) != 0) {
                    out.add(s.withCall(new Call.Unshare(u.flags() & ~(1 << b))));
                }
            }
        }
        if (c instanceof Call.Exit e && e.code() != 0) {
            out.add(s.withCall(new Call.Exit(0)));
        }
        if (c instanceof Call.Kill k && k.sig() != Signals.KILL && k.sig() != Signals.TERM && k.sig() != 0) {
            out.add(s.withCall(new Call.Kill(k.pid(), Signals.KILL)));
        }
        if (s.pidTask() < 0 && Calls.pidIndex(c) >= 0 && Calls.pid(c) > 1) {
            out.add(s.withCall(Calls.withPid(c, 1)));
        }
        if (s.fdStep() < 0 && Calls.fdIndex(c) >= 0 && (Calls.fd(c) > 0 || Calls.fd(c) < 0)) {
            out.add(s.withCall(Calls.withFd(c, 0)));
        }
        return out;
    }
}

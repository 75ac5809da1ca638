package capsid.gen.fuzz;

import capsid.kernel.call.Call;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mutations of programs, each giving a valid program (every fd reference points
 * to an earlier step; a reference whose step was removed becomes the literal fd 0):
 * insert a generated step, delete a range of steps, splice two programs, change a
 * step's arguments (another symbolic or literal value, a regenerated call), change
 * its actor.
 */
public final class Mutator {
    private Mutator() {
    }

    /** One to three random mutations of {@code p}; {@code other} (may be null) for splicing. */
    public static Program mutate(Program p, Program other, SplittableRandom rnd) {
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            p = switch (rnd.nextInt(other == null ? 5 : 6)) {
                case 0 -> insert(p, rnd);
                case 1 -> p.steps().size() > 1 ? delete(p, rnd) : insert(p, rnd);
                case 2 -> changeArgs(p, rnd);
                case 3 -> changeActor(p, rnd);
                case 4 -> insert(p, rnd);
                default -> splice(p, other, rnd);
            };
        }
        return p;
    }

    public static Program insert(Program p, SplittableRandom rnd) {
        int at = rnd.nextInt(p.steps().size() + 1);
        FuzzStep s = ProgramGenerator.next(rnd, ProgramGenerator.staticContext(p.steps().subList(0, at)));
        List<FuzzStep> out = new ArrayList<>(p.steps().subList(0, at));
        out.add(s);
        for (FuzzStep t : p.steps().subList(at, p.steps().size())) {
            out.add(t.fdStep() >= at ? t.withFdStep(t.fdStep() + 1) : t);
        }
        return p.withSteps(out);
    }

    public static Program delete(Program p, SplittableRandom rnd) {
        int from = rnd.nextInt(p.steps().size());
        int len = 1 + rnd.nextInt(Math.min(4, p.steps().size() - from));
        return deleteRange(p, from, from + len);
    }

    /** {@code p} without steps {@code from..to-1}. */
    public static Program deleteRange(Program p, int from, int to) {
        List<FuzzStep> out = new ArrayList<>(p.steps().subList(0, from));
        for (FuzzStep t : p.steps().subList(to, p.steps().size())) {
            int f = t.fdStep();
            out.add(f < from ? t : f < to ? t.withFdStep(-1) : t.withFdStep(f - (to - from)));
        }
        return p.withSteps(out);
    }

    public static Program splice(Program a, Program b, SplittableRandom rnd) {
        int i = rnd.nextInt(a.steps().size() + 1);
        int j = rnd.nextInt(b.steps().size() + 1);
        List<FuzzStep> out = new ArrayList<>(a.steps().subList(0, i));
        for (FuzzStep t : b.steps().subList(j, b.steps().size())) {
            int f = t.fdStep();
            out.add(f < 0 ? t : f < j ? t.withFdStep(-1) : t.withFdStep(f - j + i));
        }
        return a.withSteps(out);
    }

    public static Program changeArgs(Program p, SplittableRandom rnd) {
        if (p.steps().isEmpty()) {
            return insert(p, rnd);
        }
        int at = rnd.nextInt(p.steps().size());
        FuzzStep s = p.steps().get(at);
        int tasks = ProgramGenerator.staticContext(p.steps().subList(0, at)).tasks();
        FuzzStep changed;
        int r = rnd.nextInt(4);
        if (r == 0 && Calls.pidIndex(s.call()) >= 0) {
            changed = rnd.nextBoolean() ? s.withPidTask(rnd.nextInt(tasks))
                    : s.withPidTask(-1).withCall(Calls.withPid(s.call(), rnd.nextInt(3) == 0 ? -1 : rnd.nextInt(40)));
        } else if (r == 1 && Calls.fdIndex(s.call()) >= 0) {
            changed = rnd.nextBoolean() && at > 0 ? s.withFdStep(rnd.nextInt(at))
                    : s.withFdStep(-1).withCall(Calls.withFd(s.call(), rnd.nextInt(6)));
        } else if (r == 2 && (s.call() instanceof Call.Fork || s.call() instanceof Call.Unshare)) {
            int flags = ProgramGenerator.flags(rnd);
            changed = s.withCall(s.call() instanceof Call.Fork ? new Call.Fork(flags) : new Call.Unshare(flags));
        } else {
            FuzzStep g = ProgramGenerator.next(rnd, ProgramGenerator.staticContext(p.steps().subList(0, at)));
            changed = new FuzzStep(s.actor(), g.call(), g.pidTask(), g.fdStep());
        }
        List<FuzzStep> out = new ArrayList<>(p.steps());
        out.set(at, changed);
        return p.withSteps(out);
    }

    public static Program changeActor(Program p, SplittableRandom rnd) {
        if (p.steps().isEmpty()) {
            return insert(p, rnd);
        }
        int at = rnd.nextInt(p.steps().size());
        int tasks = ProgramGenerator.staticContext(p.steps().subList(0, at)).tasks();
        List<FuzzStep> out = new ArrayList<>(p.steps());
        out.set(at, out.get(at).withActor(rnd.nextInt(tasks)));
        return p.withSteps(out);
    }
}

package capsid.gen;

import capsid.kernel.BootConfig;
import capsid.kernel.Kernel;
import capsid.kernel.Result;
import capsid.kernel.StateView;
import capsid.kernel.call.Call;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's properties over generated programs (the foundation issue's
 * property tests, and the random budget of {@code capsid verify}):
 * <ul>
 * <li>{@code NoThrow}: no exception leaves {@code syscall}, for any call, argument
 *     or order ({@code KernelBug} included: it is a failure).</li>
 * <li>{@code FailedCallChangesNothing}: a call that returns an errno leaves the
 *     canonical snapshot byte-identical and emits no event.</li>
 * <li>{@code OneEventPerChange}: a successful call of a mutating kind emits exactly
 *     one event; a read-only call emits none and leaves the snapshot byte-identical.</li>
 * <li>{@code InvariantsHold}: every kernel invariant holds after every step.</li>
 * <li>the kernel's step checks ({@link Kernel#stepCheckNames()}, e.g. {@code
 *     OrphansGoToNamespaceInit}): each holds for every step, on the states just
 *     before and after it; a failure is reported under the check's own name.</li>
 * <li>{@code Deterministic}: the same seed and calls give the same results and the
 *     same event log, byte for byte.</li>
 * </ul>
 */
public final class KernelProperties {
    /** The property names, as failures report them (and every name of {@link Kernel#stepCheckNames()}). */
    public static final List<String> NAMES =
            List.of("NoThrow", "FailedCallChangesNothing", "OneEventPerChange", "InvariantsHold", "Deterministic");

    private KernelProperties() {
    }

    /** What one program run did. */
    public record Run(long seed, int size, List<ProgramStep> program, List<Result> results, String eventLog,
                      Failure failure) {
    }

    /**
     * A property that did not hold: which, at which step (0-based; -1 for a whole-run
     * property), why, the program up to and including that step, and the names of
     * every kernel check (invariants and step checks) that reported at that step.
     */
    public record Failure(String property, long seed, int size, int step, String detail, List<ProgramStep> program,
                          List<String> checks) {
        public Failure {
            checks = List.copyOf(checks);
        }

        public Failure(String property, long seed, int size, int step, String detail, List<ProgramStep> program) {
            this(property, seed, size, step, detail, program, List.of(property));
        }

        @Override
        public String toString() {
            return property + " failed at step " + step + " of program (seed " + seed + ", size " + size + "): "
                    + detail;
        }
    }

    /**
     * Runs the program identified by ({@code seed}, {@code size}) on a fresh kernel
     * booted with {@code seed}, checking the per-step properties after every step.
     */
    public static Run run(long seed, int size) {
        return run(seed, size, Kernel::syscall);
    }

    /**
     * How a step reaches the kernel: normally {@code Kernel::syscall}. Tests pass a
     * deliberately broken one to show each property check can fail.
     */
    @FunctionalInterface
    public interface Syscall {
        Result call(Kernel k, long tid, Call c);
    }

    /**
     * The boot configuration of program {@code seed}: one program in four boots with
     * small limits (pid_max 16, 1 namespace level, 4 descriptors), so that the
     * boundaries (EAGAIN, ENOSPC, EMFILE, the pid wrap) are reached too.
     */
    public static BootConfig configFor(long seed) {
        BootConfig c = BootConfig.DEFAULT.withSeed(seed);
        return Math.floorMod(seed, 4) == 3 ? c.withPidMax(16, 4).withPidNsLevels(1).withFdMax(4) : c;
    }

    /** As {@link #run(long, int)}, with every step made through {@code sys}. */
    public static Run run(long seed, int size, Syscall sys) {
        Kernel k = Kernel.boot(configFor(seed));
        CallGenerator gen = new CallGenerator(seed);
        List<ProgramStep> program = new ArrayList<>();
        List<Result> results = new ArrayList<>();
        StateView view = k.state();
        for (int i = 0; i < size; i++) {
            ProgramStep step = gen.next(k);
            program.add(step);
            String before = k.snapshot();
            int events = k.events().size();
            Result r;
            try {
                r = sys.call(k, step.actor(), step.call());
            } catch (Throwable t) {
                return new Run(seed, size, program, results, k.eventLogJsonLines(),
                        new Failure("NoThrow", seed, size, i, "syscall threw " + t, List.copyOf(program)));
            }
            results.add(r);
            int emitted = k.events().size() - events;
            if (r == null) {
                return fail(seed, size, program, results, k, "NoThrow", i, "syscall returned null");
            }
            if (r.isError()) {
                String after = k.snapshot();
                if (!before.equals(after)) {
                    return fail(seed, size, program, results, k, "FailedCallChangesNothing", i,
                            step.call() + " returned " + r.render() + " but changed the state:\n"
                                    + diff(before, after));
                }
                if (emitted != 0) {
                    return fail(seed, size, program, results, k, "FailedCallChangesNothing", i,
                            step.call() + " returned " + r.render() + " but emitted " + emitted + " event(s)");
                }
            } else {
                int expected = step.call().sys().mutating() ? 1 : 0;
                if (emitted != expected) {
                    return fail(seed, size, program, results, k, "OneEventPerChange", i,
                            step.call() + " returned " + r.render() + " and emitted " + emitted
                                    + " event(s), expected " + expected);
                }
                if (expected == 0) {
                    String after = k.snapshot();
                    if (!before.equals(after)) {
                        return fail(seed, size, program, results, k, "OneEventPerChange", i, "read-only "
                                + step.call() + " returned " + r.render() + " but changed the state:\n"
                                + diff(before, after));
                    }
                }
            }
            StateView after = k.state();
            List<String> broken = new ArrayList<>(k.checkInvariants());
            int invariants = broken.size();
            broken.addAll(Kernel.checkStep(view, step.actor(), step.call(), r, after));
            if (!broken.isEmpty()) {
                return new Run(seed, size, program, results, k.eventLogJsonLines(), new Failure(
                        propertyOf(broken, invariants), seed, size, i, "after " + step.call() + " -> " + r.render()
                        + ": " + String.join("; ", broken), List.copyOf(program), checkNames(broken)));
            }
            view = after;
            gen.observe(k, step, r);
        }
        return new Run(seed, size, program, results, k.eventLogJsonLines(), null);
    }

    /**
     * Runs the program twice and also replays the recorded calls on a third fresh
     * kernel: all three must agree on every result and on the event log.
     */
    public static Failure deterministic(long seed, int size) {
        return deterministic(seed, size, Kernel::syscall);
    }

    /** As {@link #deterministic(long, int)}, with every step made through {@code sys}. */
    public static Failure deterministic(long seed, int size, Syscall sys) {
        Run a = run(seed, size, sys);
        if (a.failure() != null) {
            return a.failure();
        }
        Run b = run(seed, size, sys);
        if (!a.results().equals(b.results()) || !a.eventLog().equals(b.eventLog())) {
            return new Failure("Deterministic", seed, size, -1, "two runs of the same program differ",
                    a.program());
        }
        Kernel k = Kernel.boot(configFor(seed));
        List<Result> replayed = new ArrayList<>();
        for (ProgramStep s : a.program()) {
            replayed.add(sys.call(k, s.actor(), s.call()));
        }
        if (!replayed.equals(a.results()) || !k.eventLogJsonLines().equals(a.eventLog())) {
            return new Failure("Deterministic", seed, size, -1,
                    "replaying the recorded calls gives other results or another event log", a.program());
        }
        return null;
    }

    private static Run fail(long seed, int size, List<ProgramStep> program, List<Result> results, Kernel k,
                            String property, int step, String detail) {
        return new Run(seed, size, program, results, k.eventLogJsonLines(),
                new Failure(property, seed, size, step, detail, List.copyOf(program)));
    }

    /**
     * The property a step's kernel findings ({@code "Name: detail"} lines, the first
     * {@code invariants} of them from the invariants, then the step checks') break:
     * InvariantsHold when an invariant reported, else the first step check's name.
     */
    public static String propertyOf(List<String> findings, int invariants) {
        return invariants > 0 ? "InvariantsHold" : checkNames(findings).get(0);
    }

    /** The check names of {@code "Name: detail"} findings, each once, in order. */
    public static List<String> checkNames(List<String> findings) {
        return findings.stream().map(f -> f.substring(0, f.indexOf(':'))).distinct().toList();
    }

    /** The lines of {@code after} that differ from {@code before}, marked - and +. */
    public static String diff(String before, String after) {
        List<String> a = List.of(before.split("\n"));
        List<String> b = List.of(after.split("\n"));
        StringBuilder sb = new StringBuilder();
        for (String line : a) {
            if (!b.contains(line)) {
                sb.append("- ").append(line).append('\n');
            }
        }
        for (String line : b) {
            if (!a.contains(line)) {
                sb.append("+ ").append(line).append('\n');
            }
        }
        return sb.toString();
    }

    /** The program as a readable list (one {@code task: call} per line), for failure reports. */
    public static String describe(List<ProgramStep> program) {
        StringBuilder sb = new StringBuilder();
        for (ProgramStep s : program) {
            sb.append("task ").append(s.actor()).append(": ").append(s.call()).append('\n');
        }
        return sb.toString();
    }
}

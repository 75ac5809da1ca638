package capsid.scenario;

import capsid.kernel.BootConfig;
import capsid.kernel.Kernel;
import capsid.kernel.ProcessView;
import capsid.kernel.Result;
import capsid.kernel.StateView;
import capsid.kernel.call.Call;
import capsid.kernel.call.Sys;
import capsid.kernel.ns.UtsNamespace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the steps of one scenario, in order, against the kernel its last {@code
 * boot} made (ABI.md section 1): resolves actors and names, turns each call step
 * into a kernel {@link Call}, compares the result and binds {@code as NAME}.
 * Every problem becomes an {@link Outcome}; nothing here throws.
 *
 * <p>After every call the kernel's step checks ({@link Kernel#checkStep}) are run on
 * the states around it; what they find is reported by the next {@code invariants}
 * step, together with the kernel invariants, naming the line of the call. So a
 * script a campaign wrote for a step-check failure fails on the kernel that failed.
 */
final class Execution {
    private final String file;
    private final Map<String, Binding> names = new HashMap<>();
    // Null before the first boot, after a failed boot and after a kernel bug; noKernel says which.
    private Kernel kernel;
    private String noKernel = "no kernel: a script starts with 'boot'";

    private final ScenarioRunner.SyscallHook hook;
    /** Told about every kernel a boot made, before any call. */
    private final Consumer<Kernel> booted;
    /** Step-check findings since the last {@code invariants} step (or boot). */
    private final List<String> stepFindings = new ArrayList<>();

    Execution(String file) {
        this(file, Kernel::syscall);
    }

    Execution(String file, ScenarioRunner.SyscallHook hook) {
        this(file, hook, k -> { });
    }

    Execution(String file, ScenarioRunner.SyscallHook hook, Consumer<Kernel> booted) {
        this.file = file;
        this.hook = hook;
        this.booted = booted;
    }

    /** Runs {@code step} and says how it went. */
    Outcome run(Step step) {
        if (step instanceof Step.Boot b) {
            return boot(b);
        }
        if (kernel == null) {
            return scriptError(step, new ScriptError(step.pos(), noKernel));
        }
        try {
            if (step instanceof Step.Syscall s) {
                return syscall(s);
            }
            if (step instanceof Step.Schedule s) {
                return outcome(step, Outcome.Status.PASS, "ran " + kernel.step(s.count()), null);
            }
            List<String> violated = new ArrayList<>(kernel.checkInvariants());
            violated.addAll(stepFindings);
            stepFindings.clear();
            return violated.isEmpty() ? outcome(step, Outcome.Status.PASS, "", null)
                    : outcome(step, Outcome.Status.FAIL, "violated: " + String.join("; ", violated), null);
        } catch (RuntimeException bug) {
            // "tests treat it as a failure" - KernelBug; the state is suspect, so the kernel goes.
            kernel = null;
            names.clear();
            noKernel = "no kernel: it failed on line " + step.pos().line() + "; boot again";
            return outcome(step, Outcome.Status.KERNEL_BUG, "kernel bug: " + bug, null);
        }
    }

    private Outcome outcome(Step step, Outcome.Status status, String detail, Result result) {
        return new Outcome(step.pos().line(), status, Printer.print(step), detail, result);
    }

    private Outcome scriptError(Step step, ScriptError e) {
        return outcome(step, Outcome.Status.SCRIPT_ERROR, e.render(file), null);
    }

    private Outcome boot(Step.Boot b) {
        kernel = null;
        names.clear();
        stepFindings.clear();
        String hostname = b.hostname() == null ? UtsNamespace.DEFAULT_HOSTNAME : b.hostname();
        BootConfig config = BootConfig.DEFAULT.withHostname(hostname).withSeed(b.seed() == null ? 0 : b.seed());
        Map<String, Integer> l = b.limits();
        config = config.withPidMax(l.getOrDefault("pid_max", config.pidMax()),
                        l.getOrDefault("pid_reserved", Math.min(config.pidReserved(),
                                l.getOrDefault("pid_max", config.pidMax()) - 1)))
                .withPidNsLevels(l.getOrDefault("pidns_levels", config.pidNsLevels()))
                .withFdMax(l.getOrDefault("fd_max", config.fdMax()));
        // a pid_reserved the script did not write follows from pid_max: its problems are pid_max's
        List<String> all = config.problems();
        boolean badMax = all.stream().anyMatch(q -> q.startsWith("pid_max "));
        List<String> problems = all.stream()
                .filter(p -> l.containsKey("pid_reserved") || !badMax || !p.startsWith("pid_reserved "))
                .toList();
        if (!problems.isEmpty()) {
            noKernel = "no kernel: the boot on line " + b.pos().line() + " failed";
            return scriptError(b, new ScriptError(b.hostname() != null ? b.hostnamePos() : b.pos(),
                    "cannot boot: " + String.join("; ", problems)));
        }
        try {
            kernel = Kernel.boot(config);
        } catch (IllegalArgumentException e) {
            noKernel = "no kernel: the boot on line " + b.pos().line() + " failed";
            return scriptError(b, new ScriptError(b.hostname() != null ? b.hostnamePos() : b.pos(), e.getMessage()));
        }
        booted.accept(kernel);
        long init = kernel.initTid();
        names.put("init", new Binding.Process(init, kernel.process(init).pids()));
        return outcome(b, Outcome.Status.PASS, "", null);
    }

    private Outcome syscall(Step.Syscall s) {
        Checked<ProcessView> actor = actor(s.actor());
        if (!actor.isOk()) {
            return scriptError(s, actor.error());
        }
        List<Value> args = new ArrayList<>();
        for (Value v : s.args()) {
            Checked<Value> r = argument(v, actor.value());
            if (!r.isOk()) {
                return scriptError(s, r.error());
            }
            args.add(r.value());
        }
        Checked<Call> call = CallSyntax.toCall(s.call(), args, s.callPos());
        if (!call.isOk()) {
            return scriptError(s, call.error());
        }
        Checked<Result> boundExpected = s.expected() instanceof Value.Ref ref ? value(ref) : Checked.ok(null);
        if (!boundExpected.isOk()) {
            return scriptError(s, boundExpected.error());
        }
        long tid = actor.value().tid();
        StateView before = kernel.state();
        Result got = hook.call(kernel, tid, call.value());
        for (String v : Kernel.checkStep(before, tid, call.value(), got, kernel.state())) {
            int colon = v.indexOf(':');
            stepFindings.add(v.substring(0, colon) + ": line " + s.pos().line() + " (" + Printer.print(s) + "):"
                    + v.substring(colon + 1));
        }
        String bindError = s.bind() == null ? null : bind(s.bind(), call.value(), tid, got);
        if (bindError != null) {
            return outcome(s, Outcome.Status.FAIL, bindError, got);
        }
        if (s.expected() == null) {
            return outcome(s, Outcome.Status.PASS, got.render(), got);
        }
        boolean pass = boundExpected.value() != null ? boundExpected.value().equals(got)
                : Expectation.matches(s.expected(), got);
        String shown = Printer.print(s.expected())
                + (boundExpected.value() != null ? " (" + boundExpected.value().render() + ")" : "");
        return pass ? outcome(s, Outcome.Status.PASS, got.render(), got)
                : outcome(s, Outcome.Status.FAIL, "expected " + shown + ", got " + got.render()
                + Expectation.hint(s.expected(), got), got);
    }

    /** The live process an actor names. */
    private Checked<ProcessView> actor(Actor a) {
        long tid;
        String who;
        if (a instanceof Actor.RootPid r) {
            tid = kernel.tidOfRootPid(r.pid());
            who = "%" + r.pid();
            if (tid == 0) {
                return Checked.fail(a.pos(), "no process has root pid " + r.pid());
            }
        } else {
            String name = ((Actor.Named) a).name();
            Binding b = names.get(name);
            if (!(b instanceof Binding.Process p)) {
                return Checked.fail(a.pos(), b == null ? unbound(name, "actor") : "actor '" + name
                        + "' is bound to the value " + ((Binding.Val) b).value().render() + ", not a process");
            }
            tid = p.tid();
            who = "'" + name + "'";
        }
        ProcessView v = kernel.process(tid);
        if (v == null || !v.live()) {
            return Checked.fail(a.pos(), "actor " + who + " is dead");
        }
        return Checked.ok(v);
    }

    private static String unbound(String name, String what) {
        return "unknown " + what + " '" + name + "': nothing is bound to it (a failed call binds nothing)";
    }

    /** An argument with {@code $NAME} and {@code @NAME} replaced by what they stand for. */
    private Checked<Value> argument(Value v, ProcessView actor) {
        if (v instanceof Value.PidOf p) {
            Binding b = names.get(p.name());
            if (!(b instanceof Binding.Process proc)) {
                return Checked.fail(v.pos(), b == null ? unbound(p.name(), "process")
                        : "@" + p.name() + ": '" + p.name() + "' is bound to a value, not a process");
            }
            return Checked.ok(new Value.Int(Integer.toString(proc.pidSeenFrom(actor.pidNamespace())), v.pos()));
        }
        if (!(v instanceof Value.Ref r)) {
            return Checked.ok(v);
        }
        Checked<Result> bound = value(r);
        if (!bound.isOk()) {
            return Checked.fail(bound.error());
        }
        Result x = bound.value();
        if (x instanceof Result.Int i) {
            return Checked.ok(new Value.Int(Long.toString(i.value()), v.pos()));
        }
        if (x instanceof Result.Str s) {
            return Checked.ok(new Value.Str(s.value(), v.pos()));
        }
        if (x instanceof Result.Word w) {
            return Checked.ok(new Value.Word(w.name(), v.pos()));
        }
        return Checked.fail(v.pos(), "$" + r.name() + " is " + x.render() + ": no argument takes a list");
    }

    /** The value {@code $NAME} is bound to. */
    private Checked<Result> value(Value.Ref r) {
        Binding b = names.get(r.name());
        if (b == null) {
            return Checked.fail(r.pos(), unbound(r.name(), "name"));
        }
        if (b instanceof Binding.Process) {
            return Checked.fail(r.pos(), "$" + r.name() + ": '" + r.name() + "' is a process, not a value"
                    + " (its pid is @" + r.name() + ")");
        }
        return Checked.ok(((Binding.Val) b).value());
    }

    /**
     * Binds {@code name} to what a successful call returned: the new process for
     * {@code fork} and {@code fork_into_container}, else the value. An errno, and a
     * FROZEN refusal, bind nothing (and unbind the name). Null when all went well,
     * else why the kernel's answer could not be bound.
     */
    private String bind(String name, Call call, long tid, Result got) {
        boolean refused = got.isError()
                || (got == Result.Word.FROZEN && call.sys() != Sys.FREEZER_STATE);
        if (refused) {
            names.remove(name);
            return null;
        }
        if (call.sys() != Sys.FORK && call.sys() != Sys.FORK_INTO_CONTAINER) {
            names.put(name, new Binding.Val(got));
            return null;
        }
        long child = got instanceof Result.Int pid && pid.value() == (int) pid.value()
                ? kernel.resolve(tid, (int) pid.value()) : 0;
        ProcessView v = child == 0 ? null : kernel.process(child);
        if (v == null) {
            names.remove(name);
            return call.sys().word() + " returned " + got.render()
                    + ", which names no process the caller can see: '" + name + "' stays unbound";
        }
        names.put(name, new Binding.Process(child, v.pids()));
        return null;
    }
}

package capsid.refinement;

import capsid.checker.State;
import capsid.checker.Trace;
import capsid.checker.value.Value;
import capsid.kernel.BootConfig;
import capsid.kernel.Kernel;
import capsid.kernel.Result;
import capsid.kernel.StateView;
import capsid.kernel.call.Call;
import capsid.kernel.call.Flags;
import capsid.kernel.call.NsType;
import capsid.kernel.call.Signals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Replays abstract traces of spec/NamespaceUnshare.tla on the kernel: for every
 * step, the call the spec's history variable {@code lastAction} names is made on
 * a fresh kernel (booted with the model's limits), its result must be the spec's
 * ({@code ret}, or the errno {@code err}), and afterwards the abstraction of the
 * kernel state must equal the spec state ({@link NamespaceAbstraction}); the first
 * difference in a trace is reported with the step, the action and the differing
 * variables, and ends that trace.
 */
public final class NamespaceReplayer {
    /** The spec module this replayer refines. */
    public static final String SPEC = "NamespaceUnshare";
    /** Every action of the spec (the names lastAction.act takes, Boot aside). */
    public static final List<String> ACTIONS = List.of("Fork", "Exit", "Kill", "Wait", "Getpid", "Getppid",
            "Unshare", "NsOpen", "SetNs", "SetHostname", "Gethostname", "Jail", "Close", "Dup");

    private final BootConfig config;
    private final NamespaceAbstraction.Bounds bounds;
    private final KernelFactory kernels;

    /** Makes the kernels traces run on (tests pass one that makes broken kernels). */
    @FunctionalInterface
    public interface KernelFactory {
        Kernel boot(BootConfig config);
    }

    /** A step whose result or state differs from the spec's. */
    public record Mismatch(int trace, int step, String action, String expected, String got, List<String> diffs) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("trace ").append(trace).append(" step ").append(step).append(": ")
                    .append(action);
            if (!expected.equals(got)) {
                sb.append("\n  result: spec ").append(expected).append(", kernel ").append(got);
            }
            for (String d : diffs) {
                sb.append("\n  ").append(d);
            }
            return sb.toString();
        }
    }

    /**
     * What a replay did.
     *
     * @param outcomes every outcome replayed ({@link #outcome}), e.g. {@code Fork:EAGAIN}, {@code Kill:killed}
     */
    public record Report(int traces, long steps, double seconds, TreeSet<String> actions, TreeSet<String> outcomes,
                         List<Mismatch> mismatches) {
        public double stepsPerSecond() {
            return seconds > 0 ? steps / seconds : 0;
        }
    }

    /** A replayer for a model with these constants (spec constants as the cfg gives them). */
    public NamespaceReplayer(Map<String, String> constants) {
        this(constants, Kernel::boot);
    }

    public NamespaceReplayer(Map<String, String> constants, KernelFactory kernels) {
        this.config = bootConfig(constants);
        this.bounds = NamespaceAbstraction.Bounds.of(constants);
        this.kernels = kernels;
    }

    /** The kernel configuration a model's constants describe (PidMax, PidReserved, PidNsLevels, FdMax, BootHostname). */
    public static BootConfig bootConfig(Map<String, String> c) {
        String host = c.getOrDefault("BootHostname", "\"capsid\"").trim();
        if (host.startsWith("\"") && host.endsWith("\"") && host.length() >= 2) {
            host = host.substring(1, host.length() - 1);
        }
        return BootConfig.DEFAULT.withHostname(host)
                .withPidMax(NamespaceAbstraction.intConst(c, "PidMax"), NamespaceAbstraction.intConst(c, "PidReserved"))
                .withPidNsLevels(NamespaceAbstraction.intConst(c, "PidNsLevels"))
                .withFdMax(NamespaceAbstraction.intConst(c, "FdMax"));
    }

    /** What one trace did. */
    private record One(long steps, TreeSet<String> actions, TreeSet<String> outcomes, Mismatch mismatch) {
    }

    /**
     * Replays every trace (independent traces in parallel, each on its own kernel);
     * never throws for a mismatch (it is reported, in trace order).
     */
    public Report replay(List<Trace> traces) {
        long t0 = System.nanoTime();
        List<One> done = java.util.stream.IntStream.range(0, traces.size()).parallel()
                .mapToObj(i -> replayOne(i, traces.get(i).states())).toList();
        long steps = 0;
        TreeSet<String> actions = new TreeSet<>();
        TreeSet<String> outcomes = new TreeSet<>();
        List<Mismatch> mismatches = new ArrayList<>();
        for (One o : done) {
            steps += o.steps();
            actions.addAll(o.actions());
            outcomes.addAll(o.outcomes());
            if (o.mismatch() != null) {
                mismatches.add(o.mismatch());
            }
        }
        return new Report(traces.size(), steps, (System.nanoTime() - t0) / 1e9, actions, outcomes, mismatches);
    }

    private One replayOne(int i, List<State> states) {
        long steps = 0;
        TreeSet<String> actions = new TreeSet<>();
        TreeSet<String> outcomes = new TreeSet<>();
        Kernel k = kernels.boot(config);
        Mismatch m = NamespaceComparator.equal(states.get(0).vars(), k.state(), bounds) ? null
                : mismatch(i, 0, "Boot", "OK", "OK", states.get(0).vars(), k);
        for (int s = 1; m == null && s < states.size(); s++) {
            Map<String, Value> vars = states.get(s).vars();
            Map<String, Value> la = NamespaceAbstraction.fields(vars.get("lastAction"), "lastAction");
            String act = NamespaceAbstraction.str(la.get("act"), "lastAction.act");
            long tid = NamespaceAbstraction.num(la.get("t"), "lastAction.t");
            Call call = toCall(act, NamespaceAbstraction.fields(la.get("arg"), "lastAction.arg"));
            String err = NamespaceAbstraction.str(la.get("err"), "lastAction.err");
            Result r = k.syscall(tid, call);
            steps++;
            actions.add(act);
            outcomes.add(outcome(states.get(s - 1).vars(), vars));
            if (!sameResult(err, la.get("ret"), r) || !NamespaceComparator.equal(vars, k.state(), bounds)) {
                String expected = err.equals("OK") ? la.get("ret").toTla() : err;
                String got = r.isError() ? r.render() : r instanceof Result.Str str ? Value.str(str.value()).toTla()
                        : r.render();
                m = mismatch(i, s, act + " by task " + tid + " " + la.get("arg").toTla(), expected, got, vars, k);
            }
        }
        return new One(steps, actions, outcomes, m);
    }

    /**
     * The outcome of the spec step from state {@code before} to state {@code after}, named
     * as the spec's StepOutcome (spec/MCNamespaceUnshare.tla) names it: the action and the
     * errno, {@code OK} on success ({@code Fork:OK}, {@code Kill:EINVAL}); a successful kill
     * is {@code Kill:killed} when its target died in that step and {@code Kill:ignored}
     * when not (a namespace init ignoring the signal, signal 0, a zombie).
     */
    public static String outcome(Map<String, Value> before, Map<String, Value> after) {
        Map<String, Value> la = NamespaceAbstraction.fields(after.get("lastAction"), "lastAction");
        String act = NamespaceAbstraction.str(la.get("act"), "lastAction.act");
        String err = NamespaceAbstraction.str(la.get("err"), "lastAction.err");
        if (act.equals("Kill") && err.equals("OK")) {
            int target = Math.toIntExact(NamespaceAbstraction.num(la.get("target"), "lastAction.target"));
            return act + ":" + (taskState(before, target).equals(taskState(after, target)) ? "ignored" : "killed");
        }
        return act + ":" + err;
    }

    private static Value taskState(Map<String, Value> vars, int tid) {
        List<Value> st = NamespaceAbstraction.mappingValues(vars.get("st"));
        if (tid < 1 || tid > st.size()) {
            throw new IllegalArgumentException("lastAction.target " + tid + " names no task (st has " + st.size() + ")");
        }
        return st.get(tid - 1);
    }

    /** Whether the kernel's result is the spec's: the errno {@code err}, or success with {@code ret}. */
    private static boolean sameResult(String err, Value ret, Result r) {
        if (!err.equals("OK")) {
            return r.isError() && r.render().equals(err);
        }
        if (r instanceof Result.Int n) {
            return ret instanceof Value.IntValue iv && iv.value().bitLength() < 63 && iv.value().longValue() == n.value();
        }
        if (r instanceof Result.Str str) {
            return ret instanceof Value.StringValue sv && sv.value().equals(str.value());
        }
        return false;
    }

    /** The report of a step whose result or state differs (the slow path: builds the full abstraction). */
    private Mismatch mismatch(int trace, int step, String action, String expected, String got,
                              Map<String, Value> specVars, Kernel k) {
        StateView view = k.state();
        List<String> diffs = NamespaceAbstraction.diff(NamespaceAbstraction.project(specVars, bounds),
                NamespaceAbstraction.of(view, bounds));
        if (expected.equals(got) && diffs.isEmpty()) {
            diffs = List.of("(the fast comparison found a difference the full abstraction does not: a harness bug)");
        }
        return new Mismatch(trace, step, action, expected, got, diffs);
    }

    /** The kernel call a spec action with these arguments stands for. */
    static Call toCall(String act, Map<String, Value> arg) {
        return switch (act) {
            case "Fork" -> new Call.Fork(flags(arg.get("flags")));
            case "Unshare" -> new Call.Unshare(flags(arg.get("flags")));
            case "Exit" -> new Call.Exit((int) NamespaceAbstraction.num(arg.get("code"), "code"));
            case "Kill" -> new Call.Kill(intArg(arg, "pid"),
                    Signals.number(NamespaceAbstraction.str(arg.get("sig"), "sig")));
            case "Wait" -> arg.containsKey("any") ? Call.Wait.ANY : Call.Wait.pid(intArg(arg, "pid"));
            case "Getpid" -> Call.GetPid.INSTANCE;
            case "Getppid" -> Call.GetPpid.INSTANCE;
            case "Gethostname" -> Call.GetHostname.INSTANCE;
            case "Jail" -> Call.Jail.INSTANCE;
            case "NsOpen" -> new Call.NsOpen(intArg(arg, "pid"),
                    NsType.code(NamespaceAbstraction.str(arg.get("type"), "type")));
            case "SetNs" -> new Call.SetNs(intArg(arg, "fd"));
            case "Close" -> new Call.Close(intArg(arg, "fd"));
            case "Dup" -> new Call.Dup(intArg(arg, "fd"));
            case "SetHostname" -> new Call.SetHostname(NamespaceAbstraction.str(arg.get("name"), "name"));
            default -> throw new IllegalArgumentException("lastAction names an unknown action " + act);
        };
    }

    private static int intArg(Map<String, Value> arg, String name) {
        return Math.toIntExact(NamespaceAbstraction.num(arg.get(name), name));
    }

    /** Flag words to bits; "bad" (or any unknown word) to a bit no call accepts. */
    static int flags(Value set) {
        if (!(set instanceof Value.SetValue s)) {
            throw new IllegalArgumentException("flags should be a set, is " + set);
        }
        int bits = 0;
        for (Value w : s.elements()) {
            bits |= Flags.bit(NamespaceAbstraction.str(w, "flag"));
        }
        return bits;
    }
}

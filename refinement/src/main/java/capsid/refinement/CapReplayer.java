package capsid.refinement;

import capsid.checker.State;
import capsid.checker.Trace;
import capsid.checker.value.Value;
import capsid.kernel.BootConfig;
import capsid.kernel.Kernel;
import capsid.kernel.Result;
import capsid.kernel.call.Call;
import capsid.kernel.call.NsType;
import capsid.kernel.call.Rights;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Replays abstract traces of spec/CapabilityDelegation.tla on the kernel, as {@link
 * NamespaceReplayer} does for NamespaceUnshare: every step's call (the one {@code
 * lastAction} names) is made on a kernel booted with the model's limits, its result
 * must be the spec's, and afterwards the abstraction of the kernel's capability state
 * ({@link CapAbstraction}) must equal the spec state; the first difference in a trace
 * is reported with the step, the call and the differing variables.
 *
 * <p>The mapping: spec process k is kernel task k (every process is a plain fork of
 * the boot init, so tids and root pids are handed out 1, 2, 3, ... as the spec's
 * {@code nextProc}; pid_max is MaxProcs + 1, so the fork after the last process is
 * EAGAIN as in the spec, and nobody waits, so no pid is freed). A spec object is one of
 * the boot init's namespaces ({@code "pid"}, {@code "uts"}, {@code "mnt"}), and NsOpen
 * of it is {@code ns_open 1 TYPE}.
 */
public final class CapReplayer {
    /** The spec module this replayer refines. */
    public static final String SPEC = "CapabilityDelegation";
    /** Every action of the spec a call implements (DestroyObject has no call yet: the models set Destroyable = {}). */
    public static final List<String> ACTIONS = List.of("NsOpen", "CapDerive", "CapGrant", "CapRevoke", "CapRights",
            "CapBadge", "Close", "Dup", "Fork", "Exit");

    private final BootConfig config;
    private final CapAbstraction.Bounds bounds;
    private final NamespaceReplayer.KernelFactory kernels;

    public CapReplayer(Map<String, String> constants) {
        this(constants, Kernel::boot);
    }

    public CapReplayer(Map<String, String> constants, NamespaceReplayer.KernelFactory kernels) {
        this.bounds = CapAbstraction.Bounds.of(constants);
        if (!bounds.destroyable().isEmpty()) {
            throw new IllegalArgumentException("the model lets DestroyObject destroy " + bounds.destroyable()
                    + ", but no kernel call destroys an object yet: refinement models set Destroyable = {}");
        }
        this.config = BootConfig.DEFAULT.withPidMax(bounds.maxProcs() + 1, 1).withFdMax(bounds.fdMax());
        this.kernels = kernels;
    }

    private record One(long steps, TreeSet<String> actions, TreeSet<String> outcomes,
                       NamespaceReplayer.Mismatch mismatch) {
    }

    /** Replays every trace, each on its own kernel, in parallel; mismatches in trace order. */
    public NamespaceReplayer.Report replay(List<Trace> traces) {
        long t0 = System.nanoTime();
        List<One> done = java.util.stream.IntStream.range(0, traces.size()).parallel()
                .mapToObj(i -> replayOne(i, traces.get(i).states())).toList();
        long steps = 0;
        TreeSet<String> actions = new TreeSet<>();
        TreeSet<String> outcomes = new TreeSet<>();
        List<NamespaceReplayer.Mismatch> mismatches = new ArrayList<>();
        for (One o : done) {
            steps += o.steps();
            actions.addAll(o.actions());
            outcomes.addAll(o.outcomes());
            if (o.mismatch() != null) {
                mismatches.add(o.mismatch());
            }
        }
        return new NamespaceReplayer.Report(traces.size(), steps, (System.nanoTime() - t0) / 1e9, actions, outcomes,
                mismatches);
    }

    private One replayOne(int i, List<State> states) {
        long steps = 0;
        TreeSet<String> actions = new TreeSet<>();
        TreeSet<String> outcomes = new TreeSet<>();
        Kernel k = kernels.boot(config);
        NamespaceReplayer.Mismatch m = check(i, 0, "Boot", "OK", "OK", states.get(0).vars(), k);
        for (int s = 1; m == null && s < states.size(); s++) {
            Map<String, Value> vars = states.get(s).vars();
            Map<String, Value> la = NamespaceAbstraction.fields(vars.get("lastAction"), "lastAction");
            String act = NamespaceAbstraction.str(la.get("act"), "lastAction.act");
            long p = NamespaceAbstraction.num(la.get("p"), "lastAction.p");
            Map<String, Value> arg = NamespaceAbstraction.fields(la.get("arg"), "lastAction.arg");
            String err = NamespaceAbstraction.str(la.get("err"), "lastAction.err");
            Result r = k.syscall(p, toCall(act, arg));
            steps++;
            actions.add(act);
            outcomes.add(outcome(vars));
            String expected = err.equals("OK") ? expectedResult(la.get("ret")) : err;
            String got = r.isError() ? r.render() : r instanceof Result.Str str ? str.value() : r.render();
            m = check(i, s, act + " by process " + p + " " + la.get("arg").toTla(), expected, got, vars, k);
        }
        return new One(steps, actions, outcomes, m);
    }

    /**
     * The kernel's two logs (JSON Lines) of trace {@code t}'s calls, made on a fresh
     * kernel booted as for replay, with nothing compared: what trace validation of the
     * same behaviour reads (CapMutantsAreCaughtTest validates the trace on which the
     * replayer caught a bug).
     */
    public ValidateRun.Logs logs(Trace t) {
        Kernel k = kernels.boot(config);
        k.recordCalls();
        List<State> states = t.states();
        for (int s = 1; s < states.size(); s++) {
            Map<String, Value> la = NamespaceAbstraction.fields(states.get(s).vars().get("lastAction"), "lastAction");
            long p = NamespaceAbstraction.num(la.get("p"), "lastAction.p");
            k.syscall(p, toCall(NamespaceAbstraction.str(la.get("act"), "lastAction.act"),
                    NamespaceAbstraction.fields(la.get("arg"), "lastAction.arg")));
        }
        return new ValidateRun.Logs(k.eventLogJsonLines().lines().toList(), k.callLogJsonLines().lines().toList());
    }

    /** The mismatch of a step whose result or abstract state differs, else null. */
    private NamespaceReplayer.Mismatch check(int trace, int step, String action, String expected, String got,
                                             Map<String, Value> specVars, Kernel k) {
        List<String> diffs = CapAbstraction.diff(CapAbstraction.project(specVars), CapAbstraction.of(k, bounds));
        if (expected.equals(got) && diffs.isEmpty()) {
            return null;
        }
        return new NamespaceReplayer.Mismatch(trace, step, action, expected, got, diffs);
    }

    /**
     * The outcome of the spec step into state {@code after}, as the spec's StepOutcome
     * (spec/MCCapabilityDelegation.tla) names it: the action and its errno, {@code OK}
     * on success; a successful revoke is {@code CapRevoke:none} when it removed
     * nothing and {@code CapRevoke:removed} when it did.
     */
    public static String outcome(Map<String, Value> after) {
        Map<String, Value> la = NamespaceAbstraction.fields(after.get("lastAction"), "lastAction");
        String act = NamespaceAbstraction.str(la.get("act"), "lastAction.act");
        String err = NamespaceAbstraction.str(la.get("err"), "lastAction.err");
        if (act.equals("CapRevoke") && err.equals("OK")) {
            return act + ":" + (NamespaceAbstraction.num(la.get("ret"), "lastAction.ret") == 0 ? "none" : "removed");
        }
        return act + ":" + err;
    }

    /** The spec's result as the kernel renders it: a number, or cap_rights' "r|x|grant". */
    private static String expectedResult(Value ret) {
        if (ret instanceof Value.SetValue) {
            return Rights.render(rights(ret));
        }
        return Long.toString(NamespaceAbstraction.num(ret, "lastAction.ret"));
    }

    /** The kernel call a spec action with these arguments stands for. */
    static Call toCall(String act, Map<String, Value> arg) {
        return switch (act) {
            case "NsOpen" -> new Call.NsOpen(1, NsType.code(NamespaceAbstraction.str(arg.get("obj"), "obj")));
            case "CapDerive" -> {
                Value b = arg.get("badge");
                boolean has = !(b instanceof Value.ModelValue);
                yield new Call.CapDerive(fd(arg), rights(arg.get("rights")),
                        has ? NamespaceAbstraction.num(b, "badge") : 0, has);
            }
            case "CapGrant" -> new Call.CapGrant(fd(arg), Math.toIntExact(NamespaceAbstraction.num(arg.get("pid"), "pid")));
            case "CapRevoke" -> new Call.CapRevoke(fd(arg));
            case "CapRights" -> new Call.CapRights(fd(arg));
            case "CapBadge" -> new Call.CapBadge(fd(arg));
            case "Close" -> new Call.Close(fd(arg));
            case "Dup" -> new Call.Dup(fd(arg));
            case "Fork" -> new Call.Fork(0);
            case "Exit" -> new Call.Exit(0);
            default -> throw new IllegalArgumentException("lastAction names an action with no call: " + act);
        };
    }

    private static int fd(Map<String, Value> arg) {
        return Math.toIntExact(NamespaceAbstraction.num(arg.get("fd"), "fd"));
    }

    /** A set of right words to the kernel's bits. */
    static int rights(Value set) {
        if (!(set instanceof Value.SetValue s)) {
            throw new IllegalArgumentException("rights should be a set, is " + set);
        }
        int bits = 0;
        for (Value w : s.elements()) {
            bits |= Rights.bit(NamespaceAbstraction.str(w, "right"));
        }
        return bits;
    }
}

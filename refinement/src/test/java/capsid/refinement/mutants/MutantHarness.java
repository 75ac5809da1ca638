package capsid.refinement.mutants;

import capsid.checker.Trace;
import capsid.gen.KernelProperties;
import capsid.gen.fuzz.Campaign;
import capsid.gen.fuzz.FallbackFeedback;
import capsid.gen.fuzz.ProgramGenerator;
import capsid.kernel.Result;
import capsid.refinement.AbstractionCheck;
import capsid.refinement.CapReplayer;
import capsid.refinement.NamespaceReplayer;
import capsid.refinement.ValidateRun;
import capsid.refinement.alloy.AlloyStepCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the refinement checks from inside a {@link MutantLoader}, so they drive the
 * broken kernel; called reflectively, and answers with plain strings.
 */
public final class MutantHarness {
    private MutantHarness() {
    }

    /** The replayer's mismatches on {@code traces} (empty: the bug went unseen). */
    public static List<String> replay(List<Trace> traces, Map<String, String> constants) {
        List<String> out = new ArrayList<>();
        for (NamespaceReplayer.Mismatch m : new NamespaceReplayer(constants).replay(traces).mismatches()) {
            out.add(m.toString());
        }
        return out;
    }

    /**
     * The replayer's first mismatch on {@code traces} (in trace order), as plain values:
     * {@code trace}, {@code step} (Integer), {@code action} (the spec action's name),
     * {@code call} (the action with its caller and arguments), {@code expected},
     * {@code got} (the results), {@code variables} (the spec variables that differ, in
     * the abstraction's order) and {@code text}; empty when there is none.
     */
    public static Map<String, Object> firstMismatch(List<Trace> traces, Map<String, String> constants) {
        return first(new NamespaceReplayer(constants).replay(traces).mismatches());
    }

    /** {@link #firstMismatch} for CapabilityDelegation's traces, replayed by {@link CapReplayer}. */
    public static Map<String, Object> capFirstMismatch(List<Trace> traces, Map<String, String> constants) {
        return first(new CapReplayer(constants).replay(traces).mismatches());
    }

    /**
     * Trace validation against CapabilityDelegation of the logs that trace {@code index}
     * of {@code traces} leaves on the (broken) kernel: the rejected record (its JSON
     * line), or "accepted", or the error.
     */
    public static String capValidate(List<Trace> traces, Map<String, String> constants, int index, String specDir) {
        capsid.refinement.ValidateRun.Logs logs = new CapReplayer(constants).logs(traces.get(index));
        capsid.refinement.TraceValidation.Verdict v = capsid.refinement.TraceValidation.validate(logs.events(),
                logs.calls(), Path.of(specDir), java.time.Duration.ofMinutes(2), "CapabilityDelegation");
        if (v.error() != null) {
            return "error: " + v.error();
        }
        return v.accepted() ? "accepted" : v.rejected();
    }

    private static Map<String, Object> first(List<NamespaceReplayer.Mismatch> ms) {
        if (ms.isEmpty()) {
            return Map.of();
        }
        NamespaceReplayer.Mismatch m = ms.get(0);
        List<String> vars = new ArrayList<>();
        for (String d : m.diffs()) {
            int colon = d.indexOf(':');
            if (colon > 0 && !d.startsWith("(")) {
                vars.add(d.substring(0, colon));
            }
        }
        return Map.of("trace", m.trace(), "step", m.step(), "action", m.action().split(" ", 2)[0], "call",
                m.action(), "expected", m.expected(), "got", m.got(), "variables", List.copyOf(vars), "text",
                m.toString());
    }

    /**
     * The kernel's own properties over generated programs on the broken kernel
     * ({@code KernelProperties}, as the test suite and {@code capsid verify} run them),
     * seed after seed: the first failure as {@code [property, step, checks (comma
     * separated), detail]}, or empty when {@code seeds} programs gave none.
     */
    public static List<String> kernelProperties(int seeds, int size) {
        for (long seed = 0; seed < seeds; seed++) {
            KernelProperties.Failure f = KernelProperties.run(seed, size).failure();
            if (f != null) {
                return List.of(f.property(), Integer.toString(f.step()), String.join(",", f.checks()),
                        "seed " + seed + ": " + f);
            }
        }
        return List.of();
    }

    /**
     * Generated programs on the broken kernel with the campaigns' per-step {@link
     * AbstractionCheck} applied after every call (before the executor's own checks
     * can stop the program): its first report, or empty when {@code seeds} programs
     * gave none.
     */
    public static List<String> abstractionCheck(int seeds, int size) {
        AbstractionCheck check = new AbstractionCheck(1);
        List<String> found = new ArrayList<>();
        for (long seed = 0; seed < seeds && found.isEmpty(); seed++) {
            long s = seed;
            ProgramGenerator.generate(seed, size, (k, tid, call) -> {
                Result r = k.syscall(tid, call);
                if (found.isEmpty()) {
                    String why = check.check(k, 0, call, r);
                    if (why != null) {
                        found.add("seed " + s + ", after " + call + ": " + why);
                    }
                }
                return r;
            }, List.of(), null);
        }
        return found;
    }

    /**
     * Trace validation of random runs of the broken kernel, seed after seed, until a
     * log is rejected: the rejection, or empty when no log of {@code seeds} was. A
     * thrown exception counts as caught too (the kernel crashed).
     */
    public static List<String> validate(int seeds, int size, String specDir) {
        try {
            ValidateRun.Result r = ValidateRun.run(seeds, size, 0, Path.of(specDir), 1);
            if (!r.errors().isEmpty()) {
                throw new IllegalStateException("trace validation gave no verdict: " + r.errors().get(0));
            }
            return r.rejected();
        } catch (RuntimeException e) {
            if (e instanceof IllegalStateException) {
                throw e;
            }
            return List.of("the broken kernel threw " + e);
        }
    }

    /**
     * A campaign on the broken kernel whose only extra check is the sampling Alloy
     * kernel-instance check (share 1: every state it draws is solved), started from a
     * seed corpus of two programs that ask for what the ABI refuses (a derive with
     * more rights than its source; a derive that gives a badged capability another
     * badge), each followed by a few read-only calls, and run for at most {@code
     * programs} programs more; failures are shrunk and written under {@code out}. The
     * first as {@code [property, step, detail, file, steps before, steps after,
     * scenario, alloy states checked]}, or {@code [alloy states checked]}.
     */
    public static List<String> alloyCampaign(String model, String work, String out, long seed, int programs)
            throws java.io.IOException {
        Path corpus = Path.of(work, "corpus");
        java.nio.file.Files.createDirectories(corpus);
        int rwxg = capsid.kernel.call.Rights.R | capsid.kernel.call.Rights.W | capsid.kernel.call.Rights.X
                | capsid.kernel.call.Rights.GRANT;
        int uts = capsid.kernel.call.NsType.UTS.ordinal();
        List<List<capsid.gen.fuzz.FuzzStep>> seeds = List.of(
                List.of(capsid.gen.fuzz.FuzzStep.of(0, new capsid.kernel.call.Call.NsOpen(1, uts)),
                        new capsid.gen.fuzz.FuzzStep(0, new capsid.kernel.call.Call.CapDerive(0, rwxg, 0, false), -1, 0)),
                List.of(capsid.gen.fuzz.FuzzStep.of(0, new capsid.kernel.call.Call.NsOpen(1, uts)),
                        new capsid.gen.fuzz.FuzzStep(0, new capsid.kernel.call.Call.CapDerive(0,
                                capsid.kernel.call.Rights.R | capsid.kernel.call.Rights.GRANT, 5, true), -1, 0),
                        new capsid.gen.fuzz.FuzzStep(0, new capsid.kernel.call.Call.CapDerive(0,
                                capsid.kernel.call.Rights.R, 9, true), -1, 1)));
        int n = 0;
        for (List<capsid.gen.fuzz.FuzzStep> steps : seeds) {
            List<capsid.gen.fuzz.FuzzStep> all = new ArrayList<>(steps);
            for (int i = 0; i < 8; i++) {
                all.add(capsid.gen.fuzz.FuzzStep.of(0, capsid.kernel.call.Call.GetPid.INSTANCE));
            }
            capsid.gen.fuzz.Executor.Trace t = capsid.gen.fuzz.Executor.run(new capsid.gen.fuzz.Program(seed, 20,
                    capsid.kernel.BootConfig.DEFAULT, all));
            java.nio.file.Files.writeString(corpus.resolve("seed-" + n++ + ".csc"),
                    capsid.gen.fuzz.Scenarios.corpusEntry(t, 1));
        }
        AlloyStepCheck check = AlloyStepCheck.sampling(Path.of(model), Path.of(work), 1.0, seed);
        Campaign c = new Campaign(Campaign.Options.defaults(seed).withDirs(corpus, Path.of(out)),
                capsid.kernel.Kernel::syscall, List.of(check), new FallbackFeedback(), m -> { });
        c.rescan();
        if (c.found().isEmpty()) {
            c.runFor(programs);
        }
        if (c.found().isEmpty()) {
            return List.of(Long.toString(check.states()));
        }
        Campaign.Found f = c.found().get(0);
        return List.of(f.shrunk().failure().property(), Integer.toString(f.shrunk().failure().step()),
                f.shrunk().failure().detail(), String.valueOf(f.file()), Integer.toString(f.original().steps().size()),
                Integer.toString(f.shrunk().program().steps().size()), f.scenario(), Long.toString(check.states()));
    }
}

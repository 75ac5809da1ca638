package capsid.refinement;

import capsid.checker.Outcome;
import capsid.checker.State;
import capsid.checker.Tlc;
import capsid.checker.TlcRequest;
import capsid.checker.TlcResult;
import capsid.checker.value.Value;
import capsid.refinement.KernelLogs.BadLog;
import capsid.refinement.KernelLogs.CallLine;
import capsid.refinement.KernelLogs.EventLine;
import capsid.refinement.KernelLogs.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Trace validation of NamespaceUnshare (spec/TraceNamespaceUnshare.tla): a kernel
 * event log, alone or with its call log, becomes the constant {@code TraceLog} of a
 * generated module ({@link NamespaceTrace}), and TLC decides whether the run is a
 * behaviour of the spec, step by step. TLC runs with one worker, whatever else
 * runs: TLC 2.18 gives bogus trace-validation verdicts with several.
 */
public final class TraceValidation {
    /** The specs a log can be validated against. */
    public static final List<String> SPECS = List.of("NamespaceUnshare", "CapabilityDelegation");

    /** The spec a log is validated against when none is named. */
    public static final String DEFAULT_SPEC = "NamespaceUnshare";

    private TraceValidation() {
    }

    /**
     * The verdict on one log.
     *
     * @param accepted      whether every step matched an enabled action of the spec
     * @param events        events after Boot in the event log
     * @param calls         calls after the boot line in the call log (0 without one)
     * @param skipped       records of calls the spec does not model, left out, by call (or action)
     * @param matched       steps matched before the first that matched nothing
     * @param rejected      the first record no action explains (its JSON line), or null
     * @param rejectedFile  the file of that record, or null
     * @param rejectedLine  its line (1-based), or 0
     * @param rejectedWhat  "event K of N" or "call K of N", or null
     * @param error         why there is no verdict (a bad log, a TLC error), one line, or null
     * @param tlc           TLC's result record, null when TLC did not run
     * @param seconds       wall time, reading included
     * @param notValidated  why the whole log was skipped, not validated (neither accepted nor rejected), or null
     */
    public record Verdict(boolean accepted, int events, int calls, Map<String, Integer> skipped, int matched,
                          String rejected, String rejectedFile, int rejectedLine, String rejectedWhat, String error,
                          TlcResult tlc, double seconds, String notValidated) {
        /** A verdict on a log that was validated (or could not be). */
        public Verdict(boolean accepted, int events, int calls, Map<String, Integer> skipped, int matched,
                       String rejected, String rejectedFile, int rejectedLine, String rejectedWhat, String error,
                       TlcResult tlc, double seconds) {
            this(accepted, events, calls, skipped, matched, rejected, rejectedFile, rejectedLine, rejectedWhat, error,
                    tlc, seconds, null);
        }

        /** How many records were skipped. */
        public int skippedCount() {
            return skipped.values().stream().mapToInt(Integer::intValue).sum();
        }

        static Verdict error(String why, long t0) {
            return new Verdict(false, 0, 0, Map.of(), 0, null, null, 0, null, why, null, secs(t0));
        }
    }

    /** Validates the JSON Lines of one boot's event log (the Boot event first) against the spec in {@code specDir}. */
    public static Verdict validate(List<String> lines, Path specDir, Duration timeout) {
        return validate(new Source("event log", lines), null, specDir, timeout);
    }

    /** Validates one boot's event log and its call log, held in memory. */
    public static Verdict validate(List<String> events, List<String> calls, Path specDir, Duration timeout) {
        return validate(new Source("event log", events), calls == null ? null : new Source("call log", calls),
                specDir, timeout);
    }

    /** Validates the event log in file {@code events}, with the call log in {@code calls} (may be null). */
    public static Verdict validate(Path events, Path calls, Path specDir, Duration timeout) {
        long t0 = System.nanoTime();
        try {
            return validate(Source.read(events), calls == null ? null : Source.read(calls), specDir, timeout);
        } catch (BadLog e) {
            return Verdict.error(e.getMessage(), t0);
        }
    }

    /** Validates {@code events}, with its call log {@code calls} (may be null), against NamespaceUnshare. */
    public static Verdict validate(Source events, Source calls, Path specDir, Duration timeout) {
        return validate(events, calls, specDir, timeout, DEFAULT_SPEC);
    }

    /** Validates one boot's event log and its call log (may be null), held in memory, against {@code spec}. */
    public static Verdict validate(List<String> events, List<String> calls, Path specDir, Duration timeout,
                                   String spec) {
        return validate(new Source("event log", events), calls == null ? null : new Source("call log", calls),
                specDir, timeout, spec);
    }

    /** Validates the event log in file {@code events}, with the call log in {@code calls} (may be null), against {@code spec}. */
    public static Verdict validate(Path events, Path calls, Path specDir, Duration timeout, String spec) {
        long t0 = System.nanoTime();
        try {
            return validate(Source.read(events), calls == null ? null : Source.read(calls), specDir, timeout, spec);
        } catch (BadLog e) {
            return Verdict.error(e.getMessage(), t0);
        }
    }

    /**
     * Validates {@code events}, with its call log {@code calls} (may be null), against
     * {@code spec} (one of {@link #SPECS}): NamespaceUnshare (spec/TraceNamespaceUnshare.tla)
     * or CapabilityDelegation (spec/TraceCapabilityDelegation.tla).
     */
    public static Verdict validate(Source events, Source calls, Path specDir, Duration timeout, String spec) {
        long t0 = System.nanoTime();
        if (!SPECS.contains(spec)) {
            return Verdict.error("unknown spec '" + spec + "'; known: " + String.join(", ", SPECS), t0);
        }
        Prepared p;
        try {
            List<EventLine> ev = KernelLogs.events(events);
            List<CallLine> cl = null;
            if (calls != null) {
                cl = KernelLogs.calls(calls);
                KernelLogs.belong(events.file(), ev, calls.file(), cl);
            }
            p = spec.equals("CapabilityDelegation") ? capModel(CapTrace.of(events.file(), ev,
                    calls == null ? null : calls.file(), cl)) : model(NamespaceTrace.of(events.file(), ev,
                    calls == null ? null : calls.file(), cl));
        } catch (BadLog e) {
            return Verdict.error(e.getMessage(), t0);
        }
        if (p.notValidated() != null) {
            // a log NamespaceUnshare cannot judge (it changes the derivation tree): CapabilityDelegation's
            return new Verdict(false, p.events(), p.calls(), p.skipped(), 0, null, null, 0, null, null,
                    null, secs(t0), p.notValidated());
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("capsid-tv");
            for (String f : p.specFiles()) {
                Files.copy(specDir.resolve(f), dir.resolve(f));
            }
            Files.writeString(dir.resolve("TraceRun.tla"), p.module());
            Files.writeString(dir.resolve("TraceRun.cfg"), p.config());
            TlcResult r = Tlc.check(TlcRequest.of(dir.resolve("TraceRun.tla")).withConfig(dir.resolve("TraceRun.cfg"))
                    .withWorkers(1).withCheckDeadlock(true).withTimeout(timeout));
            int n = p.steps().size();
            // passed, through one state per record and the initial one: every record was a step
            if (r.result() == Outcome.PASS && r.distinctStates() != null && r.distinctStates() == n + 1) {
                return new Verdict(true, p.events(), p.calls(), p.skipped(), n, null, null, 0, null, null,
                        r, secs(t0));
            }
            if (r.result() == Outcome.DEADLOCK && r.trace() != null && !r.trace().states().isEmpty()) {
                State last = r.trace().states().get(r.trace().states().size() - 1);
                int l = ((Value.IntValue) last.vars().get("l")).value().intValueExact();
                NamespaceTrace.Step s = p.steps().get(l - 1);
                String what = s.kind() + " " + s.index() + " of " + (s.kind().equals("event") ? p.events()
                        : p.calls());
                return new Verdict(false, p.events(), p.calls(), p.skipped(), l - 1, s.text(), s.file(),
                        s.line(), what, null, r, secs(t0));
            }
            return new Verdict(false, p.events(), p.calls(), p.skipped(), 0, null, null, 0, null,
                    "TLC gave no verdict: " + r.result() + (r.reason() == null ? "" : " " + firstLine(r.reason()))
                            + (r.result() == Outcome.PASS ? " through " + r.distinctStates() + " states where "
                            + (n + 1) + " were expected" : ""),
                    r, secs(t0));
        } catch (IOException | RuntimeException e) {
            return new Verdict(false, p.events(), p.calls(), p.skipped(), 0, null, null, 0, null,
                    "cannot run TLC on " + specDir + ": " + e, null, secs(t0));
        } finally {
            delete(dir);
        }
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("");
    }

    /**
     * A log ready for TLC: its steps, its figures, the spec files the generated module
     * extends, and the module and model; {@code notValidated} when it is not this spec's to judge.
     */
    record Prepared(List<NamespaceTrace.Step> steps, int events, int calls, Map<String, Integer> skipped,
                    String notValidated, List<String> specFiles, String module, String config) {
    }

    /** The steps as the constant Log of module TraceRun, extending {@code spec}. */
    private static String module(String spec, List<NamespaceTrace.Step> steps) {
        StringBuilder log = new StringBuilder();
        for (NamespaceTrace.Step s : steps) {
            log.append(log.length() == 0 ? "    " : ",\n    ").append(s.tla());
        }
        log.append(log.length() == 0 ? "    " : ",\n    ").append("[action |-> \"end\"]");
        // LogAt replaces EventAt (see the comment there): a read of Log, which TLC evaluates
        // once, where a read of the substituted constant TraceLog rebuilds the whole log
        return "---- MODULE TraceRun ----\nEXTENDS " + spec + "\nLog == <<\n" + log + "\n>>\n"
                + "LogAt(i) == Log[i]\n====\n";
    }

    /** NamespaceUnshare's trace as the TLA+ module TraceRun, and the model's constants, sized to what the log needs. */
    static Prepared model(NamespaceTrace.Trace t) {
        if (t.notValidated() != null) {
            return new Prepared(t.steps(), t.events(), t.calls(), t.skipped(), t.notValidated(), List.of(), null, null);
        }
        String cfg = "INIT TraceInit\nNEXT TraceNext\nCONSTANTS\n"
                + "    MaxTasks = " + (t.forks() + 1) + "\n"
                + "    MaxPidNs = " + (t.pidNs() + 1) + "\n"
                + "    MaxUts = " + (t.utsNs() + 1) + "\n"
                + "    MaxMnt = " + (t.mntNs() + 1) + "\n"
                + "    PidMax = " + t.boot().pidMax() + "\n"
                + "    PidReserved = " + t.boot().pidReserved() + "\n"
                + "    PidNsLevels = " + t.boot().pidNsLevels() + "\n"
                + "    FdMax = " + t.boot().fdMax() + "\n"
                + "    BootHostname = " + NamespaceTrace.str(t.boot().hostname()) + "\n"
                + "    FlagSets = {}\n    PidArgs = {}\n    FdArgs = {}\n    SigArgs = {}\n    TypeArgs = {}\n"
                + "    HostArgs = {}\n"
                + "    TraceLog <- Log\n"
                + "    EventAt <- LogAt\n";
        return new Prepared(t.steps(), t.events(), t.calls(), t.skipped(), null,
                List.of("NamespaceUnshare.tla", "TraceNamespaceUnshare.tla"),
                module("TraceNamespaceUnshare", t.steps()), cfg);
    }

    /** CapabilityDelegation's trace as the module TraceRun and its model (spec/TraceCapabilityDelegation.tla). */
    static Prepared capModel(CapTrace.Trace t) {
        List<String> objs = new java.util.ArrayList<>();
        for (String o : t.objects()) {
            objs.add(NamespaceTrace.str(o));
        }
        if (objs.isEmpty()) {
            // no ns_open succeeded: an object no capability names, so that a failed ns_open (EMFILE
            // with fd_max 0) is still the spec's NsOpen of some object
            objs.add(NamespaceTrace.str("none:0"));
        }
        String cfg = "INIT TraceInit\nNEXT TraceNext\nCONSTANTS\n"
                + "    MaxProcs = " + t.procs() + "\n"
                + "    FdMax = " + t.fdMax() + "\n"
                + "    Objects = {" + String.join(", ", objs) + "}\n"
                + "    Destroyable = {}\n    RightArgs = {}\n    BadgeArgs = {}\n    NoBadge = NoBadge\n"
                + "    FdArgs = {}\n    PidArgs = {}\n"
                + "    LowestFree <- FastLowestFree\n"
                + "    TraceLog <- Log\n"
                + "    EventAt <- LogAt\n";
        return new Prepared(t.steps(), t.events(), t.calls(), t.skipped(), null,
                List.of("CapabilityDelegation.tla", "TraceCapabilityDelegation.tla"),
                module("TraceCapabilityDelegation", t.steps()), cfg);
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}

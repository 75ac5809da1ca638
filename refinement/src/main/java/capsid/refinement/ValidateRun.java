package capsid.refinement;

import capsid.gen.CallGenerator;
import capsid.gen.ProgramStep;
import capsid.kernel.BootConfig;
import capsid.kernel.Kernel;
import capsid.kernel.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Trace validation of random kernel runs: seeded programs (the generator's
 * NamespaceUnshare profile) run on fresh kernels, and each run's event log and call
 * log are validated against the spec ({@link TraceValidation}): the events, and the
 * failed and read-only calls too. Every other run boots with small limits so the
 * boundaries show up in logs too.
 */
public final class ValidateRun {
    private ValidateRun() {
    }

    /**
     * What a batch of validations found: runs, events and calls in their logs, records
     * skipped (calls the spec does not model), seconds, rejections and errors.
     */
    public record Result(int runs, long events, double seconds, List<String> rejected, List<String> errors,
                         long calls, long skipped, int skippedLogs) {
        /** A batch in which every log was validated. */
        public Result(int runs, long events, double seconds, List<String> rejected, List<String> errors, long calls,
                      long skipped) {
            this(runs, events, seconds, rejected, errors, calls, skipped, 0);
        }

        public boolean ok() {
            return rejected.isEmpty() && errors.isEmpty();
        }

        /** Seconds of validation per 1,000 log lines. */
        public double secondsPerThousandEvents() {
            return events == 0 ? 0 : seconds * 1000.0 / events;
        }
    }

    /** The configuration of run {@code seed}: default limits, or small ones for odd seeds. */
    public static BootConfig configFor(long seed) {
        BootConfig c = BootConfig.DEFAULT.withSeed(seed);
        return seed % 2 == 0 ? c : c.withPidMax(16, 4).withPidNsLevels(1).withFdMax(4);
    }

    /** A run's two logs, JSON Lines. */
    public record Logs(List<String> events, List<String> calls) {
    }

    /** The event log (JSON Lines) of program {@code seed} of {@code size} calls. */
    public static List<String> log(long seed, int size) {
        return logs(seed, size).events();
    }

    /** The event log and the call log of program {@code seed} of {@code size} calls (NamespaceUnshare's profile). */
    public static Logs logs(long seed, int size) {
        return logs(seed, size, TraceValidation.DEFAULT_SPEC);
    }

    /**
     * The event log and the call log of program {@code seed} of {@code size} calls,
     * generated for {@code spec}: NamespaceUnshare's profile (the calls it models), or
     * for CapabilityDelegation every call, capability calls included.
     */
    public static Logs logs(long seed, int size, String spec) {
        Kernel k = Kernel.boot(configFor(seed));
        k.recordCalls();
        CallGenerator gen = new CallGenerator(seed, spec.equals("CapabilityDelegation") ? CallGenerator.Profile.ALL
                : CallGenerator.Profile.NAMESPACE_SPEC);
        for (int i = 0; i < size; i++) {
            ProgramStep s = gen.next(k);
            capsid.kernel.Result r = k.syscall(s.actor(), s.call());
            gen.observe(k, s, r);
        }
        return new Logs(k.eventLogJsonLines().lines().toList(), k.callLogJsonLines().lines().toList());
    }

    /**
     * Validates {@code runs} programs of {@code size} calls, seeds from {@code seed};
     * stops early after {@code stopAfter} rejections.
     */
    public static Result run(int runs, int size, long seed, Path specDir, int stopAfter) {
        return run(runs, size, seed, specDir, stopAfter, TraceValidation.DEFAULT_SPEC);
    }

    /** As {@link #run(int, int, long, Path, int)}, against {@code spec} with programs generated for it. */
    public static Result run(int runs, int size, long seed, Path specDir, int stopAfter, String spec) {
        long t0 = System.nanoTime();
        long events = 0;
        long calls = 0;
        long skipped = 0;
        int skippedLogs = 0; // logs not validated at all (TraceValidation.Verdict#notValidated), counted apart
        List<String> rejected = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (long s = seed; s < seed + runs && rejected.size() < stopAfter; s++) {
            Logs log = logs(s, size, spec);
            TraceValidation.Verdict v = TraceValidation.validate(log.events(), log.calls(), specDir,
                    Duration.ofMinutes(5), spec);
            events += v.events();
            calls += v.calls();
            skipped += v.skippedCount();
            if (v.notValidated() != null) {
                skippedLogs++;
            } else if (v.error() != null) {
                errors.add("seed " + s + ": " + v.error());
            } else if (!v.accepted()) {
                rejected.add("seed " + s + ": " + v.rejectedWhat() + " matches no enabled action: " + v.rejected());
            }
        }
        return new Result(runs, events, (System.nanoTime() - t0) / 1e9, rejected, errors, calls, skipped, skippedLogs);
    }
}

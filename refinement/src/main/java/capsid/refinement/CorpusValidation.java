package capsid.refinement;

import capsid.gen.fuzz.Executor;
import capsid.gen.fuzz.FuzzStep;
import capsid.gen.fuzz.Program;
import capsid.gen.fuzz.Scenarios;
import capsid.kernel.Kernel;
import capsid.kernel.call.Call;
import capsid.kernel.call.Flags;
import capsid.kernel.call.NsType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Trace validation of a campaign's corpus: each entry (a {@code .csc} the fuzzer
 * kept for reaching new kernel branches) is run on a fresh kernel, and its event
 * log and call log must be a behaviour of spec/NamespaceUnshare.tla ({@link
 * TraceValidation}): what changed, and what every call was answered. A log that
 * changes the capability derivation tree, which NamespaceUnshare does not model, is
 * validated against spec/CapabilityDelegation.tla instead (counted in
 * {@code skippedLogs}: skipped by NamespaceUnshare, not by validation).
 * This is where a campaign's programs meet the spec itself, not only the kernel's
 * own invariants. What the spec does not model (ipc, net and user namespaces) is
 * projected away first ({@link #projectToSpec}): their flags are cleared and an
 * ns_open of such a type opens a pid namespace instead; entries that needed it are
 * counted.
 */
public final class CorpusValidation {
    private CorpusValidation() {
    }

    /** What the validation found; {@code rejected} and {@code errors} name the files. */
    public record Result(int validated, int projected, long events, double seconds, List<String> rejected,
                         List<String> errors, long calls, long skipped, int skippedLogs) {
        /** A corpus in which every entry was validated. */
        public Result(int validated, int projected, long events, double seconds, List<String> rejected,
                      List<String> errors, long calls, long skipped) {
            this(validated, projected, events, seconds, rejected, errors, calls, skipped, 0);
        }

        public boolean ok() {
            return rejected.isEmpty() && errors.isEmpty();
        }
    }

    /** True when every call of {@code p} stays within what the spec models. */
    public static boolean inSpec(Program p) {
        int outside = Flags.NEWIPC | Flags.NEWNET | Flags.NEWUSER;
        for (FuzzStep s : p.steps()) {
            Call c = s.call();
            if (c instanceof Call.Fork f && (f.flags() & outside) != 0
                    || c instanceof Call.Unshare u && (u.flags() & outside) != 0
                    || c instanceof Call.NsOpen o && (o.type() == NsType.IPC.ordinal()
                    || o.type() == NsType.NET.ordinal() || o.type() == NsType.USER.ordinal())) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code p} without what the spec does not model: ipc, net and user flags cleared
     * from fork and unshare, and ns_open of those types made an ns_open of a pid
     * namespace. Another program (results may differ), but one whose log the spec
     * must accept.
     */
    public static Program projectToSpec(Program p) {
        int outside = Flags.NEWIPC | Flags.NEWNET | Flags.NEWUSER;
        List<FuzzStep> steps = new ArrayList<>(p.steps().size());
        for (FuzzStep s : p.steps()) {
            Call c = s.call();
            if (c instanceof Call.Fork f && (f.flags() & outside) != 0) {
                s = s.withCall(new Call.Fork(f.flags() & ~outside));
            } else if (c instanceof Call.Unshare u && (u.flags() & outside) != 0) {
                s = s.withCall(new Call.Unshare(u.flags() & ~outside));
            } else if (c instanceof Call.NsOpen o && !inSpec(o)) {
                s = s.withCall(new Call.NsOpen(o.pid(), NsType.PID.ordinal()));
            }
            steps.add(s);
        }
        return p.withSteps(steps);
    }

    private static boolean inSpec(Call.NsOpen o) {
        return o.type() != NsType.IPC.ordinal() && o.type() != NsType.NET.ordinal()
                && o.type() != NsType.USER.ordinal();
    }

    /** The event log (JSON Lines) of {@code p} run on a fresh kernel. */
    public static List<String> log(Program p) {
        return logs(p).events();
    }

    /** The event log and the call log of {@code p} run on a fresh kernel. */
    public static ValidateRun.Logs logs(Program p) {
        Executor ex = new Executor(p.config(), Kernel::syscall, List.of(), null);
        ex.kernel().recordCalls();
        for (FuzzStep s : p.steps()) {
            if (!ex.step(s)) {
                break;
            }
        }
        return new ValidateRun.Logs(ex.kernel().eventLogJsonLines().lines().toList(),
                ex.kernel().callLogJsonLines().lines().toList());
    }

    /**
     * Validates up to {@code max} entries of {@code corpusDir} (in name order, which
     * is by content hash: an unbiased sample), each projected to the spec.
     */
    public static Result validate(Path corpusDir, int max, Path specDir, Duration timeout) throws IOException {
        long t0 = System.nanoTime();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(corpusDir, "*.csc")) {
            ds.forEach(files::add);
        }
        files.sort(null);
        int validated = 0;
        int projected = 0;
        long events = 0;
        long calls = 0;
        long skipped = 0;
        int skippedLogs = 0; // logs not validated at all (TraceValidation.Verdict#notValidated), counted apart
        List<String> rejected = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Path f : files) {
            if (validated >= max) {
                break;
            }
            Program p;
            try {
                p = Scenarios.read(f.toString(), Files.readString(f, StandardCharsets.ISO_8859_1));
            } catch (IOException | RuntimeException e) {
                errors.add(f + ": cannot read: " + e.getMessage());
                continue;
            }
            if (!inSpec(p)) {
                p = projectToSpec(p);
                projected++;
            }
            ValidateRun.Logs logs = logs(p);
            TraceValidation.Verdict v = TraceValidation.validate(logs.events(), logs.calls(), specDir, timeout);
            validated++;
            events += v.events();
            calls += v.calls();
            skipped += v.skippedCount();
            if (v.notValidated() != null) {
                // NamespaceUnshare cannot judge a log that changes the derivation tree: CapabilityDelegation
                // does (the same logs; it models every namespace type, so the projection changes nothing it reads)
                skippedLogs++;
                v = TraceValidation.validate(logs.events(), logs.calls(), specDir, timeout, "CapabilityDelegation");
            }
            if (v.error() != null) {
                errors.add(f + ": " + v.error());
            } else if (!v.accepted()) {
                rejected.add(f + ": " + v.rejectedWhat() + " matches no enabled action: " + v.rejected());
            }
        }
        return new Result(validated, projected, events, (System.nanoTime() - t0) / 1e9, rejected, errors, calls,
                skipped, skippedLogs);
    }
}

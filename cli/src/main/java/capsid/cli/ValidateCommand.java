package capsid.cli;

import capsid.checker.ProofsLog;
import capsid.refinement.TraceValidation;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code capsid validate LOG [--calls CALLLOG] [--spec NAME] [--json]} (ABI.md
 * section 5): trace-validates a kernel event log, alone or with its call log
 * (docs/event-log.md), against a spec with TLC. Exit 0 accepted, 1 rejected (the
 * first record no action explains, by file and line), 2 error (a log that cannot be
 * read or is malformed, by file, line and column; an unknown spec; no verdict from
 * TLC). The run is recorded as a {@code validate-log} record ({@link RecordOptions}: in
 * this repository's proofs-log/ when the log lies inside it, with {@code --log DIR}
 * anywhere, with {@code --no-log} nowhere).
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Trace-validate a kernel event log (and its call log) against a spec with TLC. Exit 0 accepted, "
                + "1 rejected, 2 error.")
public final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "LOG", description = "The event log (JSON Lines, docs/event-log.md).")
    Path log;

    @Option(names = "--calls", paramLabel = "CALLLOG",
            description = "Its call log: failed and read-only calls are validated too (default: the event log alone).")
    Path calls;

    @Option(names = "--spec", paramLabel = "NAME", defaultValue = "NamespaceUnshare",
            description = "The spec (default: ${DEFAULT-VALUE}).")
    String spec;

    @Option(names = "--json", description = "Print one JSON object as the last line (default: text).")
    boolean json;

    @Mixin
    RecordOptions records;

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        PrintStream out = System.out;
        if (records.problem() != null) {
            return error(out, records.problem(), t0);
        }
        try {
            if (!TraceValidation.SPECS.contains(spec)) {
                return error(out, "unknown spec '" + spec + "'; known: " + String.join(", ", TraceValidation.SPECS), t0);
            }
            Path specDir = Project.root().resolve("spec");
            for (String m : new String[] {spec + ".tla", "Trace" + spec + ".tla"}) {
                if (!Files.isRegularFile(specDir.resolve(m))) {
                    return error(out, "no " + specDir.resolve(m) + " (the project's spec/ directory)", t0);
                }
            }
            TraceValidation.Verdict v = TraceValidation.validate(log, calls, specDir, Duration.ofMinutes(30), spec);
            if (v.error() != null) {
                return error(out, v.error(), t0);
            }
            String counts = v.events() + " events" + (calls == null ? "" : ", " + v.calls() + " calls") + skipped(v);
            if (v.notValidated() != null) {
                // checked nothing: no verdict and no record, but said as a skip (never as accepted)
                out.printf("skipped: %s is not validated against %s: %s (%s)%n", log, spec, v.notValidated(), counts);
                out.flush();
                return 0;
            }
            if (v.accepted()) {
                out.printf("accepted: %s is a behaviour of %s (%s), %.1f s%n", log, spec, counts, v.seconds());
            } else {
                out.printf("rejected: %s:%d: no action of %s explains this record (%s; %d steps matched before it;"
                        + " %s)%n  %s%n", v.rejectedFile(), v.rejectedLine(), spec, v.rejectedWhat(), v.matched(),
                        counts, v.rejected());
            }
            ObjectNode rec = record(v.accepted() ? "accepted" : "rejected");
            rec.put("events", v.events()).put("calls", v.calls()).put("skipped", v.skippedCount());
            ObjectNode by = rec.putObject("skipped_by_call");
            v.skipped().forEach(by::put);
            if (v.accepted()) {
                rec.putNull("first_rejected");
            } else {
                rec.putObject("first_rejected").put("file", v.rejectedFile()).put("line", v.rejectedLine())
                        .put("record", v.rejected());
            }
            rec.put("seconds", Math.round(v.seconds() * 100) / 100.0);
            append(rec);
            if (json) {
                out.println(rec);
            }
            out.flush();
            return v.accepted() ? 0 : 1;
        } catch (RuntimeException e) {
            return error(out, "internal error: " + e, t0);
        }
    }

    /** Appends the run's {@code validate-log} record where {@link RecordOptions} says (the verdict's result as is). */
    private void append(ObjectNode rec) {
        ProofsLog plog = records.open("validate", log.toAbsolutePath(), System.err);
        ObjectNode r = rec.deepCopy();
        r.put("result", rec.get("result").asText().equals("accepted") ? "pass" : "violation");
        r.put("verdict", rec.get("result").asText());
        try {
            plog.append("validate-log", r);
        } catch (IOException e) {
            System.err.println("capsid validate: cannot record the run: " + e.getMessage());
        }
    }

    private static String skipped(TraceValidation.Verdict v) {
        if (v.skipped().isEmpty()) {
            return ", none skipped";
        }
        StringBuilder sb = new StringBuilder(", " + v.skippedCount() + " skipped (not modelled:");
        String sep = " ";
        for (Map.Entry<String, Integer> e : v.skipped().entrySet()) {
            sb.append(sep).append(e.getKey()).append(' ').append(e.getValue());
            sep = ", ";
        }
        return sb.append(')').toString();
    }

    private ObjectNode record(String result) {
        ObjectNode rec = new ObjectMapper().createObjectNode();
        rec.put("result", result).put("spec", spec).put("log", log.toString());
        if (calls == null) {
            rec.putNull("calls_log");
        } else {
            rec.put("calls_log", calls.toString());
        }
        return rec;
    }

    private int error(PrintStream out, String why, long t0) {
        System.err.println("capsid validate: " + why);
        if (json) {
            ObjectNode rec = record("error");
            rec.put("error", why).put("events", 0).put("calls", 0).put("skipped", 0).putNull("first_rejected");
            rec.put("seconds", Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
            out.println(rec);
        }
        out.flush();
        return 2;
    }
}

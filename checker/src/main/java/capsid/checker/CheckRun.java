package capsid.checker;

import capsid.checker.value.Value;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@code capsid check}, minus the flag parsing (the CLI's {@code CheckCommand}
 * parses flags and calls {@link #run}): checks the input, runs TLC (model checking, or
 * simulation when the request has {@code simulate}), prints progress and a summary or
 * the JSON record, appends the record to the proofs-log, and returns the exit
 * status: 0 pass, 1 violation/deadlock/liveness, 2 error (bad input, TLC error, or a
 * passing run whose record could not be written).
 */
public final class CheckRun {
    /** Exit status for a pass. */
    public static final int EXIT_PASS = 0;
    /** Exit status for a failed property. */
    public static final int EXIT_PROPERTY_FAILED = 1;
    /** Exit status for an error (nothing established). */
    public static final int EXIT_ERROR = 2;
    /** Most trace states printed in the readable summary. */
    static final int MAX_PRINTED_STATES = 40;

    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckRun() {
    }

    /**
     * Runs {@code capsid check}.
     *
     * @param request what to run ({@code simulate}/{@code depth} set for {@code --simulate})
     * @param json print the record as the last stdout line instead of a summary
     * @param log where to append the record ({@code null}: nowhere)
     * @param out standard output
     * @param err standard error (warnings; progress too when {@code json})
     */
    public static int run(TlcRequest request, boolean json, ProofsLog log, PrintStream out, PrintStream err) {
        Objects.requireNonNull(request, "request");
        String problem = inputProblem(request);
        if (problem != null) {
            err.println("capsid check: " + problem);
            return EXIT_ERROR;
        }
        PrintStream progressOut = json ? err : out;
        String oneWorker = WorkerPolicy.oneWorkerReason(request);
        int workers = oneWorker != null ? 1 : request.workers();
        if (oneWorker != null && request.workers() > 1) {
            // the same note is in the record's warnings
            err.println("capsid check: note: " + WorkerPolicy.clampNote(request.workers(), oneWorker));
        }
        if (!json) {
            out.println("capsid check: " + request.spec() + " (model " + request.effectiveConfig().getFileName()
                    + ", " + workers + " worker" + (workers == 1 ? "" : "s")
                    + (request.simulate() != null ? ", simulation: " + request.simulate() + " traces of depth "
                    + (request.depth() == null ? 100 : request.depth()) : "") + ")");
            out.flush();
        }
        ProgressListener listener = p -> {
            progressOut.println(progressLine(p));
            progressOut.flush();
        };
        TlcResult result;
        String kind;
        if (request.simulate() != null) {
            kind = "simulate";
            int depth = request.depth() == null ? 100 : request.depth();
            result = Tlc.simulate(request, request.simulate(), depth, listener).result();
        } else {
            kind = "check";
            result = Tlc.check(request, listener);
        }
        ProofsLog.Appended appended = null;
        String logProblem = null;
        if (log != null) {
            try {
                appended = log.append(result, kind);
            } catch (IOException | RuntimeException e) {
                logProblem = "cannot append to " + log.file() + ": " + e.getMessage();
                err.println("capsid check: " + logProblem);
            }
        }
        int exit = exitStatus(result.result());
        if (logProblem != null && exit == EXIT_PASS) {
            exit = EXIT_ERROR; // a pass that left no record is not a pass CI may rely on
        }
        if (json) {
            // the proofs-log line (or, without one, the same fields), plus the trace as ITF
            ObjectNode o = JSON.createObjectNode();
            if (appended != null) {
                o.setAll(appended.record());
            } else {
                o.put("kind", kind);
                o.setAll(result.toJson(false));
            }
            ObjectNode full = result.toJson(true);
            o.set("trace", full.get("trace"));
            o.put("proofs_log", log == null ? null : log.file().toString());
            o.put("proofs_log_error", logProblem);
            try {
                out.println(JSON.writeValueAsString(o));
            } catch (JsonProcessingException e) {
                err.println("capsid check: cannot write the JSON record: " + e.getMessage());
                return EXIT_ERROR;
            }
        } else {
            summary(result, appended, log, out);
        }
        out.flush();
        return exit;
    }

    /** The exit status for an outcome. */
    public static int exitStatus(Outcome o) {
        return switch (o) {
            case PASS -> EXIT_PASS;
            case VIOLATION, DEADLOCK, LIVENESS -> EXIT_PROPERTY_FAILED;
            case ERROR -> EXIT_ERROR;
        };
    }

    /** Why the input cannot be checked (missing spec or model file), or {@code null}. */
    static String inputProblem(TlcRequest r) {
        if (!Files.exists(r.spec())) {
            return "spec file not found: " + r.spec();
        }
        if (!Files.isRegularFile(r.spec())) {
            return "spec is not a file: " + r.spec();
        }
        Path cfg = r.effectiveConfig();
        if (!Files.isRegularFile(cfg)) {
            return r.config() != null ? "--config: model file not found: " + cfg
                    : "model file not found: " + cfg + " (the default next to the spec; name one with --config)";
        }
        return null;
    }

    /** One progress line: elapsed time, phase, states, states/s, distinct, depth, queue. */
    static String progressLine(TlcProgress p) {
        StringBuilder b = new StringBuilder("progress: ")
                .append(String.format(Locale.ROOT, "%.0f s", p.elapsedSeconds())).append(", ").append(p.phase());
        if (p.generated() != null) {
            b.append(": ").append(n(p.generated())).append(" states generated (")
                    .append(n(Math.round(p.statesPerSecond()))).append("/s)");
        }
        if (p.distinct() != null) {
            b.append(", ").append(n(p.distinct())).append(" distinct");
        }
        if (p.depth() != null) {
            b.append(", depth ").append(p.depth());
        }
        if (p.queue() != null) {
            b.append(", queue ").append(n(p.queue()));
        }
        return b.toString();
    }

    private static void summary(TlcResult r, ProofsLog.Appended appended, ProofsLog log, PrintStream out) {
        String headline = switch (r.result()) {
            case PASS -> "PASS";
            case VIOLATION -> "VIOLATION: " + (r.propertyKind() == null ? "" : r.propertyKind() + " ")
                    + r.property() + " violated";
            case DEADLOCK -> "DEADLOCK reached";
            case LIVENESS -> "LIVENESS: temporal properties violated"
                    + (r.property() == null ? "" : " (" + r.property() + ")");
            case ERROR -> "ERROR: " + r.reason();
        };
        out.println("result: " + headline);
        if (r.reason() != null && r.result() != Outcome.ERROR) {
            out.println("  " + r.reason());
        }
        StringBuilder s = new StringBuilder("states: ");
        s.append(r.generatedStates() == null ? "?" : n(r.generatedStates())).append(" generated");
        if (!"simulate".equals(r.mode())) {
            s.append(", ").append(r.distinctStates() == null ? "?" : n(r.distinctStates())).append(" distinct");
            s.append(", ").append(r.statesLeft() == null ? "?" : n(r.statesLeft())).append(" left on queue");
        }
        s.append(", depth ").append(r.depth() == null ? "?" : r.depth());
        s.append(String.format(Locale.ROOT, "; %.1f s", r.seconds()));
        if (r.statesPerSecond() != null) {
            s.append(" (").append(n(Math.round(r.statesPerSecond()))).append(" states/s)");
        }
        out.println(s);
        out.println("TLC " + (r.tlcVersion() == null ? "?" : r.tlcVersion()) + ", " + r.workers() + " worker"
                + (r.workers() == 1 ? "" : "s") + (r.seed() == null ? "" : ", seed " + r.seed())
                + (r.commit() == null ? ", no commit" : ", commit " + r.commit().substring(0, 12)
                + (Boolean.TRUE.equals(r.dirty()) ? " (spec or model changed since)" : ""))
                + (r.exitCode() == null ? "" : ", exit " + r.exitCode()));
        if (!r.constants().isEmpty()) {
            StringBuilder c = new StringBuilder("constants:");
            r.constants().forEach((k, v) -> c.append(' ').append(k).append(v.startsWith("<-") ? " " : " = ")
                    .append(v).append(';'));
            out.println(c.substring(0, c.length() - 1));
        }
        if (r.location() != null) {
            out.println("at: " + r.location());
        }
        if (r.result() == Outcome.ERROR && !r.errors().isEmpty()) {
            out.println("TLC said:");
            r.errors().stream().limit(5).forEach(e -> e.lines().limit(25).forEach(l -> out.println("  " + l)));
        }
        if (r.trace() != null) {
            printTrace(r.trace(), out);
        }
        r.warnings().stream().limit(5).forEach(w -> out.println("warning: " + ToolOutput.oneLine(w)));
        if (appended != null) {
            if (appended.counterexample() != null) {
                out.println("counterexample: " + appended.counterexample());
            }
            out.println("record: " + log.file());
        }
    }

    private static void printTrace(Trace t, PrintStream out) {
        out.println("trace (" + t.size() + " states" + (t.loop() == null ? ""
                : ", then back to state " + t.loop() + " by " + t.loopActionLabel()) + "; after the first state,"
                + " only changed variables):");
        Map<String, Value> prev = null;
        int shown = 0;
        for (State s : t.states()) {
            if (shown++ >= MAX_PRINTED_STATES) {
                out.println("  ... " + (t.size() - MAX_PRINTED_STATES) + " more states (see the counterexample file)");
                break;
            }
            out.println("  " + s.index() + ": " + (s.actionLabel() == null ? "" : s.actionLabel()));
            for (Map.Entry<String, Value> e : s.vars().entrySet()) {
                if (prev == null || !e.getValue().equals(prev.get(e.getKey()))) {
                    String v = e.getValue().toTla();
                    out.println("      " + e.getKey() + " = " + (v.length() > 400 ? v.substring(0, 400) + "..." : v));
                }
            }
            prev = s.vars();
        }
    }

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }
}

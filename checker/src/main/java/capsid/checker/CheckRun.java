package capsid.checker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

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
     * How {@code capsid check} reports.
     *
     * @param json print the record as the last stdout line instead of a summary
     * @param verbose add TLC's own text (SANY's report, TLC's messages) to a summary of an error
     * @param log where to append the record ({@code null}: nowhere)
     * @param kernelMethod for trace labels: the kernel method implementing (module, action), or {@code null}
     */
    public record Settings(boolean json, boolean verbose, ProofsLog log,
                           BiFunction<String, String, String> kernelMethod) {
    }

    /**
     * Runs {@code capsid check}.
     *
     * @param request what to run ({@code simulate}/{@code depth} set for {@code --simulate})
     * @param json print the record as the last stdout line instead of a summary
     * @param log where to append the record ({@code null}: nowhere)
     * @param out standard output
     * @param err standard error (warnings, the heading and progress lines)
     */
    public static int run(TlcRequest request, boolean json, ProofsLog log, PrintStream out, PrintStream err) {
        return run(request, new Settings(json, false, log, null), out, err);
    }

    /**
     * Runs {@code capsid check}: the heading and progress lines go to {@code err};
     * {@code out} gets the summary (its first line the outcome, or for an error the
     * problem as {@code FILE:LINE:COL: KIND: message}) or, with {@code json}, the
     * record as its last line, whatever happened (a missing file included).
     */
    public static int run(TlcRequest request, Settings settings, PrintStream out, PrintStream err) {
        Objects.requireNonNull(request, "request");
        boolean json = settings.json();
        ProofsLog log = settings.log();
        String kind = request.simulate() != null ? "simulate" : "check";
        String problem = inputProblem(request);
        if (problem != null) {
            err.println("capsid check: " + problem);
            if (json) {
                ObjectNode o = JSON.createObjectNode();
                o.put("kind", kind);
                o.setAll(notStarted(request, problem).toJson(true));
                o.putNull("proofs_log");
                o.putNull("proofs_log_error");
                out.println(o.toString());
                out.flush();
            }
            return EXIT_ERROR;
        }
        String oneWorker = WorkerPolicy.oneWorkerReason(request);
        int workers = oneWorker != null ? 1 : request.workers();
        if (oneWorker != null && request.workers() > 1) {
            // the same note is in the record's warnings
            err.println("capsid check: note: " + WorkerPolicy.clampNote(request.workers(), oneWorker));
        }
        err.println("capsid check: " + request.spec() + " (model " + request.effectiveConfig().getFileName()
                + ", " + workers + " worker" + (workers == 1 ? "" : "s")
                + (request.simulate() != null ? ", simulation: " + request.simulate() + " traces of depth "
                + (request.depth() == null ? 100 : request.depth()) : "") + ")");
        err.flush();
        ProgressListener listener = p -> {
            err.println(progressLine(p));
            err.flush();
        };
        TlcResult result;
        if (request.simulate() != null) {
            int depth = request.depth() == null ? 100 : request.depth();
            result = Tlc.simulate(request, request.simulate(), depth, listener).result();
        } else {
            result = Tlc.check(request, listener);
        }
        ProofsLog.Appended appended = null;
        String logProblem = null;
        if (log != null) {
            try {
                appended = log.append(result, kind); // a log that is off writes nothing, but makes the record
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
            o.put("proofs_log", log == null || !log.enabled() ? null : log.file().toString());
            o.put("proofs_log_error", logProblem);
            try {
                out.println(JSON.writeValueAsString(o));
            } catch (JsonProcessingException e) {
                err.println("capsid check: cannot write the JSON record: " + e.getMessage());
                return EXIT_ERROR;
            }
        } else {
            summary(result, appended, log, settings, out);
        }
        out.flush();
        return exit;
    }

    /** The record of a run that never started: an error, with the request's files and nothing measured. */
    static TlcResult notStarted(TlcRequest r, String why) {
        return new TlcResult(Outcome.ERROR, why, null, null, null, null, 0, null, null,
                r.simulate() != null ? "simulate" : "bfs", r.spec().toString(), r.effectiveConfig().toString(),
                Map.of(), r.workers(), r.seed(), null, null, null, null, null, null, null, List.of(), List.of());
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
    public static String progressLine(TlcProgress p) {
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

    private static void summary(TlcResult r, ProofsLog.Appended appended, ProofsLog log, Settings settings,
                                PrintStream out) {
        if (r.result() == Outcome.ERROR) {
            out.println(problemLine(r));
            out.println("result: ERROR");
        } else {
            out.println("result: " + switch (r.result()) {
                case VIOLATION -> "VIOLATION: " + (r.propertyKind() == null ? "" : r.propertyKind() + " ")
                        + r.property() + " violated";
                case DEADLOCK -> "DEADLOCK reached";
                case LIVENESS -> "LIVENESS: temporal properties violated"
                        + (r.property() == null ? "" : " (" + r.property() + ")");
                default -> "PASS";
            });
            if (r.reason() != null) {
                out.println("  " + r.reason());
            }
        }
        if (r.generatedStates() != null) {
            StringBuilder s = new StringBuilder("states: ");
            s.append(n(r.generatedStates())).append(" generated");
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
        }
        out.println("TLC " + (r.tlcVersion() == null ? "?" : r.tlcVersion()) + ", " + r.workers() + " worker"
                + (r.workers() == 1 ? "" : "s") + (r.seed() == null ? "" : ", seed " + r.seed())
                + (r.commit() == null ? ", no commit" : ", commit " + r.commit().substring(0, 12)
                + (Boolean.TRUE.equals(r.dirty()) ? " (dirty: a module or the model differs from it)" : ""))
                + (r.exitCode() == null ? "" : ", exit " + r.exitCode())
                + (r.generatedStates() == null ? String.format(Locale.ROOT, "; %.1f s", r.seconds()) : ""));
        if (!r.constants().isEmpty()) {
            StringBuilder c = new StringBuilder("constants:");
            r.constants().forEach((k, v) -> c.append(' ').append(k).append(v.startsWith("<-") ? " " : " = ")
                    .append(v).append(';'));
            out.println(c.substring(0, c.length() - 1));
        }
        if (settings.verbose() && !r.errors().isEmpty()) {
            out.println("TLC said:");
            r.errors().forEach(e -> e.lines().forEach(l -> out.println("  " + l)));
        }
        if (r.trace() != null) {
            TraceText.lines(r.trace(), style(r, settings)).forEach(out::println);
        }
        r.warnings().stream().limit(5).forEach(w -> out.println("warning: " + ToolOutput.oneLine(w)));
        if (appended != null && log.enabled()) {
            if (appended.counterexample() != null) {
                out.println("counterexample: " + TraceText.shortPath(appended.counterexample().toString()));
            }
            out.println("record: " + TraceText.shortPath(log.file().toString()));
        }
    }

    /**
     * The first line of an error's summary: {@code FILE:LINE:COL: KIND: message} with
     * the file as short as the working directory allows, or {@code error: REASON}
     * when the problem has no place in a file (a timeout, a crash).
     */
    static String problemLine(TlcResult r) {
        String reason = r.reason();
        SourceLocation l = r.location();
        if (l != null && reason.startsWith(l.toString())) {
            return TraceText.shortPath(l.file()) + ":" + l.line() + ":" + l.column()
                    + reason.substring(l.toString().length());
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\S+\\.(?:tla|cfg)): ").matcher(reason);
        if (m.find()) {
            return TraceText.shortPath(m.group(1)) + reason.substring(m.end(1));
        }
        return "error: " + reason;
    }

    /** How this run's trace is shown: module files as SANY read them, kernel methods as the settings know. */
    static TraceText.Style style(TlcResult r, Settings settings) {
        Map<String, String> files = new LinkedHashMap<>();
        for (ModuleFile m : r.modules()) {
            if (!m.standard()) {
                files.put(m.module(), TraceText.shortPath(m.file()));
            }
        }
        return new TraceText.Style(false, MAX_PRINTED_STATES, files::get, settings.kernelMethod());
    }

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }
}

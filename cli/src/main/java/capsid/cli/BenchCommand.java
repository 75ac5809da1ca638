package capsid.cli;

import capsid.bench.BenchException;
import capsid.bench.Figure;
import capsid.bench.Headline;
import capsid.bench.Settings;
import capsid.checker.ProofsLog;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code capsid bench [--quick] [--json]}: the headline figures (ABI.md section 5).
 * Runs the JMH benchmarks and in-process measurements of every registered figure
 * ({@link capsid.bench.Figures}) and prints one table: figure, value, unit,
 * target, whether it is met, and how it was measured. Progress goes to stderr.
 *
 * <p>With {@code --json} the last stdout line is one JSON object mapping each
 * figure name to {@code {"value": ..., "unit": ...}}.
 *
 * <p>Every run appends a {@code bench} record ({@link RecordOptions}; the schema in
 * docs/proofs-log.md): each figure's value, unit, target and whether it is met, so
 * that the figures can be plotted over commits.
 *
 * <p>Exit status: 0 when every figure was measured (whether or not it meets its
 * target: figures are reported, never asserted), 2 when a measurement failed.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure the headline figures: syscalls per second, fork with namespace flags "
                + "relative to plain fork, memory per process and per pid namespace.",
            "Runs JMH benchmarks in forked JVMs (a few minutes; --quick: well under a minute)."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "Fewer and shorter iterations, rougher figures (default: the full "
            + "settings).")
    boolean quick;

    @Option(names = "--json", description = "Also print the figures as one JSON object on the last line (default: "
            + "the table only).")
    boolean json;

    @Mixin
    RecordOptions records;

    @Override
    public Integer call() {
        if (records.problem() != null) {
            return JsonError.flag("bench", records.problem(), json);
        }
        Settings settings = quick ? Settings.QUICK : Settings.FULL;
        ProofsLog log = records.open("bench", null, System.err);
        List<Figure> figures;
        long t0 = System.nanoTime();
        try (Heartbeat hb = Heartbeat.watch("bench")) {
            figures = Headline.run(settings, System.err);
        } catch (BenchException e) {
            append(log, record(settings, List.of(), e.getMessage(), (System.nanoTime() - t0) / 1e9));
            return JsonError.flag("bench", e.getMessage(), json);
        }
        append(log, record(settings, figures, null, (System.nanoTime() - t0) / 1e9));
        PrintStream out = System.out;
        out.println(Headline.header(settings));
        out.print(Headline.table(figures));
        if (json) {
            try {
                out.println(toJson(figures));
            } catch (JsonProcessingException e) {
                System.err.println("capsid bench: cannot write JSON: " + e.getMessage());
                return 2;
            }
        }
        out.flush();
        return 0;
    }

    private static void append(ProofsLog log, ObjectNode rec) {
        try {
            log.append("bench", rec);
        } catch (IOException | RuntimeException e) {
            System.err.println("capsid bench: cannot append to " + log.file() + ": " + e.getMessage());
        }
    }

    /**
     * The {@code bench} record: {@code result} ({@code pass} when every figure was
     * measured, {@code error} otherwise, with the {@code reason}), the settings, the
     * seconds, and {@code figures}: name to value, unit, target ({@code ">= 1000"},
     * or null) and {@code met}.
     */
    static ObjectNode record(Settings settings, List<Figure> figures, String error, double seconds) {
        ObjectNode rec = new ObjectMapper().createObjectNode();
        rec.put("result", error == null ? "pass" : "error");
        rec.put("reason", error);
        rec.put("settings", settings.name());
        rec.put("seconds", Math.round(seconds * 10) / 10.0);
        ObjectNode fs = rec.putObject("figures");
        for (Figure f : figures) {
            ObjectNode o = fs.putObject(f.name());
            if (f.decimals() == 0) {
                o.put("value", f.rounded().longValueExact());
            } else {
                o.put("value", f.rounded());
            }
            o.put("unit", f.unit());
            o.put("target", f.target() == null ? null : f.target().render(f.decimals()));
            o.put("met", f.target() == null ? null : (Boolean) f.met());
        }
        return rec;
    }

    /** The figures as one JSON object: name to {@code {"value": number, "unit": string}}, in table order. */
    static String toJson(List<Figure> figures) throws JsonProcessingException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        for (Figure f : figures) {
            ObjectNode o = root.putObject(f.name());
            if (f.decimals() == 0) {
                o.put("value", f.rounded().longValueExact());
            } else {
                o.put("value", f.rounded());
            }
            o.put("unit", f.unit());
        }
        return mapper.writeValueAsString(root);
    }
}

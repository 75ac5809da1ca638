package capsid.cli;

import capsid.bench.BenchException;
import capsid.bench.Figure;
import capsid.bench.Headline;
import capsid.bench.Settings;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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
 * <p>Exit status: 0 when every figure was measured (whether or not it meets its
 * target: figures are reported, never asserted), 2 when a measurement failed.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure the headline figures: syscalls per second, fork with namespace flags "
                + "relative to plain fork, memory per process and per pid namespace.",
            "Runs JMH benchmarks in forked JVMs (a few minutes; --quick: well under a minute)."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "Fewer and shorter iterations (rougher figures).")
    boolean quick;

    @Option(names = "--json", description = "Also print the figures as one JSON object on the last line.")
    boolean json;

    @Override
    public Integer call() {
        Settings settings = quick ? Settings.QUICK : Settings.FULL;
        List<Figure> figures;
        try {
            figures = Headline.run(settings, System.err);
        } catch (BenchException e) {
            System.err.println("capsid bench: " + e.getMessage());
            return 2;
        }
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

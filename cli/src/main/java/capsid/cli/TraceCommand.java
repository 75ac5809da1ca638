package capsid.cli;

import capsid.checker.Itf;
import capsid.checker.Trace;
import capsid.checker.TraceText;
import capsid.checker.value.ItfFormatException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code capsid trace FILE.itf.json [--full]} (docs/abi.md, the command line):
 * re-displays a stored counterexample, as {@code capsid check} showed it: each step
 * headed by {@code FILE:LINE:COL Action} and, for Capsid's own specs, the kernel
 * method; the first state whole, then what changed, one line per changed leaf; with
 * {@code --full} every variable of every state. Exit 0, or 2 when the file is missing
 * or is no ITF trace (the message names the file and where in it).
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Print a stored counterexample (an ITF trace, e.g. under proofs-log/counterexamples/) "
                + "step by step.")
public final class TraceCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE.itf.json", description = "The trace to show.")
    Path file;

    @Option(names = "--full", description = "Every variable of every state (default: the first state whole, then "
            + "only what changed).")
    boolean full;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        if (!Files.isRegularFile(file)) {
            return JsonError.flag("trace", file + ": " + (Files.isDirectory(file) ? "is a directory, not a trace file"
                    : "no such file"), false);
        }
        Trace trace;
        Map<String, JsonNode> meta;
        try {
            trace = Itf.read(file);
            meta = Itf.meta(file);
        } catch (ItfFormatException e) {
            return JsonError.flag("trace", e.getMessage(), false);
        } catch (IOException e) {
            return JsonError.flag("trace", file + ": cannot read: " + e.getMessage(), false);
        }
        out.println(heading(meta));
        TraceText.Style style = new TraceText.Style(full, Integer.MAX_VALUE, moduleFiles(meta),
                SpecActions.kernelMethods());
        TraceText.lines(trace, style).forEach(out::println);
        out.flush();
        return 0;
    }

    private String heading(Map<String, JsonNode> meta) {
        StringBuilder b = new StringBuilder(file.toString()).append(':');
        String result = text(meta, "result");
        if (result != null) {
            b.append(' ').append(result);
            String prop = text(meta, "property");
            if (prop != null) {
                String kind = text(meta, "property_kind");
                b.append(" of ").append(kind == null ? "" : kind + " ").append(prop);
            }
        }
        String source = text(meta, "source");
        if (source != null) {
            b.append(" in ").append(source);
            String model = text(meta, "model");
            if (model != null) {
                b.append(" (model ").append(model).append(')');
            }
        }
        String reason = text(meta, "reason");
        if (reason != null) {
            b.append("\n  ").append(reason);
        }
        StringBuilder how = new StringBuilder();
        String tlc = text(meta, "tlc_version");
        if (tlc != null) {
            how.append("TLC ").append(tlc);
        }
        String commit = text(meta, "commit");
        if (commit != null) {
            how.append(how.isEmpty() ? "" : ", ").append("commit ").append(commit, 0, Math.min(12, commit.length()));
            if (meta.containsKey("dirty") && meta.get("dirty").asBoolean(false)) {
                how.append(" (dirty)");
            }
        }
        String ts = text(meta, "timestamp");
        if (ts != null) {
            how.append(how.isEmpty() ? "" : ", ").append(ts);
        }
        return how.isEmpty() ? b.toString() : b + "\n" + how;
    }

    /**
     * The files of the trace's modules, as short as the working directory allows: the
     * trace's {@code modules} map, else the source's siblings. Paths in a stored
     * trace are relative to the directory that holds {@code proofs-log/}.
     */
    private Function<String, String> moduleFiles(Map<String, JsonNode> meta) {
        Map<String, String> known = new HashMap<>();
        Path base = baseDir();
        JsonNode mods = meta.get("modules");
        if (mods != null && mods.isObject()) {
            mods.properties().forEach(e -> known.put(e.getKey(), TraceText.shortPath(base.resolve(e.getValue()
                    .asText()).toString())));
        }
        String source = text(meta, "source");
        Path dir = source == null ? null : base.resolve(source).getParent();
        return module -> {
            String f = known.get(module);
            if (f == null && dir != null) {
                Path sibling = dir.resolve(module + ".tla");
                f = Files.isRegularFile(sibling) ? TraceText.shortPath(sibling.toString()) : null;
            }
            return f;
        };
    }

    /** Where relative paths of the trace start: above proofs-log/ when the file is in it, else the project root. */
    private Path baseDir() {
        Path abs = file.toAbsolutePath().normalize();
        for (Path d = abs.getParent(); d != null; d = d.getParent()) {
            if (d.getFileName() != null && d.getFileName().toString().equals("proofs-log") && d.getParent() != null) {
                return d.getParent();
            }
        }
        return Project.root();
    }

    private static String text(Map<String, JsonNode> meta, String key) {
        JsonNode n = meta.get(key);
        return n == null || n.isNull() ? null : n.asText();
    }
}

package capsid.cli;

import capsid.scenario.Outcome;
import capsid.scenario.ParsedScript;
import capsid.scenario.Parser;
import capsid.scenario.Report;
import capsid.scenario.ScenarioRunner;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code capsid run FILE...} (docs/abi.md; the script format in scenarios/README.md):
 * runs each scenario script against a fresh kernel and prints one line per step, a
 * {@code # FILE} header before each file when there are several, and a final {@code
 * N passed, N failed} line totalling every file. A directory stands for its {@code
 * *.csc} files, in name order. Every file is read and parsed before any runs: a
 * missing, unreadable or empty file (no step) is an error, exit 2, and nothing runs.
 * Otherwise exit 0 only when nothing failed, 1 when something did. {@code --tap}
 * prints TAP 14 instead, {@code --json} one JSON object per step and a summary object
 * as the last line.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run scenario scripts (*.csc, or directories of them): one line per step, then "
                + "'N passed, N failed'. Exit 0 all passed, 1 a step failed, 2 a file is missing, unreadable or empty.")
public final class RunCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scenario scripts, or directories whose *.csc "
            + "files run in name order; all run in the order given.")
    List<Path> files;

    @Option(names = "--tap", description = "TAP 14 output, one test point per step (default: capsid's own lines).")
    boolean tap;

    @Option(names = "--json", description = "One JSON object per step, then a summary object as the last line "
            + "(default: capsid's own lines).")
    boolean json;

    @Option(names = "--event-log", paramLabel = "DIR", description = "Write the event log and the call log of each "
            + "boot into DIR: NAME.N.events.jsonl, NAME.N.calls.jsonl (docs/event-log.md; default: none).")
    Path eventLogDir;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Runs every file; returns 0 when nothing failed, 1 when a step failed, 2 when a
     * file cannot run or --event-log could not write its logs.
     */
    @Override
    public Integer call() {
        PrintStream out = System.out;
        if (tap && json) {
            return JsonError.flag("run", "--tap and --json exclude each other", true);
        }
        List<ParsedScript> scripts = new ArrayList<>();
        String problem = read(scripts);
        if (problem != null) {
            if (tap) {
                out.println("TAP version 14");
                out.println("Bail out! " + problem);
            }
            return JsonError.flag("run", problem, json);
        }
        ScenarioLogs logs = null;
        List<String> logProblems = new ArrayList<>();
        if (eventLogDir != null) {
            try {
                logs = ScenarioLogs.into(eventLogDir, scripts.stream().map(p -> Path.of(p.file())).toList());
            } catch (IOException | RuntimeException e) {
                return JsonError.flag("run", "--event-log " + eventLogDir + ": " + e.getMessage(), json);
            }
        }
        int passed = 0;
        int failed = 0;
        int number = 0;
        if (tap) {
            out.println("TAP version 14");
        }
        for (ParsedScript script : scripts) {
            if (scripts.size() > 1 && !tap && !json) {
                out.println("# " + script.file());
            }
            Report report = logs == null ? ScenarioRunner.run(script) : logs.run(script, logProblems);
            if (tap) {
                for (Outcome o : report.outcomes()) {
                    tapLine(out, ++number, script.file(), o);
                }
            } else if (json) {
                report.outcomes().forEach(o -> out.println(jsonLine(script.file(), o)));
            } else {
                out.print(report.body());
            }
            passed += report.passed();
            failed += report.failed();
        }
        if (tap) {
            out.println("1.." + number);
            out.println("# " + Report.summary(passed, failed));
        } else if (json) {
            ObjectNode sum = JSON.createObjectNode();
            sum.put("result", failed == 0 ? "pass" : "fail").put("passed", passed).put("failed", failed)
                    .put("files", scripts.size());
            out.println(sum);
        } else {
            out.println(Report.summary(passed, failed));
        }
        out.flush();
        logProblems.forEach(p -> System.err.println("capsid run: " + p));
        return !logProblems.isEmpty() ? 2 : failed == 0 ? 0 : 1;
    }

    /** Reads and parses every file (directories expanded) into {@code into}; the first problem, or {@code null}. */
    private String read(List<ParsedScript> into) {
        List<Path> all = new ArrayList<>();
        for (Path f : files) {
            if (Files.isDirectory(f)) {
                List<Path> inDir;
                try (Stream<Path> s = Files.list(f)) {
                    inDir = s.filter(p -> p.getFileName().toString().endsWith(".csc") && Files.isRegularFile(p))
                            .sorted().toList();
                } catch (IOException e) {
                    return f + ": cannot list the directory: " + e.getMessage();
                }
                if (inDir.isEmpty()) {
                    return f + ": a directory with no *.csc file";
                }
                all.addAll(inDir);
            } else if (!Files.exists(f)) {
                return f + ": no such file";
            } else {
                all.add(f);
            }
        }
        for (Path f : all) {
            String text;
            try {
                text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            } catch (AccessDeniedException e) {
                return f + ": cannot read: permission denied";
            } catch (IOException e) {
                return f + ": cannot read: " + e.getMessage();
            }
            ParsedScript p = Parser.parse(f.toString(), text);
            if (p.script().steps().isEmpty() && p.errors().isEmpty()) {
                return f + ": no steps (" + (text.isBlank() ? "an empty file" : "only comments and blank lines") + ")";
            }
            into.add(p);
        }
        return null;
    }

    /** One TAP 14 test point; a failure carries a YAML block with the message and the place. */
    private static void tapLine(PrintStream out, int n, String file, Outcome o) {
        String what = (o.line() > 0 ? file + ":" + o.line() + ": " : file + ": ") + o.step();
        out.println((o.ok() ? "ok " : "not ok ") + n + " - " + escapeTap(what));
        if (!o.ok()) {
            out.println("  ---");
            out.println("  message: " + yaml(o.detail()));
            out.println("  severity: " + o.status().name().toLowerCase(Locale.ROOT));
            out.println("  at:");
            out.println("    file: " + yaml(file));
            out.println("    line: " + o.line());
            out.println("  ...");
        }
    }

    /** A TAP description: {@code #} and {@code \} escaped, one line. */
    private static String escapeTap(String s) {
        return s.replace("\\", "\\\\").replace("#", "\\#").replaceAll("[\\r\\n]", " ");
    }

    /** A YAML scalar: JSON's quoting, which YAML reads. */
    private static String yaml(String s) {
        return JSON.getNodeFactory().textNode(s).toString();
    }

    private static ObjectNode jsonLine(String file, Outcome o) {
        ObjectNode j = JSON.createObjectNode();
        j.put("file", file).put("line", o.line()).put("status", o.status().name().toLowerCase(Locale.ROOT))
                .put("step", o.step()).put("detail", o.detail()).put("result", o.result() == null ? null
                        : o.result().render());
        return j;
    }
}

package capsid.cli;

import capsid.scenario.Report;
import capsid.scenario.ScenarioRunner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code capsid run FILE...} (ABI.md section 5, contract in section 1): runs each
 * scenario script against a fresh kernel and prints one line per step, a {@code #
 * FILE} header before each file when there are several, and a final {@code N
 * passed, N failed} line totalling every file. Exit status 0 only when nothing
 * failed; an unreadable file is a failure and the other files still run.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run scenario scripts (*.csc): one line per step, then 'N passed, N failed'.")
public final class RunCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scenario scripts to run, in order.")
    List<Path> files;

    @Option(names = "--event-log", paramLabel = "DIR", description = "Write the event log and the call log of each "
            + "boot into DIR: NAME.N.events.jsonl, NAME.N.calls.jsonl (docs/event-log.md).")
    Path eventLogDir;

    /** Runs every file; returns 0 when nothing failed, else 1 (2: --event-log could not write its logs). */
    @Override
    public Integer call() {
        PrintStream out = System.out;
        ScenarioLogs logs = null;
        List<String> logProblems = new java.util.ArrayList<>();
        if (eventLogDir != null) {
            try {
                logs = ScenarioLogs.into(eventLogDir, files);
            } catch (java.io.IOException | RuntimeException e) {
                System.err.println("capsid run: --event-log " + eventLogDir + ": " + e.getMessage());
                return 2;
            }
        }
        int passed = 0;
        int failed = 0;
        for (Path file : files) {
            if (files.size() > 1) {
                out.println("# " + file);
            }
            Report report = logs == null ? ScenarioRunner.run(file) : logs.run(file, logProblems);
            out.print(report.body());
            passed += report.passed();
            failed += report.failed();
        }
        out.println(Report.summary(passed, failed));
        out.flush();
        logProblems.forEach(p -> System.err.println("capsid run: " + p));
        return !logProblems.isEmpty() ? 2 : failed == 0 ? 0 : 1;
    }
}

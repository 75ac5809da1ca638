package capsid.cli;

import capsid.scenario.Report;
import capsid.scenario.ScenarioRunner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

    /** Runs every file; returns 0 when nothing failed, else 1. */
    @Override
    public Integer call() {
        PrintStream out = System.out;
        int passed = 0;
        int failed = 0;
        for (Path file : files) {
            if (files.size() > 1) {
                out.println("# " + file);
            }
            Report report = ScenarioRunner.run(file);
            out.print(report.body());
            passed += report.passed();
            failed += report.failed();
        }
        out.println(Report.summary(passed, failed));
        out.flush();
        return failed == 0 ? 0 : 1;
    }
}

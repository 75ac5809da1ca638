package capsid.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code capsid}: the command line (ABI.md section 5). */
@Command(name = "capsid", mixinStandardHelpOptions = true, version = "capsid 0.1.0",
        description = "Capsid: a formally specified container kernel.",
        subcommands = {RunCommand.class, VerifyCommand.class, CheckCommand.class, RefineCommand.class, BenchCommand.class,
            FuzzCommand.class, CoverageCommand.class, ValidateCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (tests call {@code execute} on it). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }
}

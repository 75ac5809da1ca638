package capsid.cli;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code capsid}: the command line (docs/abi.md, the command line). */
@Command(name = "capsid", mixinStandardHelpOptions = true, version = "capsid 0.1.0",
        description = "Capsid: a formally specified container kernel.",
        subcommands = {RunCommand.class, VerifyCommand.class, CheckCommand.class, RefineCommand.class, BenchCommand.class,
            FuzzCommand.class, CoverageCommand.class, TraceCommand.class, DocsCommand.class, CheckWorkerCommand.class,
            ValidateCommand.class, AlloyCommand.class})
public final class Main implements Runnable {
    private static final Pattern NOT_A_NUMBER = Pattern.compile(
            "Invalid value for option '(--[\\w-]+)': '(.*)' is not an? (int|long|double)");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The configured command line (tests call {@code execute} on it): it remembers
     * the arguments for the run records, and reports flag errors the one way
     * ({@link JsonError}), naming the command and pointing at its {@code --help}.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionStrategy(pr -> {
            Invocation.set(pr.originalArgs().toArray(new String[0]));
            return new CommandLine.RunLast().execute(pr);
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            String name = c.getCommandSpec().qualifiedName(" ").replaceFirst("^capsid ?", "");
            boolean json = List.of(args).contains("--json");
            String msg = ex.getMessage();
            Matcher m = NOT_A_NUMBER.matcher(msg);
            if (m.find()) {
                msg = m.group(1) + " must be a " + (m.group(3).equals("double") ? "number" : "whole number")
                        + " (was '" + m.group(2) + "')";
            }
            JsonError.flag(name.isEmpty() ? "" : name, msg + " (capsid " + (name.isEmpty() ? "" : name + " ")
                    + "--help lists the options)", json);
            return 2;
        });
        return cl;
    }
}

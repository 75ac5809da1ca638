package capsid.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code capsid run}: placeholder until its implementation lands. */
@Command(name = "run", description = "Not implemented yet.")
public final class RunCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("capsid run: not implemented yet");
        return 2;
    }
}

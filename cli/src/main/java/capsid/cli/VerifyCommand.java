package capsid.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code capsid verify}: placeholder until its implementation lands. */
@Command(name = "verify", description = "Not implemented yet.")
public final class VerifyCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("capsid verify: not implemented yet");
        return 2;
    }
}

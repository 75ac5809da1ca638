package capsid.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code capsid bench}: placeholder until its implementation lands. */
@Command(name = "bench", description = "Not implemented yet.")
public final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("capsid bench: not implemented yet");
        return 2;
    }
}

package capsid.cli;

import capsid.checker.Tlc;
import capsid.checker.TlcChild;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code capsid check-worker HOST:PORT [--threads N]}: a worker of TLC's distributed
 * mode ({@code tlc2.tool.distributed.TLCWorker}) for the server that {@code capsid
 * check --distributed --server-port PORT} runs on HOST, as a child JVM whose output
 * this command passes through. It waits for the server to come up, computes states
 * until the server is done, and exits with the worker's exit code (docs/scaling.md).
 */
@Command(name = "check-worker", mixinStandardHelpOptions = true,
        description = "Be a worker of a distributed TLC run (capsid check --distributed on HOST, port PORT): TLC's "
                + "TLCWorker as a child JVM, until the server is done. Exit 0 when the server finished, 2 on an error.")
public final class CheckWorkerCommand implements Callable<Integer> {
    private static final Pattern SERVER = Pattern.compile("^(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+):([0-9]{1,5})$");

    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "The server: its host name or address and "
            + "the port given to capsid check --server-port.")
    String server;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: TLC's, the number of "
            + "cores).")
    Integer threads;

    @Override
    public Integer call() {
        Matcher m = SERVER.matcher(server);
        int port = m.matches() ? Integer.parseInt(m.group(2)) : -1;
        if (port < 1 || port > 65535) {
            return JsonError.flag("check-worker", "HOST:PORT must be a host and a port 1..65535, as in "
                    + "localhost:10997 (was '" + server + "')", false);
        }
        String bad = threads == null ? null : Opts.atLeast("--threads", threads, 1);
        if (bad != null) {
            return JsonError.flag("check-worker", bad, false);
        }
        List<String> cmd = new java.util.ArrayList<>(List.of(Tlc.javaExecutable(), "-XX:+UseParallelGC",
                "-D" + TlcChild.PORT_PROPERTY + "=" + port));
        if (threads != null) {
            cmd.add("-Dtlc2.tool.distributed.TLCWorker.threadCount=" + threads);
        }
        cmd.addAll(List.of("-cp", Tlc.childClassPath(), TlcChild.class.getName(), "0", TlcChild.WORKER,
                m.group(1).replace("[", "").replace("]", "")));
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroy, "capsid-check-worker-stop"));
            int exit = p.waitFor();
            return exit == 0 ? 0 : 2;
        } catch (IOException e) {
            return JsonError.flag("check-worker", "cannot start the TLC worker: " + e.getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }
}

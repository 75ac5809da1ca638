package capsid.cli;

import capsid.checker.CheckRun;
import capsid.checker.ProofsLog;
import capsid.checker.TlcChild;
import capsid.checker.TlcRequest;
import capsid.checker.WorkerPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code capsid check SPEC.tla [--config CFG] [--workers N] [--depth D] [--simulate N]
 * [--json] [--verbose] [--log DIR | --no-log]} (docs/abi.md, the command line): TLC
 * on SPEC as a child process, a progress line on stderr every few seconds, then a
 * readable summary whose first line is the outcome or, for an error, {@code
 * FILE:LINE:COL: KIND: message}; with {@code --json} the last stdout line is the
 * JSON record, whatever happened. The record goes where {@link RecordOptions} says.
 * Exit 0 pass, 1 a property failed (violation, deadlock, liveness), 2 error. The
 * work is {@link CheckRun}'s; this class parses and checks the flags.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Model-check a TLA+ spec with TLC (a child process) and record the run (see --log). "
                + "Exit 0 pass, 1 violation/deadlock/liveness, 2 error.")
public final class CheckCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SPEC.tla", description = "The spec to check.")
    Path spec;

    @Option(names = "--config", paramLabel = "CFG", description = "Model file (default: SPEC.cfg next to the spec).")
    Path config;

    @Option(names = "--workers", paramLabel = "N", description = "TLC worker threads (default: ${DEFAULT-VALUE}).")
    int workers = 1;

    @Option(names = "--simulate", paramLabel = "N", description = "Random simulation of N traces instead of "
            + "breadth-first model checking (default: model checking).")
    Integer simulate;

    @Option(names = "--depth", paramLabel = "D", description = "Length of each simulated trace (with --simulate; "
            + "default 100).")
    Integer depth;

    @Option(names = "--json", description = "Print the record as one JSON object on the last stdout line, errors "
            + "included (default: a readable summary).")
    boolean json;

    @Option(names = "--verbose", description = "After an error's one-line summary, what TLC and SANY said in full "
            + "(default: the summary only).")
    boolean verbose;

    @Mixin
    RecordOptions records;

    @Option(names = "--seed", paramLabel = "S", description = "TLC's seed (default: TLC picks one; the record says which).")
    Long seed;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Kill TLC after this many seconds, the "
            + "result then an error (default: no limit).")
    Long timeout;

    @Option(names = "--no-deadlock", description = "Do not report states without successors (TLC's -deadlock; "
            + "default: a deadlock is a failure).")
    boolean noDeadlock;

    @Option(names = "--max-heap", paramLabel = "MB", description = "Maximum heap of the TLC child JVM in MiB "
            + "(default: the JVM's own choice).")
    Integer maxHeap;

    @Option(names = "--distributed", description = "Run TLC's distributed mode: this process is the server "
            + "(tlc2.tool.distributed.TLCServer) and `capsid check-worker HOST:PORT` processes, here or on other "
            + "hosts, compute the states; safety only, and TLC does not report deadlocks in this mode, so it needs "
            + "--no-deadlock; liveness models are refused (docs/scaling.md; default: an ordinary run).")
    boolean distributed;

    @Option(names = "--server-port", paramLabel = "P", description = "With --distributed: the port the server "
            + "listens on for workers (default: ${DEFAULT-VALUE}, TLC's).")
    int serverPort = 10997;

    @Option(names = "--progress", paramLabel = "SECONDS", description = "Seconds between progress lines "
            + "(default: ${DEFAULT-VALUE}).")
    long progressSeconds = 5;

    @Override
    public Integer call() {
        String bad = flagProblem();
        if (bad != null) {
            return JsonError.flag("check", bad, json);
        }
        TlcRequest request;
        try {
            request = TlcRequest.of(spec).withConfig(config).withWorkers(workers).withCheckDeadlock(!noDeadlock)
                    .withSeed(seed).withMaxHeapMb(maxHeap)
                    .withTimeout(timeout == null ? null : Duration.ofSeconds(timeout))
                    .withProgressInterval(Duration.ofSeconds(progressSeconds));
            if (simulate != null) {
                request = request.withSimulation(simulate, depth);
            }
            if (distributed) {
                String live = WorkerPolicy.oneWorkerReason(request);
                if (live != null) {
                    return JsonError.flag("check", "--distributed: " + request.effectiveConfig() + " cannot be "
                            + "checked by distributed TLC, which checks safety only (" + live + ")", json);
                }
                request = request.withServerPort(serverPort);
                System.err.println("capsid check: TLC server on port " + serverPort + "; start workers with "
                        + "`capsid check-worker HOST:" + serverPort + "` (deadlocks are not reported in this mode)");
            }
        } catch (IllegalArgumentException e) {
            return JsonError.flag("check", e.getMessage(), json);
        }
        ProofsLog log = records.open("check", spec, System.err);
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> stopTlcAndWait(done), "capsid-check-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return CheckRun.run(request, new CheckRun.Settings(json, verbose, log, SpecActions.kernelMethods()),
                    System.out, System.err);
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running and waits for us
            }
        }
    }

    /** The first bad flag, named, or {@code null}. */
    private String flagProblem() {
        return Opts.first(Opts.atLeast("--workers", workers, 1),
                simulate == null ? null : Opts.atLeast("--simulate", simulate, 1),
                depth == null ? null : Opts.atLeast("--depth", depth, 1),
                Opts.needs(depth != null && simulate == null, "--depth", "--simulate N", "it is the length of "
                        + "each simulated trace"),
                timeout == null ? null : Opts.atLeast("--timeout", timeout, 1),
                Opts.atLeast("--progress", progressSeconds, 1),
                maxHeap == null ? null : Opts.atLeast("--max-heap", maxHeap, 64),
                Opts.needs(serverPort != 10997 && !distributed, "--server-port", "--distributed", "it is the "
                        + "distributed server's port"),
                distributed && simulate != null ? "--distributed does breadth-first model checking only, not "
                        + "--simulate" : null,
                distributed && !noDeadlock ? "--distributed needs --no-deadlock: distributed TLC does not report "
                        + "deadlocks (tlaplus/tlaplus#752), so a model that relies on deadlock checking cannot be "
                        + "checked this way; --no-deadlock says this one does not" : null,
                distributed ? Opts.atLeast("--server-port", serverPort, 1) : null,
                records.problem(),
                spec.getFileName().toString().endsWith(".tla") ? null
                        : "SPEC.tla must be a .tla file (was " + spec + ")");
    }

    /**
     * On Ctrl-C or SIGTERM: stop the TLC child (the run then ends as an error,
     * "killed by signal", and its record is appended), and give the run a few seconds
     * to write that record before the JVM exits.
     */
    private static void stopTlcAndWait(CountDownLatch done) {
        List<ProcessHandle> children = ProcessHandle.current().descendants()
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(TlcChild.class.getName()))
                        .orElse(false))
                .toList();
        children.forEach(ProcessHandle::destroy);
        try {
            done.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }
}

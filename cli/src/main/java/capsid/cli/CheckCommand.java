package capsid.cli;

import capsid.checker.CheckRun;
import capsid.checker.ProofsLog;
import capsid.checker.TlcChild;
import capsid.checker.TlcRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code capsid check SPEC.tla [--config CFG] [--workers N] [--depth D] [--simulate N]
 * [--json]} (ABI.md section 5): TLC on SPEC as a child process. Without
 * {@code --json} a progress line every few seconds and a readable summary; with it
 * the last stdout line is the JSON record. Every run appends the record to
 * {@code proofs-log/runs.jsonl} of the project root. Exit 0 pass, 1 a property failed
 * (violation, deadlock, liveness), 2 error. The work is {@link CheckRun}'s; this class
 * parses and checks the flags.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Model-check a TLA+ spec with TLC (a child process); append the record to proofs-log/runs.jsonl. "
                + "Exit 0 pass, 1 violation/deadlock/liveness, 2 error.")
public final class CheckCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SPEC.tla", description = "The spec to check.")
    Path spec;

    @Option(names = "--config", paramLabel = "CFG", description = "Model file (default: SPEC.cfg next to the spec).")
    Path config;

    @Option(names = "--workers", paramLabel = "N", description = "TLC worker threads (default: ${DEFAULT-VALUE}).")
    int workers = 1;

    @Option(names = "--simulate", paramLabel = "N", description = "Random simulation of N traces instead of "
            + "breadth-first model checking.")
    Integer simulate;

    @Option(names = "--depth", paramLabel = "D", description = "Length of each simulated trace (with --simulate; "
            + "default 100).")
    Integer depth;

    @Option(names = "--json", description = "Print the record as one JSON object on the last stdout line.")
    boolean json;

    @Option(names = "--seed", paramLabel = "S", description = "TLC's seed (default: TLC picks one; the record says which).")
    Long seed;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Kill TLC after this many seconds "
            + "(result: error). Default: no limit.")
    Long timeout;

    @Option(names = "--no-deadlock", description = "Do not report states without successors (TLC's -deadlock).")
    boolean noDeadlock;

    @Option(names = "--max-heap", paramLabel = "MB", description = "Maximum heap of the TLC child JVM in MiB.")
    Integer maxHeap;

    @Option(names = "--progress", paramLabel = "SECONDS", description = "Seconds between progress lines "
            + "(default: ${DEFAULT-VALUE}).")
    long progressSeconds = 5;

    @Override
    public Integer call() {
        String bad = flagProblem();
        if (bad != null) {
            System.err.println("capsid check: " + bad);
            return CheckRun.EXIT_ERROR;
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
        } catch (IllegalArgumentException e) {
            System.err.println("capsid check: " + e.getMessage());
            return CheckRun.EXIT_ERROR;
        }
        ProofsLog log = new ProofsLog(Project.root().resolve("proofs-log"));
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> stopTlcAndWait(done), "capsid-check-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return CheckRun.run(request, json, log, System.out, System.err);
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
        if (workers < 1) {
            return "--workers must be at least 1 (was " + workers + ")";
        }
        if (simulate != null && simulate < 1) {
            return "--simulate must be at least 1 (was " + simulate + ")";
        }
        if (depth != null && depth < 1) {
            return "--depth must be at least 1 (was " + depth + ")";
        }
        if (depth != null && simulate == null) {
            return "--depth applies to simulation only; add --simulate N";
        }
        if (timeout != null && timeout < 1) {
            return "--timeout must be at least 1 second (was " + timeout + ")";
        }
        if (progressSeconds < 1) {
            return "--progress must be at least 1 second (was " + progressSeconds + ")";
        }
        if (maxHeap != null && maxHeap < 64) {
            return "--max-heap must be at least 64 MiB (was " + maxHeap + ")";
        }
        if (!spec.getFileName().toString().endsWith(".tla")) {
            return "SPEC must be a .tla file (was " + spec + ")";
        }
        return null;
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

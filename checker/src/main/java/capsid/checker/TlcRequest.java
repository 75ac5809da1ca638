package capsid.checker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * One TLC run, as data. Build with {@link #of(Path)} and the {@code with...}
 * methods; every value is checked when the request is made (an
 * {@link IllegalArgumentException} names the option), so {@link Tlc} never starts a
 * run it cannot describe.
 *
 * @param spec the {@code .tla} file
 * @param config the model file; {@code null} means {@code SPEC.cfg} next to the spec
 * @param workers TLC worker threads ({@code -workers}), at least 1
 * @param checkDeadlock whether a state without successors is a failure (TLC's {@code -deadlock}
 *     flag turns this OFF; Capsid passes it when this is {@code false})
 * @param seed TLC's {@code -seed}, or {@code null} for TLC's random choice
 * @param simulate number of random traces ({@code -simulate num=N}); {@code null} for
 *     breadth-first model checking
 * @param depth length of each simulated trace ({@code -depth}); only with {@code simulate}
 * @param traceDir where {@code -simulate file=DIR/trace} writes its trace files; {@code null}
 *     for a temporary directory removed after the run
 * @param dumpDot file for {@code -dump dot,actionlabels} (the state graph), or {@code null}
 * @param timeout wall-clock limit, after which the child is killed and the result is
 *     {@code error}; {@code null} for none
 * @param maxHeapMb the child JVM's {@code -Xmx} in MiB, or {@code null} for the JVM default
 * @param progressInterval how often a {@link ProgressListener} is called
 * @param oneWorker why this run must use one worker whatever {@code workers} says (e.g. {@code "trace
 *     validation"}), or {@code null}: then {@link WorkerPolicy} decides from the model (liveness
 *     models get one worker too)
 * @param serverPort run TLC's distributed mode instead: {@code tlc2.tool.distributed.TLCServer}
 *     listening on this port for {@code TLCWorker}s ({@code capsid check-worker}), or {@code null}
 *     for an ordinary run; safety only, no deadlock checking, no simulation or dump (docs/scaling.md)
 */
public record TlcRequest(Path spec, Path config, int workers, boolean checkDeadlock, Long seed, Integer simulate,
                         Integer depth, Path traceDir, Path dumpDot, Duration timeout, Integer maxHeapMb,
                         Duration progressInterval, String oneWorker, Integer serverPort) {

    /** Default interval between progress snapshots. */
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(5);

    public TlcRequest {
        Objects.requireNonNull(spec, "spec");
        spec = spec.toAbsolutePath().normalize();
        if (config != null) {
            config = config.toAbsolutePath().normalize();
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1 (was " + workers + ")");
        }
        if (simulate != null && simulate < 1) {
            throw new IllegalArgumentException("simulate (number of traces) must be at least 1 (was " + simulate + ")");
        }
        if (depth != null && depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1 (was " + depth + ")");
        }
        if (depth != null && simulate == null) {
            throw new IllegalArgumentException("depth applies to simulation only (TLC's -depth); set simulate too");
        }
        if (serverPort != null) {
            if (serverPort < 1 || serverPort > 65535) {
                throw new IllegalArgumentException("server port must be 1..65535 (was " + serverPort + ")");
            }
            if (simulate != null || dumpDot != null) {
                throw new IllegalArgumentException("distributed TLC (a server port) does breadth-first model "
                        + "checking only: no simulation, no state-graph dump");
            }
            if (checkDeadlock) {
                throw new IllegalArgumentException("distributed TLC does not report deadlocks "
                        + "(tlaplus/tlaplus#752): a distributed run must not check for them");
            }
        }
        if (traceDir != null && simulate == null) {
            throw new IllegalArgumentException("traceDir applies to simulation only; set simulate too");
        }
        if (traceDir != null) {
            traceDir = traceDir.toAbsolutePath().normalize();
        }
        if (dumpDot != null) {
            if (simulate != null) {
                throw new IllegalArgumentException("dumpDot (state graph) needs model checking, not simulation");
            }
            dumpDot = dumpDot.toAbsolutePath().normalize();
        }
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new IllegalArgumentException("timeout must be positive (was " + timeout + ")");
        }
        if (maxHeapMb != null && maxHeapMb < 64) {
            throw new IllegalArgumentException("maxHeapMb must be at least 64 (was " + maxHeapMb + ")");
        }
        if (progressInterval == null) {
            progressInterval = DEFAULT_PROGRESS_INTERVAL;
        }
        if (progressInterval.toMillis() < 100) {
            throw new IllegalArgumentException("progressInterval must be at least 100 ms (was " + progressInterval + ")");
        }
        if (oneWorker != null && oneWorker.isBlank()) {
            throw new IllegalArgumentException("oneWorker needs a reason (was blank)");
        }
    }

    /** Breadth-first model checking of {@code spec} with its default model, 1 worker, deadlock checked. */
    public static TlcRequest of(Path spec) {
        return new TlcRequest(spec, null, 1, true, null, null, null, null, null, null, null, null, null, null);
    }

    /** The model file TLC will read: {@link #config()} or {@code SPEC.cfg} next to the spec. */
    public Path effectiveConfig() {
        if (config != null) {
            return config;
        }
        String name = spec.getFileName().toString();
        String base = name.endsWith(".tla") ? name.substring(0, name.length() - 4) : name;
        return spec.resolveSibling(base + ".cfg");
    }

    /** With a model file. */
    public TlcRequest withConfig(Path cfg) {
        return new TlcRequest(spec, cfg, workers, checkDeadlock, seed, simulate, depth, traceDir, dumpDot, timeout,
                maxHeapMb, progressInterval, oneWorker, serverPort);
    }

    /** With a number of workers. */
    public TlcRequest withWorkers(int n) {
        return new TlcRequest(spec, config, n, checkDeadlock, seed, simulate, depth, traceDir, dumpDot, timeout,
                maxHeapMb, progressInterval, oneWorker, serverPort);
    }

    /** With deadlock checking on or off. */
    public TlcRequest withCheckDeadlock(boolean on) {
        return new TlcRequest(spec, config, workers, on, seed, simulate, depth, traceDir, dumpDot, timeout,
                maxHeapMb, progressInterval, oneWorker, serverPort);
    }

    /** With a seed. */
    public TlcRequest withSeed(Long s) {
        return new TlcRequest(spec, config, workers, checkDeadlock, s, simulate, depth, traceDir, dumpDot, timeout,
                maxHeapMb, progressInterval, oneWorker, serverPort);
    }

    /** Random simulation: {@code num} traces of at most {@code depth} states ({@code null}: TLC's default, 100). */
    public TlcRequest withSimulation(int num, Integer maxDepth) {
        return new TlcRequest(spec, config, workers, checkDeadlock, seed, num, maxDepth, traceDir, dumpDot, timeout,
                maxHeapMb, progressInterval, oneWorker, serverPort);
    }

    /** Where simulation trace files go (kept after the run). */
    public TlcRequest withTraceDir(Path dir) {
        return new TlcRequest(spec, config, workers, checkDeadlock, seed, simulate, depth, dir, dumpDot, timeout,
                maxHeapMb, progressInterval, oneWorker, serverPort);
    }

    /** With a state-graph dump to {@code file}. */
    public TlcRequest withDumpDot(Path file) {
        return new TlcRequest(spec, config, workers, checkDeadlock, seed, simulate, depth, traceDir, file, timeout,
                maxHeapMb, progressInterval, oneWorker, serverPort);
    }

    /** With a wall-clock limit. */
    public TlcRequest withTimeout(Duration t) {
        return new TlcRequest(spec, config, workers, checkDeadlock, seed, simulate, depth, traceDir, dumpDot, t,
                maxHeapMb, progressInterval, oneWorker, serverPort);
    }

    /** With the child's maximum heap. */
    public TlcRequest withMaxHeapMb(Integer mb) {
        return new TlcRequest(spec, config, workers, checkDeadlock, seed, simulate, depth, traceDir, dumpDot, timeout,
                mb, progressInterval, oneWorker, serverPort);
    }

    /** With a progress interval. */
    public TlcRequest withProgressInterval(Duration d) {
        return new TlcRequest(spec, config, workers, checkDeadlock, seed, simulate, depth, traceDir, dumpDot, timeout,
                maxHeapMb, d, oneWorker, serverPort);
    }

    /** As TLC's distributed server on {@code port} ({@code null}: an ordinary run); see {@link #serverPort()}. */
    public TlcRequest withServerPort(Integer port) {
        return new TlcRequest(spec, config, workers, checkDeadlock, seed, simulate, depth, traceDir, dumpDot, timeout,
                maxHeapMb, progressInterval, oneWorker, port);
    }

    /**
     * With one worker whatever {@link #workers()} says, for {@code reason} (say, trace
     * validation: TLC 2.18 has given bogus verdicts with several). Liveness models get
     * one worker without it ({@link WorkerPolicy}).
     */
    public TlcRequest withOneWorker(String reason) {
        return new TlcRequest(spec, config, workers, checkDeadlock, seed, simulate, depth, traceDir, dumpDot, timeout,
                maxHeapMb, progressInterval, reason, serverPort);
    }
}

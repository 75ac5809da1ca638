package capsid.bench;

import java.time.Duration;

/**
 * How long and how often {@code capsid bench} measures. JMH settings apply to
 * every benchmark the figures need; memory settings to the in-process heap
 * measurement.
 *
 * @param name                  {@code full}, {@code quick} or {@code smoke}
 * @param forks                 JMH forks per benchmark (0: in this JVM, for tests only)
 * @param warmupIterations      JMH warmup iterations per fork
 * @param warmupTime            length of one warmup iteration
 * @param measurementIterations JMH measurement iterations per fork
 * @param measurementTime       length of one measurement iteration
 * @param memoryKernels         kernels booted side by side for the memory figures
 * @param memoryProcesses       children of init per kernel (at most 32,766 fit: pids stop at 32,767, as Linux's pid_max)
 * @param memoryRepetitions     repetitions of the memory measurement; the median is reported
 */
public record Settings(String name, int forks, int warmupIterations, Duration warmupTime,
                       int measurementIterations, Duration measurementTime,
                       int memoryKernels, int memoryProcesses, int memoryRepetitions) {

    /**
     * {@code capsid bench}: 3 forks x (5 x 1 s warmup + 5 x 1 s measurement) per
     * benchmark (about 3 minutes); 5 x 100,000 processes.
     */
    public static final Settings FULL = new Settings("full", 3, 5, Duration.ofSeconds(1), 5,
            Duration.ofSeconds(1), 4, 25_000, 5);

    /**
     * {@code capsid bench --quick}: 1 fork x (3 x 1 s warmup + 3 x 0.5 s
     * measurement) per benchmark (about 30 seconds); 3 x 100,000 processes. The
     * warmup stays 3 s because the fork cycle needs that long to be compiled.
     */
    public static final Settings QUICK = new Settings("quick", 1, 3, Duration.ofSeconds(1), 3,
            Duration.ofMillis(500), 4, 25_000, 3);

    /**
     * Tests only: no fork, no warmup, one 50 ms iteration, 2 x 500 processes. Its
     * figures mean nothing; it checks that every figure can be produced.
     */
    public static final Settings SMOKE = new Settings("smoke", 0, 0, Duration.ofMillis(50), 1,
            Duration.ofMillis(50), 2, 500, 1);

    /** Checks the arguments. */
    public Settings {
        if (forks < 0 || warmupIterations < 0 || measurementIterations < 1 || memoryKernels < 1
                || memoryProcesses < 1 || memoryProcesses > 32_766 || memoryRepetitions < 1) {
            throw new IllegalArgumentException("bad bench settings " + name);
        }
    }

    /** Live processes in all kernels of one memory measurement. */
    public int memoryTotalProcesses() {
        return memoryKernels * memoryProcesses;
    }

    /** Measured iterations per benchmark over all forks. */
    public int measuredIterations() {
        return Math.max(1, forks) * measurementIterations;
    }
}

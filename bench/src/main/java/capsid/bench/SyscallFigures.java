package capsid.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.Result;

/**
 * Syscalls per second ({@link SyscallBench}): {@code getpid}, and the {@code
 * fork}+{@code exit}+{@code wait} triple counted as one, each with event
 * recording off (the targets apply to these) and on (for the cost of the log).
 */
public final class SyscallFigures implements FigureSource {

    @Override
    public String title() {
        return "syscall throughput";
    }

    @Override
    public List<String> benchmarks() {
        return List.of("^capsid\\.bench\\.SyscallBench\\.(getpid|forkExitWait)$");
    }

    @Override
    public List<Figure> figures(JmhResults jmh, Settings settings, PrintStream log) throws BenchException {
        Result<?> getpidOff = jmh.primary("SyscallBench.getpid", "events", "false");
        Result<?> getpidOn = jmh.primary("SyscallBench.getpid", "events", "true");
        Result<?> fewOff = jmh.primary("SyscallBench.forkExitWait", "events", "false");
        Result<?> fewOn = jmh.primary("SyscallBench.forkExitWait", "events", "true");
        String runs = "JMH, " + settings.measuredIterations() + " iterations";
        return List.of(
                new Figure("getpid_per_second", getpidOff.getScore(), "calls/s", 0, Target.atLeast(10_000_000),
                        "events OFF (raw call throughput); getpid by init; " + runs + spread(getpidOff)),
                new Figure("getpid_per_second_events_on", getpidOn.getScore(), "calls/s", 0, null,
                        "events ON; getpid records no event; " + relative(getpidOn, getpidOff) + spread(getpidOn)),
                new Figure("fork_exit_wait_per_second", fewOff.getScore(), "triples/s", 0, Target.atLeast(1_000_000),
                        "events OFF (raw call throughput); one fork+exit+wait by init = 1 (+1 pid lookup); "
                                + runs + spread(fewOff)),
                new Figure("fork_exit_wait_per_second_events_on", fewOn.getScore(), "triples/s", 0, null,
                        "events ON (3 events/triple kept in memory, kernel rebooted every "
                                + String.format(Locale.ROOT, "%,d", SyscallBench.REBOOT_EVERY) + " triples); "
                                + relative(fewOn, fewOff) + spread(fewOn)));
    }

    /**
     * E.g. {@code "; iterations -3.1%/+2.0%"}: how far the slowest and fastest
     * measurement iteration lie from the reported mean.
     */
    static String spread(Result<?> r) {
        double mean = r.getScore();
        double min = r.getStatistics().getMin();
        double max = r.getStatistics().getMax();
        if (mean == 0 || !Double.isFinite(min) || !Double.isFinite(max)) {
            return "";
        }
        return String.format(Locale.ROOT, "; iterations %+.1f%%/%+.1f%%", 100 * (min / mean - 1),
                100 * (max / mean - 1));
    }

    private static String relative(Result<?> on, Result<?> off) {
        return String.format(Locale.ROOT, "%.2fx the events-off rate", on.getScore() / off.getScore());
    }
}

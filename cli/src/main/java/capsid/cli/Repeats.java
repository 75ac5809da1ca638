package capsid.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Messages printed once each: the first time a message comes it is printed; when
 * it comes again it is only counted, and {@link #close()} prints how often each
 * came (a campaign that cannot write its corpus says so once, not 422 times).
 */
final class Repeats implements Consumer<String>, AutoCloseable {
    private final String prefix;
    private final PrintStream out;
    private final Map<String, Long> counts = new LinkedHashMap<>();

    Repeats(String prefix, PrintStream out) {
        this.prefix = prefix;
        this.out = out;
    }

    @Override
    public synchronized void accept(String message) {
        long n = counts.merge(message, 1L, Long::sum);
        if (n == 1) {
            out.println(prefix + message);
        }
    }

    /** How often {@code message} came. */
    synchronized long count(String message) {
        return counts.getOrDefault(message, 0L);
    }

    /** Prints, for each message that came more than once, the count. */
    @Override
    public synchronized void close() {
        counts.forEach((m, n) -> {
            if (n > 1) {
                out.println(prefix + m + " (" + Num.n(n) + " times in all)");
            }
        });
        counts.replaceAll((m, n) -> 0L);
    }
}

package capsid.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The registry of headline figures: every {@link FigureSource}, in the order
 * their figures appear in {@code capsid bench}. Later figures are added here.
 */
public final class Figures {
    /** Every figure source, in table order. */
    public static final List<FigureSource> SOURCES = List.of(
            new SyscallFigures(),
            new ForkFlagFigures(),
            new MemoryFigures(),
            new CapFigures(),
            new FuzzThroughputFigures(),
            new VerificationFigures());

    private Figures() {
    }

    /** The JMH include patterns of all {@code sources}, without duplicates, in order. */
    public static List<String> benchmarks(List<FigureSource> sources) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (FigureSource s : sources) {
            for (String b : s.benchmarks()) {
                if (seen.add(b)) {
                    out.add(b);
                }
            }
        }
        return out;
    }
}

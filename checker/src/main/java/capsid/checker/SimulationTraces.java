package capsid.checker;

import capsid.checker.value.TlaParseException;
import capsid.checker.value.TlaValueParser;
import capsid.checker.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the trace files of {@code -simulate file=DIR/trace,num=N}: TLC 2.18 writes
 * one TLA+ module per trace, {@code DIR/trace_W_K} (worker W, trace K), holding
 * {@code STATE_1 == /\ x = ... } definitions and no action labels.
 */
public final class SimulationTraces {
    private static final Pattern FILE = Pattern.compile("trace_(\\d+)_(\\d+)");
    private static final Pattern STATE = Pattern.compile("(?m)^STATE_(\\d+) ==[ \\t]*$");
    private static final Pattern END = Pattern.compile("(?m)^={4,}\\s*$");

    private SimulationTraces() {
    }

    /** Every {@code trace_W_K} file in {@code dir}, ordered by W then K. */
    public static List<Trace> readDir(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> FILE.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.<Path>comparingLong(p -> number(p, 1)).thenComparingLong(p -> number(p, 2)))
                    .toList();
        }
        List<Trace> out = new ArrayList<>();
        for (Path f : files) {
            out.add(read(f));
        }
        return out;
    }

    /** {@code line L, column C} of an offset. */
    static String position(String text, int offset) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return "line " + line + ", column " + col;
    }

    private static long number(Path p, int group) {
        Matcher m = FILE.matcher(p.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(group)) : 0;
    }

    /** One trace file. */
    public static Trace read(Path file) throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (TraceFormatException e) {
            throw new TraceFormatException(file + ": " + e.getMessage());
        }
    }

    /**
     * The text of one trace file.
     *
     * @throws TraceFormatException when it is not a trace module (the message names the state and position)
     */
    public static Trace parse(String text) {
        Matcher m = STATE.matcher(text);
        List<int[]> heads = new ArrayList<>(); // {number, start of definition head, start of body}
        while (m.find()) {
            heads.add(new int[] {Integer.parseInt(m.group(1)), m.start(), m.end()});
        }
        if (heads.isEmpty()) {
            throw new TraceFormatException("no STATE_n definitions (not a TLC simulation trace)");
        }
        Matcher end = END.matcher(text);
        int endOfModule = text.length();
        if (end.find(heads.get(heads.size() - 1)[2])) {
            endOfModule = end.start();
        }
        List<State> states = new ArrayList<>();
        for (int i = 0; i < heads.size(); i++) {
            int[] h = heads.get(i);
            if (h[0] != i + 1) {
                throw new TraceFormatException("STATE_" + h[0] + " where STATE_" + (i + 1) + " was expected");
            }
            int bodyEnd = i + 1 < heads.size() ? heads.get(i + 1)[1] : endOfModule;
            try {
                Map<String, Value> vars = TlaValueParser.parseState(text.substring(h[2], bodyEnd));
                states.add(new State(i, null, vars));
            } catch (TlaParseException e) {
                throw new TraceFormatException(position(text, h[2] + e.offset()) + ": in STATE_" + h[0] + ": "
                        + e.detail());
            }
        }
        return new Trace(states);
    }
}

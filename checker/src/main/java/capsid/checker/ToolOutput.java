package capsid.checker;

import capsid.checker.value.TlaParseException;
import capsid.checker.value.TlaValueParser;
import capsid.checker.value.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Incremental reader of TLC's {@code -tool} output: message blocks framed by
 * {@code @!@!@STARTMSG code:severity @!@!@} ... {@code @!@!@ENDMSG code @!@!@} (which may
 * nest, and may start in the middle of a line), plain lines in between (SANY's
 * messages), and Capsid's own progress lines on the child's stderr. Thread-safe:
 * the stdout and stderr pumps feed it while a timer reads {@link #progress()}.
 *
 * <p>Message codes used (TLC 2.18, {@code tlc2.output.EC}): 2262 version (the
 * distributed server's is a plain line); 2187/2188 mode and seed; 2220 SANY start; 2185 start; 2189/2190 initial states; 2192
 * temporal checking; 2200/2209 progress; 2199 final counts; 2194 depth; 2193
 * success; 2186 finished; 2210 simulation totals; 2107/2110 invariant; 2112 action
 * property; 2108 property in an initial state; 2114 deadlock; 2116 temporal
 * properties; 2104 assumption; 2132 {@code Assert}; 2121/2264 trace header; 2217
 * trace state; 2218 stuttering; 2122 back to state; 2103 evaluation position;
 * severity 1 and 2 are errors, 3 warnings.
 */
final class ToolOutput {
    static final String PROGRESS_PREFIX = "@capsid-progress ";

    private static final Pattern MARKER = Pattern.compile(
            "@!@!@STARTMSG (\\d+):(\\d+) @!@!@|@!@!@ENDMSG (\\d+) @!@!@");
    private static final Pattern VERSION = Pattern.compile("TLC2 Version (\\S+)");
    /**
     * TLC's distributed server prints its version before it reads {@code -tool}, so as a
     * plain line ({@code TLC2 TLC Server Version 2.18 of 20 March 2023}), not as message 2262.
     */
    private static final Pattern SERVER_VERSION = Pattern.compile("TLC2 TLC Server Version (\\S+).*");
    private static final Pattern SEED = Pattern.compile("seed (-?\\d+)");
    private static final Pattern WORKERS = Pattern.compile("with (\\d+) workers?");
    private static final Pattern PROGRESS = Pattern.compile(
            "Progress\\((-?\\d+)\\) at [^:]*:\\d\\d:\\d\\d: ([\\d,-]+) states generated.*?, ([\\d,-]+) distinct states found.*?, ([\\d,-]+) states left on queue");
    private static final Pattern FINAL = Pattern.compile(
            "([\\d,]+) states generated, ([\\d,]+) distinct states found, ([\\d,]+) states left on queue");
    private static final Pattern DEPTH = Pattern.compile("depth of the complete state graph search is (\\d+)");
    private static final Pattern SIM_TOTAL = Pattern.compile("number of states generated: ([\\d,]+)");
    private static final Pattern FINISHED = Pattern.compile("Finished in (.+?) at");
    private static final Pattern STATE_HEAD = Pattern.compile("(?s)\\s*(\\d+): (.*?)\\n(.*)");
    private static final Pattern LOOP = Pattern.compile("(?s)\\s*(\\d+): (?:Back to state: )?(.*?)\\s*");
    private static final Pattern PARSING_FILE = Pattern.compile("Parsing file (.+)");
    private static final Pattern EVAL_POS = Pattern.compile(
            "\\d+\\. Line (\\d+), column (\\d+) to line \\d+, column \\d+ in (\\S+)");

    /** One complete message block. */
    record Message(int code, int severity, String body) {
    }

    private final Deque<int[]> open = new ArrayDeque<>(); // {code, severity}
    private final Deque<StringBuilder> bodies = new ArrayDeque<>();
    private final List<Message> messages = new ArrayList<>();
    private final List<String> plain = new ArrayList<>();
    private final List<String> stderrTail = new ArrayList<>();
    /** The outcome recorder's lines ({@link Outcomes}), kept apart from the capped plain lines. */
    private final Set<String> outcomeLines = new LinkedHashSet<>();
    private final Map<String, String> moduleFiles = new LinkedHashMap<>();
    private static final int MAX_PLAIN = 4000;
    private static final int MAX_STDERR = 60;
    /** Called (under this reader's lock) when SANY has finished: every module it will load is known. */
    private Runnable onParsed;
    private boolean parsedReported;

    // facts
    String tlcVersion;
    Long seed;
    Integer workersReported;
    String phase = "starting";
    boolean simulation;
    Long progressGenerated;
    Long progressDistinct;
    Long progressQueue;
    Integer progressDepth;
    Long finalGenerated;
    Long finalDistinct;
    Long finalLeft;
    Integer finalDepth;
    Long simGenerated;
    boolean success;
    boolean finished;
    Double tlcSeconds;
    boolean parseFailed;
    // the failure
    Integer failureCode;
    String property;
    String propertyKind;
    String failureDetail;
    // the trace
    final List<State> traceStates = new ArrayList<>();
    Integer loop;
    String loopLabel;
    final List<String> traceProblems = new ArrayList<>();
    SourceLocation evalLocation;
    final List<String> errors = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    /** Feeds one line of the child's stdout. */
    synchronized void acceptLine(String line) {
        Matcher m = MARKER.matcher(line);
        int last = 0;
        boolean anyMarker = false;
        while (m.find()) {
            anyMarker = true;
            text(line.substring(last, m.start()));
            if (m.group(1) != null) {
                open.push(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))});
                bodies.push(new StringBuilder());
            } else if (!open.isEmpty()) {
                int[] head = open.pop();
                String body = bodies.pop().toString();
                if (!bodies.isEmpty()) {
                    bodies.peek().append(body); // nested: the outer message reads on with the inner text
                }
                message(new Message(head[0], head[1], body));
            }
            last = m.end();
        }
        String rest = line.substring(last);
        if (!anyMarker || !rest.isEmpty()) {
            text(rest);
            if (!bodies.isEmpty()) {
                bodies.peek().append('\n');
            } else {
                plainLine(line.substring(last));
            }
        }
    }

    private void text(String s) {
        if (!s.isEmpty() && !bodies.isEmpty()) {
            bodies.peek().append(s);
        }
    }

    private void plainLine(String line) {
        if (line.startsWith(Outcomes.LINE_PREFIX)) {
            outcomeLines.add(line);
        }
        if (plain.size() < MAX_PLAIN) {
            plain.add(line);
        }
        Matcher v = SERVER_VERSION.matcher(line);
        if (tlcVersion == null && v.matches()) {
            tlcVersion = v.group(1);
        }
        Matcher m = PARSING_FILE.matcher(line);
        if (m.matches()) {
            String file = m.group(1).trim();
            String name = file.replaceAll(".*[/\\\\]", "");
            moduleFiles.put(name.endsWith(".tla") ? name.substring(0, name.length() - 4) : name, file);
        }
        if (line.startsWith("Error:")) {
            errors.add(line.trim());
        }
    }

    /** Feeds one line of the child's stderr (Capsid's progress lines, else kept as context). */
    synchronized void acceptStderrLine(String line) {
        if (line.startsWith(PROGRESS_PREFIX)) {
            String[] f = line.substring(PROGRESS_PREFIX.length()).trim().split(" ");
            try {
                progressGenerated = Long.parseLong(f[0]);
                progressDistinct = Long.parseLong(f[1]);
                progressQueue = Long.parseLong(f[2]);
                progressDepth = Integer.parseInt(f[3]);
            } catch (RuntimeException e) {
                // a malformed progress line only costs one snapshot
            }
            return;
        }
        stderrTail.add(line);
        if (stderrTail.size() > MAX_STDERR) {
            stderrTail.remove(0);
        }
    }

    private void message(Message msg) {
        messages.add(msg);
        String body = msg.body();
        String first = firstLine(body);
        switch (msg.code()) {
            case 2262 -> find(VERSION, body).ifPresent(v -> tlcVersion = v);
            case 2187, 2188, 2271 -> {
                find(SEED, body).ifPresent(s -> seed = Long.parseLong(s));
                find(WORKERS, body).ifPresent(w -> workersReported = Integer.parseInt(w));
                simulation = msg.code() == 2188;
            }
            case 2220 -> phase = "parsing";
            case 2219 -> parsed();
            case 2185 -> phase = "starting";
            case 2189 -> phase = "initial states";
            case 2190, 2269 -> phase = simulation ? "simulating" : "checking";
            case 2192 -> phase = "liveness";
            case 2200, 2209 -> {
                Matcher m = PROGRESS.matcher(body);
                if (m.find()) {
                    progressDepth = nonNegativeInt(m.group(1));
                    progressGenerated = nonNegative(m.group(2));
                    progressDistinct = nonNegative(m.group(3));
                    progressQueue = nonNegative(m.group(4));
                }
            }
            case 2199 -> {
                Matcher m = FINAL.matcher(body);
                if (m.find()) {
                    finalGenerated = nonNegative(m.group(1));
                    finalDistinct = nonNegative(m.group(2));
                    finalLeft = nonNegative(m.group(3));
                }
            }
            case 2194 -> find(DEPTH, body).ifPresent(d -> finalDepth = Integer.parseInt(d));
            case 2210 -> find(SIM_TOTAL, body).ifPresent(g -> simGenerated = nonNegative(g));
            case 2193 -> success = true;
            case 2186 -> {
                finished = true;
                phase = "finished";
                find(FINISHED, body).ifPresent(t -> tlcSeconds = durationSeconds(t));
            }
            case 3002 -> parseFailed = true;
            case 2110, 2107 -> {
                failure(msg.code(), word(first, "Invariant "), "invariant", null);
                if (msg.code() == 2107) { // the state is in the message itself
                    int nl = body.indexOf('\n');
                    if (nl >= 0) {
                        addState(State.INITIAL_PREDICATE, body.substring(nl + 1), 1);
                    }
                }
            }
            case 2112 -> failure(2112, word(first, "Action property "), "action property", null);
            case 2108 -> failure(2108, word(first, "Property "), "temporal", null);
            case 2114 -> failure(2114, "deadlock", "deadlock", null);
            case 2116 -> failure(2116, null, "temporal", null);
            case 2104 -> failure(2104, first.replaceFirst("^Assumption ", "ASSUME ").replaceFirst(" is false\\.?$", ""),
                    "assumption", oneLine(body));
            case 2132 -> failure(2132, "Assert", "assert", oneLine(body));
            case 2121, 2264 -> {
                traceStates.clear();
                loop = null;
                loopLabel = null;
            }
            case 2217 -> {
                Matcher m = STATE_HEAD.matcher(body);
                if (m.matches()) {
                    addState(m.group(2).trim(), m.group(3), Integer.parseInt(m.group(1)));
                } else {
                    traceProblems.add("trace state not understood: " + oneLine(body));
                }
            }
            case 2218 -> {
                loop = traceStates.isEmpty() ? null : traceStates.size() - 1;
                loopLabel = Trace.STUTTERING;
            }
            case 2122 -> {
                Matcher m = LOOP.matcher(body);
                if (m.matches()) {
                    int to = Integer.parseInt(m.group(1)) - 1;
                    if (to >= 0 && to < traceStates.size()) {
                        loop = to;
                        loopLabel = m.group(2).trim();
                    } else {
                        traceProblems.add("loop back to state " + (to + 1) + " outside the trace");
                    }
                }
            }
            case 2103 -> {
                Matcher m = EVAL_POS.matcher(body);
                SourceLocation deepest = null;
                while (m.find()) {
                    deepest = new SourceLocation(fileOf(m.group(3)), Integer.parseInt(m.group(1)),
                            Integer.parseInt(m.group(2)));
                }
                if (deepest != null) {
                    evalLocation = deepest;
                }
                errors.add(body.strip());
            }
            default -> {
                if (msg.severity() == 1 || msg.severity() == 2) {
                    if (!body.isBlank() && (msg.code() != 1000 || errors.stream().noneMatch(e -> body.contains(e)))) {
                        errors.add(body.strip());
                    }
                } else if (msg.severity() == 3 && !body.isBlank()) {
                    warnings.add(body.strip());
                }
            }
        }
    }

    private void failure(int code, String prop, String kind, String detail) {
        if (failureCode == null) {
            failureCode = code;
            property = prop;
            propertyKind = kind;
            failureDetail = detail;
        }
    }

    private void addState(String label, String text, int number) {
        int index = traceStates.size();
        if (number != index + 1) {
            traceProblems.add("trace state numbered " + number + " where " + (index + 1) + " was expected");
            return;
        }
        try {
            Map<String, Value> vars = TlaValueParser.parseState(text);
            traceStates.add(new State(index, label, vars));
        } catch (TlaParseException e) {
            traceProblems.add("trace state " + number + " not parsed: " + e.getMessage());
        }
    }

    /** Sets what to do once SANY has read every module (before TLC reads them again, if ever). */
    synchronized void onParsed(Runnable r) {
        onParsed = r;
    }

    /** Runs the {@link #onParsed} hook once: at SANY's end, or at the latest when asked after the run. */
    synchronized void parsed() {
        if (!parsedReported && onParsed != null) {
            parsedReported = true;
            onParsed.run();
        }
    }

    /** The modules SANY read ({@code Parsing file F} lines), by module name, in reading order. */
    synchronized Map<String, String> moduleFiles() {
        return new LinkedHashMap<>(moduleFiles);
    }

    /** Latest counts and phase. */
    synchronized Snapshot snapshot() {
        return new Snapshot(phase, progressGenerated, progressDistinct, progressQueue, progressDepth);
    }

    /** Counts and phase at one moment. */
    record Snapshot(String phase, Long generated, Long distinct, Long queue, Integer depth) {
    }

    /** The trace read so far, or {@code null} when there is none. */
    synchronized Trace trace() {
        if (traceStates.isEmpty()) {
            return null;
        }
        return new Trace(traceStates, loop, loopLabel);
    }

    synchronized List<String> plainLines() {
        return List.copyOf(plain);
    }

    synchronized List<String> outcomeLines() {
        return List.copyOf(outcomeLines);
    }

    synchronized List<String> stderrTail() {
        return List.copyOf(stderrTail);
    }

    synchronized List<Message> messages() {
        return List.copyOf(messages);
    }

    /** The file TLC read a module from (by its "Parsing file" line), else the module name. */
    synchronized String fileOf(String module) {
        return moduleFiles.getOrDefault(module, module);
    }

    /** Whether a message block was left open (output cut off). */
    synchronized boolean truncated() {
        return !open.isEmpty();
    }

    // ---- small text helpers ----

    static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }

    static String oneLine(String s) {
        return s.strip().replaceAll("\\s*\\n\\s*", " ");
    }

    private static String word(String line, String prefix) {
        if (line.startsWith(prefix)) {
            String rest = line.substring(prefix.length());
            int sp = rest.indexOf(' ');
            return sp < 0 ? rest : rest.substring(0, sp);
        }
        return line;
    }

    private static java.util.Optional<String> find(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    private static Long nonNegative(String s) {
        long v = Long.parseLong(s.replace(",", ""));
        return v < 0 ? null : v;
    }

    private static Integer nonNegativeInt(String s) {
        int v = Integer.parseInt(s.replace(",", ""));
        return v < 0 ? null : v;
    }

    /** TLC's "Finished in" text: {@code 1383ms}, {@code 05s}, {@code 01min 05s}, {@code 02h 01min}, {@code 1d 02h}. */
    static Double durationSeconds(String t) {
        Matcher ms = Pattern.compile("^(\\d+)ms$").matcher(t.trim());
        if (ms.matches()) {
            return Long.parseLong(ms.group(1)) / 1000.0;
        }
        double total = 0;
        boolean any = false;
        Matcher m = Pattern.compile("(\\d+)(d|h|min|s)").matcher(t);
        while (m.find()) {
            any = true;
            long n = Long.parseLong(m.group(1));
            total += switch (m.group(2)) {
                case "d" -> n * 86400.0;
                case "h" -> n * 3600.0;
                case "min" -> n * 60.0;
                default -> n;
            };
        }
        return any ? total : null;
    }
}

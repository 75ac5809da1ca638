package capsid.refinement;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the kernel's two logs from outside (docs/event-log.md): the event log and
 * the call log, JSON Lines. Every line is parsed whole and checked against the
 * schema before anything is used: a malformed line is a {@link BadLog} naming the
 * file, the line and, where the JSON parser gives one, the column; nothing of a
 * log that has one is used. {@link #belong} checks that a call log is the one of
 * an event log (the same boot; every event caused by exactly one call, in order).
 */
public final class KernelLogs {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private static final List<String> EVENT_KEYS = List.of("seq", "action", "task", "pid", "args", "ret", "out");
    private static final List<String> CALL_KEYS = List.of("n", "task", "pid", "call", "args", "ret", "errno", "seq");
    private static final Set<String> ERRNOS = errnoNames();

    private KernelLogs() {
    }

    /** A log that cannot be read or does not follow its schema; the message is one line, {@code FILE:LINE[:COL]: what}. */
    public static final class BadLog extends Exception {
        private final String file;
        private final int line;

        public BadLog(String file, int line, int col, String what) {
            super(file + (line > 0 ? ":" + line + (col > 0 ? ":" + col : "") : "") + ": " + what);
            this.file = file;
            this.line = line;
        }

        public String file() {
            return file;
        }

        /** The 1-based line, 0 when the problem is the whole file. */
        public int line() {
            return line;
        }
    }

    /** A log's text, by line, and the name errors give it (a path, or "event log" for one held in memory). */
    public record Source(String file, List<String> lines) {
        public Source {
            lines = List.copyOf(lines);
        }

        /** The lines of {@code path}, which must be UTF-8. */
        public static Source read(Path path) throws BadLog {
            String name = path.toString();
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(path);
            } catch (NoSuchFileException e) {
                throw new BadLog(name, 0, 0, "cannot read: no such file");
            } catch (AccessDeniedException e) {
                throw new BadLog(name, 0, 0, "cannot read: permission denied");
            } catch (IOException | SecurityException e) {
                throw new BadLog(name, 0, 0, "cannot read: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage()));
            }
            List<String> lines = new ArrayList<>();
            CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            int start = 0;
            for (int i = 0; i <= bytes.length; i++) {
                if (i == bytes.length || bytes[i] == '\n') {
                    if (i == bytes.length && start == i) {
                        break; // the newline that ends the last line
                    }
                    int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                    ByteBuffer in = ByteBuffer.wrap(bytes, start, end - start);
                    CharBuffer out = CharBuffer.allocate(end - start + 1);
                    CoderResult r = utf8.reset().decode(in, out, true);
                    if (r.isError()) {
                        throw new BadLog(name, lines.size() + 1, in.position() - start + 1, "not UTF-8 text");
                    }
                    lines.add(out.flip().toString());
                    start = i + 1;
                }
            }
            return new Source(name, lines);
        }
    }

    /** One event (docs/event-log.md, "Line schema"), with the line it came from. */
    public record EventLine(int line, String text, long seq, String action, long task, long pid, ObjectNode args,
                            JsonNode ret, ObjectNode out) {
    }

    /** One call (docs/event-log.md, "The call log"); {@code seq} is -1 when the call caused no event. */
    public record CallLine(int line, String text, long n, long task, long pid, String call, ObjectNode args,
                           JsonNode ret, String errno, long seq) {
        public boolean failed() {
            return errno != null;
        }
    }

    /** The events of an event log, checked: Boot first (and only first), seq 0, 1, 2, ... in line order. */
    public static List<EventLine> events(Source s) throws BadLog {
        List<EventLine> out = new ArrayList<>();
        for (int i = 0; i < s.lines().size(); i++) {
            String text = s.lines().get(i);
            if (text.isBlank()) {
                continue;
            }
            Fields f = new Fields(s.file(), i + 1, parse(s.file(), i + 1, text), EVENT_KEYS);
            String action = f.string("action");
            if ((out.isEmpty()) != action.equals("Boot")) {
                throw f.bad(out.isEmpty() ? "the first record must be Boot, not " + action
                        : "a second Boot: a log holds one boot");
            }
            long seq = f.count("seq");
            if (seq != out.size()) {
                throw f.bad("seq " + seq + " where " + out.size() + " was expected (events are numbered from 0, one"
                        + " per line)");
            }
            JsonNode ret = f.node.get("ret");
            if (!ret.isIntegralNumber() && !ret.isTextual()) {
                throw f.bad("\"ret\" should be an integer or a string");
            }
            out.add(new EventLine(i + 1, text, seq, action, f.count("task"), f.count("pid"), f.object("args"), ret,
                    f.object("out")));
        }
        if (out.isEmpty()) {
            throw new BadLog(s.file(), 0, 0, "the log is empty: the first record must be Boot");
        }
        return out;
    }

    /** The calls of a call log, checked: the boot line first, n 0, 1, 2, ...; a failed call has no result and no event. */
    public static List<CallLine> calls(Source s) throws BadLog {
        List<CallLine> out = new ArrayList<>();
        for (int i = 0; i < s.lines().size(); i++) {
            String text = s.lines().get(i);
            if (text.isBlank()) {
                continue;
            }
            Fields f = new Fields(s.file(), i + 1, parse(s.file(), i + 1, text), CALL_KEYS);
            String call = f.string("call");
            if ((out.isEmpty()) != call.equals("boot")) {
                throw f.bad(out.isEmpty() ? "the first record must be the boot, not " + call
                        : "a second boot: a log holds one boot");
            }
            long n = f.count("n");
            if (n != out.size()) {
                throw f.bad("n " + n + " where " + out.size() + " was expected (calls are numbered from 0, one per"
                        + " line)");
            }
            JsonNode errnoNode = f.node.get("errno");
            String errno = null;
            if (!errnoNode.isNull()) {
                if (!errnoNode.isTextual() || !ERRNOS.contains(errnoNode.asText())) {
                    throw f.bad("\"errno\" should be null or an errno name (ABI.md section 2), not " + errnoNode);
                }
                errno = errnoNode.asText();
            }
            JsonNode ret = f.node.get("ret");
            if (errno != null && !ret.isNull()) {
                throw f.bad("a failed call has \"ret\": null");
            }
            if (errno == null && !(ret.isIntegralNumber() || ret.isTextual() || ret.isArray())) {
                throw f.bad("\"ret\" should be an integer, a string or a list when \"errno\" is null");
            }
            JsonNode seqNode = f.node.get("seq");
            long seq = seqNode.isNull() ? -1 : f.count("seq");
            if (errno != null && seq >= 0) {
                throw f.bad("a failed call causes no event, so its \"seq\" is null");
            }
            if (out.isEmpty() && seq != 0) {
                throw f.bad("the boot line's \"seq\" is 0, the Boot event");
            }
            out.add(new CallLine(i + 1, text, n, f.count("task"), f.count("pid"), call, f.object("args"), ret, errno,
                    seq));
        }
        if (out.isEmpty()) {
            throw new BadLog(s.file(), 0, 0, "the log is empty: the first record must be the boot");
        }
        return out;
    }

    /**
     * Checks that {@code calls} is the call log of {@code events}: the same boot
     * arguments, and the events named by the calls' {@code seq} are 1, 2, 3, ... in
     * call order, each the same caller, arguments and result as its call.
     */
    public static void belong(String eventFile, List<EventLine> events, String callFile, List<CallLine> calls)
            throws BadLog {
        String why = "; " + callFile + " is not the call log of " + eventFile;
        CallLine boot = calls.get(0);
        if (!boot.args().equals(events.get(0).args())) {
            throw new BadLog(callFile, boot.line(), 0, "the boot's args " + boot.args() + " differ from the Boot event's "
                    + events.get(0).args() + " (" + eventFile + ":" + events.get(0).line() + ")" + why);
        }
        long next = 1;
        for (CallLine c : calls.subList(1, calls.size())) {
            if (c.seq() < 0) {
                continue;
            }
            if (c.seq() != next) {
                throw new BadLog(callFile, c.line(), 0, "seq " + c.seq() + ", but the next event not caused by an"
                        + " earlier call is seq " + next + why);
            }
            if (next >= events.size()) {
                throw new BadLog(callFile, c.line(), 0, "seq " + c.seq() + ", but " + eventFile + " has no event "
                        + c.seq() + why);
            }
            EventLine e = events.get((int) next);
            String differs = c.task() != e.task() ? "task" : c.pid() != e.pid() ? "pid"
                    : !c.args().equals(e.args()) ? "args" : !c.ret().equals(e.ret()) ? "ret" : null;
            if (differs != null) {
                throw new BadLog(callFile, c.line(), 0, "the call's \"" + differs + "\" differs from that of the event"
                        + " it caused (" + eventFile + ":" + e.line() + ")" + why);
            }
            next++;
        }
        if (next < events.size()) {
            EventLine e = events.get((int) next);
            throw new BadLog(eventFile, e.line(), 0, "event " + e.seq() + " was caused by no call of " + callFile
                    + why);
        }
    }

    /** One line as a JSON tree, or a BadLog with the parser's line-relative column. */
    private static JsonNode parse(String file, int line, String text) throws BadLog {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            int col = loc == null ? 0 : Math.max(loc.getColumnNr(), 0);
            String msg = e.getOriginalMessage() == null ? "malformed JSON" : e.getOriginalMessage();
            int cut = msg.indexOf(" (start marker at");
            if (cut > 0) {
                msg = msg.substring(0, cut);
            }
            throw new BadLog(file, line, col, "not JSON: " + msg.lines().findFirst().orElse("malformed JSON"));
        } catch (RuntimeException e) {
            // Jackson's limits (nesting, number length) surface as unchecked exceptions in some versions
            throw new BadLog(file, line, 0, "not JSON: " + e.getClass().getSimpleName());
        }
    }

    /** The checked fields of one record: exactly the schema's keys, each of its type. */
    private static final class Fields {
        final String file;
        final int line;
        final ObjectNode node;

        Fields(String file, int line, JsonNode n, List<String> keys) throws BadLog {
            this.file = file;
            this.line = line;
            if (!(n instanceof ObjectNode o)) {
                throw new BadLog(file, line, 1, "a record is a JSON object, not " + kind(n));
            }
            this.node = o;
            for (String k : keys) {
                if (!o.has(k)) {
                    throw bad("missing key \"" + k + "\"");
                }
            }
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!keys.contains(k)) {
                    throw bad("unknown key \"" + k + "\" (the keys are " + String.join(", ", keys) + ")");
                }
            }
        }

        BadLog bad(String what) {
            return new BadLog(file, line, 0, what);
        }

        long count(String k) throws BadLog {
            JsonNode v = node.get(k);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
                throw bad("\"" + k + "\" should be an integer >= 0, not " + v);
            }
            return v.asLong();
        }

        String string(String k) throws BadLog {
            JsonNode v = node.get(k);
            if (!v.isTextual() || v.asText().isEmpty()) {
                throw bad("\"" + k + "\" should be a non-empty string, not " + v);
            }
            return v.asText();
        }

        ObjectNode object(String k) throws BadLog {
            JsonNode v = node.get(k);
            if (!(v instanceof ObjectNode o)) {
                throw bad("\"" + k + "\" should be a JSON object, not " + v);
            }
            return o;
        }
    }

    private static String kind(JsonNode n) {
        return n == null || n.isMissingNode() ? "nothing" : n.getNodeType().name().toLowerCase();
    }

    private static Set<String> errnoNames() {
        Set<String> s = new java.util.HashSet<>();
        for (capsid.kernel.Errno e : capsid.kernel.Errno.values()) {
            s.add(e.name());
        }
        return Set.copyOf(s);
    }
}

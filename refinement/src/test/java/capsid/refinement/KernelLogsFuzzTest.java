package capsid.refinement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import capsid.refinement.KernelLogs.BadLog;
import capsid.refinement.KernelLogs.CallLine;
import capsid.refinement.KernelLogs.EventLine;
import capsid.refinement.KernelLogs.Source;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log readers meet garbage: random bytes, logs cut anywhere, token soup and
 * doctored values. Each is read whole or refused with one line naming the file and
 * the line (and the column where the JSON parser gives one); never another
 * exception, and nothing of a refused log is used (TLC never runs on it).
 */
class KernelLogsFuzzTest {
    static final Pattern MESSAGE = Pattern.compile("[^\\n]*?:\\d+(:\\d+)?: [^\\n]+");

    /**
     * Reads {@code events} (and {@code calls}) as validation does, up to the TLA+
     * records: true when all of it was fine, false when it was refused with a
     * well-formed message naming {@code file}.
     */
    static boolean readAll(Path events, Path calls) {
        try {
            Source es = Source.read(events);
            List<EventLine> ev = KernelLogs.events(es);
            List<CallLine> cl = null;
            if (calls != null) {
                Source cs = Source.read(calls);
                cl = KernelLogs.calls(cs);
                KernelLogs.belong(es.file(), ev, cs.file(), cl);
            }
            NamespaceTrace.of(es.file(), ev, calls == null ? null : calls.toString(), cl);
            return true;
        } catch (BadLog e) {
            String m = e.getMessage();
            assertFalse(m.contains("\n"), "one line: " + m);
            assertTrue(m.startsWith(events + ":") || calls != null && m.startsWith(calls + ":"), m);
            assertTrue(e.line() == 0 || MESSAGE.matcher(m).matches(), m);
            return false;
        } catch (RuntimeException e) {
            throw new AssertionError("the readers threw " + e, e);
        }
    }

    static DoctoredLogsTest.Logs real() {
        return DoctoredLogsTest.scenario("110-init-death-kill.csc");
    }

    static byte[] bytes(List<String> lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void randomBytesAreRefused(@TempDir Path dir) throws Exception {
        SplittableRandom rnd = new SplittableRandom(1);
        Path f = dir.resolve("random.events.jsonl");
        for (int i = 0; i < 300; i++) {
            byte[] b = new byte[rnd.nextInt(0, 400)];
            for (int j = 0; j < b.length; j++) {
                b[j] = (byte) (rnd.nextInt(8) == 0 ? '\n' : rnd.nextInt(256));
            }
            Files.write(f, b);
            assertFalse(readAll(f, null), "random bytes were read as a log");
        }
    }

    @Test
    void aLogCutAnywhereIsRefusedAtTheCutLine(@TempDir Path dir) throws Exception {
        DoctoredLogsTest.Logs l = real();
        byte[] events = bytes(l.events());
        byte[] calls = bytes(l.calls());
        Path ef = dir.resolve("x.1.events.jsonl");
        Path cf = dir.resolve("x.1.calls.jsonl");
        SplittableRandom rnd = new SplittableRandom(2);
        for (int i = 0; i < 200; i++) {
            boolean cutEvents = rnd.nextBoolean();
            byte[] whole = cutEvents ? events : calls;
            int cut = rnd.nextInt(1, whole.length);
            Files.write(cutEvents ? ef : cf, java.util.Arrays.copyOf(whole, cut));
            Files.write(cutEvents ? cf : ef, cutEvents ? calls : events);
            boolean atLineEnd = whole[cut - 1] == '\n' || whole[cut] == '\n';
            try {
                Source es = Source.read(ef);
                Source cs = Source.read(cf);
                List<EventLine> ev = KernelLogs.events(es);
                List<CallLine> cl = KernelLogs.calls(cs);
                KernelLogs.belong(es.file(), ev, cs.file(), cl);
                // whole lines of a call log after its last event-causing call: the log of a shorter run
                assertTrue(atLineEnd && !cutEvents, "a log cut at byte " + cut + " of " + whole.length
                        + " was taken whole");
                assertTrue(cl.size() < l.calls().size() && cl.get(cl.size() - 1).n() >= lastCausing(l), cut + "");
            } catch (BadLog e) {
                int lines = (int) new String(whole, 0, cut, StandardCharsets.UTF_8).chars().filter(c -> c == '\n')
                        .count();
                if (!atLineEnd) {
                    // the cut line itself is refused, before the logs are compared
                    assertEquals((cutEvents ? ef : cf).toString(), e.file(), e.getMessage());
                    assertEquals(lines + 1, e.line(), e.getMessage());
                } else {
                    assertTrue(e.getMessage().contains("is not the call log of"), e.getMessage());
                }
            }
        }
    }

    private static long lastCausing(DoctoredLogsTest.Logs l) {
        long n = 0;
        for (String c : l.calls()) {
            if (!c.endsWith("\"seq\":null}")) {
                n = DoctoredLogsTest.parse(c).get("n").asLong();
            }
        }
        return n;
    }

    @Test
    void tokenSoupIsRefusedWithAColumn(@TempDir Path dir) throws Exception {
        String[] tokens = {"{", "}", "[", "]", ":", ",", "\"seq\"", "\"action\"", "0", "-1", "1e400", "null", "true",
            "\"Boot\"", "\"\\u0000\"", "\"\\ud800\"", "'x'", "NaN", "0x10", "\"", "\\", "01", " ", "{\"seq\":0"};
        SplittableRandom rnd = new SplittableRandom(3);
        Path f = dir.resolve("soup.events.jsonl");
        int withColumn = 0;
        for (int i = 0; i < 500; i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = rnd.nextInt(1, 20); j > 0; j--) {
                sb.append(tokens[rnd.nextInt(tokens.length)]);
            }
            Files.writeString(f, sb + "\n");
            try {
                KernelLogs.events(Source.read(f));
                fail("token soup read as a log: " + sb);
            } catch (BadLog e) {
                if (e.line() == 0) {
                    assertEquals(f + ": the log is empty: the first record must be Boot", e.getMessage());
                    continue; // blanks only
                }
                assertTrue(MESSAGE.matcher(e.getMessage()).matches(), e.getMessage());
                assertEquals(1, e.line());
                if (e.getMessage().contains(": not JSON: ")) {
                    assertTrue(e.getMessage().matches(Pattern.quote(f.toString()) + ":1:\\d+: not JSON: .+"),
                            e.getMessage());
                    withColumn++;
                }
            }
        }
        assertTrue(withColumn > 300, "most soups are no JSON, and say where: " + withColumn);
    }

    /** Every value of every line swapped, one at a time, for an odd one: read, or refused naming that line. */
    @Test
    void oddValuesAreReadOrRefusedNamingTheLine(@TempDir Path dir) throws Exception {
        DoctoredLogsTest.Logs l = real();
        String[] odd = {"null", "-1", "2147483648", "-2147483648", "1.5", "\"\"", "\"x\"", "[]", "{}", "[1,\"a\"]",
            "true", "99999999999999999999", "{\"task\":1}"};
        SplittableRandom rnd = new SplittableRandom(4);
        Path ef = dir.resolve("odd.events.jsonl");
        Path cf = dir.resolve("odd.calls.jsonl");
        int refused = 0;
        for (int i = 0; i < 400; i++) {
            List<String> events = new ArrayList<>(l.events());
            List<String> calls = new ArrayList<>(l.calls());
            boolean inEvents = rnd.nextBoolean();
            List<String> target = inEvents ? events : calls;
            int line = rnd.nextInt(target.size());
            String text = target.get(line);
            // a value: what follows a key's colon, up to the next comma or brace at the same depth (approximately)
            java.util.regex.Matcher m = Pattern.compile("\"[a-zA-Z_]+\":(-?\\d+|\"[^\"]*\"|null|true|false|\\[[^\\]]*])")
                    .matcher(text);
            List<int[]> spans = new ArrayList<>();
            while (m.find()) {
                spans.add(new int[] {m.start(1), m.end(1)});
            }
            int[] s = spans.get(rnd.nextInt(spans.size()));
            target.set(line, text.substring(0, s[0]) + odd[rnd.nextInt(odd.length)] + text.substring(s[1]));
            Files.write(ef, bytes(events));
            Files.write(cf, bytes(calls));
            if (!readAll(ef, cf)) {
                refused++;
            }
        }
        assertTrue(refused > 200, "most odd values are refused: " + refused);
    }

    @Test
    void aRefusedLogNeverReachesTlc(@TempDir Path dir) throws Exception {
        DoctoredLogsTest.Logs l = real();
        Path ef = dir.resolve("cut.events.jsonl");
        byte[] b = bytes(l.events());
        Files.write(ef, java.util.Arrays.copyOf(b, b.length - 5));
        TraceValidation.Verdict v = TraceValidation.validate(ef, null, TraceValidationTest.SPEC, Duration.ofMinutes(1));
        assertFalse(v.accepted());
        assertNull(v.tlc(), "the good lines before the cut were not validated on their own");
        assertTrue(v.error().startsWith(ef + ":" + l.events().size() + ":"), v.error());
        Path missing = dir.resolve("missing.jsonl");
        assertEquals(missing + ": cannot read: no such file",
                TraceValidation.validate(missing, null, TraceValidationTest.SPEC, Duration.ofMinutes(1)).error());
        BadLog e = assertThrows(BadLog.class, () -> KernelLogs.events(new Source("empty", List.of())));
        assertEquals("empty: the log is empty: the first record must be Boot", e.getMessage());
    }

    @Test
    void invalidUtf8IsRefusedAtItsByte(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("latin1.events.jsonl");
        List<String> events = real().events();
        byte[] first = (events.get(0) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] second = "{\"seq\":1,\"action\":\"Fork\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        Files.write(f, all);
        BadLog e = assertThrows(BadLog.class, () -> Source.read(f));
        assertEquals(f + ":2:" + second.length + ": not UTF-8 text", e.getMessage());
    }
}

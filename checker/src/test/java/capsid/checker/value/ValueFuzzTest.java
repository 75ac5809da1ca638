package capsid.checker.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Seeded fuzzing of the value syntax and its ITF form: random values round-trip
 * through TLA+ text and through ITF JSON; mutated and random text either parses or
 * fails with a {@link TlaParseException} whose position lies inside the input, and
 * never throws anything else or hangs. Each seed is its own test, so a failure names it.
 */
class ValueFuzzTest {
    private static final int SEEDS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TOKENS = {"<<", ">>", "{", "}", "[", "]", "(", ")", ",", ":>", "@@", "|->", "..",
        "\"", "\\", "-", "1", "42", "a", "p1", "TRUE", "FALSE", " ", "\n", "\"s\"", "=", "/\\", "x", "_", "@", "é"};

    @TestFactory
    Stream<DynamicTest> randomValuesRoundTripThroughTextAndItf() {
        return IntStream.range(0, SEEDS).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            Random rnd = new Random(seed);
            for (int i = 0; i < 50; i++) {
                Value v = randomValue(rnd, 4);
                String text = v.toTla();
                assertEquals(v, TlaValueParser.parse(text), text);
                assertEquals(v, TlaValueParser.parse(prettify(text, rnd)), text);
                JsonNode itf = ItfValues.toItf(v);
                assertEquals(v, ItfValues.fromItf(itf), itf.toString());
                assertEquals(v, ItfValues.fromItf(JSON.readTree(JSON.writeValueAsString(itf))), itf.toString());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> mutatedTextParsesOrFailsWithAPosition() {
        return IntStream.range(0, SEEDS).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            Random rnd = new Random(1000 + seed);
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                for (int i = 0; i < 200; i++) {
                    String text = mutate(randomValue(rnd, 3).toTla(), rnd);
                    check(text);
                    checkState("/\\ x = " + text + "\n/\\ y = 1");
                }
            });
        }));
    }

    @TestFactory
    Stream<DynamicTest> tokenSoupParsesOrFailsWithAPosition() {
        return IntStream.range(0, SEEDS).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            Random rnd = new Random(2000 + seed);
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                for (int i = 0; i < 200; i++) {
                    StringBuilder b = new StringBuilder();
                    int n = rnd.nextInt(30);
                    for (int k = 0; k < n; k++) {
                        b.append(TOKENS[rnd.nextInt(TOKENS.length)]);
                    }
                    check(b.toString());
                    checkState(b.toString());
                    StringBuilder bytes = new StringBuilder();
                    for (int k = rnd.nextInt(20); k > 0; k--) {
                        bytes.append((char) rnd.nextInt(128));
                    }
                    check(bytes.toString());
                }
            });
        }));
    }

    @TestFactory
    Stream<DynamicTest> malformedItfIsAnItfFormatException() {
        String[] bad = {"null", "1.5", "{}", "{\"#bigint\": 5}", "{\"#bigint\": \"1x\"}", "{\"#set\": 1}",
            "{\"#map\": [[1]]}", "{\"#map\": [[1, 2], [1, 3]]}", "{\"#tup\": {}}", "{\"#foo\": []}",
            "{\"#unserializable\": \"{1,\"}", "{\"#bigint\": \"1\", \"x\": 2}", "{\"a b\": 1}", "{\"a\": null}"};
        return Stream.of(bad).map(text -> DynamicTest.dynamicTest(text, () -> {
            JsonNode n = JSON.readTree(text);
            try {
                Value v = ItfValues.fromItf(n);
                fail("read " + text + " as " + v);
            } catch (ItfFormatException e) {
                assertTrue(e.getMessage().startsWith("$"), e.getMessage());
            }
        }));
    }

    private static void check(String text) {
        try {
            Value v = TlaValueParser.parse(text);
            assertEquals(v, TlaValueParser.parse(v.toTla()), "reprint of " + text);
        } catch (TlaParseException e) {
            assertPosition(text, e);
        } catch (RuntimeException | StackOverflowError e) {
            fail("input " + quote(text) + " threw " + e, e);
        }
    }

    private static void checkState(String text) {
        try {
            TlaValueParser.parseState(text);
        } catch (TlaParseException e) {
            assertPosition(text, e);
        } catch (RuntimeException | StackOverflowError e) {
            fail("state " + quote(text) + " threw " + e, e);
        }
    }

    private static void assertPosition(String text, TlaParseException e) {
        assertTrue(e.offset() >= 0 && e.offset() <= text.length(), "offset " + e.offset() + " outside " + quote(text));
        long lines = text.chars().filter(c -> c == '\n').count() + 1;
        assertTrue(e.line() >= 1 && e.line() <= lines, "line " + e.line() + " outside " + quote(text));
        assertTrue(e.column() >= 1, e.getMessage());
        assertTrue(e.getMessage().startsWith("line " + e.line() + ", column " + e.column() + ": "), e.getMessage());
    }

    private static String quote(String s) {
        return "\"" + s.replace("\n", "\\n") + "\"";
    }

    static Value randomValue(Random rnd, int depth) {
        int kind = rnd.nextInt(depth <= 0 ? 4 : 8);
        switch (kind) {
            case 0:
                return Value.of(rnd.nextInt(2001) - 1000);
            case 1:
                return Value.str(randomString(rnd));
            case 2:
                return Value.bool(rnd.nextBoolean());
            case 3:
                return Value.model("m" + rnd.nextInt(5));
            case 4: {
                Map<String, Value> f = new LinkedHashMap<>();
                for (int i = 0, n = 1 + rnd.nextInt(4); i < n; i++) {
                    f.put(rnd.nextBoolean() ? "f" + i : "F_" + i, randomValue(rnd, depth - 1));
                }
                return Value.record(f);
            }
            case 5: {
                List<Value> l = new ArrayList<>();
                for (int i = 0, n = rnd.nextInt(4); i < n; i++) {
                    l.add(randomValue(rnd, depth - 1));
                }
                return Value.set(l);
            }
            case 6: {
                List<Value> l = new ArrayList<>();
                for (int i = 0, n = rnd.nextInt(4); i < n; i++) {
                    l.add(randomValue(rnd, depth - 1));
                }
                return Value.seq(l);
            }
            default: {
                Map<Value, Value> m = new LinkedHashMap<>();
                for (int i = 0, n = 1 + rnd.nextInt(4); i < n; i++) {
                    m.put(randomValue(rnd, depth - 2), randomValue(rnd, depth - 1));
                }
                return Value.function(m);
            }
        }
    }

    private static String randomString(Random rnd) {
        String alphabet = "ab \"\\\n\t\r\fxyz-_é";
        StringBuilder b = new StringBuilder();
        for (int i = rnd.nextInt(6); i > 0; i--) {
            b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    /** Inserts line breaks and indentation after commas, as TLC's pretty printer does. */
    private static String prettify(String text, Random rnd) {
        StringBuilder b = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            b.append(c);
            if (inString && c == '\\' && i + 1 < text.length()) {
                b.append(text.charAt(++i));
            } else if (c == '"') {
                inString = !inString;
            } else if (!inString && c == ',' && rnd.nextBoolean()) {
                b.append("\n   ");
            }
        }
        return b.toString();
    }

    private static String mutate(String text, Random rnd) {
        StringBuilder b = new StringBuilder(text);
        for (int i = 1 + rnd.nextInt(3); i > 0 && b.length() > 0; i--) {
            int at = rnd.nextInt(b.length());
            switch (rnd.nextInt(4)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, TOKENS[rnd.nextInt(TOKENS.length)]);
                case 2 -> b.setCharAt(at, (char) (32 + rnd.nextInt(95)));
                default -> b.setLength(at);
            }
        }
        return b.toString();
    }
}

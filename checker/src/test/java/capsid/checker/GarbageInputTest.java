package capsid.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import capsid.checker.value.ItfFormatException;
import capsid.checker.value.Value;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reader of outside input in checker/ meets garbage, seeded: random bytes,
 * truncations of valid input, token soup and small mutations. Each input is read
 * whole or refused with the reader's own exception, whose message names where
 * (ITF: the JSON path, or line and column for text that is not JSON; model files:
 * line and column; proofs-log: the line and byte offset), never anything else (no
 * stack trace reaches a user), and nothing half-read is returned. (TLC's value text
 * has the same treatment in {@code value.ValueFuzzTest}.)
 */
class GarbageInputTest {
    private static final int SEEDS = 40;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern ITF_WHERE = Pattern.compile("^\\$[^:]*: |^\\$: not JSON: line (\\d+), column (\\d+): ");
    private static final String[] JSON_TOKENS = {"{", "}", "[", "]", ",", ":", "\"vars\"", "\"states\"", "\"#meta\"",
        "\"loop\"", "\"x\"", "\"#bigint\"", "\"#set\"", "\"#map\"", "\"#tup\"", "\"#unserializable\"", "\"1\"", "1",
        "-1", "1.5", "null", "true", "false", "\"a b\"", " ", "\n", "\"", "\\"};
    private static final String[] CFG_TOKENS = {"CONSTANT", "CONSTANTS", "INIT", "NEXT", "INVARIANT", "PROPERTY",
        "SPECIFICATION", "CHECK_DEADLOCK", "TRUE", "N", "=", "<-", "{", "}", "<<", ">>", "[", "]", "(", ")", ",",
        "1", "\"s\"", "\"", "(*", "*)", "\\*", "\n", " ", "|->", "Init", "@", "-"};

    // ---- ITF traces --------------------------------------------------------------------------

    private static String validItf(Random rnd) {
        List<State> states = new ArrayList<>();
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            Map<String, Value> vars = new LinkedHashMap<>();
            vars.put("x", Value.of(i));
            vars.put("s", Value.set(List.of(Value.of(rnd.nextInt(5)), Value.str("a"))));
            vars.put("r", Value.record(Map.of("st", Value.str(rnd.nextBoolean() ? "live" : "zombie"))));
            states.add(new State(i, i == 0 ? State.INITIAL_PREDICATE : "<Next line 5, col 9 to line 5, col 20 of "
                    + "module M>", vars));
        }
        return Itf.toText(new Trace(states, rnd.nextBoolean() ? 0 : null, null), Map.of("source", "M.tla"));
    }

    @TestFactory
    Stream<DynamicTest> itfTracesAreReadWholeOrRefusedWithAPlace() {
        return IntStream.range(0, SEEDS).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            Random rnd = new Random(seed);
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                for (int i = 0; i < 60; i++) {
                    String valid = validItf(rnd);
                    Trace t = Itf.fromText(valid);
                    assertEquals(Itf.fromText(Itf.toText(t, null)), t);
                    itf(valid.substring(0, rnd.nextInt(valid.length())));
                    itf(mutate(valid, JSON_TOKENS, rnd));
                    itf(soup(JSON_TOKENS, rnd));
                    itf(bytes(rnd));
                    itf(replaceAValue(valid, rnd));
                }
            });
        }));
    }

    private static void itf(String text) {
        try {
            Trace t = Itf.fromText(text);
            for (State s : t.states()) {
                s.vars().values().forEach(Value::toTla); // a trace that was read is whole
            }
        } catch (ItfFormatException e) {
            Matcher m = ITF_WHERE.matcher(e.getMessage());
            assertTrue(m.find(), "no place in: " + e.getMessage());
            if (m.group(1) != null) {
                long lines = text.chars().filter(c -> c == '\n').count() + 1;
                assertTrue(Integer.parseInt(m.group(1)) <= lines + 1, e.getMessage());
            }
        } catch (RuntimeException | StackOverflowError e) {
            fail("ITF " + quote(text) + " threw " + e, e);
        }
    }

    /** A valid trace with one JSON value somewhere replaced by another kind. */
    private static String replaceAValue(String valid, Random rnd) throws Exception {
        JsonNode root = JSON.readTree(valid);
        JsonNode states = root.get("states");
        JsonNode st = states.get(rnd.nextInt(states.size()));
        String[] repl = {"null", "1.5", "{}", "[]", "\"x\"", "{\"#bigint\": \"q\"}", "{\"#set\": 1}", "{\"#map\": [[1]]}",
            "{\"#foo\": 1}", "{\"a b\": 1}", "[[[[[[[[[[1]]]]]]]]]]", "{\"#unserializable\": \"{\"}"};
        ((com.fasterxml.jackson.databind.node.ObjectNode) st).set(rnd.nextBoolean() ? "x" : "r",
                JSON.readTree(repl[rnd.nextInt(repl.length)]));
        if (rnd.nextInt(4) == 0) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) root).put("loop", rnd.nextInt(9) - 3);
        }
        if (rnd.nextInt(6) == 0) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) root).putArray("vars").add("x").add("missing");
        }
        return JSON.writeValueAsString(root);
    }

    @Test
    void anItfFileNamesItselfInTheError(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.itf.json");
        Files.writeString(f, "{\"vars\": [\"x\"], \"states\": [{\"x\": {\"#bigint\": \"1\"}}, {\"y\": 2}]}");
        ItfFormatException e = org.junit.jupiter.api.Assertions.assertThrows(ItfFormatException.class,
                () -> Itf.read(f));
        assertEquals(f + ": $.states[1]: variable x (listed in vars) has no value", e.getMessage());
        Files.writeString(f, "{\"vars\": [\n  \"x\",\n  ]");
        e = org.junit.jupiter.api.Assertions.assertThrows(ItfFormatException.class, () -> Itf.read(f));
        assertTrue(e.getMessage().startsWith(f + ": $: not JSON: line 3, column 3: "), e.getMessage());
        Files.write(f, new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}'});
        e = org.junit.jupiter.api.Assertions.assertThrows(ItfFormatException.class, () -> Itf.read(f));
        assertEquals(f + ": $: not UTF-8 text", e.getMessage());
    }

    // ---- model files (.cfg as capsid reads them) ---------------------------------------------

    @TestFactory
    Stream<DynamicTest> modelFilesAreReadOrRefusedWithLineAndColumn() throws Exception {
        List<String> valid = new ArrayList<>();
        for (Path p : List.of(Specs.path("Counter.cfg"), Specs.path("CounterSmall.cfg"), Specs.path("Liveness.cfg"),
                Specs.path("Values.cfg"))) {
            valid.add(Files.readString(p));
        }
        try (Stream<Path> s = Files.list(Path.of("..", "spec"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".cfg")).sorted().toList()) {
                String text = Files.readString(p);
                ModelConfig.parse(text); // every model of the repository reads
                valid.add(text);
            }
        }
        return IntStream.range(0, SEEDS).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            Random rnd = new Random(100 + seed);
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                for (int i = 0; i < 100; i++) {
                    String v = valid.get(rnd.nextInt(valid.size()));
                    cfg(v.substring(0, rnd.nextInt(v.length() + 1)));
                    cfg(mutate(v, CFG_TOKENS, rnd));
                    cfg(soup(CFG_TOKENS, rnd));
                    cfg(bytes(rnd));
                }
            });
        }));
    }

    private static void cfg(String text) {
        try {
            ModelConfig c = ModelConfig.parse(text);
            c.constants().forEach((k, v) -> assertTrue(!k.isEmpty() && !v.isEmpty(), k + " = " + v));
        } catch (ModelConfigException e) {
            long lines = text.chars().filter(c -> c == '\n').count() + 1;
            assertTrue(e.line() >= 1 && e.line() <= lines && e.column() >= 1, e.getMessage() + " in " + quote(text));
            assertTrue(e.offset() >= 0 && e.offset() <= text.length(), e.getMessage());
            assertEquals(e.line() + ":" + e.column() + ": config error: " + e.detail(), e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            fail("model file " + quote(text) + " threw " + e, e);
        }
    }

    // ---- proofs-log lines ----------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> proofsLogLinesAreRecordsOrReportedBadLines() {
        return IntStream.range(0, SEEDS).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            Random rnd = new Random(200 + seed);
            for (int i = 0; i < 40; i++) {
                List<String> lines = new ArrayList<>();
                List<Boolean> good = new ArrayList<>();
                for (int k = rnd.nextInt(8); k >= 0; k--) {
                    String rec = "{\"kind\":\"check\",\"result\":\"pass\",\"n\":" + rnd.nextInt(1000) + "}";
                    String line = switch (rnd.nextInt(5)) {
                        case 0 -> rec.substring(0, 1 + rnd.nextInt(rec.length() - 1));
                        case 1 -> soup(JSON_TOKENS, rnd).replace("\n", " ");
                        case 2 -> bytes(rnd).replace("\n", " ");
                        default -> rec;
                    };
                    boolean ok;
                    try {
                        JsonNode n = STRICT.readTree(line); // one JSON object, nothing after it
                        ok = n != null && n.isObject();
                    } catch (Exception e) {
                        ok = false;
                    }
                    if (line.isEmpty()) {
                        continue;
                    }
                    lines.add(line);
                    good.add(ok);
                }
                String text = String.join("\n", lines) + (rnd.nextBoolean() ? "\n" : "");
                byte[] data = text.getBytes(StandardCharsets.UTF_8);
                ProofsLog.Contents c = ProofsLog.parse(data);
                assertEquals(good.stream().filter(b -> b).count(), c.records().size(), text);
                assertEquals(good.stream().filter(b -> !b).count(), c.badLines().size(), text);
                int bad = 0;
                for (int k = 0; k < lines.size(); k++) {
                    if (!good.get(k)) {
                        ProofsLog.BadLine b = c.badLines().get(bad++);
                        assertEquals(k + 1, b.line(), text);
                        assertEquals(String.join("\n", lines.subList(0, k)).getBytes(StandardCharsets.UTF_8).length
                                + (k == 0 ? 0 : 1), b.offset(), text);
                        assertTrue(!b.problem().isBlank() && !b.problem().contains("Exception"), b.problem());
                    }
                }
            }
        }));
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static String mutate(String text, String[] tokens, Random rnd) {
        StringBuilder b = new StringBuilder(text);
        for (int i = 1 + rnd.nextInt(3); i > 0 && b.length() > 0; i--) {
            int at = rnd.nextInt(b.length());
            switch (rnd.nextInt(4)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, tokens[rnd.nextInt(tokens.length)]);
                case 2 -> b.setCharAt(at, (char) (32 + rnd.nextInt(95)));
                default -> b.insert(at, (char) rnd.nextInt(0x3000));
            }
        }
        return b.toString();
    }

    private static String soup(String[] tokens, Random rnd) {
        StringBuilder b = new StringBuilder();
        for (int k = rnd.nextInt(40); k > 0; k--) {
            b.append(tokens[rnd.nextInt(tokens.length)]);
        }
        return b.toString();
    }

    private static String bytes(Random rnd) {
        byte[] b = new byte[rnd.nextInt(60)];
        rnd.nextBytes(b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static String quote(String s) {
        String q = s.replace("\n", "\\n");
        return "\"" + (q.length() > 300 ? q.substring(0, 300) + "..." : q) + "\"";
    }
}

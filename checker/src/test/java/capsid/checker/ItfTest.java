package capsid.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.checker.value.ItfFormatException;
import capsid.checker.value.ItfValues;
import capsid.checker.value.TlaValueParser;
import capsid.checker.value.Value;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ItfTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void valuesMapToTheDocumentedItfForms() throws Exception {
        assertEquals("{\"#bigint\":\"-7\"}", ItfValues.toItf(Value.of(-7)).toString());
        assertEquals("\"a\\\"b\"", ItfValues.toItf(Value.str("a\"b")).toString());
        assertEquals("true", ItfValues.toItf(Value.bool(true)).toString());
        assertEquals("{\"#unserializable\":\"p1\"}", ItfValues.toItf(Value.model("p1")).toString());
        assertEquals("{\"a\":{\"#bigint\":\"1\"}}", ItfValues.toItf(TlaValueParser.parse("[a |-> 1]")).toString());
        assertEquals("[{\"#bigint\":\"1\"},[]]", ItfValues.toItf(TlaValueParser.parse("<<1, <<>>>>")).toString());
        assertEquals("{\"#set\":[\"x\"]}", ItfValues.toItf(TlaValueParser.parse("{\"x\"}")).toString());
        assertEquals("{\"#map\":[[{\"#bigint\":\"0\"},true]]}", ItfValues.toItf(TlaValueParser.parse("(0 :> TRUE)"))
                .toString());
        // what other tools write is read too
        assertEquals(Value.of(5), ItfValues.fromItf(JSON.readTree("5")));
        assertEquals(Value.seq(Value.of(1), Value.str("a")),
                ItfValues.fromItf(JSON.readTree("{\"#tup\": [{\"#bigint\": \"1\"}, \"a\"]}")));
        assertEquals(Value.seq(Value.str("a")), ItfValues.fromItf(JSON.readTree("{\"#map\": [[1, \"a\"]]}")));
        ItfFormatException e = assertThrows(ItfFormatException.class,
                () -> ItfValues.fromItf(JSON.readTree("{\"r\": {\"#set\": [1, {\"#bigint\": 2}]}}")));
        assertEquals("$.r.#set[1].#bigint", e.path());
    }

    @Test
    void traceRoundTripsWithLabelsLoopAndMeta(@TempDir Path dir) throws Exception {
        Map<String, Value> s0 = new LinkedHashMap<>();
        s0.put("x", Value.of(0));
        s0.put("p", Value.set(Value.model("a"), Value.model("b")));
        Map<String, Value> s1 = new LinkedHashMap<>(s0);
        s1.put("x", Value.of(1));
        Trace t = new Trace(List.of(new State(0, State.INITIAL_PREDICATE, s0),
                new State(1, "<Next line 5, col 9 to line 5, col 27 of module A>", s1)), 0,
                "<Next line 5, col 9 to line 5, col 27 of module A>");
        Path f = dir.resolve("sub/t.itf.json");
        Itf.write(f, t, Map.of("source", "A.tla", "property", "Live"));
        assertEquals(t, Itf.read(f));
        JsonNode root = JSON.readTree(Files.readString(f));
        assertEquals("ITF", root.get("#meta").get("format").asText());
        assertEquals("Live", root.get("#meta").get("property").asText());
        assertEquals("[\"x\",\"p\"]", root.get("vars").toString());
        assertEquals(0, root.get("loop").asInt());
        JsonNode m1 = root.get("states").get(1).get("#meta");
        assertEquals(1, m1.get("index").asInt());
        assertEquals("Next", m1.get("action").asText());
        assertTrue(m1.get("action_label").asText().startsWith("<Next line 5"));
        assertEquals(false, root.get("states").get(0).get("#meta").has("action"));
        try (var s = Files.list(f.getParent())) {
            assertEquals(1, s.count(), "no temporary file left");
        }
    }

    @Test
    void malformedTracesNameThePath() {
        assertThrows(ItfFormatException.class, () -> Itf.fromText("[1]"));
        ItfFormatException e = assertThrows(ItfFormatException.class, () -> Itf.fromText("{\"vars\": [\"x\"], "
                + "\"states\": [{\"#meta\": {\"index\": 0}, \"y\": 1}]}"));
        assertTrue(e.getMessage().startsWith("$.states[0]: variable x"), e.getMessage());
        e = assertThrows(ItfFormatException.class, () -> Itf.fromText("{\"vars\": [], \"states\": [], \"loop\": 3}"));
        assertEquals("$.loop", e.path());
        e = assertThrows(ItfFormatException.class, () -> Itf.fromText("{\"vars\": [\"x\"], \"states\": [{"));
        assertTrue(e.getMessage().startsWith("$: not JSON"), e.getMessage());
    }
}

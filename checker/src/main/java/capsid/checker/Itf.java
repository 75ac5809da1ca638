package capsid.checker;

import capsid.checker.value.ItfFormatException;
import capsid.checker.value.ItfValues;
import capsid.checker.value.Value;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Traces in the Informal Trace Format (ITF, JSON; Apalache ADR-015, as Quint uses
 * it), exactly as {@code docs/itf.md} describes: a trace object with {@code #meta},
 * {@code vars}, {@code states} and, for a lasso, {@code loop}; each state carries
 * {@code #meta.index} and, when known, {@code #meta.action} and
 * {@code #meta.action_label}; values as {@link ItfValues} writes them.
 */
public final class Itf {
    /** The ITF specification Capsid follows. */
    public static final String FORMAT_DESCRIPTION = "https://apalache-mc.org/docs/adr/015adr-trace.html";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Itf() {
    }

    /**
     * The ITF object of a trace.
     *
     * @param meta extra entries for the trace's {@code #meta} (e.g. {@code source}, {@code model},
     *     {@code property}); {@code null} values are left out; may be {@code null}
     */
    public static ObjectNode toJson(Trace trace, Map<String, ?> meta) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode m = root.putObject("#meta");
        m.put("format", "ITF");
        m.put("format-description", FORMAT_DESCRIPTION);
        m.put("description", "Written by Capsid from TLC output");
        if (meta != null) {
            meta.forEach((k, v) -> {
                if (v != null) {
                    m.set(k, JSON.valueToTree(v));
                }
            });
        }
        if (trace.loopActionLabel() != null) {
            m.put("loop_action_label", trace.loopActionLabel());
        }
        Set<String> vars = new LinkedHashSet<>();
        trace.states().forEach(s -> vars.addAll(s.vars().keySet()));
        ArrayNode va = root.putArray("vars");
        vars.forEach(va::add);
        ArrayNode sa = root.putArray("states");
        for (State s : trace.states()) {
            ObjectNode so = sa.addObject();
            ObjectNode sm = so.putObject("#meta");
            sm.put("index", s.index());
            if (s.action() != null) {
                sm.put("action", s.action());
            }
            if (s.actionLabel() != null) {
                sm.put("action_label", s.actionLabel());
            }
            s.vars().forEach((k, v) -> so.set(k, ItfValues.toItf(v)));
        }
        if (trace.loop() != null) {
            root.put("loop", trace.loop());
        }
        return root;
    }

    /** The ITF text of a trace (pretty-printed JSON, newline at the end). */
    public static String toText(Trace trace, Map<String, ?> meta) {
        try {
            return JSON.writeValueAsString(toJson(trace, meta)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    /**
     * Writes a trace to {@code file} atomically (a temporary file in the same
     * directory, then a rename), so a reader never sees half a trace. Creates the
     * parent directories.
     */
    public static void write(Path file, Trace trace, Map<String, ?> meta) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".tmp-", ".itf.json");
        try {
            Files.writeString(tmp, toText(trace, meta), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads an ITF trace.
     *
     * @throws ItfFormatException when the JSON is not an ITF trace
     */
    public static Trace fromJson(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new ItfFormatException("$", "expected a JSON object (an ITF trace)");
        }
        JsonNode varsNode = root.get("vars");
        if (varsNode == null || !varsNode.isArray()) {
            throw new ItfFormatException("$.vars", "expected an array of variable names");
        }
        List<String> vars = new ArrayList<>();
        for (int i = 0; i < varsNode.size(); i++) {
            if (!varsNode.get(i).isTextual()) {
                throw new ItfFormatException("$.vars[" + i + "]", "expected a string");
            }
            vars.add(varsNode.get(i).textValue());
        }
        JsonNode statesNode = root.get("states");
        if (statesNode == null || !statesNode.isArray()) {
            throw new ItfFormatException("$.states", "expected an array of states");
        }
        List<State> states = new ArrayList<>();
        for (int i = 0; i < statesNode.size(); i++) {
            String path = "$.states[" + i + "]";
            JsonNode sn = statesNode.get(i);
            if (!sn.isObject()) {
                throw new ItfFormatException(path, "expected a state object");
            }
            String label = null;
            JsonNode meta = sn.get("#meta");
            if (meta != null && meta.isObject()) {
                JsonNode l = meta.get("action_label");
                if (l == null) {
                    l = meta.get("action");
                }
                if (l != null && l.isTextual()) {
                    label = l.textValue();
                }
            }
            Map<String, Value> values = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : sn.properties()) {
                if (!e.getKey().startsWith("#")) {
                    values.put(e.getKey(), ItfValues.fromItf(e.getValue(), path + "." + e.getKey()));
                }
            }
            for (String v : vars) {
                if (!values.containsKey(v)) {
                    throw new ItfFormatException(path, "variable " + v + " (listed in vars) has no value");
                }
            }
            states.add(new State(i, label, values));
        }
        Integer loop = null;
        JsonNode loopNode = root.get("loop");
        if (loopNode != null && !loopNode.isNull()) {
            if (!loopNode.isInt() || loopNode.intValue() < 0 || loopNode.intValue() >= states.size()) {
                throw new ItfFormatException("$.loop", "expected a state index, found " + loopNode);
            }
            loop = loopNode.intValue();
        }
        String loopLabel = null;
        JsonNode meta = root.get("#meta");
        if (meta != null && meta.has("loop_action_label") && meta.get("loop_action_label").isTextual()) {
            loopLabel = meta.get("loop_action_label").textValue();
        }
        return new Trace(states, loop, loopLabel);
    }

    /** Reads an ITF trace from text. */
    public static Trace fromText(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": ";
            throw new ItfFormatException("$", "not JSON: " + at + e.getOriginalMessage().lines().findFirst()
                    .orElse(""));
        }
        return fromJson(root);
    }

    /**
     * Reads an ITF trace file whole, or not at all.
     *
     * @throws ItfFormatException naming the file and the JSON path (or, for text that is not JSON,
     *     the line and column) of the first problem
     */
    public static Trace read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ItfFormatException("$", "not UTF-8 text").in(file.toString());
        }
        try {
            return fromText(text);
        } catch (ItfFormatException e) {
            throw e.in(file.toString());
        }
    }

    /** The {@code #meta} object of an ITF file (empty when it has none); the file must be a valid trace. */
    public static Map<String, JsonNode> meta(Path file) throws IOException {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        JsonNode m = root == null ? null : root.get("#meta");
        if (m != null && m.isObject()) {
            m.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
        }
        return out;
    }
}

package capsid.checker.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Value}s to and from ITF expressions (the Informal Trace Format of Apalache
 * and Quint, ADR-015), as {@code docs/itf.md} describes:
 *
 * <ul>
 * <li>integer: {@code {"#bigint": "-12"}} (a plain JSON integer is also read);
 * <li>string: a JSON string; boolean: a JSON boolean;
 * <li>model value {@code p1}: {@code {"#unserializable": "p1"}}, its TLA+ text;
 * <li>record: a JSON object; sequence/tuple: a JSON array ({@code {"#tup": [...]}} is also
 *     read, as a sequence);
 * <li>set: {@code {"#set": [...]}}; other function: {@code {"#map": [[k, v], ...]}}.
 * </ul>
 *
 * Reading puts the value in its canonical form ({@link Value#function(Map)}), so a
 * {@code #map} on {@code 1..n} reads as a sequence. Malformed input is an
 * {@link ItfFormatException} naming the JSON path.
 */
public final class ItfValues {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ItfValues() {
    }

    /** The ITF expression for a value. */
    public static JsonNode toItf(Value v) {
        if (v instanceof Value.IntValue i) {
            return F.objectNode().put("#bigint", i.value().toString());
        }
        if (v instanceof Value.StringValue s) {
            return F.textNode(s.value());
        }
        if (v instanceof Value.BoolValue b) {
            return F.booleanNode(b.value());
        }
        if (v instanceof Value.ModelValue m) {
            return F.objectNode().put("#unserializable", m.name());
        }
        if (v instanceof Value.RecordValue r) {
            ObjectNode o = F.objectNode();
            r.fields().forEach((k, fv) -> o.set(k, toItf(fv)));
            return o;
        }
        if (v instanceof Value.SeqValue s) {
            ArrayNode a = F.arrayNode();
            s.elements().forEach(e -> a.add(toItf(e)));
            return a;
        }
        if (v instanceof Value.SetValue s) {
            ArrayNode a = F.arrayNode();
            s.elements().forEach(e -> a.add(toItf(e)));
            ObjectNode o = F.objectNode();
            o.set("#set", a);
            return o;
        }
        Value.FunctionValue f = (Value.FunctionValue) v;
        ArrayNode pairs = F.arrayNode();
        f.mapping().forEach((k, fv) -> pairs.add(F.arrayNode().add(toItf(k)).add(toItf(fv))));
        ObjectNode o = F.objectNode();
        o.set("#map", pairs);
        return o;
    }

    /**
     * The value of an ITF expression.
     *
     * @throws ItfFormatException when the JSON is not an ITF expression
     */
    public static Value fromItf(JsonNode node) {
        return fromItf(node, "$", 0);
    }

    /** {@link #fromItf(JsonNode)} of a node at {@code path} in a larger document (errors name that path). */
    public static Value fromItf(JsonNode node, String path) {
        return fromItf(node, path, 0);
    }

    private static Value fromItf(JsonNode n, String path, int depth) {
        if (depth > TlaValueParser.MAX_DEPTH) {
            throw new ItfFormatException(path, "nested deeper than " + TlaValueParser.MAX_DEPTH + " levels");
        }
        if (n == null || n.isNull() || n.isMissingNode()) {
            throw new ItfFormatException(path, "expected an ITF expression, found null");
        }
        if (n.isTextual()) {
            return Value.str(n.textValue());
        }
        if (n.isBoolean()) {
            return Value.bool(n.booleanValue());
        }
        if (n.isIntegralNumber()) {
            return new Value.IntValue(n.bigIntegerValue());
        }
        if (n.isNumber()) {
            throw new ItfFormatException(path, "not an integer: " + n);
        }
        if (n.isArray()) {
            List<Value> elems = new ArrayList<>();
            for (int i = 0; i < n.size(); i++) {
                elems.add(fromItf(n.get(i), path + "[" + i + "]", depth + 1));
            }
            return Value.seq(elems);
        }
        if (!n.isObject()) {
            throw new ItfFormatException(path, "expected an ITF expression, found " + n.getNodeType());
        }
        if (n.has("#bigint")) {
            only(n, "#bigint", path);
            JsonNode s = n.get("#bigint");
            if (!s.isTextual() || !s.textValue().matches("-?[0-9]+")) {
                throw new ItfFormatException(path + ".#bigint", "expected a string of digits, found " + s);
            }
            return new Value.IntValue(new BigInteger(s.textValue()));
        }
        if (n.has("#set") || n.has("#tup")) {
            String tag = n.has("#set") ? "#set" : "#tup";
            only(n, tag, path);
            JsonNode a = n.get(tag);
            if (!a.isArray()) {
                throw new ItfFormatException(path + "." + tag, "expected an array");
            }
            List<Value> elems = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                elems.add(fromItf(a.get(i), path + "." + tag + "[" + i + "]", depth + 1));
            }
            return tag.equals("#set") ? Value.set(elems) : Value.seq(elems);
        }
        if (n.has("#map")) {
            only(n, "#map", path);
            JsonNode a = n.get("#map");
            if (!a.isArray()) {
                throw new ItfFormatException(path + ".#map", "expected an array of [key, value] pairs");
            }
            Map<Value, Value> mapping = new LinkedHashMap<>();
            for (int i = 0; i < a.size(); i++) {
                String pp = path + ".#map[" + i + "]";
                JsonNode pair = a.get(i);
                if (!pair.isArray() || pair.size() != 2) {
                    throw new ItfFormatException(pp, "expected a [key, value] pair");
                }
                Value k = fromItf(pair.get(0), pp + "[0]", depth + 1);
                Value v = fromItf(pair.get(1), pp + "[1]", depth + 1);
                if (mapping.putIfAbsent(k, v) != null) {
                    throw new ItfFormatException(pp, "key " + k.toTla() + " appears twice");
                }
            }
            return Value.function(mapping);
        }
        if (n.has("#unserializable")) {
            only(n, "#unserializable", path);
            JsonNode s = n.get("#unserializable");
            if (!s.isTextual()) {
                throw new ItfFormatException(path + ".#unserializable", "expected a string");
            }
            try {
                return TlaValueParser.parse(s.textValue());
            } catch (TlaParseException e) {
                throw new ItfFormatException(path + ".#unserializable", "not a TLA+ value: " + e.getMessage());
            }
        }
        Map<String, Value> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            if (e.getKey().startsWith("#")) {
                throw new ItfFormatException(path, "unknown ITF form " + e.getKey());
            }
            fields.put(e.getKey(), fromItf(e.getValue(), path + "." + e.getKey(), depth + 1));
        }
        if (fields.isEmpty()) {
            throw new ItfFormatException(path, "an empty object is not a record (the empty function is [])");
        }
        Map<Value, Value> mapping = new LinkedHashMap<>();
        fields.forEach((k, v) -> mapping.put(Value.str(k), v));
        Value v = Value.function(mapping);
        if (!(v instanceof Value.RecordValue)) {
            throw new ItfFormatException(path, "record field names must be identifiers (letters, digits, _): "
                    + fields.keySet());
        }
        return v;
    }

    private static void only(JsonNode n, String tag, String path) {
        if (n.size() != 1) {
            throw new ItfFormatException(path, "an object with " + tag + " has no other key");
        }
    }
}

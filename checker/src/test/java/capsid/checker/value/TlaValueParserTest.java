package capsid.checker.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TlaValueParserTest {

    @Test
    void scalars() {
        assertEquals(Value.of(0), TlaValueParser.parse("0"));
        assertEquals(Value.of(-42), TlaValueParser.parse(" -42 "));
        assertEquals(new Value.IntValue(new BigInteger("123456789012345678901234567890")),
                TlaValueParser.parse("123456789012345678901234567890"));
        assertEquals(Value.bool(true), TlaValueParser.parse("TRUE"));
        assertEquals(Value.bool(false), TlaValueParser.parse("FALSE"));
        assertEquals(Value.model("p1"), TlaValueParser.parse("p1"));
        assertEquals(Value.model("1a"), TlaValueParser.parse("1a"));
        assertEquals(Value.str(""), TlaValueParser.parse("\"\""));
    }

    @Test
    void stringEscapesAreTlcs() {
        Value v = TlaValueParser.parse("\"q\\\"uo\\\\te\\n\\t\\r\\f end\"");
        assertEquals(Value.str("q\"uo\\te\n\t\r\f end"), v);
        assertEquals("\"q\\\"uo\\\\te\\n\\t\\r\\f end\"", v.toTla());
    }

    @Test
    void compoundForms() {
        assertEquals(Value.record(Map.of("a", Value.of(1), "b", Value.str("x"))),
                TlaValueParser.parse("[a |-> 1, b |-> \"x\"]"));
        assertEquals(Value.set(Value.of(1), Value.of(2)), TlaValueParser.parse("{1, 2}"));
        assertEquals(Value.set(), TlaValueParser.parse("{}"));
        assertEquals(Value.seq(Value.of(1), Value.seq(), Value.str("a")), TlaValueParser.parse("<<1, <<>>, \"a\">>"));
        Value f = TlaValueParser.parse("(0 :> \"a\" @@ 3 :> \"b\")");
        assertInstanceOf(Value.FunctionValue.class, f);
        assertEquals(Value.str("b"), ((Value.FunctionValue) f).mapping().get(Value.of(3)));
        assertEquals(Value.set(Value.of(2), Value.of(3), Value.of(4)), TlaValueParser.parse("2..4"));
        assertEquals(Value.set(), TlaValueParser.parse("3..2"));
        assertEquals(Value.record(Map.of("IF", Value.of(1))), TlaValueParser.parse("[IF |-> 1]"));
    }

    @Test
    void functionsTakeTheFormTlcPrints() {
        // a function on 1..n is a sequence, on identifier strings a record, as TLC prints them
        assertEquals(Value.seq(Value.str("a"), Value.str("b")), TlaValueParser.parse("(1 :> \"a\" @@ 2 :> \"b\")"));
        assertEquals(Value.record(Map.of("x", Value.of(1))), TlaValueParser.parse("(\"x\" :> 1)"));
        assertInstanceOf(Value.FunctionValue.class, TlaValueParser.parse("(\"hello world\" :> 1)"));
        assertInstanceOf(Value.FunctionValue.class, TlaValueParser.parse("(\"_\" :> 1 @@ \"12\" :> 2)"));
        assertInstanceOf(Value.FunctionValue.class, TlaValueParser.parse("(2 :> 1)"));
        assertThrows(IllegalArgumentException.class, () -> new Value.FunctionValue(Map.of(Value.of(1), Value.of(2))));
        assertThrows(IllegalArgumentException.class, () -> new Value.RecordValue(Map.of("a b", Value.of(2))));
        assertThrows(IllegalArgumentException.class, () -> new Value.RecordValue(Map.of()));
    }

    @Test
    void equalityIsTlaEquality() {
        assertEquals(TlaValueParser.parse("{1, 2, 2}"), TlaValueParser.parse("{2, 1}"));
        assertEquals(TlaValueParser.parse("[a |-> 1, b |-> 2]"), TlaValueParser.parse("[b |-> 2, a |-> 1]"));
        assertEquals(TlaValueParser.parse("(p :> 1 @@ q :> 2)"), TlaValueParser.parse("(q :> 2 @@ p :> 1)"));
        assertNotEquals(TlaValueParser.parse("<<1, 2>>"), TlaValueParser.parse("<<2, 1>>"));
        assertNotEquals(TlaValueParser.parse("\"p\""), TlaValueParser.parse("p"));
        assertEquals(TlaValueParser.parse("{1..3}").hashCode(), TlaValueParser.parse("{{3, 2, 1}}").hashCode());
    }

    @Test
    void prettyPrintedMultiLineValuesAsTlcWritesThem() {
        String text = """
                << "a\\tb",
                   ("hello world" :> 1),
                   [1a |-> 3],
                   << [aaaaaaa |-> 1, bbbbbb |-> {"z", "y"}],
                      [aaaaaaa |-> 2, bbbbbb |-> {"z", "y"}] >>,
                   (0 :> 1 @@ 1 :> 2),
                   {"a", "b", "B"} >>""";
        Value v = TlaValueParser.parse(text);
        Value.SeqValue s = assertInstanceOf(Value.SeqValue.class, v);
        assertEquals(6, s.elements().size());
        assertEquals(v, TlaValueParser.parse(v.toTla()));
    }

    @Test
    void statesInBothForms() {
        assertEquals(Map.of("x", Value.of(0)), TlaValueParser.parseState("x = 0\n"));
        Map<String, Value> s = TlaValueParser.parseState("/\\ x = 1\n/\\ y = [a |-> {1}]\n\n");
        assertEquals(List.of("x", "y"), List.copyOf(s.keySet()));
        assertEquals(Value.record(Map.of("a", Value.set(Value.of(1)))), s.get("y"));
        TlaParseException dup = assertThrows(TlaParseException.class,
                () -> TlaValueParser.parseState("/\\ x = 1\n/\\ x = 2"));
        assertEquals(2, dup.line());
        assertTrue(dup.getMessage().contains("x appears twice"), dup.getMessage());
        assertThrows(TlaParseException.class, () -> TlaValueParser.parseState("x == 1"));
        assertThrows(TlaParseException.class, () -> TlaValueParser.parseState("   "));
    }

    @Test
    void errorsNameLineColumnAndWhatWasExpected() {
        TlaParseException e = assertThrows(TlaParseException.class, () -> TlaValueParser.parse("{1, 2"));
        assertEquals("line 1, column 6: expected ',' or '}' in a set, found end of input", e.getMessage());
        assertEquals(5, e.offset());

        e = assertThrows(TlaParseException.class, () -> TlaValueParser.parse("<<1,\n  [a |-> ]>>"));
        assertEquals(2, e.line());
        assertEquals(10, e.column());
        assertTrue(e.getMessage().contains("expected a value"), e.getMessage());

        e = assertThrows(TlaParseException.class, () -> TlaValueParser.parse("\"abc"));
        assertTrue(e.getMessage().startsWith("line 1, column 1: string not closed"), e.getMessage());
        e = assertThrows(TlaParseException.class, () -> TlaValueParser.parse("\"a\\qb\""));
        assertTrue(e.getMessage().contains("unknown escape '\\q'"), e.getMessage());
        e = assertThrows(TlaParseException.class, () -> TlaValueParser.parse("[a |-> 1, a |-> 2]"));
        assertTrue(e.getMessage().contains("field a appears twice"), e.getMessage());
        e = assertThrows(TlaParseException.class, () -> TlaValueParser.parse("(1 :> 2 @@ 1 :> 3)"));
        assertTrue(e.getMessage().contains("maps 1 twice"), e.getMessage());
        e = assertThrows(TlaParseException.class, () -> TlaValueParser.parse("1 2"));
        assertTrue(e.getMessage().contains("expected end of value"), e.getMessage());
        e = assertThrows(TlaParseException.class, () -> TlaValueParser.parse("1..999999999"));
        assertTrue(e.getMessage().contains("more than"), e.getMessage());
        e = assertThrows(TlaParseException.class, () -> TlaValueParser.parse("_"));
        assertTrue(e.getMessage().contains("needs a letter"), e.getMessage());
        assertThrows(TlaParseException.class, () -> TlaValueParser.parse(""));
        assertThrows(TlaParseException.class, () -> TlaValueParser.parse(null));
        assertThrows(TlaParseException.class, () -> TlaValueParser.parse("-"));
        assertThrows(TlaParseException.class, () -> TlaValueParser.parse("[S -> T]"));
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        String deep = "<<".repeat(100_000) + ">>".repeat(100_000);
        TlaParseException e = assertThrows(TlaParseException.class, () -> TlaValueParser.parse(deep));
        assertTrue(e.getMessage().contains("nested deeper"), e.getMessage());
        String ok = "{".repeat(200) + "}".repeat(200);
        assertInstanceOf(Value.SetValue.class, TlaValueParser.parse(ok));
    }

    @Test
    void printingRoundTripsEveryForm() {
        Map<String, Value> fields = new LinkedHashMap<>();
        fields.put("n", Value.of(-3));
        fields.put("s", Value.str("\"\\\n"));
        fields.put("f", Value.function(Map.of(Value.model("p"), Value.set(), Value.seq(Value.of(1)), Value.bool(false))));
        fields.put("q", Value.seq(Value.set(Value.str("a"), Value.model("m")), Value.seq()));
        Value v = Value.record(fields);
        assertEquals(v, TlaValueParser.parse(v.toTla()));
        assertEquals(v.toTla(), v.toString());
    }
}

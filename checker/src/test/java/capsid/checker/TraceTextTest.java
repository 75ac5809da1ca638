package capsid.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import capsid.checker.value.TlaValueParser;
import capsid.checker.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a counterexample reads: where each action is, and what changed, one line per changed leaf. */
class TraceTextTest {

    private static List<String> diff(String var, String before, String after) {
        List<String> out = new ArrayList<>();
        TraceText.diff(var, TlaValueParser.parse(before), TlaValueParser.parse(after), out);
        return out;
    }

    @Test
    void structuredValuesChangeLeafByLeaf() {
        assertEquals(List.of("st[2]: \"live\" -> \"zombie\""),
                diff("st", "<<\"live\", \"live\", \"dead\">>", "<<\"live\", \"zombie\", \"dead\">>"));
        assertEquals(List.of("pmap[1]: +(3 :> 4)"), diff("pmap", "(1 :> (2 :> 1) @@ 2 :> (1 :> 1))",
                "(1 :> (2 :> 1 @@ 3 :> 4) @@ 2 :> (1 :> 1))"));
        assertEquals(List.of("pmap[1]: +(2 :> 2)"), diff("pmap", "<<<<1>>, <<2>>>>", "<<<<1, 2>>, <<2>>>>"));
        assertEquals(List.of("procs: +{\"p3\"}", "procs: -{\"p1\"}"),
                diff("procs", "{\"p1\", \"p2\"}", "{\"p2\", \"p3\"}"));
        assertEquals(List.of("last.act: \"Boot\" -> \"Fork\"", "last.ret: 0 -> 2"),
                diff("last", "[act |-> \"Boot\", t |-> 0, ret |-> 0]", "[act |-> \"Fork\", t |-> 0, ret |-> 2]"));
        assertEquals(List.of("last: +[flags |-> {}]", "last: -[hostname |-> \"capsid\"]"),
                diff("last", "[t |-> 0, hostname |-> \"capsid\"]", "[t |-> 0, flags |-> {}]"));
        assertEquals(List.of("f.a[2]: FALSE -> TRUE"), diff("f", "(\"a\" :> <<TRUE, FALSE>>)",
                "(\"a\" :> <<TRUE, TRUE>>)")); // a function of names is a record
        assertEquals(List.of("f[p1][2]: FALSE -> TRUE"), diff("f", "(p1 :> <<TRUE, FALSE>> @@ p2 :> <<>>)",
                "(p1 :> <<TRUE, TRUE>> @@ p2 :> <<>>)"));
        assertEquals(List.of("x: {1} -> <<1>>"), diff("x", "{1}", "<<1>>"));
        assertEquals(List.of("s: -(2 :> 5)"), diff("s", "<<4, 5>>", "<<4>>"));
    }

    @Test
    void labelsAreFileLineColumnAndActionWithTheKernelMethod() {
        TraceText.Style s = new TraceText.Style(false, 10, m -> m.equals("NamespaceUnshare")
                ? "spec/NamespaceUnshare.tla" : null, (m, a) -> a.equals("Fork") ? "ProcessTable#fork" : null);
        assertEquals("spec/NamespaceUnshare.tla:197:5 Fork  [kernel: ProcessTable#fork]", TraceText.label(
                "<Fork line 197, col 5 to line 244, col 48 of module NamespaceUnshare>", s));
        assertEquals("Bad:5:9 IncX(p)", TraceText.label("<IncX(p) line 5, col 9 to line 5, col 27 of module Bad>", s));
        assertEquals("initial state", TraceText.label(State.INITIAL_PREDICATE, s));
        assertEquals("Fork", TraceText.label("Fork", s));
    }

    @Test
    void aTraceShowsTheFirstStateWholeThenChangesOrEverythingWithFull() {
        List<State> states = new ArrayList<>();
        String[] st = {"<<\"live\", \"live\">>", "<<\"live\", \"zombie\">>"};
        for (int i = 0; i < 2; i++) {
            Map<String, Value> v = new LinkedHashMap<>();
            v.put("n", Value.of(2));
            v.put("st", TlaValueParser.parse(st[i]));
            states.add(new State(i, i == 0 ? State.INITIAL_PREDICATE : "<Exit line 9, col 3 to line 9, col 9 of "
                    + "module M>", v));
        }
        Trace t = new Trace(states);
        TraceText.Style changes = new TraceText.Style(false, 10, m -> "M.tla", null);
        assertEquals(List.of("trace (2 states; after the first state, only what changed):", "  0: initial state",
                "      n = 2", "      st = <<\"live\", \"live\">>", "  1: M.tla:9:3 Exit",
                "      st[2]: \"live\" -> \"zombie\""), TraceText.lines(t, changes));
        TraceText.Style full = new TraceText.Style(true, 10, m -> "M.tla", null);
        assertEquals(List.of("trace (2 states; every variable of every state):", "  0: initial state", "      n = 2",
                "      st = <<\"live\", \"live\">>", "  1: M.tla:9:3 Exit", "      n = 2",
                "      st = <<\"live\", \"zombie\">>"), TraceText.lines(t, full));
    }
}

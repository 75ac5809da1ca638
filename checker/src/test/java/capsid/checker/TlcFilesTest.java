package capsid.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.checker.value.TlaValueParser;
import capsid.checker.value.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Simulation trace files and state-graph dumps, in TLC 2.18's formats, and malformed ones. */
class TlcFilesTest {

    @Test
    void simulationTraceModule() {
        String text = """
                ---------------- MODULE /tmp/x/trace_0_0 -----------------
                STATE_1 ==\s
                /\\ x = 0
                /\\ y = << "a",
                   [k |-> {1, 2}] >>


                STATE_2 ==\s
                /\\ x = 1
                /\\ y = <<>>


                =================================================
                """;
        Trace t = SimulationTraces.parse(text);
        assertEquals(2, t.size());
        assertEquals(Value.seq(Value.str("a"), TlaValueParser.parse("[k |-> {1, 2}]")),
                t.states().get(0).vars().get("y"));
        assertEquals(Map.of("x", Value.of(1), "y", Value.seq()), t.states().get(1).vars());
    }

    @Test
    void malformedTraceFilesNameTheState() {
        assertThrows(TraceFormatException.class, () -> SimulationTraces.parse("nothing here"));
        TraceFormatException e = assertThrows(TraceFormatException.class,
                () -> SimulationTraces.parse("STATE_1 ==\n/\\ x = 0\n\nSTATE_2 ==\n/\\ x = {1,\n====\n"));
        assertEquals("line 6, column 1: in STATE_2: expected a value, found end of input", e.getMessage());
        e = assertThrows(TraceFormatException.class,
                () -> SimulationTraces.parse("STATE_1 ==\n/\\ x = 0\nSTATE_3 ==\n/\\ x = 1\n"));
        assertTrue(e.getMessage().contains("STATE_3 where STATE_2"), e.getMessage());
    }

    @Test
    void dotDumpWithEscapesStutteringAndInitialStates() {
        String text = """
                strict digraph DiskGraph {
                nodesep=0.35;
                subgraph cluster_graph {
                color="white";
                -15 [label="/\\\\ s = \\"a\\"\\n/\\\\ x = 0",style = filled]
                -15 -> 76 [label="Inc",color="black",fontcolor="black"];
                76 [label="/\\\\ s = \\"b\\\\\\"q\\"\\n/\\\\ x = 1"];
                -15 -> -15 [style="dashed"];
                76 -> -15 [label="Reset",color="black",fontcolor="black"];
                {rank = same; -15;}
                {rank = same; 76;}
                }
                }
                """;
        StateGraph g = StateGraph.parse(text);
        assertEquals(2, g.nodes().size());
        assertEquals(List.of(-15L), g.initialNodes().stream().map(StateGraph.Node::id).toList());
        assertEquals(Value.str("b\"q"), g.nodes().get(76L).vars().get("s"));
        assertEquals(3, g.edges().size());
        assertEquals(List.of(new StateGraph.Edge(-15, 76, "Inc", false), new StateGraph.Edge(76, -15, "Reset", false)),
                g.actionEdges());
        assertEquals(List.of(new StateGraph.Edge(76, -15, "Reset", false)), g.outgoing(76));
    }

    @Test
    void malformedDumpsNameTheLine() {
        assertThrows(TraceFormatException.class, () -> StateGraph.parse("graph {}"));
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> StateGraph.parse(
                "strict digraph G {\n1 [label=\"/\\\\ x = {\"];\n}"));
        assertTrue(e.getMessage().startsWith("line 2: state label, line 1, column 9: expected a value"),
                e.getMessage());
        e = assertThrows(TraceFormatException.class, () -> StateGraph.parse("strict digraph G {\n1 -> 2;\n}"));
        assertTrue(e.getMessage().contains("names a node the dump lacks"), e.getMessage());
        e = assertThrows(TraceFormatException.class, () -> StateGraph.parse("digraph G {\n12 => 3\n}"));
        assertTrue(e.getMessage().startsWith("line 2: neither a node nor an edge"), e.getMessage());
    }
}

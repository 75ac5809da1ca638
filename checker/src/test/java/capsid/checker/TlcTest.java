package capsid.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.checker.value.Value;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Tlc.check on the test specs: every result kind, and the counts of a direct TLC run. */
class TlcTest {

    @Test
    void counterPassesWithExactlyNStatesAsDirectTlcReports() {
        TlcResult r = Tlc.check(Specs.request("Counter", "Counter"));
        assertEquals(Outcome.PASS, r.result(), r.toString());
        assertEquals(7L, r.distinctStates());
        assertEquals(8L, r.generatedStates());
        assertEquals(7, r.depth());
        assertEquals(0L, r.statesLeft());
        assertEquals("2.18", r.tlcVersion());
        assertEquals("bfs", r.mode());
        assertEquals(Map.of("N", "7"), r.constants());
        assertEquals(1, r.workers());
        assertEquals(0, r.exitCode());
        assertNull(r.property());
        assertNull(r.trace());
        assertNull(r.reason());
        assertTrue(r.spec().endsWith("Counter.tla") && r.model().endsWith("Counter.cfg"));
        assertTrue(r.seconds() > 0);
        assertNotNull(r.seed());
        // the test specs are copies under target/ (ignored by git): a commit, but not the spec's
        assertTrue(r.commit().matches("[0-9a-f]{40}"), r.commit());
        assertEquals(Boolean.TRUE, r.dirty());

        Specs.Raw raw = Specs.rawTlc("Counter", "Counter");
        assertEquals(0, raw.exit());
        assertEquals(raw.distinct(), r.distinctStates());
        assertEquals(raw.generated(), r.generatedStates());
        assertEquals(raw.depth(), r.depth());
    }

    @Test
    void pingPongPassesWithItsDerivedCountsAsDirectTlcReports() {
        TlcResult r = Tlc.check(Specs.request("PingPong", "PingPong"));
        assertEquals(Outcome.PASS, r.result(), r.toString());
        assertEquals(10L, r.distinctStates());
        assertEquals(13L, r.generatedStates());
        assertEquals(10, r.depth());
        assertEquals(List.of("Max", "Referee"), List.copyOf(r.constants().keySet()));
        assertEquals("r1", r.constants().get("Referee"));

        Specs.Raw raw = Specs.rawTlc("PingPong", "PingPong");
        assertEquals(0, raw.exit());
        assertEquals(raw.distinct(), r.distinctStates());
        assertEquals(raw.generated(), r.generatedStates());
        assertEquals(raw.depth(), r.depth());

        // a liveness model (fairness, []<>): one worker, whatever was asked for
        TlcResult two = Tlc.check(Specs.request("PingPong", "PingPong").withWorkers(2).withSeed(42L));
        assertEquals(Outcome.PASS, two.result(), two.toString());
        assertEquals(10L, two.distinctStates());
        assertEquals(13L, two.generatedStates());
        assertEquals(1, two.workers());
        assertEquals(42L, two.seed());
    }

    @Test
    void aLivenessModelRunsWithOneWorkerAndSaysSo() {
        TlcResult r = Tlc.check(Specs.request("TickerLive", "TickerLive").withWorkers(2));
        assertEquals(Outcome.PASS, r.result(), r.toString());
        assertEquals(3L, r.distinctStates());
        assertEquals(1, r.workers());
        assertEquals("workers: 1 instead of 2: liveness: SPECIFICATION FairSpec has fairness (in Fairness); "
                + WorkerPolicy.UNSOUND, r.warnings().get(0));
        assertEquals(1, r.toJson(false).get("workers").asInt());
        // without fairness the same property fails, on one worker too
        TlcResult unfair = Tlc.check(Specs.request("Ticker", "TickerUnfair").withWorkers(2));
        assertEquals(Outcome.LIVENESS, unfair.result(), unfair.toString());
        assertEquals(1, unfair.workers());
    }

    @Test
    void aSafetyModelKeepsItsWorkers() {
        TlcResult r = Tlc.check(Specs.request("Ticker", "Ticker").withWorkers(2));
        assertEquals(Outcome.PASS, r.result(), r.toString());
        assertEquals(3L, r.distinctStates());
        assertEquals(2, r.workers());
        assertTrue(r.warnings().stream().noneMatch(w -> w.startsWith("workers:")), r.warnings().toString());
    }

    @Test
    void invariantViolationNamesTheInvariantAndParsesTheTrace() {
        TlcResult r = Tlc.check(Specs.request("Counter", "CounterSmall"));
        assertEquals(Outcome.VIOLATION, r.result(), r.toString());
        assertEquals("Small", r.property());
        assertEquals("invariant", r.propertyKind());
        assertEquals(12, r.exitCode());
        Trace t = r.trace();
        assertEquals(4, t.size());
        assertNull(t.loop());
        for (int i = 0; i < 4; i++) {
            assertEquals(Map.of("x", Value.of(i)), t.states().get(i).vars());
            assertEquals(i, t.states().get(i).index());
        }
        assertTrue(t.states().get(0).isInitial());
        assertNull(t.states().get(0).action());
        State s1 = t.states().get(1);
        assertEquals("Tick", s1.action(), s1.actionLabel());
        assertTrue(s1.actionLabel().matches("<Tick line \\d+, col \\d+ to line \\d+, col \\d+ of module Counter>"),
                s1.actionLabel());
        assertEquals(12, Specs.rawTlc("Counter", "CounterSmall").exit());
    }

    @Test
    void actionPropertyViolationIsAViolation() {
        TlcResult r = Tlc.check(Specs.request("Counter", "CounterIncreasing"));
        assertEquals(Outcome.VIOLATION, r.result(), r.toString());
        assertEquals("Increasing", r.property());
        assertEquals("action property", r.propertyKind());
        assertEquals(13, r.exitCode()); // TLC exits as for liveness; Capsid reads the message
        List<Value> xs = r.trace().states().stream().map(s -> s.vars().get("x")).toList();
        assertEquals(List.of(Value.of(0), Value.of(1), Value.of(2), Value.of(3), Value.of(4), Value.of(0)), xs);
    }

    @Test
    void deadlockIsReportedAndCanBeSwitchedOff() {
        TlcResult r = Tlc.check(Specs.request("Deadlock", "Deadlock"));
        assertEquals(Outcome.DEADLOCK, r.result(), r.toString());
        assertEquals("deadlock", r.property());
        assertEquals(11, r.exitCode());
        assertEquals(3, r.trace().size());
        assertEquals(Value.of(2), r.trace().states().get(2).vars().get("x"));
        assertEquals(11, Specs.rawTlc("Deadlock", "Deadlock").exit());

        TlcResult off = Tlc.check(Specs.request("Deadlock", "Deadlock").withCheckDeadlock(false));
        assertEquals(Outcome.PASS, off.result(), off.toString());
        assertEquals(3L, off.distinctStates());
        assertEquals(0, Specs.rawTlc("Deadlock", "Deadlock", "-deadlock").exit());
    }

    @Test
    void livenessViolationIsALassoBackToTheFirstState() {
        TlcResult r = Tlc.check(Specs.request("Liveness", "Liveness"));
        assertEquals(Outcome.LIVENESS, r.result(), r.toString());
        assertEquals("temporal", r.propertyKind());
        assertEquals("YBecomesOne", r.property());
        assertEquals(13, r.exitCode());
        Trace t = r.trace();
        assertEquals(3, t.size());
        assertEquals(0, t.loop());
        assertTrue(t.loopActionLabel().startsWith("<Next line"), t.loopActionLabel());
        assertEquals(Value.of(2), t.states().get(2).vars().get("x"));
    }

    @Test
    void livenessViolationByStutteringLoopsOnTheLastState() {
        TlcResult r = Tlc.check(Specs.request("Liveness", "LivenessStutter"));
        assertEquals(Outcome.LIVENESS, r.result(), r.toString());
        Trace t = r.trace();
        assertEquals(1, t.size());
        assertEquals(0, t.loop());
        assertEquals(Trace.STUTTERING, t.loopActionLabel());
    }

    @Test
    void evaluationErrorIsAnErrorWithPositionAndTrace() {
        TlcResult r = Tlc.check(Specs.request("EvalError", "EvalError"));
        assertEquals(Outcome.ERROR, r.result(), r.toString());
        assertEquals(75, r.exitCode());
        assertTrue(r.reason().endsWith("EvalError.tla:6:14: evaluation error: the operator + of module Naturals "
                + "failed: got a string where an integer is needed"), r.reason());
        assertNotNull(r.location());
        assertTrue(r.location().file().endsWith("EvalError.tla"), r.location().toString());
        assertEquals(6, r.location().line());
        assertEquals(3, r.trace().size());
    }

    @Test
    void parseErrorNamesFileLineAndColumn() {
        TlcResult r = Tlc.check(Specs.request("ParseError", "ParseError"));
        assertEquals(Outcome.ERROR, r.result(), r.toString());
        assertEquals(150, r.exitCode());
        SourceLocation loc = r.location();
        assertNotNull(loc, r.reason());
        assertTrue(loc.file().endsWith("ParseError.tla"), loc.file());
        assertEquals(5, loc.line());
        assertEquals(1, loc.column());
        assertTrue(r.reason().endsWith("ParseError.tla:5:1: parse error: unexpected start of a definition after "
                + "\"/\\\" (the definition starting at 4:1 is not complete)"), r.reason());
        assertNull(r.distinctStates());
    }

    @Test
    void semanticErrorNamesTheSymbolAndPosition() {
        TlcResult r = Tlc.check(Specs.request("SemanticError", "SemanticError"));
        assertEquals(Outcome.ERROR, r.result(), r.toString());
        assertEquals(150, r.exitCode());
        assertEquals(5, r.location().line());
        assertEquals(14, r.location().column());
        assertTrue(r.location().file().endsWith("SemanticError.tla"));
        assertTrue(r.reason().endsWith("SemanticError.tla:5:14: semantic error: Unknown operator: 'undefinedThing'."),
                r.reason());
    }

    @Test
    void configErrorsAreErrorsNamingTheProblem() {
        TlcResult r = Tlc.check(Specs.request("Counter", "CounterNoSuchInvariant"));
        assertEquals(Outcome.ERROR, r.result(), r.toString());
        assertEquals(151, r.exitCode());
        assertTrue(r.reason().endsWith("CounterNoSuchInvariant.cfg:" + r.location().line() + ":"
                + r.location().column() + ": config error: invariant NoSuchInvariant is not defined in the spec"),
                r.reason());
        assertTrue(r.location().file().endsWith("CounterNoSuchInvariant.cfg"), r.location().toString());

        TlcResult bad = Tlc.check(Specs.request("Counter", "CounterBadSyntax"));
        assertEquals(Outcome.ERROR, bad.result(), bad.toString());
        assertTrue(bad.reason().endsWith("CounterBadSyntax.cfg:4:1: config error: expected a keyword (CONSTANT, "
                + "INIT, NEXT, SPECIFICATION, INVARIANT, PROPERTY, CONSTRAINT, SYMMETRY, VIEW, CHECK_DEADLOCK, ...), "
                + "found 'BOGUS_KEYWORD'"), bad.reason());
        assertEquals(new SourceLocation(bad.model(), 4, 1), bad.location());
    }

    @Test
    void assertFailureIsAViolationWithTheMessage() {
        TlcResult r = Tlc.check(Specs.request("AssertFails", "AssertFails"));
        assertEquals(Outcome.VIOLATION, r.result(), r.toString());
        assertEquals("assert", r.propertyKind());
        assertEquals(14, r.exitCode());
        assertTrue(r.reason().contains("x must stay below 2"), r.reason());
        assertEquals(3, r.trace().size());
    }

    @Test
    void invariantViolatedByAnInitialStateHasAOneStateTrace() {
        TlcResult r = Tlc.check(Specs.request("InitViolation", "InitViolation"));
        assertEquals(Outcome.VIOLATION, r.result(), r.toString());
        assertEquals("One", r.property());
        assertEquals(1, r.trace().size());
        assertEquals(Map.of("x", Value.of(2)), r.trace().states().get(0).vars());
        assertTrue(r.trace().states().get(0).isInitial());
    }

    @Test
    void everyKindOfPrintedValueComesBackAsItsAst() {
        TlcResult r = Tlc.check(Specs.request("Values", "Values"));
        assertEquals(Outcome.VIOLATION, r.result(), r.toString());
        Value v = r.trace().states().get(1).vars().get("v");
        Map<String, Value> f = new LinkedHashMap<>();
        f.put("num", Value.of(-42));
        f.put("str", Value.str("say \"hi\"\\ \n\tnow"));
        f.put("yes", Value.bool(true));
        f.put("no", Value.bool(false));
        f.put("set", Value.set(Value.of(1), Value.of(2), Value.of(3)));
        f.put("empty", Value.set());
        f.put("seq", Value.seq(Value.of(1), Value.seq(), Value.str("a")));
        f.put("fn", Value.function(Map.of(Value.of(0), Value.str("zero"), Value.of(7), Value.str("seven"))));
        f.put("procs", Value.set(Value.model("p1"), Value.model("p2")));
        f.put("pfn", Value.function(Map.of(Value.model("p1"), Value.bool(true), Value.model("p2"),
                Value.bool(false))));
        f.put("rng", Value.set(Value.of(2), Value.of(3), Value.of(4)));
        f.put("sets", Value.set(Value.set(), Value.set(Value.of(1)), Value.set(Value.of(2)),
                Value.set(Value.of(1), Value.of(2))));
        f.put("recs", Value.set(Value.record(Map.of("a", Value.of(1), "b", Value.str("x"))),
                Value.record(Map.of("a", Value.of(2), "b", Value.str("x")))));
        assertEquals(Value.record(f), v);
        assertEquals(new Value.IntValue(BigInteger.ONE), r.trace().states().get(1).vars().get("w"));
    }

    @Test
    void aTimeoutKillsTheChildAndIsAnErrorWithTheLastCounts() {
        List<TlcProgress> seen = Collections.synchronizedList(new ArrayList<>());
        TlcResult r = Tlc.check(Specs.request("Grid", "GridHuge").withTimeout(Duration.ofSeconds(4))
                .withProgressInterval(Duration.ofMillis(500)), seen::add);
        assertEquals(Outcome.ERROR, r.result(), r.toString());
        assertTrue(r.reason().startsWith("timeout"), r.reason());
        assertTrue(r.seconds() < 20, "took " + r.seconds());
        assertTrue(noTlcChildLeft(), "the child is still running");
        assertTrue(seen.size() >= 3, "progress snapshots: " + seen);
        assertTrue(seen.stream().anyMatch(p -> p.generated() != null && p.generated() > 0
                && p.distinct() != null && p.queue() != null && p.depth() != null && "checking".equals(p.phase())),
                "no snapshot with counts: " + seen);
        assertTrue(r.reason().contains("last progress"), r.reason());
    }

    @Test
    void aKilledChildIsAnError() throws Exception {
        CompletableFuture<TlcResult> run = CompletableFuture.supplyAsync(
                () -> Tlc.check(Specs.request("Grid", "GridHuge").withTimeout(Duration.ofSeconds(60))));
        ProcessHandle child = null;
        for (int i = 0; i < 200 && child == null; i++) {
            child = tlcChild().orElse(null);
            Thread.sleep(50);
        }
        assertNotNull(child, "no TLC child appeared");
        Thread.sleep(1500);
        child.destroyForcibly();
        TlcResult r = run.get(30, TimeUnit.SECONDS);
        assertEquals(Outcome.ERROR, r.result(), r.toString());
        assertEquals(137, r.exitCode());
        assertTrue(r.reason().contains("killed by signal 9"), r.reason());
    }

    @Test
    void missingFilesAreErrorsNotExceptions() {
        TlcResult r = Tlc.check(TlcRequest.of(Specs.path("NoSuchSpec.tla")));
        assertEquals(Outcome.ERROR, r.result());
        assertTrue(r.reason().startsWith("spec file not found"), r.reason());
        assertNull(r.exitCode());

        TlcResult c = Tlc.check(TlcRequest.of(Specs.path("Counter.tla")).withConfig(Specs.path("Nope.cfg")));
        assertEquals(Outcome.ERROR, c.result());
        assertTrue(c.reason().contains("Nope.cfg"), c.reason());
    }

    @Test
    void simulationTracesAreReadBack() {
        Tlc.Simulation sim = Tlc.simulate(Specs.request("Counter", "Counter"), 3, 5);
        assertEquals(Outcome.PASS, sim.result().result(), sim.result().toString());
        assertEquals("simulate", sim.result().mode());
        assertEquals(3, sim.traces().size());
        for (Trace t : sim.traces()) {
            assertEquals(5, t.size());
            for (int i = 0; i < 5; i++) {
                assertEquals(Map.of("x", Value.of(i)), t.states().get(i).vars());
                assertNull(t.states().get(i).actionLabel());
            }
        }
        assertEquals(5, sim.result().depth());
        assertNull(sim.result().distinctStates());
        assertTrue(sim.result().generatedStates() >= 15, sim.result().toString());
    }

    @Test
    void simulatedPingPongStepsAreTransitionsOfTheSpec() {
        Tlc.Simulation sim = Tlc.simulate(Specs.request("PingPong", "PingPong").withSeed(7L), 4, 15);
        assertEquals(Outcome.PASS, sim.result().result(), sim.result().toString());
        assertEquals(4, sim.traces().size());
        for (Trace t : sim.traces()) {
            assertEquals(15, t.size());
            for (int i = 1; i < t.size(); i++) {
                assertTrue(PingPongModel.step(t.states().get(i - 1).vars(), t.states().get(i).vars()) != null,
                        "not a PingPong step: " + t.states().get(i - 1) + " -> " + t.states().get(i));
            }
        }
    }

    @Test
    void stateGraphDumpHasEveryStateAndLabelledEdge() {
        Tlc.GraphDump d = Tlc.dumpGraph(Specs.request("PingPong", "PingPong"));
        assertEquals(Outcome.PASS, d.result().result(), d.result().toString());
        StateGraph g = d.graph();
        assertEquals(10, g.nodes().size());
        assertEquals(d.result().distinctStates(), (long) g.nodes().size());
        assertEquals(12, g.actionEdges().size());
        // the model checks a temporal property, so TLC adds a stuttering self-loop to every state
        assertEquals(22, g.edges().size());
        assertTrue(g.edges().stream().filter(StateGraph.Edge::stuttering)
                .allMatch(e -> e.from() == e.to() && e.action() == null));
        assertEquals(java.util.Set.of("Ping", "Pong", "Reset"), g.actions());
        assertEquals(1, g.initialNodes().size());
        StateGraph.Node init = g.initialNodes().get(0);
        assertEquals(Value.str("ping"), init.vars().get("ball"));
        assertEquals(Value.model("r1"), init.vars().get("ref"));
        Map<String, Integer> perAction = new LinkedHashMap<>();
        for (StateGraph.Edge e : g.actionEdges()) {
            String expected = PingPongModel.step(g.nodes().get(e.from()).vars(), g.nodes().get(e.to()).vars());
            assertEquals(expected, e.action(), "edge " + e);
            perAction.merge(e.action(), 1, Integer::sum);
        }
        assertEquals(Map.of("Ping", 4, "Pong", 4, "Reset", 4), perAction);
    }

    @Test
    void stateGraphDumpToAGivenFileStays(@org.junit.jupiter.api.io.TempDir Path dir) {
        Path file = dir.resolve("pingpong.dot");
        Tlc.GraphDump d = Tlc.dumpGraph(Specs.request("PingPong", "PingPong").withDumpDot(file));
        assertEquals(Outcome.PASS, d.result().result(), d.result().toString());
        assertTrue(java.nio.file.Files.exists(file));
        assertEquals(10, d.graph().nodes().size());
    }

    @Test
    void theChildClassPathIsAbsolute() {
        String old = System.getProperty("java.class.path");
        try {
            System.setProperty("java.class.path", "cli/target/capsid.jar" + java.io.File.pathSeparator + "/abs/x.jar");
            assertEquals(Path.of("cli/target/capsid.jar").toAbsolutePath() + java.io.File.pathSeparator + "/abs/x.jar",
                    Tlc.childClassPath());
        } finally {
            System.setProperty("java.class.path", old);
        }
    }

    /** The TLC children of this JVM (TlcChild in their command line). */
    static Optional<ProcessHandle> tlcChild() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(TlcChild.class.getName()))
                        .orElse(false))
                .findFirst();
    }

    static boolean noTlcChildLeft() {
        return tlcChild().isEmpty();
    }

    /** PingPong's next-state relation in Java: the action a step takes, or null when it is not a step. */
    static final class PingPongModel {
        private PingPongModel() {
        }

        static String step(Map<String, Value> from, Map<String, Value> to) {
            String ball = ((Value.StringValue) from.get("ball")).value();
            Map<String, Value> score = ((Value.RecordValue) from.get("score")).fields();
            int ping = ((Value.IntValue) score.get("ping")).value().intValue();
            int pong = ((Value.IntValue) score.get("pong")).value().intValue();
            if (!from.get("ref").equals(to.get("ref"))) {
                return null;
            }
            if (ball.equals("ping") && ping < 2 && to.equals(state("pong", ping + 1, pong))) {
                return "Ping";
            }
            if (ball.equals("pong") && pong < 2 && to.equals(state("ping", ping, pong + 1))) {
                return "Pong";
            }
            if (ping == 2 && pong == 2 && (to.equals(state("ping", 0, 0)) || to.equals(state("pong", 0, 0)))) {
                return "Reset";
            }
            return null;
        }

        private static Map<String, Value> state(String ball, int ping, int pong) {
            return Map.of("ball", Value.str(ball), "score",
                    Value.record(Map.of("ping", Value.of(ping), "pong", Value.of(pong))), "ref", Value.model("r1"));
        }
    }
}

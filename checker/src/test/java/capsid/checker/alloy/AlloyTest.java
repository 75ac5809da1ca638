package capsid.checker.alloy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.mit.csail.sdg.translator.A4Solution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlloyTest {
    @TempDir
    Path dir;

    private static final String MODEL = """
            sig Node { succ: lone Node }
            fact { no n: Node | n in n.^succ }
            assert Acyclic { no n: Node | n = n.succ }
            check Acyclic for 4 expect 0
            assert AllLinked { all n: Node | some n.succ }
            check AllLinked for 3 expect 1
            assert Wrong { no succ }
            check Wrong for 3 expect 0
            run Some { some succ } for 2
            """;

    @Test
    void everyCommandRunsAndEachExpectationIsJudged() throws Exception {
        Path f = dir.resolve("M.als");
        Files.writeString(f, MODEL);
        List<AlloyCheck> r = Alloy.runAll(Alloy.parse(f));
        assertEquals(List.of("Acyclic", "AllLinked", "Wrong", "Some"), r.stream().map(AlloyCheck::name).toList());
        AlloyCheck holds = r.get(0);
        assertTrue(holds.check());
        assertFalse(holds.instanceFound(), holds.toString());
        assertTrue(holds.expectationMet());
        assertEquals("for 4", holds.scope());
        assertEquals(4, holds.line());
        AlloyCheck mustFail = r.get(1);
        assertTrue(mustFail.instanceFound(), mustFail.toString());
        assertTrue(mustFail.expectationMet());
        assertEquals("counterexample", mustFail.found());
        AlloyCheck wrong = r.get(2);
        assertTrue(wrong.instanceFound());
        assertFalse(wrong.expectationMet(), "a check expecting 0 that finds a counterexample misses its expectation");
        AlloyCheck run = r.get(3);
        assertFalse(run.check());
        assertEquals(-1, run.expect());
        assertTrue(run.instanceFound());
        assertTrue(run.expectationMet());
        assertEquals("no expect", run.expectation());
    }

    @Test
    void aSyntaxErrorIsNamedByFileLineAndColumn() throws Exception {
        Path f = dir.resolve("Bad.als");
        Files.writeString(f, "sig A {}\nsig B { f: A }\nfact { all b: B | b.f in A and }\n");
        AlloyError e = assertThrows(AlloyError.class, () -> Alloy.parse(f));
        assertEquals(f.toString(), e.file());
        assertEquals(3, e.line(), e.getMessage());
        assertEquals(32, e.column(), e.getMessage());
        assertTrue(e.getMessage().startsWith(f + ":3:32: "), e.getMessage());
        assertFalse(e.alloyMessage().isBlank());
    }

    @Test
    void aTypeErrorIsNamedToo() throws Exception {
        AlloyError e = assertThrows(AlloyError.class, () -> Alloy.parse("T.als", "sig A {}\nfact { some Nope }\n"));
        assertEquals(2, e.line(), e.getMessage());
        assertTrue(e.alloyMessage().contains("Nope"), e.getMessage());
    }

    @Test
    void aMissingFileIsAnError() {
        AlloyError e = assertThrows(AlloyError.class, () -> Alloy.parse(dir.resolve("none.als")));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void formulasAreEvaluatedOnASolution() throws Exception {
        Alloy.Model m = Alloy.parse("E.als", """
                one sig A, B extends N {}
                abstract sig N { to: set N }
                fact { to = A -> B }
                pred Loop { some n: N | n in n.to }
                run Pinned {} for 2
                """);
        A4Solution s = Alloy.solve(m, m.command("Pinned"));
        assertTrue(s.satisfiable());
        assertFalse(Alloy.holds(m, s, "Loop"));
        assertTrue(Alloy.holds(m, s, "A.to = B"));
        assertThrows(AlloyError.class, () -> Alloy.holds(m, s, "to"), "an expression that is not a formula");
        assertThrows(IllegalArgumentException.class, () -> m.command("Nope"));
    }
}

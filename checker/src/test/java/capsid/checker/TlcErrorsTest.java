package capsid.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of problem TLC and SANY report about a spec or its model comes back
 * as one line, {@code FILE:LINE:COL: KIND: message}, naming the problem in its own
 * words: no SANY or Java class names, no {@code |} joins, positions found where TLC
 * gives none (a missing module, an undefined invariant, a constant without value).
 * Each spec here is written for this test.
 */
class TlcErrorsTest {
    @TempDir
    Path dir;

    private TlcResult check(String module, String spec, String cfg, String... more) throws Exception {
        Files.writeString(dir.resolve(module + ".tla"), spec);
        Files.writeString(dir.resolve(module + ".cfg"), cfg);
        for (int i = 0; i + 1 < more.length; i += 2) {
            Files.writeString(dir.resolve(more[i]), more[i + 1]);
        }
        TlcResult r = Tlc.check(TlcRequest.of(dir.resolve(module + ".tla")));
        assertEquals(Outcome.ERROR, r.result(), r.toString());
        for (String bad : List.of("tla2sany", "tlc2.", "java.", "Exception", " | ", "\n")) {
            assertFalse(r.reason().contains(bad), "'" + bad + "' in: " + r.reason());
        }
        return r;
    }

    private void assertLine(TlcResult r, String file, int line, int col, String rest) {
        assertEquals(dir.resolve(file) + ":" + line + ":" + col + ": " + rest, r.reason());
        assertNotNull(r.location());
        assertEquals(new SourceLocation(dir.resolve(file).toString(), line, col), r.location());
    }

    private static final String NEXT = "Init == x = 0\nNext == x' = x\n====\n";
    private static final String CFG = "INIT Init\nNEXT Next\n";

    @Test
    void parseErrors() throws Exception {
        assertLine(check("Syntax", "---- MODULE Syntax ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\n"
                + "Next == x' = x + + 1\n====\n", CFG), "Syntax.tla", 5, 20, "parse error: unexpected \"1\" after "
                + "\"+\"; expected \"====\" (the end of the module) or another definition");
        assertLine(check("Lex", "---- MODULE Lex ----\nVARIABLE x\nInit == x = \"abc\nNext == x' = x\n====\n", CFG),
                "Lex.tla", 3, 13, "parse error: string not closed: the end of the line inside \"abc");
        assertLine(check("Cmt", "---- MODULE Cmt ----\nVARIABLE x\n  (* open comment\n" + NEXT, CFG), "Cmt.tla", 3,
                3, "parse error: comment not closed: the file ends inside the comment that opens here");
        assertLine(check("Name", "---- MODULE Other ----\nVARIABLE x\n" + NEXT, CFG), "Name.tla", 1, 13,
                "parse error: the file holds module Other, but a module must be in a file of its own name (Other.tla)");
    }

    @Test
    void semanticErrorsAndModulesThatAreNotThere() throws Exception {
        assertLine(check("Undef", "---- MODULE Undef ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\n"
                + "Next == x' = x + y\n====\n", CFG), "Undef.tla", 5, 18, "semantic error: Unknown operator: 'y'.");
        assertLine(check("Dup", "---- MODULE Dup ----\nVARIABLE x\nInit == x = 1\n" + NEXT, CFG), "Dup.tla", 4, 1,
                "semantic error: Operator Init already defined or declared.");
        assertLine(check("Missing", "---- MODULE Missing ----\nEXTENDS Naturals,\n        NoSuchModule\nVARIABLE x\n"
                + NEXT, CFG), "Missing.tla", 3, 9, "semantic error: module NoSuchModule not found (no "
                + dir.resolve("NoSuchModule.tla") + ", and no standard module of that name)");
        assertLine(check("Circ", "---- MODULE Circ ----\nEXTENDS Circ2\nVARIABLE x\n" + NEXT, CFG,
                "Circ2.tla", "---- MODULE Circ2 ----\nEXTENDS Circ\n====\n"), "Circ.tla", 2, 9,
                "semantic error: modules extend each other in a cycle: Circ.tla -> Circ2.tla -> Circ.tla");
    }

    @Test
    void configErrorsPointIntoTheModelOrTheDeclaration() throws Exception {
        String spec = "---- MODULE C ----\nCONSTANT N\nVARIABLE x\n" + NEXT;
        TlcResult r = check("C", spec, "CONSTANT N = 1\nINIT Init\nNEXT Next\nINVARIANT\n    NoSuch\n");
        assertLine(r, "C.cfg", 5, 5, "config error: invariant NoSuch is not defined in the spec");
        r = check("C", spec, "INIT Init\nNEXT Next\n");
        assertLine(r, "C.tla", 2, 10, "config error: constant N has no value: give it one in C.cfg (CONSTANT N = ...)");
        r = check("C", spec, "CONSTANT N = 1\nINIT Start\nNEXT Next\n");
        assertLine(r, "C.cfg", 2, 6, "config error: initial predicate Start is not defined in the spec");
        // a model file that capsid cannot read is refused before TLC starts
        r = check("C", spec, "CONSTANT N = {1,\nINIT Init\nNEXT Next\n");
        assertLine(r, "C.cfg", 2, 1, "config error: expected '}' before INIT (the '{' at 1:14 is not closed)");
        assertEquals(null, r.exitCode());
    }

    @Test
    void evaluationErrorsAtTheDeepestPosition() throws Exception {
        assertLine(check("Tail", "---- MODULE Tail ----\nEXTENDS Sequences, Naturals\nVARIABLE s\nInit == s = <<1>>\n"
                + "Next == s' = Tail(Tail(s))\n====\n", CFG), "Tail.tla", 5, 14,
                "evaluation error: Attempted to apply Tail to the empty sequence.");
        assertLine(check("Plus", "---- MODULE Plus ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\n"
                + "Next == x' = x + (IF x = 1 THEN \"one\" ELSE 1)\n====\n", CFG), "Plus.tla", 5, 14,
                "evaluation error: the operator + of module Naturals failed: got a string where an integer is needed");
        assertLine(check("Dom", "---- MODULE Dom ----\nEXTENDS Naturals\nVARIABLE f\nInit == f = [i \\in 1..2 |-> 0]\n"
                + "Next == f' = [f EXCEPT ![1] = f[3]]\n====\n", CFG), "Dom.tla", 5, 31,
                "evaluation error: Attempted to apply function: <<0, 0>> to argument 3, which is not in the domain "
                        + "of the function.");
    }
}

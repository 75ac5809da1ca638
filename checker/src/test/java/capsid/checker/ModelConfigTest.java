package capsid.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelConfigTest {

    @Test
    void constantsInvariantsPropertiesAndComments() {
        ModelConfig c = ModelConfig.parse("""
                \\* CI model
                (* a block (* nested *) comment with N = 99 *)
                SPECIFICATION Spec
                CONSTANTS
                    N = 3   \\* three
                    Procs = {p1,
                             p2}
                    Name = "a = b"
                    Def <- MCDef
                    Op(x, y) <- MCOp
                    Other <- [Mod] Thing
                CONSTANT M=-1
                VIEW stateVars
                INVARIANTS TypeOK
                    Safe
                PROPERTY Live
                PROPERTIES Live2 Live3
                CHECK_DEADLOCK FALSE
                """);
        assertEquals(Map.of("N", "3", "Procs", "{p1, p2}", "Name", "\"a = b\"", "Def", "<- MCDef", "Op", "<- MCOp",
                "Other", "<- [Mod] Thing", "M", "-1"), c.constants());
        assertEquals(List.of("N", "Procs", "Name", "Def", "Op", "Other", "M"), List.copyOf(c.constants().keySet()));
        assertEquals(List.of("TypeOK", "Safe"), c.invariants());
        assertEquals(List.of("Live", "Live2", "Live3"), c.properties());
        assertEquals(Boolean.FALSE, c.checkDeadlock());
    }

    @Test
    void anEmptyFileHasNothing() {
        ModelConfig c = ModelConfig.parse("");
        assertEquals(Map.of(), c.constants());
        assertNull(c.checkDeadlock());
    }

    @Test
    void brokenFilesAreRefusedWithLineAndColumn() {
        assertRefused("CONSTANT = = <- (\n\"unterminated", 2, 1, "string not closed on its line");
        assertRefused("INIT Init\n(* never closed\nNEXT Next\n", 2, 1, "comment not closed: the file ends inside "
                + "the (* that opens here");
        assertRefused("Init\nNEXT Next\n", 1, 1, "expected a keyword (CONSTANT, INIT, NEXT, SPECIFICATION, "
                + "INVARIANT, PROPERTY, ...), found 'Init'");
        assertRefused("CONSTANT N = {1,\nINIT Init\n", 2, 1, "expected '}' before INIT (the '{' at 1:14 is not "
                + "closed)");
        assertRefused("CONSTANT N = {1, 2]\n", 1, 19, "unexpected ']' (the '{' at 1:14 needs '}')");
        assertRefused("CONSTANT N = <<1, 2\n", 2, 1, "the file ends before the '<<' at 1:14 is closed");
        assertRefused("CONSTANTS\n  N 3\n", 2, 5, "expected '=' or '<-' after constant N, found '3'");
        assertRefused("CONSTANTS N =\nINIT Init\n", 1, 14, "expected a value after N =");
        assertRefused("CONSTANTS N = 1\n N = 2\n", 2, 2, "constant N is given twice");
        assertRefused("INVARIANT {x}\n", 1, 11, "expected the name of a definition after INVARIANT, found '{'");
        assertRefused("CHECK_DEADLOCK maybe\n", 1, 16, "CHECK_DEADLOCK takes TRUE or FALSE, found 'maybe'");
    }

    private static void assertRefused(String text, int line, int column, String detail) {
        ModelConfigException e = assertThrows(ModelConfigException.class, () -> ModelConfig.parse(text));
        assertEquals(detail, e.detail(), text);
        assertEquals(line + ":" + column, e.line() + ":" + e.column(), e.getMessage());
        assertEquals(line + ":" + column + ": config error: " + detail, e.getMessage());
    }

    /**
     * What this reader refuses, TLC refuses too: each broken file, run by TLC itself
     * on the Counter spec, makes TLC fail (a reader stricter than TLC would turn a
     * model TLC checks into an error).
     */
    @Test
    void tlcRefusesWhatThisReaderRefuses(@TempDir Path dir) throws Exception {
        Files.copy(Specs.path("Counter.tla"), dir.resolve("Counter.tla"));
        String[] broken = {"CONSTANT N = 7\nINIT Init\n(* never closed\nNEXT Next\n",
            "Init\nCONSTANT N = 7\nINIT Init\nNEXT Next\n", "CONSTANT N = {1,\nINIT Init\nNEXT Next\n",
            "CONSTANT N = 7\nINIT Init\nNEXT Next\nINVARIANT {x}\n", "CONSTANT N = \"abc\nINIT Init\nNEXT Next\n",
            "CONSTANTS N =\nINIT Init\nNEXT Next\n", "CONSTANTS N 7\nINIT Init\nNEXT Next\n"};
        for (int i = 0; i < broken.length; i++) {
            Path cfg = dir.resolve("broken" + i + ".cfg");
            Files.writeString(cfg, broken[i]);
            assertThrows(ModelConfigException.class, () -> ModelConfig.read(cfg), broken[i]);
            Specs.Raw raw = Specs.rawTlc(dir.resolve("Counter.tla"), cfg);
            assertNotEquals(0, raw.exit(), "TLC accepted " + broken[i] + ":\n" + raw.stdout());
            assertNull(raw.generated(), "TLC checked " + broken[i]);
        }
    }
}

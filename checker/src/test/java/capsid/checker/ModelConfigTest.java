package capsid.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
    void emptyAndOddFilesDoNotFail() {
        ModelConfig c = ModelConfig.parse("");
        assertEquals(Map.of(), c.constants());
        assertNull(c.checkDeadlock());
        ModelConfig odd = ModelConfig.parse("CONSTANT = = <- (\n\"unterminated");
        assertEquals(List.of(), odd.invariants());
    }
}

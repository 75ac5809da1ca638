package capsid.refinement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every NamespaceUnshare action and its kernel method name each other, and the check catches a broken side. */
class SpecLinksTest {
    static final Path SPEC = Path.of(System.getProperty("capsid.root", ".."), "spec", "NamespaceUnshare.tla");

    private static List<String> check(String text) {
        return SpecLinks.check("NamespaceUnshare", text, NamespaceReplayer.ACTIONS, SpecLinks.kernelClasses());
    }

    @Test
    void everyActionIsLinkedBothWays() throws Exception {
        assertEquals(List.of(), check(Files.readString(SPEC)));
        assertEquals(NamespaceReplayer.ACTIONS.size(), SpecLinks.read(Files.readString(SPEC)).size());
    }

    /** The design doc's action table names each action's method as the spec does. */
    @Test
    void theDesignDocNamesEveryLink() throws Exception {
        Path doc = Path.of(System.getProperty("capsid.root", ".."), "docs", "namespace-unshare.md");
        List<String> lines = Files.readAllLines(doc);
        for (SpecLinks.Link l : SpecLinks.read(Files.readString(SPEC)).values()) {
            String method = l.className().substring(l.className().lastIndexOf('.') + 1) + "#" + l.method();
            assertTrue(lines.stream().anyMatch(x -> x.startsWith("| `" + l.action() + "` | `" + method + "` |")),
                    "docs/namespace-unshare.md has no row for " + l.action() + " -> " + method);
        }
    }

    @Test
    void aMissingCommentIsReportedOnBothSides() throws Exception {
        String broken = Files.readString(SPEC).replace("(* kernel: capsid.kernel.process.ProcessTable#setns", "(* ");
        List<String> problems = check(broken);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("NamespaceUnshare!SetNs: no 'kernel:")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("ProcessTable#setns claims NamespaceUnshare!SetNs")),
                problems.toString());
    }

    @Test
    void aCommentNamingTheWrongMethodIsReported() throws Exception {
        String broken = Files.readString(SPEC).replace("ProcessTable#jail ", "ProcessTable#unshare ");
        List<String> problems = check(broken);
        assertTrue(problems.stream().anyMatch(p -> p.contains("ProcessTable#unshare implements NamespaceUnshare!Jail")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("ProcessTable#jail claims NamespaceUnshare!Jail")),
                problems.toString());
    }

    @Test
    void aCommentNamingAMissingMethodIsReported() throws Exception {
        String broken = Files.readString(SPEC).replace("ProcessTable#dup ", "ProcessTable#duplicate ");
        assertTrue(check(broken).stream().anyMatch(p -> p.contains("ProcessTable#duplicate, which does not exist")));
    }
}

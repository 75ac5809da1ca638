package capsid.refinement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.checker.ModelConfig;
import capsid.kernel.Kernel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
        String broken = Files.readString(SPEC).replace("CapCalls#dup ", "CapCalls#duplicate ");
        assertTrue(check(broken).stream().anyMatch(p -> p.contains("CapCalls#duplicate, which does not exist")));
    }

    // ---- properties: each spec property has a kernel twin of the same name, or an exemption ----

    private static List<String> properties(Map<String, ModelConfig> models, List<String> kernel) {
        return SpecLinks.checkProperties("NamespaceUnshare", models, kernel,
                Kernel.specExemptions("NamespaceUnshare"));
    }

    /** The repository's spec against the kernel: every property its models check has a kernel twin, and back. */
    @Test
    void everySpecPropertyHasAKernelTwinOfTheSameName() throws Exception {
        assertEquals(List.of(), properties(SpecLinks.models(SPEC.getParent(), "NamespaceUnshare"),
                Kernel.specCheckNames("NamespaceUnshare")));
    }

    /** The final list of the spec's properties (issue 10) against the kernel: every name linked both ways. */
    @Test
    void theFinalPropertyListIsLinkedBothWays() {
        ModelConfig ci = ModelConfig.parse("""
                INVARIANTS TypeOK PidsUniquePerNamespace VisibleExactlyInOwnAndAncestors PidOneIsInit SetnsOnlyBelow
                    DeadNamespaceEmpty DepthBound JailHolds EveryOrphanAdopted OrphansGoToNamespaceInit
                PROPERTIES NoNamingTheInvisible JailIsForever JailRefusesEscapes PidsAllocatedInOrder InitSignalRules
                    NewpidOnlyFromOwnNamespace ForkCopiesDescriptors HostnamesPerUts
                """);
        ModelConfig live = ModelConfig.parse("SPECIFICATION FairSpec\nPROPERTIES ZombieReaped\n");
        assertEquals(List.of(), properties(Map.of("MCNamespaceUnshare.cfg", ci, "MCNamespaceUnshareLiveness.cfg",
                live), Kernel.specCheckNames("NamespaceUnshare")));
    }

    @Test
    void aSpecPropertyWithoutAKernelTwinIsReported() throws Exception {
        Map<String, ModelConfig> models = new java.util.TreeMap<>(SpecLinks.models(SPEC.getParent(),
                "NamespaceUnshare"));
        models.put("MCNamespaceUnshareExtra.cfg", ModelConfig.parse("INVARIANT ReaperIsLive\n"));
        assertTrue(properties(models, Kernel.specCheckNames("NamespaceUnshare")).contains("MCNamespaceUnshareExtra.cfg"
                + " checks NamespaceUnshare!ReaperIsLive, which has no kernel-side check of that name"
                + " (Kernel.specCheckNames) and no declared exemption (Kernel.specExemptions)"));
    }

    @Test
    void aKernelCheckNamingAPropertyTheSpecLacksIsReported() throws Exception {
        Map<String, ModelConfig> models = SpecLinks.models(SPEC.getParent(), "NamespaceUnshare");
        List<String> kernel = new java.util.ArrayList<>(Kernel.specCheckNames("NamespaceUnshare"));
        kernel.add("JailedStaysInJail"); // the old name of JailHolds
        assertTrue(properties(models, kernel).contains("kernel check JailedStaysInJail claims"
                + " NamespaceUnshare!JailedStaysInJail, which no model of the spec checks (MCNamespaceUnshare*.cfg)"));
    }

    @Test
    void exemptionsNeedAReasonAndASpecProperty() {
        ModelConfig m = ModelConfig.parse("INVARIANT TypeOK\nPROPERTY ZombieReaped\n");
        assertEquals(List.of("the kernel exempts NamespaceUnshare!ZombieReaped without a reason",
                        "the kernel exempts NamespaceUnshare!Gone, which no model of the spec checks",
                        "the kernel exempts NamespaceUnshare!TypeOK but also checks it"),
                SpecLinks.checkProperties("NamespaceUnshare", Map.of("MCNamespaceUnshare.cfg", m), List.of("TypeOK"),
                        new java.util.LinkedHashMap<>(Map.of()) {
                            {
                                put("ZombieReaped", " ");
                                put("Gone", "removed");
                                put("TypeOK", "twice");
                            }
                        }));
        assertEquals(List.of("NamespaceUnshare: no model (MCNamespaceUnshare*.cfg), so no property to link"),
                SpecLinks.checkProperties("NamespaceUnshare", Map.of(), List.of(), Map.of()));
    }
}

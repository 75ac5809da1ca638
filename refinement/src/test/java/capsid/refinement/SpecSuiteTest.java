package capsid.refinement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.checker.Outcome;
import capsid.checker.Outcomes;
import capsid.checker.SpecManifest;
import capsid.checker.SpecMutants;
import capsid.checker.Tlc;
import capsid.checker.TlcRequest;
import capsid.checker.TlcResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The repository's own spec suite, as spec/manifest.json declares it: every CI and
 * liveness model finds the state count the manifest records, every spec mutant is
 * reported by the property it names on the model it names (spec/*.mutants.json), and
 * every property and ABI rule has such a mutant. The mutant results are cached under
 * target/spec-mutants at the repository root, where {@code capsid verify} finds them.
 */
class SpecSuiteTest {
    static final Path ROOT = Path.of(System.getProperty("capsid.root", ".."));
    static final Path SPEC = ROOT.resolve("spec");

    static SpecManifest manifest() throws IOException {
        return SpecManifest.read(SPEC);
    }

    static Stream<SpecManifest.Model> recordedModels() throws IOException {
        List<SpecManifest.Model> out = new ArrayList<>();
        for (SpecManifest.Spec s : manifest().specs()) {
            for (SpecManifest.Model m : s.models(EnumSet.of(SpecManifest.Role.CI, SpecManifest.Role.LIVENESS))) {
                out.add(m);
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordedModels")
    void eachCiModelFindsTheStatesTheManifestRecords(SpecManifest.Model m) throws IOException {
        assertTrue(m.distinctStates() != null, m.name() + ": the manifest records no state count for a " +
                m.role().json() + " model");
        TlcRequest req = TlcRequest.of(SPEC.resolve(m.module())).withConfig(SPEC.resolve(m.config()))
                .withWorkers(m.role() == SpecManifest.Role.LIVENESS ? 1 : 2).withTimeout(Duration.ofMinutes(10));
        TlcResult r;
        if (m.role() == SpecManifest.Role.CI) {
            // with the outcome recorder: what the model reaches is the refinement row's universe
            // (RefineRun.universeModels), kept where capsid verify's refinement row reads it
            Tlc.Checked c = Outcomes.check(req, ROOT.resolve("target").resolve("refine-outcomes"));
            r = c.result();
            assertTrue(r.result() != Outcome.PASS || !c.outcomes().isEmpty(), m.config() + ": no outcome recorded");
        } else {
            r = Tlc.check(req);
        }
        assertEquals(Outcome.PASS, r.result(), m.config() + ": " + r.reason() + " " + r.property());
        assertEquals(m.distinctStates(), r.distinctStates(), m.config() + ": distinct states");
        // the depth is not compared: with several workers TLC's reported depth can differ by
        // a step between runs (its search is not level by level); a single worker's is exact
        if (req.workers() == 1) {
            assertEquals(m.depth(), r.depth(), m.config() + ": depth");
        }
    }

    @Test
    void everySpecMutantIsReportedByItsOwnPropertyOnAModelVerifyChecks() throws IOException {
        for (SpecManifest.Spec s : manifest().specs()) {
            SpecMutants.Report r = SpecMutants.run(SPEC, s, new SpecMutants.Options(2, Duration.ofMinutes(5),
                    ROOT.resolve("target").resolve("spec-mutants")), System.out);
            assertEquals(List.of(), r.failures(), s.name());
            // a floor per spec, so that a mutant dropped from a suite shows (coverageProblems, run
            // by SpecMutants, already demands one per property and rule)
            int floor = Map.of("NamespaceUnshare", 34, "CapabilityDelegation", 18).getOrDefault(s.name(), 1);
            assertTrue(r.outcomes().size() >= floor, s.name() + ": " + r.outcomes().size() + " mutants, fewer than "
                    + floor);
        }
    }

    /** Each protocol page's table of models shows every model of the manifest, with its recorded count. */
    @Test
    void theProtocolPageListsEveryModelWithItsRecordedCount() throws IOException {
        for (SpecManifest.Spec s : manifest().specs()) {
            String page = s.name().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT) + ".md";
            pageListsModels(page, Files.readString(ROOT.resolve("docs").resolve(page)), s);
        }
    }

    private static void pageListsModels(String page, String doc, SpecManifest.Spec spec) {
        for (SpecManifest.Model m : spec.models()) {
            String row = doc.lines().filter(l -> l.startsWith("| `" + m.config() + "` |")).findFirst().orElse(null);
            assertTrue(row != null, "docs/" + page + " has no row for " + m.config());
            assertTrue(row.startsWith("| `" + m.config() + "` | " + m.role().json() + " |"), row);
            if (m.distinctStates() != null) {
                String count = String.format(java.util.Locale.ROOT, "%,d, %d |", m.distinctStates(), m.depth());
                assertTrue(row.endsWith(count), m.config() + ": the docs say " + row + "; the manifest " + count);
            }
        }
    }

    /** The abstraction maps every variable of the spec but its history and ghost variables. */
    @Test
    void theAbstractionCoversEverySpecVariableButHistoryAndGhosts() throws IOException {
        String text = Files.readString(SPEC.resolve("NamespaceUnshare.tla"));
        Matcher block = Pattern.compile("(?s)\\nVARIABLES\\n(.*?)\\n\\n").matcher(text);
        assertTrue(block.find(), "no VARIABLES block");
        TreeSet<String> vars = new TreeSet<>();
        Matcher v = Pattern.compile("(?m)^    ([a-zA-Z]+)\\b").matcher(block.group(1));
        while (v.find()) {
            vars.add(v.group(1));
        }
        TreeSet<String> mapped = new TreeSet<>(NamespaceAbstraction.VARIABLES);
        mapped.addAll(NamespaceAbstraction.NOT_ABSTRACTED);
        assertEquals(vars, mapped);
    }
}

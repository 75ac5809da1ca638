package capsid.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mutant suite's machinery on a small spec written for this test: a caught
 * mutant, one that survives, one reported by another property, one whose text is
 * gone, the cache, and the coverage rules (a property or rule without a mutant, a
 * mutant on a model verify does not check).
 */
class SpecMutantsTest {
    static final String SPEC = """
            ---- MODULE Lift ----
            EXTENDS Integers
            CONSTANT Top
            VARIABLES floor, moves
            vars == <<floor, moves>>
            Init == floor = 0 /\\ moves = 0
            Up == floor < Top /\\ floor' = floor + 1 /\\ moves' = moves + 1
            Down == floor > 0 /\\ floor' = floor - 1 /\\ moves' = moves + 1
            Rest == moves < 6 /\\ UNCHANGED vars
            Next == (Up \\/ Down \\/ Rest) /\\ moves < 6
            Spec == Init /\\ [][Next]_vars
            InBuilding == floor \\in 0..Top
            OneFloorAtATime == [][floor' - floor \\in {-1, 0, 1}]_vars
            ====
            """;
    static final String MC = """
            ---- MODULE MCLift ----
            EXTENDS Lift
            ====
            """;
    static final String CFG = """
            \\* the CI model
            SPECIFICATION Spec
            CONSTANT Top = 3
            INVARIANTS
                InBuilding
            PROPERTIES
                OneFloorAtATime
            CHECK_DEADLOCK FALSE
            """;

    static SpecMutants.Mutant mutant(String name, String property, String rule, String find, String replace) {
        return new SpecMutants.Mutant(name, property, "MCLift.cfg", rule, "test", find, replace);
    }

    static final String CAUGHT = """
            {"name": "NO_TOP", "property": "InBuilding", "model": "MCLift.cfg", "rule": "stay-inside",
             "why": "up past the top", "find": "floor < Top /\\\\ floor' = floor + 1",
             "replace": "floor' = floor + 1"}""";
    static final String JUMP = """
            {"name": "JUMP", "property": "OneFloorAtATime", "model": "MCLift.cfg", "rule": "one-floor",
             "why": "down two floors", "find": "floor > 0 /\\\\ floor' = floor - 1",
             "replace": "floor > 1 /\\\\ floor' = floor - 2"}""";
    static final String SURVIVES = """
            {"name": "HARMLESS", "property": "InBuilding", "model": "MCLift.cfg",
             "why": "rests less", "find": "moves < 6 /\\\\ UNCHANGED vars", "replace": "moves < 5 /\\\\ UNCHANGED vars"}""";
    static final String OTHER = """
            {"name": "WRONG_NAME", "property": "OneFloorAtATime", "model": "MCLift.cfg",
             "why": "caught, but by the invariant", "find": "floor < Top /\\\\ floor' = floor + 1",
             "replace": "floor' = floor + 1"}""";
    static final String GONE = """
            {"name": "GONE", "property": "InBuilding", "model": "MCLift.cfg",
             "why": "its text is not in the spec", "find": "Sideways", "replace": "Up"}""";

    static Path write(Path dir, String manifestModels, String... mutants) throws IOException {
        Files.writeString(dir.resolve("Lift.tla"), SPEC);
        Files.writeString(dir.resolve("MCLift.tla"), MC);
        Files.writeString(dir.resolve("MCLift.cfg"), CFG);
        Files.writeString(dir.resolve("MCLiftDeep.cfg"), CFG.replace("Top = 3", "Top = 4"));
        Files.writeString(dir.resolve("Lift.mutants.json"), "{\"mutants\": [" + String.join(",", mutants) + "]}");
        Files.writeString(dir.resolve("manifest.json"), """
                {"format": 1, "specs": [{"name": "Lift", "module": "Lift.tla", "mutants": "Lift.mutants.json",
                  "rules": [{"id": "stay-inside", "abi": "the lift stays in the building"},
                            {"id": "one-floor", "abi": "one floor at a time"}],
                  "models": [%s]}]}""".formatted(manifestModels));
        return dir;
    }

    static final String MODELS = """
            {"name": "ci", "module": "MCLift.tla", "config": "MCLift.cfg", "role": "ci", "purpose": "t",
             "rules": ["stay-inside", "one-floor"]},
            {"name": "deep", "module": "MCLift.tla", "config": "MCLiftDeep.cfg", "role": "deep", "purpose": "t"}""";

    static SpecMutants.Report run(Path dir, Path cache) throws IOException {
        SpecManifest m = SpecManifest.read(dir);
        return SpecMutants.run(dir, m.spec("Lift"), new SpecMutants.Options(1, Duration.ofMinutes(2), cache), null);
    }

    static Map<String, SpecMutants.Outcome> byName(SpecMutants.Report r) {
        return r.outcomes().stream().collect(Collectors.toMap(o -> o.mutant().name(), Function.identity()));
    }

    @Test
    void eachMutantIsCaughtOnlyByItsOwnProperty(@TempDir Path dir) throws IOException {
        SpecMutants.Report r = run(write(dir, MODELS, CAUGHT, JUMP, SURVIVES, OTHER, GONE), null);
        Map<String, SpecMutants.Outcome> o = byName(r);
        assertEquals(SpecMutants.Status.CAUGHT, o.get("NO_TOP").status());
        assertEquals("InBuilding", o.get("NO_TOP").reported());
        assertEquals(SpecMutants.Status.CAUGHT, o.get("JUMP").status());
        assertEquals("OneFloorAtATime", o.get("JUMP").reported());
        assertEquals(SpecMutants.Status.SURVIVED, o.get("HARMLESS").status());
        // the reduced model checks only OneFloorAtATime, which an up-step past the top keeps:
        // the mutant survives there (it is InBuilding's to catch)
        assertEquals(SpecMutants.Status.SURVIVED, o.get("WRONG_NAME").status());
        assertEquals(SpecMutants.Status.ERROR, o.get("GONE").status());
        assertTrue(o.get("GONE").detail().contains("occurs nowhere"), o.get("GONE").detail());
        assertFalse(r.ok());
        assertEquals(2, r.caught());
        List<String> f = r.failures();
        assertEquals(3, f.size(), String.valueOf(f));
        assertTrue(f.stream().anyMatch(s -> s.startsWith("mutant HARMLESS") && s.contains("survived")), f.toString());
        assertEquals(List.of(), r.problems());
    }

    @Test
    void aCoveredSuiteIsOkAndItsResultsAreCached(@TempDir Path dir, @TempDir Path cache) throws IOException {
        write(dir, MODELS, CAUGHT, JUMP);
        SpecMutants.Report first = run(dir, cache);
        assertTrue(first.ok(), String.valueOf(first.failures()));
        assertEquals(0, first.cached());
        SpecMutants.Report again = run(dir, cache);
        assertTrue(again.ok());
        assertEquals(2, again.cached());
        // a change to any module invalidates the cache
        Files.writeString(dir.resolve("MCLift.tla"), MC.replace("EXTENDS Lift", "EXTENDS Lift\nX == 1"));
        assertEquals(0, run(dir, cache).cached());
    }

    @Test
    void aPropertyOrRuleWithoutAMutantIsAProblem(@TempDir Path dir) throws IOException {
        SpecMutants.Report r = run(write(dir, MODELS, CAUGHT), null);
        assertFalse(r.ok());
        assertEquals(List.of("property OneFloorAtATime is checked by a ci/liveness model but no mutant shows it can "
                + "fail", "rule one-floor has no mutant that breaks it"), r.problems());
    }

    @Test
    void aMutantMustRunOnAModelVerifyChecks(@TempDir Path dir) throws IOException {
        String onDeep = JUMP.replace("\"model\": \"MCLift.cfg\"", "\"model\": \"MCLiftDeep.cfg\"");
        SpecMutants.Report r = run(write(dir, MODELS, CAUGHT, JUMP, onDeep.replace("JUMP", "JUMP_DEEP")), null);
        assertEquals(List.of("mutant JUMP_DEEP: its model MCLiftDeep.cfg has role deep; mutants must be reported on "
                + "a model verify checks (ci or liveness)"), r.problems());
    }

    @Test
    void aMutantOfARuleMustRunOnAModelListedForTheRule(@TempDir Path dir) throws IOException {
        String models = MODELS.replace("\"rules\": [\"stay-inside\", \"one-floor\"]", "\"rules\": [\"stay-inside\"]");
        SpecMutants.Report r = run(write(dir, models, CAUGHT, JUMP), null);
        assertEquals(List.of("mutant JUMP: breaks rule one-floor on MCLift.cfg, which the manifest does not list as a "
                + "model for that rule"), r.problems());
    }

    @Test
    void theReducedConfigKeepsEverythingButTheOtherProperties() {
        String cfg = "SPECIFICATION Spec\nCONSTANT Top = 3\nINVARIANTS\n    A\n    \\* why B\n    B\n"
                + "PROPERTIES\n    P\nCONSTRAINT Bound\nVIEW v\n";
        assertEquals("SPECIFICATION Spec\nCONSTANT Top = 3\n    \\* why B\nCONSTRAINT Bound\nVIEW v\n\n"
                + "INVARIANT\n    B\n", SpecMutants.onlyProperty(cfg, "B", true));
        assertEquals("SPECIFICATION Spec\nCONSTANT Top = 3\n    \\* why B\nCONSTRAINT Bound\nVIEW v\n\n"
                + "PROPERTY\n    P\n", SpecMutants.onlyProperty(cfg, "P", false));
    }

    @Test
    void malformedMutantFilesAreRefusedNamingTheEntry(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.json");
        Files.writeString(f, "{\"mutants\": [{\"name\": \"A\", \"property\": \"P\"}]}");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> SpecMutants.read(f));
        assertEquals(f + ": mutants[0]: missing or non-text model", e.getMessage());
        Files.writeString(f, "{\"mutants\": [\n  {\"name\": }]}");
        e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> SpecMutants.read(f));
        assertTrue(e.getMessage().startsWith(f + ":2:"), e.getMessage());
        Files.writeString(f, "{\"mutants\": [" + CAUGHT + "," + CAUGHT + "]}");
        e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> SpecMutants.read(f));
        assertEquals(f + ": mutants[1]: mutant NO_TOP appears twice", e.getMessage());
    }
}

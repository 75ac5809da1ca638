package capsid.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spec/manifest.json's reader: what it accepts, and a clear error for each way it can be wrong. */
class SpecManifestTest {
    static final String GOOD = """
            {"format": 1, "specs": [{"name": "Lift", "module": "Lift.tla",
              "rules": [{"id": "r1", "abi": "a rule"}],
              "models": [
                {"name": "ci", "module": "MCLift.tla", "config": "MCLift.cfg", "role": "ci", "purpose": "p",
                 "rules": ["r1"], "distinct_states": 12, "depth": 3},
                {"name": "live", "module": "MCLift.tla", "config": "MCLiftLive.cfg", "role": "liveness",
                 "purpose": "p"}]}]}""";

    static Path dir(Path d) throws IOException {
        for (String f : new String[] {"Lift.tla", "MCLift.tla", "MCLift.cfg", "MCLiftLive.cfg"}) {
            Files.writeString(d.resolve(f), "");
        }
        return d;
    }

    static String error(Path d, String text) {
        return assertThrows(SpecManifest.ManifestException.class, () -> SpecManifest.parse(d, "m.json", text))
                .getMessage();
    }

    @Test
    void readsSpecsModelsRolesAndRecordedCounts(@TempDir Path d) throws IOException {
        SpecManifest m = SpecManifest.parse(dir(d), "m.json", GOOD);
        SpecManifest.Spec s = m.spec("Lift");
        assertEquals(2, s.models().size());
        SpecManifest.Model ci = s.models(Set.of(SpecManifest.Role.CI)).get(0);
        assertEquals("MCLift.cfg", ci.config());
        assertEquals(12L, ci.distinctStates());
        assertEquals(3, ci.depth());
        assertEquals(java.util.List.of("r1"), ci.rules());
        assertEquals(SpecManifest.Role.LIVENESS, s.modelByConfig("MCLiftLive.cfg").role());
        assertEquals(null, s.modelByConfig("MCLiftLive.cfg").distinctStates());
    }

    @Test
    void everyMistakeIsNamedWithItsPlace(@TempDir Path d) throws IOException {
        dir(d);
        assertEquals("m.json:1:12: Unexpected character ('}' (code 125)): expected a valid value (JSON String, Number, "
                + "Array, Object or token 'null', 'true' or 'false')",
                error(d, "{\"format\": }"));
        assertEquals("m.json: format: must be 1 (the only format there is)", error(d, GOOD.replace("\"format\": 1",
                "\"format\": 2")));
        assertEquals("m.json: specs[0].models[0].role: unknown role nightly (ci, liveness, deep, graph or sim)",
                error(d, GOOD.replace("\"role\": \"ci\"", "\"role\": \"nightly\"")));
        assertEquals("m.json: specs[0].models[1].config: MCLift.cfg is the config of two models",
                error(d, GOOD.replace("MCLiftLive.cfg", "MCLift.cfg")));
        assertEquals("m.json: specs[0].models[0].rules[0]: \"r2\" is no rule of this spec (its rules: [r1])",
                error(d, GOOD.replace("\"rules\": [\"r1\"]", "\"rules\": [\"r2\"]")));
        assertEquals("m.json: specs[0].models[0].config: Missing.cfg does not exist in " + d,
                error(d, GOOD.replace("\"config\": \"MCLift.cfg\"", "\"config\": \"Missing.cfg\"")));
        assertEquals("m.json: specs[0].models[0]: unknown key states (known: [config, depth, distinct_states, "
                + "module, name, purpose, role, rules])", error(d, GOOD.replace("\"distinct_states\"", "\"states\"")));
        assertEquals("m.json: specs[0].models[0]: distinct_states and depth are recorded together or not at all",
                error(d, GOOD.replace(", \"depth\": 3", "")));
        assertEquals("m.json: specs[0].models: spec Lift has no model of role ci: verify would check nothing",
                error(d, GOOD.replace("\"role\": \"ci\"", "\"role\": \"deep\"")));
        assertEquals("m.json: specs[0].models[0].config: ../x.cfg: a file name in the spec directory, without a path",
                error(d, GOOD.replace("\"config\": \"MCLift.cfg\"", "\"config\": \"../x.cfg\"")));
        assertEquals("m.json:8:1: text after the manifest", error(d, GOOD + "\n{}"));
        assertEquals("m.json: empty manifest", error(d, ""));
    }

    @Test
    void aMissingManifestSaysSo(@TempDir Path d) throws IOException {
        IOException e = assertThrows(IOException.class, () -> SpecManifest.read(d));
        assertEquals(d.resolve("manifest.json") + ": no spec manifest (every spec directory needs one)",
                e.getMessage());
        e = assertThrows(IOException.class, () -> SpecManifest.read(d.resolve("none")));
        assertEquals(d.resolve("none") + ": no such directory (the specs and their manifest live there)",
                e.getMessage());
        Files.writeString(d.resolve("file"), "x");
        e = assertThrows(IOException.class, () -> SpecManifest.read(d.resolve("file")));
        assertEquals(d.resolve("file") + ": not a directory (the specs and their manifest live there)",
                e.getMessage());
    }
}

package capsid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * capsid verify passes on a good suite and fails, naming the step, on a bad one; a
 * row that checked nothing says skip (never pass), and a row that should have checked
 * something and checked nothing fails.
 */
class VerifyCommandTest {

    private static int run(StringBuilder captured, String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        try {
            return Main.commandLine().execute(args);
        } finally {
            System.setOut(old);
            captured.append(buf);
        }
    }

    /** As {@link #run}, with {@code root} as the project root (its spec/, model/ and proofs-log/). */
    private static int runIn(Path root, StringBuilder captured, String... args) {
        String old = System.getProperty("capsid.root");
        System.setProperty("capsid.root", root.toString());
        try {
            return run(captured, args);
        } finally {
            if (old == null) {
                System.clearProperty("capsid.root");
            } else {
                System.setProperty("capsid.root", old);
            }
        }
    }

    /** A project root with one passing scenario and nothing else. */
    private static Path project(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(dir.resolve("scenarios/a.csc"), "boot\ninit getpid => 1\ninvariants\n");
        return dir;
    }

    /** The table row of {@code check}: its result word and detail. */
    private static String row(String out, String check) {
        return out.lines().filter(l -> l.startsWith(check + " ")).findFirst()
                .map(l -> l.substring(check.length()).trim().replaceAll(" +", " ")).orElse("(no row " + check + ")");
    }

    private static void assertRow(String out, String check, String result, String detailPattern) {
        String r = row(out, check);
        assertTrue(r.startsWith(result + " "), check + ": " + r + "\n" + out);
        String detail = r.substring(result.length()).trim().replaceFirst("^[0-9.]+ ", "");
        assertTrue(Pattern.compile(detailPattern).matcher(detail).find(), check + ": " + detail + "\n" + out);
    }

    @Test
    void passesOnAGoodSuite(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.csc"), "boot\ninit getpid => 1\ninvariants\n");
        StringBuilder out = new StringBuilder();
        assertEquals(0, run(out, "verify", "--no-models", "--scenarios", dir.toString(), "--programs", "20"));
        assertRow(out.toString(), "scenario suite", "pass", "1 files, 3 steps passed, 0 failed");
        assertRow(out.toString(), "kernel properties", "pass", "20 programs, .* 0 failed .* step checks\\)");
        assertRow(out.toString(), "models", "skip", "^--no-models: ");
        assertTrue(out.toString().contains("verify: 3 passed, 0 failed, 1 skipped\n"), out.toString());
        assertTrue(out.toString().contains("verify: all checks passed, 1 skipped: models (--no-models)"),
                out.toString());
    }

    @Test
    void failsOnAFailingScenarioAndSaysWhere(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.csc"), "boot\ninit getpid => 2\n");
        StringBuilder out = new StringBuilder();
        assertEquals(1, run(out, "verify", "--no-models", "--scenarios", dir.toString(), "--programs", "5"));
        assertRow(out.toString(), "scenario suite", "FAIL", "1 failed");
        assertTrue(out.toString().contains("not ok 2 - init getpid => 2 # expected 2, got 1"), out.toString());
        assertTrue(out.toString().contains("verify: 2 passed, 1 failed, 1 skipped\nverify: FAILED"), out.toString());
    }

    @Test
    void failsOnAnEmptySuite(@TempDir Path dir) {
        StringBuilder out = new StringBuilder();
        assertEquals(1, run(out, "verify", "--no-models", "--scenarios", dir.toString(), "--programs", "1"));
        assertRow(out.toString(), "scenario suite", "FAIL", "^0 files");
        assertTrue(out.toString().contains("no *.csc file"), out.toString());
    }

    @Test
    void zeroProgramsSkipTheKernelRowsAndSaySo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.csc"), "boot\ninit getpid => 1\n");
        StringBuilder out = new StringBuilder();
        assertEquals(0, run(out, "verify", "--no-models", "--scenarios", dir.toString(), "--programs", "0"));
        assertRow(out.toString(), "kernel properties", "skip", "^--programs 0: no program to run$");
        assertRow(out.toString(), "determinism", "skip", "^--programs 0: no program to run$");
        assertTrue(out.toString().contains("verify: 1 passed, 0 failed, 3 skipped\n"), out.toString());
        assertTrue(out.toString().contains("verify: all checks passed, 3 skipped: kernel properties (--programs 0),"
                + " determinism (--programs 0), models (--no-models)"), out.toString());
    }

    /** The case the issue names: a missing spec/ was swallowed, and the summary said all passed. */
    @Test
    void aMissingSpecDirectoryFails(@TempDir Path dir) throws Exception {
        StringBuilder out = new StringBuilder();
        assertEquals(1, runIn(project(dir), out, "verify", "--programs", "0"));
        assertRow(out.toString(), "spec manifest", "FAIL", "^.*spec: no such directory \\(the specs and their "
                + "manifest live there\\)$");
        assertRow(out.toString(), "alloy models", "skip", "^no Alloy model in ");
        assertTrue(out.toString().contains("verify: 1 passed, 1 failed, 3 skipped\nverify: FAILED"), out.toString());
    }

    @Test
    void anUnreadableSpecDirectoryFails(@TempDir Path dir) throws Exception {
        Files.writeString(project(dir).resolve("spec"), "a file where the directory should be\n");
        StringBuilder out = new StringBuilder();
        assertEquals(1, runIn(dir, out, "verify", "--programs", "0"));
        assertRow(out.toString(), "spec manifest", "FAIL", "^.*spec: not a directory ");
    }

    @Test
    void aSpecDirectoryWithoutSpecsFails(@TempDir Path dir) throws Exception {
        Files.createDirectories(project(dir).resolve("spec"));
        Files.writeString(dir.resolve("spec/Lonely.tla"), "---- MODULE Lonely ----\n====\n"); // no MCLonely.tla
        StringBuilder out = new StringBuilder();
        assertEquals(1, runIn(dir, out, "verify", "--programs", "0"));
        assertRow(out.toString(), "spec manifest", "FAIL", "^.*spec/manifest.json: no spec manifest \\(every spec "
                + "directory needs one\\)$");
    }

    @Test
    void eachAlloyCommandIsARowAndAMissedExpectationFailsByName(@TempDir Path dir) throws Exception {
        Files.createDirectories(project(dir).resolve("spec"));
        Files.createDirectories(dir.resolve("model"));
        Files.writeString(dir.resolve("model/Caps.als"), """
                sig Cap { parent: lone Cap }
                fact { no c: Cap | c in c.^parent }
                assert NoSelfParent { no c: Cap | c.parent = c }
                check NoSelfParent for 3 expect 0
                assert AllRoots { no parent }
                check AllRoots for 3 expect 0
                """);
        StringBuilder out = new StringBuilder();
        assertEquals(1, runIn(dir, out, "verify", "--programs", "0", "--log", dir.resolve("log").toString()));
        assertRow(out.toString(), "alloy Caps NoSelfParent", "pass", "^check, expect 0: no counterexample, for 3$");
        assertRow(out.toString(), "alloy Caps AllRoots", "FAIL", "^check, expect 0: counterexample, for 3$");
        assertTrue(out.toString().contains("alloy Caps AllRoots: expect 0, but found counterexample (for 3)"),
                out.toString());
        List<com.fasterxml.jackson.databind.JsonNode> recs = capsid.checker.ProofsLog.read(
                dir.resolve("log/runs.jsonl")).records().stream()
                .filter(n -> n.get("kind").asText().equals("alloy")).toList();
        assertEquals(List.of("pass", "violation"), recs.stream().map(n -> n.get("result").asText()).toList());
        assertEquals("model/Caps.als", recs.get(1).get("model").asText());
    }

    @Test
    void anAlloyModelThatDoesNotParseFailsByLineAndColumn(@TempDir Path dir) throws Exception {
        Files.createDirectories(project(dir).resolve("spec"));
        Files.createDirectories(dir.resolve("model"));
        Files.writeString(dir.resolve("model/Bad.als"), "sig Cap {}\nfact { some Cap and }\n");
        StringBuilder out = new StringBuilder();
        assertEquals(1, runIn(dir, out, "verify", "--programs", "0"));
        assertRow(out.toString(), "alloy Bad", "FAIL", "^.*model/Bad.als:2:\\d+: .+$");
    }

    /** Refinement that replayed no trace and validation that validated no event fail, never pass. */
    @Test
    void aRowThatRanNothingFails() {
        VerifyCommand v = new VerifyCommand();
        VerifyCommand.Row r = v.ranNothing("refinement NamespaceUnshare", 0, "replayed 0 traces, 0 steps");
        assertEquals(VerifyCommand.Status.FAIL, r.status());
        assertEquals("replayed 0 traces, 0 steps: nothing was checked", r.detail());
        assertNull(v.ranNothing("trace validation NamespaceUnshare", 1, "20 runs, 0 events validated"));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        VerifyCommand.print(new PrintStream(buf, true), List.of(r, VerifyCommand.Row.skip("alloy models", "none"),
                new VerifyCommand.Row("scenario suite", true, "1 files", 0.25)));
        assertEquals(List.of("check                        result   seconds  detail",
                "---------------------------  ------  --------  ------",
                "refinement NamespaceUnshare  FAIL         0.0  replayed 0 traces, 0 steps: nothing was checked",
                "alloy models                 skip         0.0  none",
                "scenario suite               pass         0.3  1 files"), buf.toString().lines().toList());
        assertEquals("verify: 1 passed, 1 failed, 1 skipped", VerifyCommand.summary(List.of(r,
                VerifyCommand.Row.skip("alloy models", "none"), new VerifyCommand.Row("s", true, "", 0))));
    }

    @Test
    void aNegativeValidationCountIsAnError() {
        StringBuilder out = new StringBuilder();
        assertEquals(2, run(out, "verify", "--no-models", "--validations", "-1"));
    }

    /** A project whose spec/ holds a small spec (not NamespaceUnshare) with a CI and a deep model and one mutant. */
    private static Path liftProject(Path dir, long ciStates, int ciDepth) throws Exception {
        project(dir);
        Path spec = Files.createDirectories(dir.resolve("spec"));
        Files.writeString(spec.resolve("Lift.tla"), """
                ---- MODULE Lift ----
                EXTENDS Naturals
                CONSTANT Top
                VARIABLE floor
                Init == floor = 0
                Next == \\/ floor < Top /\\ floor' = floor + 1
                        \\/ floor > 0 /\\ floor' = floor - 1
                Spec == Init /\\ [][Next]_floor
                InBuilding == floor \\in 0..Top
                ====
                """);
        Files.writeString(spec.resolve("MCLift.tla"), "---- MODULE MCLift ----\nEXTENDS Lift\n====\n");
        Files.writeString(spec.resolve("MCLift.cfg"), "SPECIFICATION Spec\nCONSTANT Top = 2\nINVARIANT InBuilding\n");
        Files.writeString(spec.resolve("MCLiftDeep.cfg"), "SPECIFICATION Spec\nCONSTANT Top = 5\nINVARIANT InBuilding\n");
        Files.writeString(spec.resolve("Lift.mutants.json"), """
                {"mutants": [{"name": "NO_TOP", "property": "InBuilding", "model": "MCLift.cfg", "why": "up past the top",
                  "find": "floor < Top /\\\\ floor' = floor + 1", "replace": "floor' = floor + 1"}]}""");
        Files.writeString(spec.resolve("manifest.json"), """
                {"format": 1, "specs": [{"name": "Lift", "module": "Lift.tla", "mutants": "Lift.mutants.json",
                  "models": [
                    {"name": "ci", "module": "MCLift.tla", "config": "MCLift.cfg", "role": "ci", "purpose": "p",
                     "distinct_states": %d, "depth": %d},
                    {"name": "deep", "module": "MCLift.tla", "config": "MCLiftDeep.cfg", "role": "deep",
                     "purpose": "p"}]}]}""".formatted(ciStates, ciDepth));
        return dir;
    }

    @Test
    void deepAddsTheDeepModelsToTheCiOnes(@TempDir Path dir) throws Exception {
        liftProject(dir, 3, 3);
        StringBuilder plain = new StringBuilder();
        assertEquals(0, runIn(dir, plain, "verify", "--programs", "0", "--no-log"), plain.toString());
        assertRow(plain.toString(), "TLC Lift ci", "pass", "^ci MCLift.cfg: pass, 3 distinct / 5 generated, depth 3$");
        assertEquals("(no row TLC Lift deep)", row(plain.toString(), "TLC Lift deep"), plain.toString());
        assertRow(plain.toString(), "spec mutants Lift", "pass", "^1/1 caught by their property");
        StringBuilder deep = new StringBuilder();
        assertEquals(0, runIn(dir, deep, "verify", "--deep", "--programs", "0", "--no-log"), deep.toString());
        assertRow(deep.toString(), "TLC Lift ci", "pass", "^ci MCLift.cfg: pass, 3 distinct");
        assertRow(deep.toString(), "TLC Lift deep", "pass", "^deep MCLiftDeep.cfg: pass, 6 distinct");
    }

    @Test
    void aModelThatNoLongerFindsItsRecordedStatesFails(@TempDir Path dir) throws Exception {
        liftProject(dir, 4, 3);
        StringBuilder out = new StringBuilder();
        assertEquals(1, runIn(dir, out, "verify", "--programs", "0", "--no-log"), out.toString());
        assertRow(out.toString(), "TLC Lift ci", "FAIL", "the manifest records 4 distinct states, depth 3; TLC found 3,"
                + " depth 3 \\(the spec or model changed: update spec/manifest.json\\)$");
    }

    /**
     * A spec with no refinement mapping: its links and refinement rows say skip and why
     * when no model claims a refinement, and fail when a graph model in the manifest
     * does (a spec that means to be refined and is not).
     */
    @Test
    void aSpecWithoutARefinementMappingSkipsOrFails(@TempDir Path dir) throws Exception {
        liftProject(dir, 3, 3);
        StringBuilder out = new StringBuilder();
        assertEquals(0, runIn(dir, out, "verify", "--programs", "0", "--no-log"), out.toString());
        assertRow(out.toString(), "refinement Lift", "skip", "^no refinement mapping, and no graph or sim model");
        assertRow(out.toString(), "spec links Lift", "skip", "^no refinement mapping");
        Path manifest = dir.resolve("spec").resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"role\": \"deep\"", "\"role\": \"graph\""));
        StringBuilder claimed = new StringBuilder();
        assertEquals(1, runIn(dir, claimed, "verify", "--programs", "0", "--no-log"), claimed.toString());
        assertRow(claimed.toString(), "refinement Lift", "FAIL", "^no refinement mapping for this spec$");
        assertRow(claimed.toString(), "spec links Lift", "FAIL", "^no refinement mapping names its actions$");
    }

    /** Only the distinct-state count must match: TLC's depth with several workers can move by a step. */
    @Test
    void aRecordedDepthThatDiffersIsNoFailure(@TempDir Path dir) throws Exception {
        liftProject(dir, 3, 9);
        StringBuilder out = new StringBuilder();
        assertEquals(0, runIn(dir, out, "verify", "--programs", "0", "--no-log"), out.toString());
        assertRow(out.toString(), "TLC Lift ci", "pass", "^ci MCLift.cfg: pass, 3 distinct / 5 generated, depth 3$");
    }

    @Test
    void aSpecWithModelsMissingFromTheManifestFails(@TempDir Path dir) throws Exception {
        liftProject(dir, 3, 3);
        Files.writeString(dir.resolve("spec/Door.tla"), "---- MODULE Door ----\n====\n");
        Files.writeString(dir.resolve("spec/MCDoor.tla"), "---- MODULE MCDoor ----\nEXTENDS Door\n====\n");
        StringBuilder out = new StringBuilder();
        assertEquals(1, runIn(dir, out, "verify", "--programs", "0", "--no-log"), out.toString());
        assertRow(out.toString(), "TLC Door", "FAIL", "^not in spec/manifest.json$");
    }
}

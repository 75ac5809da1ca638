package capsid.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outcome universe comes from TLC: the recorder's lines of an exhaustive run of the model. */
class OutcomesTest {
    /** Tally.tla's outcomes with Max = 2, as its header comment lists them (Reset:EBUSY is unreachable). */
    static final TreeSet<String> TALLY = new TreeSet<>(Set.of("Inc:OK", "Inc:EAGAIN", "Inc:EPERM", "Dec:OK",
            "Dec:EINVAL", "Lock:OK", "Reset:OK"));

    private static Path copy(Path dir, String tla) throws Exception {
        Files.writeString(dir.resolve("Tally.tla"), tla, StandardCharsets.UTF_8);
        Files.copy(Specs.path("Tally.cfg"), dir.resolve("Tally.cfg"));
        return dir.resolve("Tally.tla");
    }

    private static String tally() throws Exception {
        return Files.readString(Specs.path("Tally.tla"), StandardCharsets.UTF_8);
    }

    @Test
    void theUniverseIsEveryOutcomeOfEveryStepUnderTheView() throws Exception {
        Outcomes.Universe u = Outcomes.universe(Specs.request("Tally", "Tally"), null);
        assertTrue(u.complete(), () -> String.valueOf(u.result()));
        assertEquals(Outcome.PASS, u.result().result(), "the model's own failing property was left out");
        assertEquals(TALLY, u.outcomes(), "failed calls are steps to a state already seen under the VIEW");
        assertFalse(u.cached());
    }

    /** One update changed (Lock no longer locks): TLC no longer reaches Inc:EPERM, and the universe says so. */
    @Test
    void aMutantWhoseErrnoBranchIsUnreachableShrinksTheUniverse(@TempDir Path dir) throws Exception {
        String mutant = tally().replace("Lock == locked' = TRUE", "Lock == locked' = locked");
        Path tla = copy(dir, mutant);
        Outcomes.Universe u = Outcomes.universe(TlcRequest.of(tla).withConfig(dir.resolve("Tally.cfg")), null);
        assertEquals(Outcome.PASS, u.result().result(), () -> String.valueOf(u.result()));
        TreeSet<String> expected = new TreeSet<>(TALLY);
        expected.remove("Inc:EPERM");
        assertEquals(expected, u.outcomes());
        // and the other way: a reachable Reset:EBUSY (the guard weakened) joins it
        Path tla2 = copy(Files.createDirectory(dir.resolve("b")), tally().replace("IF n > Max", "IF n = Max"));
        Outcomes.Universe v = Outcomes.universe(TlcRequest.of(tla2).withConfig(tla2.resolveSibling("Tally.cfg")),
                null);
        TreeSet<String> more = new TreeSet<>(TALLY);
        more.add("Reset:EBUSY");
        assertEquals(more, v.outcomes());
    }

    @Test
    void aCachedUniverseIsReadBackAndAChangedSpecIsCheckedAgain(@TempDir Path dir) throws Exception {
        Path cache = dir.resolve("cache");
        Path tla = copy(Files.createDirectory(dir.resolve("spec")), tally());
        TlcRequest req = TlcRequest.of(tla).withConfig(tla.resolveSibling("Tally.cfg"));
        Outcomes.Universe first = Outcomes.universe(req, cache);
        assertFalse(first.cached());
        Outcomes.Universe again = Outcomes.universe(req, cache);
        assertTrue(again.cached());
        assertNull(again.result(), "no TLC run");
        assertEquals(TALLY, again.outcomes());
        Files.writeString(tla, tally().replace("Lock == locked' = TRUE", "Lock == locked' = locked"));
        Outcomes.Universe changed = Outcomes.universe(req, cache);
        assertFalse(changed.cached(), "the spec changed: its hash too");
        assertFalse(changed.outcomes().contains("Inc:EPERM"));
    }

    /** A model check with the recorder keeps the universe for refinement, only when the check passed. */
    @Test
    void aPassingModelCheckRecordsTheUniverseAFailingOneDoesNot(@TempDir Path dir) throws Exception {
        Path cache = dir.resolve("cache");
        Path tla = copy(Files.createDirectory(dir.resolve("spec")), tally());
        TlcRequest req = TlcRequest.of(tla).withConfig(tla.resolveSibling("Tally.cfg"));
        Tlc.Checked failing = Outcomes.check(req, cache);
        assertEquals(Outcome.VIOLATION, failing.result().result(), "its own NeverLocked is checked");
        assertFalse(Files.exists(cache), "nothing kept from a run that stopped at a violation");
        Files.writeString(tla.resolveSibling("Tally.cfg"), Files.readString(tla.resolveSibling("Tally.cfg"))
                .replace("    NeverLocked\n", "    TypeOK\n").replace("PROPERTY", "INVARIANT"));
        Tlc.Checked passing = Outcomes.check(req, cache);
        assertEquals(Outcome.PASS, passing.result().result(), () -> String.valueOf(passing.result()));
        assertEquals(TALLY, passing.outcomes());
        Outcomes.Universe u = Outcomes.universe(req, cache);
        assertTrue(u.cached(), "refinement reads what the model check recorded");
        assertEquals(TALLY, u.outcomes());
    }

    @Test
    void aModelWithoutTheRecorderIsAnErrorNotAnEmptyUniverse() throws Exception {
        Outcomes.Universe u = Outcomes.universe(Specs.request("Counter", "Counter"), null);
        assertFalse(u.complete());
        assertEquals(Outcome.ERROR, u.result().result());
        assertTrue(u.result().reason().contains(Outcomes.RECORDER), u.result().reason());
    }

    @Test
    void theRecorderModelKeepsWhatDecidesReachabilityAndDropsTheChecks() {
        String cfg = "\\* a comment naming INVARIANT X\nSPECIFICATION Spec\nCONSTANT Max = 2\nVIEW stateVars\n"
                + "INVARIANTS\n    TypeOK\n    Other\nCONSTRAINT Bound\nPROPERTIES P (* INVARIANT Q *) R\n";
        String bare = Outcomes.recorderConfig(cfg, false);
        ModelConfig m = ModelConfig.parse(bare);
        assertEquals(List.of(), m.invariants());
        assertEquals(List.of(Outcomes.RECORDER), m.properties());
        assertEquals("2", m.constants().get("Max"));
        assertTrue(bare.contains("VIEW stateVars") && bare.contains("CONSTRAINT Bound")
                && bare.contains("SPECIFICATION Spec"), bare);
        ModelConfig kept = ModelConfig.parse(Outcomes.recorderConfig(cfg, true));
        assertEquals(List.of("TypeOK", "Other"), kept.invariants());
        assertEquals(List.of("P", "R", Outcomes.RECORDER), kept.properties());
    }

    @Test
    void onlyTheRecordersLinesAreOutcomes() {
        assertEquals(new TreeSet<>(Set.of("Fork:EAGAIN", "Kill:killed", "a\"b")), Outcomes.parse(List.of(
                "<<\"capsid-outcome\", \"Fork:EAGAIN\">>", "<<\"capsid-outcome\", \"Kill:killed\">>",
                "<<\"capsid-outcome\", \"a\\\"b\">>", "<<\"other\", \"Fork:OK\">>", "Parsing file Tally.tla",
                "<<\"capsid-outcome\", 3>>")));
    }
}

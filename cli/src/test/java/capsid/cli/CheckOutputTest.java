package capsid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code capsid check} prints: for a spec or model that cannot be checked, the
 * first line is {@code FILE:LINE:COL: KIND: message} and TLC's own text comes only
 * with --verbose; with --json the record is the last stdout line whatever happened
 * (a missing file and a bad flag included); a counterexample names where each
 * action is and shows one line per changed leaf; in simulation the depth is the
 * trace's length. The specs are written here, for this test.
 */
class CheckOutputTest {
    @TempDir
    Path dir;

    private Path spec(String module, String body, String cfg) throws Exception {
        Files.writeString(dir.resolve(module + ".tla"), "---- MODULE " + module + " ----\n" + body + "====\n");
        Files.writeString(dir.resolve(module + ".cfg"), cfg);
        return dir.resolve(module + ".tla");
    }

    private static Cli.Run check(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "check";
        System.arraycopy(args, 0, all, 1, args.length);
        all[all.length - 1] = "--no-log";
        return Cli.run(Map.of("capsid.log", ""), all);
    }

    private static final String CFG = "INIT Init\nNEXT Next\n";

    @Test
    void aParseErrorIsOneFirstLineAndTlcsTextOnlyWithVerbose() throws Exception {
        Path s = spec("Syntax", "EXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x' = x + + 1\n", CFG);
        Cli.Run r = check(s.toString());
        assertEquals(2, r.exit(), r.toString());
        assertEquals(s + ":5:20: parse error: unexpected \"1\" after \"+\"; expected \"====\" (the end of the "
                + "module) or another definition", r.outLines().get(0));
        assertEquals("result: ERROR", r.outLines().get(1));
        for (String noise : new String[] {"states:", "TLC said", "Residual stack", "tla2sany", "AbortException",
            " | "}) {
            assertFalse(r.out().contains(noise), noise + " in:\n" + r);
        }
        Cli.Run v = check(s.toString(), "--verbose");
        assertEquals(r.outLines().get(0), v.outLines().get(0));
        assertTrue(v.out().contains("TLC said:") && v.out().contains("***Parse Error***"), v.toString());

        Cli.Run j = check(s.toString(), "--json");
        JsonNode rec = j.lastJson();
        assertEquals("error", rec.get("result").asText());
        assertEquals(s + ":5:20: parse error: unexpected \"1\" after \"+\"; expected \"====\" (the end of the module)"
                + " or another definition", rec.get("reason").asText());
        assertEquals(5, rec.get("location").get("line").asInt());
        assertEquals(20, rec.get("location").get("column").asInt());
    }

    @Test
    void semanticConfigAndEvaluationErrorsToo() throws Exception {
        Path missing = spec("Missing", "EXTENDS Naturals, NoSuchModule\nVARIABLE x\nInit == x = 0\nNext == x' = x\n",
                CFG);
        Cli.Run r = check(missing.toString());
        assertEquals(missing + ":2:19: semantic error: module NoSuchModule not found (no "
                + dir.resolve("NoSuchModule.tla") + ", and no standard module of that "
                + "name)", r.outLines().get(0));
        assertFalse(r.out().contains("states:"), r.toString());

        Path cfg = spec("Cfg", "VARIABLE x\nInit == x = 0\nNext == x' = x\n", "INIT Init\nNEXT Next\nINVARIANT NoSuch\n");
        r = check(cfg.toString());
        assertEquals(dir.resolve("Cfg.cfg") + ":3:11: config error: invariant NoSuch is not defined in the spec",
                r.outLines().get(0));
        assertFalse(r.out().contains("ConfigFileException"), r.toString());

        Path tail = spec("Tail", "EXTENDS Sequences\nVARIABLE s\nInit == s = <<1>>\nNext == s' = Tail(Tail(s))\n", CFG);
        r = check(tail.toString());
        assertEquals(2, r.exit(), r.toString());
        assertEquals(tail + ":5:14: evaluation error: Attempted to apply Tail to the empty sequence.",
                r.outLines().get(0));
        assertTrue(r.outLines().stream().anyMatch(l -> l.startsWith("states: 1 generated")), r.toString());
    }

    @Test
    void jsonEndsWithTheRecordEvenBeforeTlcStarts() throws Exception {
        Cli.Run r = check(dir.resolve("NoSuch.tla").toString(), "--json");
        assertEquals(2, r.exit(), r.toString());
        JsonNode rec = r.lastJson();
        assertEquals("error", rec.get("result").asText());
        assertEquals("spec file not found: " + dir.resolve("NoSuch.tla"), rec.get("reason").asText());

        r = check(dir.resolve("NoSuch.tla").toString(), "--workers", "0", "--json");
        assertEquals(2, r.exit(), r.toString());
        assertEquals("--workers must be at least 1 (was 0)", r.lastJson().get("reason").asText());

        r = check(dir.resolve("NoSuch.tla").toString(), "--workers", "many", "--json");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.lastJson().get("reason").asText().startsWith("--workers must be a whole number (was 'many')"),
                r.toString());
    }

    @Test
    void aCounterexampleNamesWhereEachActionIsAndWhatChanged() throws Exception {
        Path z = spec("Zombie", "EXTENDS Sequences, Naturals\nVARIABLES st, pmap\n"
                + "Init == st = <<\"live\", \"live\">> /\\ pmap = <<<<>>, <<>>>>\n"
                + "Die == st' = [st EXCEPT ![2] = \"zombie\"] /\\ pmap' = [pmap EXCEPT ![1] = Append(@, 4)]\n"
                + "Next == Die\nNoZombie == \\A i \\in 1..2 : st[i] # \"zombie\"\n",
                "INIT Init\nNEXT Next\nINVARIANT NoZombie\n");
        Cli.Run r = check(z.toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.outLines().contains("  1: " + z + ":5:8 Die"), r.toString());
        assertTrue(r.outLines().contains("      st[2]: \"live\" -> \"zombie\""), r.toString());
        assertTrue(r.outLines().contains("      pmap[1]: +(1 :> 4)"), r.toString());
        assertFalse(r.out().contains("line 5, col 8 to line"), r.toString());
    }

    @Test
    void inSimulationTheDepthIsTheTracesLength() throws Exception {
        Path s = spec("Grow", "EXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x' = x + 1\nBelow == x < 4\n",
                "INIT Init\nNEXT Next\nINVARIANT Below\n");
        Cli.Run r = check(s.toString(), "--simulate", "3", "--depth", "20", "--seed", "1", "--json");
        assertEquals(1, r.exit(), r.toString());
        JsonNode rec = r.lastJson();
        assertEquals("violation", rec.get("result").asText());
        assertEquals(5, rec.get("trace_length").asInt());
        assertEquals(5, rec.get("depth").asInt());
    }
}

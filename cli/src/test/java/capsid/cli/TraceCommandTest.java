package capsid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capsid trace FILE.itf.json [--full]} on a counterexample the repository
 * keeps: each step headed by where its action is defined and the kernel method
 * that implements it, then what changed (or, with --full, everything); a missing or
 * broken file is exit 2 with a message naming the file and the place, never a stack trace.
 */
class TraceCommandTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path CEX = ROOT.resolve(
            "proofs-log/counterexamples/MCNamespaceUnshare-MCNamespaceUnshareSim-20261123T020242.208Z.itf.json");

    private static Cli.Run trace(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "trace";
        System.arraycopy(args, 0, all, 1, args.length);
        return Cli.run(Map.of("capsid.root", ROOT.toString()), all);
    }

    @Test
    void aStoredCounterexampleReadsStepByStep() {
        Cli.Run r = trace(CEX.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.outLines().get(0).endsWith(": violation of invariant DeadNamespaceEmpty in "
                + "spec/MCNamespaceUnshare.tla (model spec/MCNamespaceUnshareSim.cfg)"), r.toString());
        assertTrue(r.outLines().stream().anyMatch(l -> l.matches("  1: \\S*spec/NamespaceUnshare\\.tla:197:5 Fork  "
                + "\\[kernel: ProcessTable#fork]")), r.toString());
        assertTrue(r.outLines().stream().anyMatch(l -> l.matches("  2: \\S*spec/NamespaceUnshare\\.tla:\\d+:5 Unshare  "
                + "\\[kernel: ProcessTable#unshare]")), r.toString());
        assertTrue(r.outLines().contains("      lastAction.act: \"Boot\" -> \"Fork\""), r.toString());
        assertTrue(r.outLines().contains("      st[2]: \"none\" -> \"live\""), r.toString());
        assertTrue(r.outLines().contains("      pmap[1]: +(2 :> 2)"), r.toString());
        assertFalse(r.out().contains("line 197, col 5 to line"), r.toString());

        Cli.Run full = trace(CEX.toString(), "--full");
        assertEquals(0, full.exit(), full.toString());
        long values = full.outLines().stream().filter(l -> l.startsWith("      ") && l.contains(" = ")).count();
        assertEquals(12 * 23, values, full.toString()); // 12 states, 23 variables each
    }

    @Test
    void aMissingOrBrokenFileIsExit2NamingTheFileAndThePlace(@TempDir Path dir) throws Exception {
        Cli.Run r = trace(dir.resolve("none.itf.json").toString());
        assertEquals(2, r.exit(), r.toString());
        assertEquals("capsid trace: " + dir.resolve("none.itf.json") + ": no such file", r.errLines().get(0));

        Path cut = dir.resolve("cut.itf.json");
        String text = Files.readString(CEX);
        Files.writeString(cut, text.substring(0, text.length() / 2));
        r = trace(cut.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.errLines().get(0).matches("capsid trace: " + java.util.regex.Pattern.quote(cut.toString())
                + ": \\$: not JSON: line \\d+, column \\d+: .*"), r.toString());
        assertEquals("", r.out());

        Path odd = dir.resolve("odd.itf.json");
        Files.writeString(odd, text.replaceFirst("\"clock\"\\s*:\\s*\\{\\s*\"#bigint\"\\s*:\\s*\"0\"\\s*}",
                "\"clock\": 1.5"));
        r = trace(odd.toString());
        assertEquals(2, r.exit(), r.toString());
        assertEquals("capsid trace: " + odd + ": $.states[0].clock: not an integer: 1.5", r.errLines().get(0));
        assertFalse(r.err().contains("\tat "), r.toString());
    }
}

package capsid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.kernel.Errno;
import capsid.kernel.call.Sys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/abi.md's call and errno tables are the kernel's: every {@link Sys} and every
 * {@link Errno} has its row, each call's row says whether the kernel implements it,
 * and the committed file is exactly what {@code capsid docs} generates; a table
 * that lost a row fails {@code capsid docs --check}.
 */
class AbiDocTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theCommittedTablesAreWhatTheKernelGenerates() throws Exception {
        String text = Files.readString(ROOT.resolve("docs/abi.md"));
        assertEquals(AbiTable.render(text), text, "docs/abi.md differs from the kernel's calls: run ./capsid docs");
        List<String> missing = new ArrayList<>();
        for (Sys s : Sys.values()) {
            if (!text.contains("\n| `" + s.word() + "` | `")) {
                missing.add(s.word());
            }
        }
        for (Errno e : Errno.values()) {
            if (!text.contains("\n| `" + e.name() + "` | " + e.number() + " |")) {
                missing.add(e.name());
            }
        }
        assertEquals(List.of(), missing);
        assertTrue(text.contains("| `fork` | `fork [FLAGS]` | `Call.Fork(int flags)` | mutating: one event when it "
                + "succeeds | yes | `NamespaceUnshare!Fork`, `CapabilityDelegation!Fork` |"), text);
        assertTrue(text.contains("| `freeze` | `freeze FD` | `Call.Freeze(int fd)` | mutating: one event when it "
                + "succeeds | not yet: `ENOSYS` |  |"), text);
    }

    @Test
    void aTableThatLostARowFailsTheCheck(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("docs"));
        String text = Files.readString(ROOT.resolve("docs/abi.md"));
        Files.writeString(root.resolve("docs/abi.md"), text.replaceFirst("\\n\\| `setns` \\|[^\\n]*", ""));
        Map<String, String> p = Map.of("capsid.root", root.toString());
        Cli.Run r = Cli.run(p, "docs", "--check");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().contains("the generated tables differ"), r.toString());
        // docs rewrites the tables first, then builds the site, which this root (docs/abi.md alone) cannot have
        Cli.Run rewrite = Cli.run(p, "docs");
        assertTrue(rewrite.out().contains("generated tables rewritten"), rewrite.toString());
        assertEquals(2, rewrite.exit(), rewrite.toString());
        assertTrue(rewrite.err().contains("spec: no such directory"), rewrite.toString());
        assertEquals(text, Files.readString(root.resolve("docs/abi.md")));
        assertEquals(0, Cli.run(p, "docs", "--check").exit());
    }
}

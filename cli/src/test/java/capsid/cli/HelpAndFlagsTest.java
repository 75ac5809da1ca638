package capsid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command line explains itself and complains one way: every option of every
 * command has a description that states its default; a bad number is refused by
 * every command in the same words ({@code --X must be at least N (was V)}), a
 * value that is no number likewise ({@code --X must be a whole number (was 'V')}).
 */
class HelpAndFlagsTest {
    @Test
    void everyOptionOfEveryCommandSaysWhatItDoesAndItsDefault() {
        CommandLine cl = Main.commandLine();
        List<String> missing = new ArrayList<>();
        for (CommandLine sub : cl.getSubcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            assertTrue(spec.usageMessage().description().length > 0, spec.name() + " has no description");
            for (OptionSpec o : spec.options()) {
                if (o.hidden() || o.usageHelp() || o.versionHelp()) {
                    continue;
                }
                String d = String.join(" ", o.description());
                if (d.isBlank()) {
                    missing.add(spec.name() + " " + o.longestName() + ": no description");
                } else if (!d.contains("default")) {
                    missing.add(spec.name() + " " + o.longestName() + ": no default in \"" + d + "\"");
                }
            }
        }
        assertEquals(List.of(), missing);
        String help = Cli.run(Map.of(), "fuzz", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("--jobs=N") && help.contains("(default: 1)"), help);
        assertTrue(help.contains("--corpus=DIR") && help.contains("(default: proofs-log/corpus/, not committed)"),
                help);
    }

    @Test
    void badNumbersAreRefusedInOneWordingEverywhere(@TempDir Path dir) {
        Map<String, String> p = Map.of("capsid.root", dir.toString(), "capsid.log", "");
        String[][] cases = {
            {"check", "X.tla", "--workers", "-3"}, {"--workers must be at least 1 (was -3)"},
            {"fuzz", "--jobs", "-3"}, {"--jobs must be at least 1 (was -3)"},
            {"fuzz", "--validate", "-1"}, {"--validate must be at least 0 (was -1)"},
            {"refine", "--traces", "-3"}, {"--traces must be at least 0 (was -3)"},
            {"refine", "--depth", "1"}, {"--depth must be at least 2 (was 1)"},
            {"coverage", "--traces", "-3"}, {"--traces must be at least 0 (was -3)"},
            {"verify", "--workers", "-3"}, {"--workers must be at least 1 (was -3)"},
            {"verify", "--size", "0"}, {"--size must be at least 1 (was 0)"},
            {"check", "X.tla", "--max-heap", "10"}, {"--max-heap must be at least 64 (was 10)"},
            {"fuzz", "--jobs", "three"}, {"--jobs must be a whole number (was 'three') (capsid fuzz --help lists "
                + "the options)"},
            {"verify", "--programs", "1.5"}, {"--programs must be a whole number (was '1.5') (capsid verify --help "
                + "lists the options)"},
        };
        for (int i = 0; i < cases.length; i += 2) {
            Cli.Run r = Cli.run(p, cases[i]);
            assertEquals(2, r.exit(), String.join(" ", cases[i]) + "\n" + r);
            assertEquals("capsid " + cases[i][0] + ": " + cases[i + 1][0], r.errLines().get(0),
                    String.join(" ", cases[i]));
        }
    }

    @Test
    void numbersInVerifysTableAreGroupedByThousands(@TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("a.csc"), "boot\ninit getpid => 1\n");
        Cli.Run r = Cli.run(Map.of("capsid.log", "off"), "verify", "--no-models", "--scenarios", dir.toString(),
                "--programs", "1200", "--size", "10");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("1,200 programs, "), r.toString());
        Pattern ungrouped = Pattern.compile("(?<![\\d.,:])\\d{4,}(?![\\d.,])");
        r.outLines().stream().filter(l -> !l.startsWith("check")).forEach(l -> assertTrue(!ungrouped.matcher(l)
                .find(), "an ungrouped number in: " + l));
    }
}

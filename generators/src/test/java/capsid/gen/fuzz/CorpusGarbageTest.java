package capsid.gen.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import capsid.kernel.Kernel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corpus entries meet garbage: truncated, mutated, token soup and random bytes.
 * {@link Scenarios#read} gives back the whole program or refuses with {@code
 * FILE:LINE:COL: problem} (a place inside the text), never another exception; a
 * campaign that finds such files in its corpus skips each by name and adopts only
 * whole entries.
 */
class CorpusGarbageTest {
    private static final Pattern WHERE = Pattern.compile("^e\\.csc:(\\d+):(\\d+): ");
    private static final String[] TOKENS = {"boot", "seed=", "pid_max=", "init", "t1", "t2", "fork", "kill", "exit",
        "ns_open", "setns", "=>", "as", "@t1", "$f3", "$f", "#", "# seed=x", "# size=-4", "newpid|newuts", "ESRCH",
        "\"", "\n", " ", "0", "99999999999", "-1", "KILL", "[1,2]", "%1", "invariants", "step 3"};

    private static List<String> entries() {
        List<String> out = new ArrayList<>();
        for (long seed = 1; seed <= 12; seed++) {
            Executor.Trace t = ProgramGenerator.generate(seed, 20, Kernel::syscall, List.of(), null);
            out.add(Scenarios.corpusEntry(t, 3));
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> entriesAreReadWholeOrRefusedWithAPlace() {
        List<String> valid = entries();
        for (String v : valid) {
            Scenarios.read("e.csc", v); // every real entry reads
        }
        return IntStream.range(0, 40).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                for (int i = 0; i < 60; i++) {
                    String v = valid.get(rnd.nextInt(valid.size()));
                    read(v.substring(0, rnd.nextInt(v.length() + 1)));
                    read(mutate(v, rnd));
                    read(soup(rnd));
                    byte[] b = new byte[rnd.nextInt(80)];
                    for (int k = 0; k < b.length; k++) {
                        b[k] = (byte) rnd.nextInt(256);
                    }
                    read(new String(b, StandardCharsets.ISO_8859_1));
                }
            });
        }));
    }

    private static void read(String text) {
        try {
            Program p = Scenarios.read("e.csc", text);
            Executor.run(p); // what was read is a whole program: it runs
        } catch (IllegalArgumentException e) {
            Matcher m = WHERE.matcher(e.getMessage());
            assertTrue(m.find(), "no place in: " + e.getMessage());
            long lines = text.chars().filter(c -> c == '\n').count() + 1;
            assertTrue(Integer.parseInt(m.group(1)) >= 1 && Integer.parseInt(m.group(1)) <= lines,
                    e.getMessage() + " for " + text.length() + " chars");
            assertTrue(Integer.parseInt(m.group(2)) >= 1, e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            fail("entry " + text.replace("\n", "\\n") + " threw " + e, e);
        }
    }

    @Test
    void aCampaignSkipsBrokenEntriesByNameAndAdoptsOnlyWholeOnes(@TempDir Path dir) throws Exception {
        List<String> valid = entries();
        Files.writeString(dir.resolve("a-good.csc"), valid.get(0), StandardCharsets.ISO_8859_1);
        Files.writeString(dir.resolve("b-cut.csc"), "boot seed=1\ninit fork => 2 as t1\nt1 kill @t9 KILL",
                StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("c-bytes.csc"), new byte[] {(byte) 0xff, 0, '\n', 'b', 'o', 'o', 't', '!'});
        Files.writeString(dir.resolve("d-good.csc"), valid.get(1), StandardCharsets.ISO_8859_1);
        List<String> messages = new ArrayList<>();
        Campaign c = new Campaign(Campaign.Options.defaults(5).withDirs(dir, dir.resolve("out")), Kernel::syscall,
                List.of(), new FallbackFeedback(), messages::add);
        assertEquals(2, c.rescan());
        assertEquals(2, c.corpusSize());
        assertEquals(2, messages.size(), messages.toString());
        assertTrue(messages.get(0).startsWith("corpus: skipping " + dir.resolve("b-cut.csc") + ": "
                + dir.resolve("b-cut.csc") + ":3:"), messages.get(0));
        assertTrue(messages.get(1).startsWith("corpus: skipping " + dir.resolve("c-bytes.csc") + ": "
                + dir.resolve("c-bytes.csc") + ":1:"), messages.get(1));
    }

    private static String mutate(String text, SplittableRandom rnd) {
        StringBuilder b = new StringBuilder(text);
        for (int i = 1 + rnd.nextInt(3); i > 0 && b.length() > 0; i--) {
            int at = rnd.nextInt(b.length());
            switch (rnd.nextInt(3)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, TOKENS[rnd.nextInt(TOKENS.length)]);
                default -> b.setCharAt(at, (char) (32 + rnd.nextInt(95)));
            }
        }
        return b.toString();
    }

    private static String soup(SplittableRandom rnd) {
        StringBuilder b = new StringBuilder();
        for (int k = rnd.nextInt(40); k > 0; k--) {
            b.append(TOKENS[rnd.nextInt(TOKENS.length)]).append(rnd.nextInt(4) == 0 ? "\n" : " ");
        }
        return b.toString();
    }
}

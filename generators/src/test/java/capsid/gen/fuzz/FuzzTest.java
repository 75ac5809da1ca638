package capsid.gen.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.kernel.Kernel;
import capsid.kernel.call.Sys;
import capsid.scenario.Parser;
import capsid.scenario.Report;
import capsid.scenario.ScenarioRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The fuzzing engine: generation, execution, mutation, shrinking, scenarios, campaigns, the shared corpus. */
class FuzzTest {

    @Test
    void generationIsReproducibleAndCoversEveryCall() {
        Set<Sys> seen = EnumSet.noneOf(Sys.class);
        for (long seed = 0; seed < 300; seed++) {
            Program a = ProgramGenerator.generate(seed, 20);
            assertEquals(a, ProgramGenerator.generate(seed, 20), "seed " + seed);
            a.steps().forEach(s -> seen.add(s.call().sys()));
            Program b = ProgramGenerator.generate(seed, 200);
            b.steps().forEach(s -> seen.add(s.call().sys()));
        }
        assertEquals(EnumSet.allOf(Sys.class), seen, "every call kind is generated");
    }

    @Test
    void theHealthyKernelPassesAndCorpusEntriesReplay() {
        for (long seed = 0; seed < 300; seed++) {
            Executor.Trace t = ProgramGenerator.generate(seed, 20, Kernel::syscall, List.of(), null);
            assertNull(t.failure(), "seed " + seed + ": " + t.failure());
            if (seed % 10 == 0) {
                String text = Scenarios.corpusEntry(t, 1);
                Report r = ScenarioRunner.run("seed" + seed + ".csc", text);
                assertTrue(r.ok(), "seed " + seed + ":\n" + text + r.text());
                Program back = Scenarios.read("x.csc", text);
                Executor.Trace t2 = Executor.run(back);
                assertNull(t2.failure());
                assertEquals(t.results().stream().filter(x -> x != null).toList(),
                        t2.results().stream().filter(x -> x != null).toList(), "seed " + seed);
            }
        }
    }

    @Test
    void mutationKeepsProgramsValid() {
        SplittableRandom rnd = new SplittableRandom(7);
        Program p = ProgramGenerator.generate(1, 20);
        Program q = ProgramGenerator.generate(2, 20);
        for (int i = 0; i < 400; i++) {
            Program m = Mutator.mutate(p, q, rnd);
            for (int j = 0; j < m.steps().size(); j++) {
                assertTrue(m.steps().get(j).fdStep() < j, "mutation " + i);
            }
            Executor.Trace t = Executor.run(m);
            assertNull(t.failure(), "mutation " + i + ": " + t.failure() + "\n" + m);
            String text = Scenarios.corpusEntry(t, 0);
            assertTrue(ScenarioRunner.run("m.csc", text).ok(), "mutation " + i + ":\n" + text);
            if (m.steps().size() < 60) {
                p = m;
            }
        }
    }

    static List<BrokenKernels.Bug> bugs() {
        return BrokenKernels.all();
    }

    @ParameterizedTest
    @MethodSource("bugs")
    void eachBugIsFoundShrunkAndReplays(BrokenKernels.Bug bug) {
        Campaign c = new Campaign(Campaign.Options.defaults(11), bug.sys(), List.of(), new FallbackFeedback(),
                m -> { });
        c.runFor(5000);
        assertFalse(c.found().isEmpty(), bug + " not found in " + c.execs() + " programs");
        Campaign.Found f = c.found().get(0);
        assertEquals(bug.property(), f.failure().property(), bug + ": " + f.failure());
        assertEquals(bug.property(), f.shrunk().failure().property());
        int steps = f.shrunk().program().steps().size();
        System.out.println(bug + ": found after " + c.execs() + " programs, shrunk " + f.original().steps().size()
                + " -> " + steps + " steps in " + f.shrinkMillis() + " ms");
        assertTrue(steps <= 8, bug + " shrunk only to " + steps + " steps:\n" + f.scenario());
        assertTrue(Parser.parse("f.csc", f.scenario()).errors().isEmpty(), f.scenario());
        Report broken = ScenarioRunner.run(Parser.parse("f.csc", f.scenario()), bug.sys()::call);
        assertFalse(broken.ok(), bug + ": the scenario passes on the broken kernel:\n" + f.scenario() + broken.text());
    }

    @Test
    @org.junit.jupiter.api.Disabled("fails today: with decorrelated generator seeds, blind reaches more fallback"
            + " features than guided (3 x 1500 programs: blind 10895, guided 10039); the corpus policy and the"
            + " mutation mix need work - see docs/fuzzing.md")
    void guidedMatchesOrBeatsBlindForEqualExecutions() {
        int guided = 0;
        int blind = 0;
        for (long seed = 1; seed <= 3; seed++) {
            Campaign g = new Campaign(Campaign.Options.defaults(seed), Kernel::syscall, List.of(),
                    new FallbackFeedback(), m -> { });
            g.runFor(1500);
            Campaign b = new Campaign(Campaign.Options.defaults(seed).withBlind(true), Kernel::syscall, List.of(),
                    new FallbackFeedback(), m -> { });
            b.runFor(1500);
            guided += g.edges();
            blind += b.edges();
        }
        System.out.println("features after 3 x 1500 programs: guided " + guided + ", blind " + blind);
        assertTrue(guided >= blind, "guided " + guided + " < blind " + blind);
    }

    @Test
    void twoCampaignsShareACorpusAndSkipCorruptFiles(@TempDir Path dir) throws Exception {
        Path corpus = dir.resolve("corpus");
        Files.createDirectories(corpus);
        Files.writeString(corpus.resolve("garbage.csc"), "boot seed=1\ninit frobnicate 1 => 0\n");
        Files.writeString(corpus.resolve("foreign.csc"), "boot\n%1 getpid => 1\n");
        List<String> messages = new ArrayList<>();
        Campaign a = new Campaign(Campaign.Options.defaults(1).withDirs(corpus, null).withRescanMillis(0),
                Kernel::syscall, List.of(), new FallbackFeedback(), messages::add);
        a.runFor(200);
        assertTrue(messages.stream().anyMatch(m -> m.contains("garbage.csc")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("foreign.csc")), messages.toString());
        long entries;
        try (var s = Files.list(corpus)) {
            entries = s.filter(p -> p.toString().endsWith(".csc")).count() - 2;
        }
        assertTrue(entries > 0 && entries <= a.corpusSize(), entries + " files, corpus " + a.corpusSize());
        Campaign b = new Campaign(Campaign.Options.defaults(2).withDirs(corpus, null), Kernel::syscall, List.of(),
                new FallbackFeedback(), m -> { });
        assertEquals(entries, b.rescan(), "b adopts every entry a wrote");
        assertTrue(b.edges() > 0);
        try (var s = Files.list(corpus)) {
            s.filter(p -> p.toString().endsWith(".csc") && !p.toString().contains("garbage")
                    && !p.toString().contains("foreign")).forEach(p ->
                    assertTrue(ScenarioRunner.run(p).ok(), p + " replays"));
        }
    }
}

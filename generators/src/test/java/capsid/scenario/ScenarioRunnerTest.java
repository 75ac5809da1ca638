package capsid.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.kernel.Errno;
import capsid.kernel.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running scenarios (ABI.md section 1): binding, actors, names, comparison, output and counts. */
class ScenarioRunnerTest {

    private static Report run(String... lines) {
        return ScenarioRunner.run("t.csc", String.join("\n", lines) + "\n");
    }

    /** The rendered outcome lines, without the summary. */
    private static List<String> lines(Report r) {
        return r.outcomes().stream().map(Outcome::render).toList();
    }

    private static Outcome at(Report r, int line) {
        return r.outcomes().stream().filter(o -> o.line() == line).findFirst().orElseThrow();
    }

    private static void assertAllPass(Report r) {
        assertEquals(0, r.failed(), r.text());
    }

    @Test
    void theAbiExamplePasses() {
        Report r = run(
                "boot                                   # fresh kernel; process `init` exists (pid 1)",
                "init  fork                 => 2  as a  # a = the new child; 2 = its pid seen by init",
                "a     unshare newpid|newuts => 0",
                "a     fork                 => 3  as b  # b is pid 1 in the new pid namespace",
                "b     getpid               => 1",
                "b     getppid              => 0        # parent lives outside b's namespace",
                "b     sethostname web      => 0",
                "init  gethostname          => capsid",
                "b     kill @a KILL         => ESRCH    # a's root pid, 2, names nobody in b's namespace");
        assertAllPass(r);
        assertEquals(9, r.passed());
        assertTrue(r.ok());
        assertTrue(r.text().endsWith("\n9 passed, 0 failed\n"), r.text());
    }

    @Test
    void outputFormat() {
        Report r = run(
                "boot",
                "init fork => 2 as a",
                "init gethostname",
                "init kill 99 KILL => 0",
                "x getpid",
                "init fork =>",
                "step 3",
                "invariants");
        assertEquals(List.of(
                "ok 1 - boot",
                "ok 2 - init fork => 2 as a # 2",
                "ok 3 - init gethostname # \"capsid\"",
                "not ok 4 - init kill 99 KILL => 0 # expected 0, got ESRCH",
                "not ok 5 - x getpid # t.csc:5:1: unknown actor 'x': nothing is bound to it (a failed call binds nothing)",
                "not ok 6 - t.csc:6:13: expected a value after '=>' (an integer, word, \"string\", [list], $NAME or _)",
                "ok 7 - step 3 # ran 0",
                "ok 8 - invariants"), lines(r));
        assertEquals(5, r.passed());
        assertEquals(3, r.failed());
        assertEquals(String.join("\n", lines(r)) + "\n5 passed, 3 failed\n", r.text());
        assertFalse(r.ok());
    }

    @Test
    void statusesSayWhatKindOfFailure() {
        Report r = run("boot", "init kill 99 KILL => 0", "x getpid", "init ! x");
        assertEquals(Outcome.Status.PASS, at(r, 1).status());
        assertEquals(Outcome.Status.FAIL, at(r, 2).status());
        assertEquals(Errno.ESRCH, at(r, 2).result());
        assertEquals(Outcome.Status.SCRIPT_ERROR, at(r, 3).status());
        assertEquals(Outcome.Status.SCRIPT_ERROR, at(r, 4).status());
    }

    @Test
    void forkBindsTheProcessOtherCallsBindTheValue() {
        assertAllPass(run(
                "boot",
                "init fork => 2 as a",
                "a getpid => 2",
                "a ns_open 1 uts => 0 as f",
                "a dup $f => 1 as g",
                "a close $g => 0",
                "a dup $f => $g",
                "init gethostname as h",
                "init gethostname => $h",
                "init sethostname $h => 0"));
    }

    @Test
    void anErrnoBindsNothingAndUnbindsTheName() {
        Report r = run(
                "boot",
                "init kill 99 KILL as k",
                "init close $k",
                "init fork as a",
                "init kill 99 KILL as a",
                "a getpid");
        assertEquals("not ok 3 - init close $k # t.csc:3:12: unknown name 'k': nothing is bound to it"
                + " (a failed call binds nothing)", at(r, 3).render());
        assertEquals(Outcome.Status.SCRIPT_ERROR, at(r, 6).status());
        assertEquals(Outcome.Status.PASS, at(r, 2).status());
    }

    @Test
    void pidOfIsSeenFromTheActorsNamespaceOrTheRootAndOutlivesTheProcess() {
        assertAllPass(run(
                "boot",
                "init fork => 2 as a",          // a: root 2
                "a unshare newpid => 0",
                "a fork => 3 as b",             // b: root 3, pid 1 in B
                "b fork => 2 as c",             // c: root 4, pid 2 in B
                "b getpid => 1",
                "init kill @b 0 => 0",
                "c exit 0",
                "a kill @c 0 => 0",             // a sees c as 4: a zombie, still there
                "b wait @c => 2",               // b sees c as 2; c is dead, @c still works
                "b kill @c 0 => ESRCH",         // reaped: nobody is 2 in B now
                "init kill @c 0 => ESRCH",      // nor 4 in the root
                "b fork => 3 as d",             // d: pid 3 in B, root 5
                "b kill @a 0 => ESRCH",         // a is invisible in B: @a is its root pid, 2 (free in B)
                "b fork => 4 as e",
                "b fork => 5 as f2",
                "d exit 0",
                "b wait => 3",
                "b fork => 6",
                "b kill @init 0 => 0"));        // init is invisible in B: root pid 1, which is b
    }

    @Test
    void aLeakedRootPidNamesWhoeverHasThatNumberInTheActorsNamespace() {
        Report r = run(
                "boot",
                "init fork => 2 as a",
                "a unshare newpid => 0",
                "a fork => 3 as b",             // pid 1 in B
                "b fork => 2 as c",             // pid 2 in B
                "b kill @a KILL => 0",          // @a = 2 (root pid): that is c in B
                "b wait => 2",
                "c getpid");
        assertAllPass(new Report("t.csc", r.outcomes().subList(0, 7)));
        assertEquals("not ok 8 - c getpid # t.csc:8:1: actor 'c' is dead", at(r, 8).render());
    }

    @Test
    void rootPidActors() {
        Report r = run(
                "boot",
                "init fork => 2 as a",
                "%2 getpid => 2",
                "%1 getppid => 0",
                "%99 getpid",
                "a exit 0",
                "%2 getpid",
                "init wait => 2",
                "%2 getpid");
        assertEquals(Outcome.Status.PASS, at(r, 3).status());
        assertEquals(Outcome.Status.PASS, at(r, 4).status());
        assertEquals("t.csc:5:1: no process has root pid 99", at(r, 5).detail());
        assertEquals("t.csc:7:1: actor %2 is dead", at(r, 7).detail());
        assertEquals("t.csc:9:1: no process has root pid 2", at(r, 9).detail());
    }

    @Test
    void deadActorsAreScriptErrorsAndTheRunGoesOn() {
        Report r = run("boot", "init fork as a", "a exit 3", "a getpid", "init wait => 2", "a getpid",
                "init getpid => 1");
        assertEquals("not ok 4 - a getpid # t.csc:4:1: actor 'a' is dead", at(r, 4).render());
        assertEquals("not ok 6 - a getpid # t.csc:6:1: actor 'a' is dead", at(r, 6).render());
        assertEquals(Outcome.Status.PASS, at(r, 7).status());
        assertEquals(2, r.failed());
    }

    @Test
    void namesOfTheWrongKind() {
        Report r = run(
                "boot",
                "init fork as a",
                "init gethostname as h",
                "h getpid",
                "init kill $a 0",
                "init kill @h 0",
                "init getpid => $a",
                "init kill @nobody 0");
        assertEquals("t.csc:4:1: actor 'h' is bound to the value \"capsid\", not a process", at(r, 4).detail());
        assertEquals("t.csc:5:11: $a: 'a' is a process, not a value (its pid is @a)", at(r, 5).detail());
        assertEquals("t.csc:6:11: @h: 'h' is bound to a value, not a process", at(r, 6).detail());
        assertEquals("t.csc:7:16: $a: 'a' is a process, not a value (its pid is @a)", at(r, 7).detail());
        assertEquals("t.csc:8:11: unknown process 'nobody': nothing is bound to it (a failed call binds nothing)",
                at(r, 8).detail());
    }

    @Test
    void aStringValueIsTypeCheckedWhereANumberIsNeeded() {
        Report r = run("boot", "init gethostname as h", "init close $h");
        assertEquals("t.csc:3:12: expected a number for FD, got \"capsid\" (usage: close FD)", at(r, 3).detail());
    }

    @Test
    void rebootingGivesAFreshKernelAndUnbindsEveryName() {
        Report r = run(
                "boot",
                "init fork => 2 as a",
                "init sethostname x => 0",
                "boot hostname=web seed=3",
                "a getpid",
                "init gethostname => web",
                "init fork => 2");
        assertEquals("t.csc:5:1: unknown actor 'a': nothing is bound to it (a failed call binds nothing)",
                at(r, 5).detail());
        assertEquals(6, r.passed());
    }

    @Test
    void stepsBeforeBootAndAfterAFailedBootAreScriptErrors() {
        Report r = run("init getpid", "invariants", "step 1", "boot hostname=bad_name", "init getpid",
                "boot", "init getpid => 1");
        assertEquals("t.csc:1:1: no kernel: a script starts with 'boot'", at(r, 1).detail());
        assertEquals("t.csc:2:1: no kernel: a script starts with 'boot'", at(r, 2).detail());
        assertEquals("t.csc:3:1: no kernel: a script starts with 'boot'", at(r, 3).detail());
        assertTrue(at(r, 4).detail().startsWith("t.csc:4:15: "), at(r, 4).detail());
        assertTrue(at(r, 4).detail().contains("bad_name"), at(r, 4).detail());
        assertEquals("t.csc:5:1: no kernel: the boot on line 4 failed", at(r, 5).detail());
        assertEquals(2, r.passed());
    }

    @Test
    void anyMatchesEveryResultButAnErrno() {
        Report r = run("boot", "init fork => _", "init gethostname => _", "init kill 99 KILL => _");
        assertEquals(List.of(true, true, true, false), r.outcomes().stream().map(Outcome::ok).toList());
        assertEquals("expected _, got ESRCH", at(r, 4).detail());
    }

    @Test
    void wordsAndQuotedStringsAreEqual() {
        assertAllPass(run(
                "boot",
                "init gethostname => capsid",
                "init gethostname => \"capsid\"",
                "init kill 99 KILL => ESRCH",
                "init kill 99 KILL => \"ESRCH\"",
                "init pipe => ENOSYS"));
        Report r = run("boot", "init gethostname => Capsid", "init getpid => \"1\"", "init kill 99 KILL => esrch");
        assertEquals(3, r.failed());
    }

    @Test
    void expectedValuesMatchByKind() {
        Result ints = new Result.Ints(List.of(3L, 4L));
        assertTrue(Expectation.matches(new Value.IntList(List.of(3L, 4L), Pos.NONE), ints));
        assertFalse(Expectation.matches(new Value.IntList(List.of(3L), Pos.NONE), ints));
        assertFalse(Expectation.matches(new Value.IntList(List.of(4L, 3L), Pos.NONE), ints));
        assertFalse(Expectation.matches(new Value.IntList(List.of(), Pos.NONE), Result.Int.ZERO));
        assertFalse(Expectation.matches(new Value.Int("3", Pos.NONE), ints));
        assertTrue(Expectation.matches(new Value.Int("-3", Pos.NONE), Result.Int.of(-3)));
        assertTrue(Expectation.matches(new Value.Word("FROZEN", Pos.NONE), Result.Word.FROZEN));
        assertTrue(Expectation.matches(new Value.Str("THAWED", Pos.NONE), Result.Word.THAWED));
        assertTrue(Expectation.matches(new Value.Word("3/max", Pos.NONE), new Result.Str("3/max")));
        assertFalse(Expectation.matches(new Value.Word("3", Pos.NONE), Result.Int.of(3)));
        assertTrue(Expectation.matches(new Value.Any(Pos.NONE), ints));
        assertTrue(Expectation.matches(new Value.Any(Pos.NONE), Result.Word.FROZEN));
        assertFalse(Expectation.matches(new Value.Any(Pos.NONE), Errno.EPERM));
    }

    @Test
    void aStepWithoutExpectationPassesAndPrintsItsResult() {
        Report r = run("boot", "init kill 99 KILL", "init fork as a", "a exit 5");
        assertAllPass(r);
        assertEquals("ok 2 - init kill 99 KILL # ESRCH", at(r, 2).render());
        assertEquals("ok 4 - a exit 5 # 0", at(r, 4).render());
    }

    @Test
    void emptyScriptAndCommentsOnly() {
        assertEquals("0 passed, 0 failed\n", run("").text());
        assertEquals("0 passed, 0 failed\n", run("# nothing", "   ").text());
    }

    @Test
    void filesAreReadOneBytePerCharacter(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("u.csc");
        Files.write(f, "boot\ninit sethostname \"é\" => EINVAL\n".getBytes(StandardCharsets.UTF_8));
        Report r = ScenarioRunner.run(f);
        assertAllPass(r);
        assertEquals("init sethostname \"\\xc3\\xa9\" => EINVAL", at(r, 2).step());
        assertEquals(f.toString(), r.file());
    }

    @Test
    void anUnreadableFileIsOneFailure(@TempDir Path dir) {
        Report r = ScenarioRunner.run(dir.resolve("missing.csc"));
        assertEquals(1, r.failed());
        assertEquals("not ok - " + dir.resolve("missing.csc") + ": cannot read: no such file",
                r.outcomes().get(0).render());
        assertTrue(r.text().endsWith("0 passed, 1 failed\n"));
        Report d = ScenarioRunner.run(dir);
        assertEquals(1, d.failed());
    }

    @Test
    void detailsStayOnOneLine() {
        Outcome o = new Outcome(3, Outcome.Status.KERNEL_BUG, "a getpid", "kernel bug: x\ny", null);
        assertEquals("not ok 3 - a getpid # kernel bug: x\\x0ay", o.render());
    }

    /**
     * The kernel's step checks run after every call; the next {@code invariants} step
     * reports what they found, naming the call's line. Here a broken kernel gives an
     * orphan to its grandparent (every link consistent, so no invariant sees it).
     */
    @Test
    void invariantsReportTheStepChecksOfTheCallsBeforeIt() {
        String text = String.join("\n", "boot", "init fork => 2 as a", "a fork => 3 as b", "b fork => 4 as c",
                "b exit 0", "invariants", "c getpid => 4", "invariants") + "\n";
        assertAllPass(ScenarioRunner.run("t.csc", text));
        Report r = ScenarioRunner.run(Parser.parse("t.csc", text), capsid.gen.WrongReaper::toGrandparent);
        assertEquals(1, r.failed(), r.text());
        assertEquals(Outcome.Status.FAIL, at(r, 6).status());
        assertEquals("violated: OrphansGoToNamespaceInit: line 5 (b exit 0): task 4's parent changed from task 3 to"
                + " task 2, but the init of pidns#1 (task 3's) is task 1", at(r, 6).detail());
        assertEquals(Outcome.Status.PASS, at(r, 8).status(), "each finding is reported once");
    }
}

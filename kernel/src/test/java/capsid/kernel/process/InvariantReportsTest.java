package capsid.kernel.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shape of a report, not just its presence: the checks first scan the task
 * table in its own order and, when they find something, scan again by task id, so a
 * report lists each violation once, in task order; and a process that names a
 * parent whose list lacks it is found even when nothing else is wrong.
 */
class InvariantReportsTest {

    @Test
    void aParentThatDoesNotListItsChildIsReportedAlone() {
        InvariantsCatchBrokenStateTest.World w = new InvariantsCatchBrokenStateTest.World();
        // c names b as its parent, but b's list forgets it (and counts accordingly)
        w.b.firstChild = null;
        w.b.lastChild = null;
        w.b.childCount = 0;
        assertEquals(List.of("ParentChildLinks: 1 processes name " + w.b + " as parent but it lists 0"),
                Invariants.check(w.t));
    }

    @Test
    void violationsAreReportedOnceEachInTaskOrder() {
        InvariantsCatchBrokenStateTest.World w = new InvariantsCatchBrokenStateTest.World();
        List<Process> broken = childrenOfInit(w, 12);
        for (Process p : broken) {
            p.ipc = null; // a live process without its ipc namespace
        }
        List<String> expected = new ArrayList<>();
        for (Process p : broken) { // forked in tid order
            expected.add("ZombieHoldsNothing: live " + p + " lacks a capability table or a namespace");
        }
        assertEquals(expected, Invariants.check(w.t));
    }

    @Test
    void pidTableFindingsAreReportedOnceEach() {
        InvariantsCatchBrokenStateTest.World w = new InvariantsCatchBrokenStateTest.World();
        List<Process> extra = childrenOfInit(w, 6);
        // the root namespace's table maps one pid to a process that is not in the task table
        Process ghost = extra.get(3);
        w.t.taskMap().remove(ghost.tid);
        List<String> found = Invariants.check(w.t);
        assertEquals(found.stream().distinct().toList(), found, "no finding twice: " + found);
        assertEquals(1, found.stream().filter(f -> f.startsWith("TypeOK: ") && f.contains("not in the task table"))
                .count(), found.toString());
    }

    /** {@code n} more children of init, in task order. */
    private static List<Process> childrenOfInit(InvariantsCatchBrokenStateTest.World w, int n) {
        List<Process> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Forks.child(w.t, w.init, 0));
        }
        return out;
    }
}

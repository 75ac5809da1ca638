package capsid.refinement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.checker.value.Value;
import capsid.gen.fuzz.ProgramGenerator;
import capsid.kernel.Kernel;
import capsid.kernel.Result;
import capsid.kernel.StateView;
import capsid.kernel.call.Call;
import capsid.kernel.call.Flags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link NamespaceAbstraction#unprojected}, the cheap form campaigns run after
 * every step, says exactly what the value-level definition says (the projection of
 * the abstraction changes it), on the states real programs reach and on views
 * broken on purpose; and {@link AbstractionCheck} reports through it.
 */
class AbstractionCheckTest {

    /** The definition: projecting the abstraction changes it (or cannot be done). */
    private static boolean definitionFails(StateView v) {
        NamespaceAbstraction.Bounds b = AbstractionCheck.bounds(v);
        try {
            Map<String, Value> abs = NamespaceAbstraction.of(v, b);
            return !NamespaceAbstraction.diff(NamespaceAbstraction.project(abs, b), abs).isEmpty();
        } catch (RuntimeException e) {
            return true;
        }
    }

    private static boolean cheapFails(StateView v) {
        return !NamespaceAbstraction.unprojected(v, AbstractionCheck.bounds(v)).isEmpty();
    }

    @Test
    void agreesWithTheDefinitionOnEveryStateOfGeneratedPrograms() {
        int[] states = {0};
        List<String> disagreements = new ArrayList<>();
        for (long seed = 0; seed < 300; seed++) {
            long s = seed;
            ProgramGenerator.generate(seed, 30, Kernel::syscall, List.of(), (ex, i, step, call, r) -> {
                if (r == null) {
                    return;
                }
                StateView v = ex.kernel().state();
                states[0]++;
                boolean cheap = cheapFails(v);
                if (cheap || definitionFails(v)) {
                    disagreements.add("seed " + s + " step " + i + " (" + call + "): cheap " + cheap);
                }
                // and a broken copy of the same state: the two must agree on it too
                StateView broken = withStrayNamespaces(v);
                if (cheapFails(broken) != definitionFails(broken) || !cheapFails(broken)) {
                    disagreements.add("seed " + s + " step " + i + ": on the broken copy cheap " + cheapFails(broken)
                            + ", definition " + definitionFails(broken));
                }
            });
        }
        assertEquals(List.of(), disagreements.stream().limit(5).toList());
        assertTrue(states[0] > 3000, "states checked: " + states[0]);
    }

    /** {@code v} plus a pid namespace and a hostname-bearing uts namespace nothing names. */
    private static StateView withStrayNamespaces(StateView v) {
        long pid = v.nextIds().getOrDefault("pidns", 1L);
        long uts = v.nextIds().getOrDefault("utsns", 1L);
        Map<String, Long> next = new java.util.TreeMap<>(v.nextIds());
        next.put("pidns", pid + 1);
        next.put("utsns", uts + 1);
        List<StateView.PidNs> pns = new ArrayList<>(v.pidNs());
        pns.add(new StateView.PidNs(pid, 1, 1, Map.of(), 0, 0, false));
        List<StateView.Uts> us = new ArrayList<>(v.uts());
        us.add(new StateView.Uts(uts, "stray"));
        return new StateView(v.config(), v.nextTid(), v.exitClock(), v.tasks(), pns, us, next);
    }

    @Test
    void aZombieThatKeepsItsNamespaceForChildrenIsReported() {
        Kernel k = Kernel.boot();
        long child = k.resolve(k.initTid(), (int) ((Result.Int) k.syscall(k.initTid(), new Call.Fork(0))).value());
        k.syscall(child, new Call.Unshare(Flags.NEWPID));
        StateView live = k.state();
        assertFalse(cheapFails(live), "a live task's namespace for children is reachable");
        // the child dies but (as a broken kernel might) keeps its namespace for children
        List<StateView.Task> tasks = new ArrayList<>();
        for (StateView.Task t : live.tasks()) {
            tasks.add(t.tid() != child ? t : new StateView.Task(t.tid(), false, t.parent(), t.pids(), t.pidNs(),
                    t.nsForChildren(), 0, 0, null, Map.of(), 1));
        }
        StateView zombie = new StateView(live.config(), live.nextTid(), 1, tasks, live.pidNs(), live.uts(),
                live.nextIds());
        List<String> found = NamespaceAbstraction.unprojected(zombie, AbstractionCheck.bounds(zombie));
        assertEquals(List.of("pid namespace 2 is kept but nothing reachable names it"), found);
        assertTrue(definitionFails(zombie));
    }

    @Test
    void theCheckPassesOnTheKernelAndIsAStateFunctionOnlyWhenItRunsEveryStep() {
        Kernel k = Kernel.boot();
        k.syscall(k.initTid(), new Call.Fork(Flags.NEWPID | Flags.NEWUTS));
        assertNull(new AbstractionCheck(1).check(k, 0, Call.GetPid.INSTANCE, Result.Int.ZERO));
        assertTrue(new AbstractionCheck(1).stateFunction());
        assertFalse(new AbstractionCheck(3).stateFunction());
        assertEquals("AbstractionWellFormed", new AbstractionCheck(1).name());
    }
}

package capsid.gen.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import capsid.kernel.BootConfig;
import capsid.kernel.Kernel;
import capsid.kernel.Result;
import capsid.kernel.call.Call;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A {@link StepCheck} that declares itself a function of the state runs on every
 * state a step produces, and is skipped only after steps that left the state
 * fingerprint as it was when it last ran (failed and read-only calls); other
 * checks run after every step that ran.
 */
class StateFunctionChecksTest {

    private static final class Counting implements StepCheck {
        final boolean stateFunction;
        final List<Integer> steps = new ArrayList<>();

        Counting(boolean stateFunction) {
            this.stateFunction = stateFunction;
        }

        public String name() {
            return "Counting";
        }

        public String check(Kernel k, int index, Call call, Result result) {
            steps.add(index);
            return null;
        }

        @Override
        public boolean stateFunction() {
            return stateFunction;
        }
    }

    @Test
    void stateFunctionsAreSkippedExactlyWhenTheStateDidNotChange() {
        Counting memo = new Counting(true);
        Counting every = new Counting(false);
        Program p = new Program(1, 7, BootConfig.DEFAULT, List.of(
                FuzzStep.of(0, Call.GetPid.INSTANCE),          // 0 read-only: first state seen, runs
                FuzzStep.of(0, new Call.Close(9)),             // 1 EBADF: unchanged, skipped
                FuzzStep.of(0, new Call.Fork(0)),              // 2 changes: runs
                FuzzStep.of(1, Call.GetPpid.INSTANCE),         // 3 read-only: skipped
                FuzzStep.of(1, new Call.SetHostname("b")),     // 4 changes: runs
                FuzzStep.of(5, Call.GetPid.INSTANCE),          // 5 no task 5: skipped by the executor
                FuzzStep.of(1, new Call.SetHostname("b"))));   // 6 same hostname, but one event more: runs
        Executor.Trace t = Executor.run(p, Kernel::syscall, List.of(memo, every), null);
        assertNull(t.failure());
        assertEquals(List.of(0, 2, 4, 6), memo.steps);
        assertEquals(List.of(0, 1, 2, 3, 4, 6), every.steps);
    }
}

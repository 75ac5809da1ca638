package capsid.gen.fuzz;

import capsid.kernel.Errno;
import capsid.kernel.Result;
import capsid.kernel.call.Call;
import java.util.BitSet;

/**
 * Coverage without an agent: features of each step that ran, hashed into 2^18
 * bits. A feature is (call kind × outcome (success or which errno) × the actor's
 * pid-namespace depth, bucketed × how many tasks exist, bucketed), and the pair
 * (previous call kind and outcome, this call kind and outcome), so that new
 * results, new depths and new orders of calls count as progress.
 */
public final class FallbackFeedback implements Feedback, Executor.StepObserver {
    private static final int BITS = 1 << 18;
    private final BitSet seen = new BitSet(BITS);
    private final BitSet current = new BitSet(BITS);
    private int prev;

    @Override
    public void reset() {
        current.clear();
        prev = 0;
    }

    @Override
    public int collectNew() {
        BitSet fresh = (BitSet) current.clone();
        fresh.andNot(seen);
        seen.or(current);
        return fresh.cardinality();
    }

    @Override
    public int edges() {
        return seen.cardinality();
    }

    @Override
    public Executor.StepObserver observer() {
        return this;
    }

    @Override
    public void step(Executor ex, int index, FuzzStep step, Call call, Result result) {
        int outcome = result == null ? 1 : result instanceof Errno e ? 2 + e.ordinal() : 0;
        int kind = call.sys().ordinal() * 64 + outcome;
        int depth = Math.min(ex.levels(step.actor()), 4);
        int tasks = ex.tasks() < 3 ? ex.tasks() : ex.tasks() < 6 ? 3 : ex.tasks() < 12 ? 4 : 5;
        add(kind * 31 + depth * 7 + tasks);
        add(0x5bd1e995 ^ (prev * 4099 + kind));
        prev = kind;
    }

    private void add(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        current.set(h & (BITS - 1));
    }
}

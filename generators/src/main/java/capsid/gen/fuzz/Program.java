package capsid.gen.fuzz;

import capsid.kernel.BootConfig;
import java.util.List;

/**
 * A symbolic syscall program: the boot configuration and the steps, run on one
 * fresh kernel. {@code seed} and {@code size} say where it came from (a program
 * generated from (seed, size) on the same kernel is the same program); mutation
 * keeps the seed of the program it started from. Immutable.
 */
public record Program(long seed, int size, BootConfig config, List<FuzzStep> steps) {
    public Program {
        steps = List.copyOf(steps);
        for (int i = 0; i < steps.size(); i++) {
            int f = steps.get(i).fdStep();
            if (f >= i) {
                throw new IllegalArgumentException("step " + i + " refers to the result of later step " + f);
            }
        }
    }

    public Program withSteps(List<FuzzStep> s) {
        return new Program(seed, size, config, s);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("program seed=" + seed + " size=" + size + " " + config + "\n");
        for (int i = 0; i < steps.size(); i++) {
            sb.append("  ").append(i).append(": ").append(steps.get(i)).append('\n');
        }
        return sb.toString();
    }
}

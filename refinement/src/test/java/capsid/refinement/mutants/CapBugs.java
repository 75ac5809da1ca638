package capsid.refinement.mutants;

import capsid.kernel.cap.Capability;
import java.util.ArrayList;
import java.util.List;

/** Helpers the capability bugs call in place of the kernel's own code (test code only). */
public final class CapBugs {
    private CapBugs() {
    }

    /**
     * The descendants of {@code root} as REVOKE_MISSES_FOREIGN_GRANDCHILD finds them:
     * everything below it in its own table, and its direct children elsewhere, but no
     * grandchild or deeper one in another table.
     */
    public static List<Capability> descendantsMissingForeignGrandchildren(Capability root) {
        List<Capability> out = new ArrayList<>();
        List<Capability> todo = new ArrayList<>(root.children());
        List<Integer> depth = new ArrayList<>();
        todo.forEach(c -> depth.add(1));
        for (int i = 0; i < todo.size(); i++) {
            Capability c = todo.get(i);
            int d = depth.get(i);
            if (d >= 2 && c.table() != root.table()) {
                continue;
            }
            out.add(c);
            for (Capability k : c.children()) {
                todo.add(k);
                depth.add(d + 1);
            }
        }
        return out;
    }
}

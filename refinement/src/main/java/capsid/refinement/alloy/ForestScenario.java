package capsid.refinement.alloy;

import capsid.checker.alloy.Alloy;
import capsid.checker.alloy.AlloyError;
import edu.mit.csail.sdg.translator.A4Solution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An Alloy instance as a start state: one State of a solution of the model (a small
 * forest of capabilities across processes) read as a {@link Forest}, and turned into
 * a scenario script ({@code .csc}) that builds it on a fresh kernel.
 *
 * <p>The script forks one process per holder ({@code P0, P1, ...}) and one keeper per
 * object ({@code K0, ...}: it unshares a new uts namespace, which stands for the
 * object), then makes every capability, parents first: a root by {@code ns_open @Kj
 * uts}. A capability with a derivation parent needs {@code cap_derive} (same holder)
 * or {@code cap_grant} (another holder); until those calls are in the kernel, {@link
 * #script} refuses such a forest by name rather than building something else.
 */
public final class ForestScenario {
    private ForestScenario() {
    }

    /** One capability of the instance: atom names, and its rights as the model's Right atoms. */
    public record Node(String name, String holder, String obj, List<String> rights, String badge, String parent) {
    }

    /** The capabilities of one State, in the solution's order. */
    public record Forest(List<Node> caps) {
        /** The holders, in order of their first capability. */
        public List<String> holders() {
            return caps.stream().map(Node::holder).distinct().toList();
        }

        /** The objects, in order of their first capability. */
        public List<String> objects() {
            return caps.stream().map(Node::obj).distinct().toList();
        }
    }

    /** The forest of the State {@code state} (an Alloy expression, e.g. {@code last}) of {@code s}. */
    public static Forest read(Alloy.Model m, A4Solution s, String state) throws AlloyError {
        Map<String, String> holder = pairs(m, s, "(" + state + ".caps) <: holder");
        Map<String, String> obj = pairs(m, s, "(" + state + ".caps) <: obj");
        Map<String, String> badge = pairs(m, s, "(" + state + ".caps) <: badge");
        Map<String, String> parent = pairs(m, s, state + ".cdt");
        Map<String, List<String>> rights = new TreeMap<>();
        for (List<String> t : Alloy.tuples(m, s, "(" + state + ".caps) <: rights")) {
            rights.computeIfAbsent(t.get(0), k -> new ArrayList<>()).add(t.get(1).replaceAll("\\$\\d+$", "")
                    .replaceAll("^.*/", ""));
        }
        List<Node> caps = new ArrayList<>();
        for (String c : holder.keySet()) {
            caps.add(new Node(c, holder.get(c), obj.get(c), rights.getOrDefault(c, List.of()), badge.get(c),
                    parent.get(c)));
        }
        return new Forest(caps);
    }

    private static Map<String, String> pairs(Alloy.Model m, A4Solution s, String expr) throws AlloyError {
        Map<String, String> out = new LinkedHashMap<>();
        for (List<String> t : Alloy.tuples(m, s, expr)) {
            out.put(t.get(0), t.get(1));
        }
        return out;
    }

    /**
     * The scenario that builds {@code f} on a fresh kernel; {@link
     * UnsupportedOperationException} naming the capability and the call when a
     * capability has a derivation parent (cap_derive, cap_grant) or a badge.
     */
    public static String script(Forest f) {
        StringBuilder sb = new StringBuilder("# built from an Alloy instance of model/CapabilityConfinement.als\n"
                + "boot\n");
        List<String> holders = f.holders();
        List<String> objects = f.objects();
        for (int i = 0; i < holders.size(); i++) {
            sb.append("init fork => _ as P").append(i).append("    # ").append(holders.get(i)).append('\n');
        }
        for (int j = 0; j < objects.size(); j++) {
            sb.append("init fork => _ as K").append(j).append("    # keeper of ").append(objects.get(j)).append('\n');
            sb.append("K").append(j).append(" unshare newuts => 0\n");
        }
        for (Node c : f.caps()) {
            if (c.parent() != null) {
                Node p = f.caps().stream().filter(n -> n.name().equals(c.parent())).findFirst().orElseThrow();
                throw new UnsupportedOperationException(c.name() + " is a child of " + c.parent() + ": building it "
                        + "needs " + (p.holder().equals(c.holder()) ? "cap_derive" : "cap_grant")
                        + ", which the kernel does not have yet");
            }
            if (c.badge() != null) {
                throw new UnsupportedOperationException(c.name() + " is a badged root: only cap_derive gives a "
                        + "badge, which the kernel does not have yet");
            }
            if (!List.of("R", "Grant", "X").containsAll(c.rights()) || c.rights().size() != 3) {
                throw new UnsupportedOperationException(c.name() + " is a root with rights " + c.rights()
                        + ": ns_open gives r|x|grant, and narrowing needs cap_derive");
            }
            sb.append('P').append(holders.indexOf(c.holder())).append(" ns_open @K")
                    .append(objects.indexOf(c.obj())).append(" uts => _    # ").append(c.name()).append('\n');
        }
        sb.append("invariants\n");
        return sb.toString();
    }
}

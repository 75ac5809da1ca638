package capsid.refinement;

import capsid.checker.Trace;
import java.util.List;
import java.util.Map;

/**
 * What {@code capsid refine} needs to know of one spec: its actions (the names its
 * history variable {@code lastAction.act} takes) and how to replay its abstract traces
 * on the kernel ({@link NamespaceReplayer}, {@link CapReplayer}). Everything else (the
 * outcome universe, the graph walks, the simulation, the record) is the same for
 * every spec ({@link RefineRun}).
 */
public interface SpecRefinement {
    /** The spec module, e.g. {@code NamespaceUnshare}. */
    String spec();

    /** Every action of the spec, Boot aside. */
    List<String> actions();

    /** Replays {@code traces} of a model with these constants on fresh kernels. */
    NamespaceReplayer.Report replay(Map<String, String> constants, List<Trace> traces);

    /** The refinement of spec module {@code name}, or null when there is none. */
    static SpecRefinement of(String name) {
        return switch (name) {
            case NamespaceReplayer.SPEC -> new SpecRefinement() {
                public String spec() {
                    return NamespaceReplayer.SPEC;
                }

                public List<String> actions() {
                    return NamespaceReplayer.ACTIONS;
                }

                public NamespaceReplayer.Report replay(Map<String, String> constants, List<Trace> traces) {
                    return new NamespaceReplayer(constants).replay(traces);
                }
            };
            case CapReplayer.SPEC -> new SpecRefinement() {
                public String spec() {
                    return CapReplayer.SPEC;
                }

                public List<String> actions() {
                    return CapReplayer.ACTIONS;
                }

                public NamespaceReplayer.Report replay(Map<String, String> constants, List<Trace> traces) {
                    return new CapReplayer(constants).replay(traces);
                }
            };
            default -> null;
        };
    }

    /** The specs that have a refinement, in the order verify runs them. */
    List<String> KNOWN = List.of(NamespaceReplayer.SPEC, CapReplayer.SPEC);
}

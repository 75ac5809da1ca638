package capsid.refinement;

import capsid.checker.State;
import capsid.checker.StateGraph;
import capsid.checker.Trace;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Walks over a dumped state graph: one to every leaf of the tree of first-discovery
 * edges, so that together they pass through every state of the graph and take every
 * first-discovery edge. A state's label holds the history variable of the transition
 * that first discovered it (TLC writes a state when it first sees it), so the path of
 * first-discovery edges from the initial state to any state is a behaviour whose every
 * step is exactly the call its lastAction names.
 *
 * <p>An edge that is not a first discovery (to a state seen before, or a self-loop)
 * names its action but not the call, so it cannot be walked exactly. A model whose
 * view gives every call that changes nothing a state of its own (the graph model's
 * {@code GraphView}: a failed or read-only call, an ignored kill) has its failed and
 * read-only calls walked too. Action labels that discover no state at all are reported.
 */
public final class GraphWalks {
    private GraphWalks() {
    }

    /** The walks, the action labels they take, and the labels the graph has but no walk could take. */
    public record Walks(List<Trace> traces, TreeSet<String> covered, TreeSet<String> notWalkable) {
        /** The number of steps over all walks. */
        public long steps() {
            return traces.stream().mapToLong(t -> t.size() - 1).sum();
        }
    }

    /** Walks to every leaf of the first-discovery tree of {@code g}. */
    public static Walks cover(StateGraph g) {
        List<StateGraph.Node> inits = g.initialNodes();
        if (inits.size() != 1) {
            throw new IllegalArgumentException("the graph has " + inits.size() + " initial states; walks need one");
        }
        long root = inits.get(0).id();
        // first-discovery edges, in the order TLC wrote them
        Map<Long, StateGraph.Edge> discovery = new HashMap<>();
        for (StateGraph.Edge e : g.edges()) {
            if (e.action() != null && e.to() != root && e.from() != e.to() && !discovery.containsKey(e.to())) {
                discovery.put(e.to(), e);
            }
        }
        Map<Long, List<StateGraph.Edge>> children = new HashMap<>(); // in file order: the walks come out the same
        for (StateGraph.Edge e : g.edges()) {
            if (discovery.get(e.to()) == e) {
                children.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
            }
        }
        // breadth-first over discovery edges from the root (a discovery edge from a state the
        // root does not reach through them would not start at the initial state: none is used)
        List<Long> leaves = new ArrayList<>();
        Map<Long, Long> parent = new HashMap<>();
        Deque<Long> queue = new ArrayDeque<>();
        queue.add(root);
        parent.put(root, null);
        TreeSet<String> covered = new TreeSet<>();
        while (!queue.isEmpty()) {
            long u = queue.poll();
            boolean leaf = true;
            for (StateGraph.Edge e : children.getOrDefault(u, List.of())) {
                if (parent.containsKey(e.to())) {
                    continue;
                }
                leaf = false;
                parent.put(e.to(), u);
                covered.add(e.action());
                queue.add(e.to());
            }
            if (leaf && u != root) {
                leaves.add(u);
            }
        }
        List<Trace> traces = new ArrayList<>();
        for (long target : leaves) {
            List<Long> path = new ArrayList<>();
            for (Long v = target; v != null; v = parent.get(v)) {
                path.add(v);
            }
            List<State> states = new ArrayList<>(path.size());
            for (int i = path.size() - 1, n = 0; i >= 0; i--, n++) {
                long v = path.get(i);
                states.add(new State(n, n == 0 ? State.INITIAL_PREDICATE : "<" + discovery.get(v).action() + ">",
                        g.nodes().get(v).vars()));
            }
            traces.add(new Trace(states));
        }
        TreeSet<String> rest = new TreeSet<>(g.actions());
        rest.removeAll(covered);
        return new Walks(traces, covered, rest);
    }
}

package capsid.refinement;

import capsid.checker.State;
import capsid.checker.StateGraph;
import capsid.checker.Trace;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Walks over a dumped state graph, chosen so that every action-labelled edge kind
 * is covered at least once. A state's label holds the history variable of the
 * transition that first discovered it (TLC writes a state when it first sees it),
 * so the path of first-discovery edges from the initial state to any state is a
 * behaviour whose every step is exactly the call its lastAction names. For each
 * action label, the walk is the shortest such path to a state that label first
 * discovered. Labels on which no state was ever first discovered (read-only calls,
 * whose edges are self-loops under the model's VIEW) cannot be walked exactly and
 * are reported.
 */
public final class GraphWalks {
    private GraphWalks() {
    }

    /** The walks, and the action labels the graph has but no walk could cover. */
    public record Walks(List<Trace> traces, TreeSet<String> covered, TreeSet<String> notWalkable) {
    }

    /** Covering walks of {@code g}. */
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
        // breadth-first over discovery edges: depth and parent of every state
        Map<Long, List<StateGraph.Edge>> children = new HashMap<>();
        for (StateGraph.Edge e : discovery.values()) {
            children.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
        }
        Map<String, Long> firstByLabel = new LinkedHashMap<>();
        Map<Long, Long> parent = new HashMap<>();
        Deque<Long> queue = new ArrayDeque<>();
        queue.add(root);
        parent.put(root, null);
        while (!queue.isEmpty()) {
            long u = queue.poll();
            for (StateGraph.Edge e : children.getOrDefault(u, List.of())) {
                if (parent.containsKey(e.to())) {
                    continue;
                }
                parent.put(e.to(), u);
                firstByLabel.putIfAbsent(e.action(), e.to());
                queue.add(e.to());
            }
        }
        List<Trace> traces = new ArrayList<>();
        for (long target : firstByLabel.values()) {
            List<Long> path = new ArrayList<>();
            for (Long v = target; v != null; v = parent.get(v)) {
                path.add(0, v);
            }
            List<State> states = new ArrayList<>();
            for (int i = 0; i < path.size(); i++) {
                states.add(new State(i, i == 0 ? State.INITIAL_PREDICATE : "<" + discovery.get(path.get(i)).action()
                        + ">", g.nodes().get(path.get(i)).vars()));
            }
            traces.add(new Trace(states));
        }
        TreeSet<String> covered = new TreeSet<>(firstByLabel.keySet());
        TreeSet<String> rest = new TreeSet<>(g.actions());
        rest.removeAll(covered);
        return new Walks(traces, covered, rest);
    }
}

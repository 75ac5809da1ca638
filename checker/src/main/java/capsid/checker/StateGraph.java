package capsid.checker;

import capsid.checker.value.TlaParseException;
import capsid.checker.value.TlaValueParser;
import capsid.checker.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The state graph TLC writes with {@code -dump dot,actionlabels FILE}: states as
 * nodes (id = TLC's fingerprint; the label is the state as TLA+ text; initial states
 * are drawn filled) and one edge per transition found, labelled with the action's
 * name. Edges to already-seen states and self-loops are included, as TLC writes them.
 *
 * @param nodes node id to node, in file order
 * @param edges transitions, in file order
 */
public record StateGraph(Map<Long, Node> nodes, List<Edge> edges) {

    /** A state. */
    public record Node(long id, Map<String, Value> vars, boolean initial) {
        public Node {
            vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        }
    }

    /**
     * A transition. {@code action} is {@code null} when the dump has no action
     * labels, and for a stuttering edge: TLC adds a dashed self-loop to every state
     * when the model checks temporal properties.
     */
    public record Edge(long from, long to, String action, boolean stuttering) {
    }

    private static final Pattern NODE = Pattern.compile(
            "^(-?\\d+) \\[label=\"((?:[^\"\\\\]|\\\\.)*)\"(,style ?= ?filled)?[^\\]]*\\];?$");
    private static final Pattern EDGE = Pattern.compile("^(-?\\d+) -> (-?\\d+)(?: \\[(.*)\\])?;?$");
    private static final Pattern LABEL_ATTR = Pattern.compile("label=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern DASHED = Pattern.compile("style ?= ?\"?dashed\"?");

    public StateGraph {
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        edges = List.copyOf(edges);
    }

    /** The initial states. */
    public List<Node> initialNodes() {
        return nodes.values().stream().filter(Node::initial).toList();
    }

    /** The distinct action names on the edges, in order of first appearance. */
    public Set<String> actions() {
        Set<String> s = new LinkedHashSet<>();
        edges.forEach(e -> {
            if (e.action() != null) {
                s.add(e.action());
            }
        });
        return s;
    }

    /** The transitions, without TLC's stuttering self-loops. */
    public List<Edge> actionEdges() {
        return edges.stream().filter(e -> !e.stuttering()).toList();
    }

    /** The edges leaving a node. */
    public List<Edge> outgoing(long id) {
        return edges.stream().filter(e -> e.from() == id).toList();
    }

    /** Reads a dump file. */
    public static StateGraph read(Path file) throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (TraceFormatException e) {
            throw new TraceFormatException(file + ": " + e.getMessage());
        }
    }

    /**
     * Parses dump text.
     *
     * @throws TraceFormatException naming the line when the text is not such a dump
     */
    public static StateGraph parse(String text) {
        Map<Long, Node> nodes = new LinkedHashMap<>();
        List<Edge> edges = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        boolean header = false;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].trim();
            int lineNo = i + 1;
            if (l.startsWith("strict digraph") || l.startsWith("digraph")) {
                header = true;
                continue;
            }
            Matcher e = EDGE.matcher(l);
            if (e.matches()) {
                String attrs = e.group(3) == null ? "" : e.group(3);
                Matcher label = LABEL_ATTR.matcher(attrs);
                boolean stutter = DASHED.matcher(attrs).find();
                edges.add(new Edge(id(e.group(1), lineNo), id(e.group(2), lineNo),
                        label.find() && !stutter ? unescape(label.group(1)) : null, stutter));
                continue;
            }
            Matcher n = NODE.matcher(l);
            if (n.matches()) {
                long id = id(n.group(1), lineNo);
                Map<String, Value> vars;
                try {
                    vars = TlaValueParser.parseState(unescape(n.group(2)));
                } catch (TlaParseException ex) {
                    throw new TraceFormatException("line " + lineNo + ": state label, " + ex.getMessage());
                }
                if (nodes.putIfAbsent(id, new Node(id, vars, n.group(3) != null)) != null) {
                    throw new TraceFormatException("line " + lineNo + ": node " + id + " appears twice");
                }
                continue;
            }
            if (!l.isEmpty() && (Character.isDigit(l.charAt(0)) || l.charAt(0) == '-')) {
                throw new TraceFormatException("line " + lineNo + ": neither a node nor an edge: " + abbreviate(l));
            }
            // structure: nodesep, subgraph, color, rank, braces
        }
        if (!header) {
            throw new TraceFormatException("line 1: not a DOT digraph");
        }
        for (Edge e : edges) {
            if (!nodes.containsKey(e.from()) || !nodes.containsKey(e.to())) {
                throw new TraceFormatException("edge " + e.from() + " -> " + e.to() + " names a node the dump lacks");
            }
        }
        return new StateGraph(nodes, edges);
    }

    private static long id(String s, int line) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new TraceFormatException("line " + line + ": node id out of range: " + s);
        }
    }

    /** DOT string escapes as TLC writes them: backslash-quote, double backslash, backslash-n. */
    static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                switch (n) {
                    case 'n', 'l', 'r' -> b.append('\n');
                    default -> b.append(n);
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}

package capsid.cli.site;

import capsid.checker.Outcome;
import capsid.checker.SpecManifest;
import capsid.checker.StateGraph;
import capsid.checker.Tlc;
import capsid.checker.TlcRequest;
import capsid.checker.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * A protocol's state-graph picture: TLC on the picture model {@code
 * docs/graphs/<Spec>.cfg} (a config of {@code spec/MC<Spec>.tla} small enough to
 * read, a few dozen states) with {@code -dump dot,actionlabels}, redrawn with the
 * states numbered in the order TLC found them, one edge colour per action (self-loops,
 * calls that change nothing, left out) and laid out by Graphviz's {@code dot} into
 * {@code graphs/<Spec>.svg}. Without Graphviz the picture is skipped and the page
 * and the build say so; a missing picture model, or a TLC run that fails, is a problem.
 */
public final class StateGraphPicture {
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
        "#e377c2", "#17becf", "#7f7f7f", "#bcbd22", "#393b79", "#637939", "#843c39", "#7b4173"};

    /** Renders Graphviz input to SVG, or says it cannot (null). */
    public interface Renderer {
        /** The SVG for {@code dot}, or null when Graphviz is not installed. */
        String svg(String dot) throws IOException;

        /** {@code dot -Tsvg} from the PATH. */
        static Renderer graphviz() {
            return dot -> {
                Process p;
                try {
                    p = new ProcessBuilder("dot", "-Tsvg").redirectErrorStream(false).start();
                } catch (IOException e) {
                    return null; // no dot on the PATH
                }
                p.getOutputStream().write(dot.getBytes(StandardCharsets.UTF_8));
                p.getOutputStream().close();
                byte[] svg = p.getInputStream().readAllBytes();
                try {
                    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                        p.destroyForcibly();
                        throw new IOException("dot -Tsvg failed: "
                                + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted waiting for dot", e);
                }
                return new String(svg, StandardCharsets.UTF_8);
            };
        }
    }

    private StateGraphPicture() {
    }

    static String section(Path repo, Path out, SpecManifest.Spec spec, Renderer renderer, List<String> remarks,
                          List<String> problems) throws IOException {
        StringBuilder b = new StringBuilder("<h3 id=\"state-graph\">State graph of a small model</h3>\n");
        String cfgRel = config(spec);
        Path cfg = repo.resolve(cfgRel);
        Path module = repo.resolve("spec").resolve("MC" + spec.module());
        if (!Files.isRegularFile(cfg)) {
            problems.add(cfgRel + " is missing: the picture model of " + spec.name() + "'s state graph (a config of "
                    + "spec/MC" + spec.module() + " with a few dozen states)");
            return b.append("<p class=\"fail\">No picture model.</p>\n").toString();
        }
        Path work = Files.createTempDirectory("capsid-site-graph");
        try {
            // TLC reads a config beside its module: the spec's modules and the picture model, copied
            try (var s = Files.list(repo.resolve("spec"))) {
                for (Path p : s.filter(p -> p.toString().endsWith(".tla")).toList()) {
                    Files.copy(p, work.resolve(p.getFileName()));
                }
            }
            Files.copy(cfg, work.resolve("Picture.cfg"));
            module = work.resolve(module.getFileName());
            Tlc.GraphDump d = Tlc.dumpGraph(TlcRequest.of(module).withConfig(work.resolve("Picture.cfg")).withWorkers(1)
                    .withCheckDeadlock(false).withTimeout(Duration.ofMinutes(5)).withDumpDot(work.resolve("g.dot")));
            if (d.result().result() != Outcome.PASS || d.graph() == null) {
                problems.add(cfgRel + ": TLC did not dump the state graph: " + d.result().result() + " "
                        + d.result().reason());
                return b.append("<p class=\"fail\">TLC failed on the picture model.</p>\n").toString();
            }
            StateGraph g = d.graph();
            String dot = dot(spec.name(), g);
            String svg = renderer.svg(dot);
            b.append("<p>TLC's state graph of <a href=\"src/").append(cfgRel).append(".html\">").append(cfgRel)
                    .append("</a> on <code>spec/MC").append(Html.esc(spec.module())).append("</code>: ")
                    .append(g.nodes().size()).append(" distinct states, ").append(edges(g).size())
                    .append(" transitions that change the state (calls that change nothing are left out); ")
                    .append("states numbered in the order TLC found them (0 the initial state), one colour per "
                            + "action.</p>\n");
            if (svg == null) {
                remarks.add("Graphviz (dot) is not installed: the state-graph picture of " + spec.name()
                        + " is skipped");
                b.append("<p id=\"state-graph-skipped\" class=\"skip\">Graphviz (<code>dot</code>) was not installed "
                        + "when this site was built: the picture is skipped.</p>\n");
            } else {
                SiteBuilder.write(out.resolve("graphs").resolve(spec.name() + ".svg"), svg);
                b.append("<p><img class=\"graph\" src=\"graphs/").append(spec.name()).append(".svg\" alt=\"state graph"
                        + " of ").append(cfgRel).append("\"></p>\n");
            }
            b.append(legend(g));
            return b.toString();
        } finally {
            try (var s = Files.walk(work)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The picture model's path in the repository. */
    static String config(SpecManifest.Spec spec) {
        return "docs/graphs/" + spec.name() + ".cfg";
    }

    /** The edges between distinct states, one per (from, to, action). */
    static List<StateGraph.Edge> edges(StateGraph g) {
        Map<String, StateGraph.Edge> out = new LinkedHashMap<>();
        for (StateGraph.Edge e : g.edges()) {
            if (!e.stuttering() && e.from() != e.to()) {
                out.putIfAbsent(e.from() + ">" + e.to() + ">" + e.action(), e);
            }
        }
        return new ArrayList<>(out.values());
    }

    /** Graphviz input: numbered states (tooltips: the whole state), edges coloured by action. */
    static String dot(String name, StateGraph g) {
        Map<Long, Integer> number = numbers(g);
        Map<String, String> colour = colours(g);
        StringBuilder b = new StringBuilder("digraph \"" + name + "\" {\n  rankdir=LR; bgcolor=\"white\";\n"
                + "  node [shape=circle, fixedsize=true, fontname=\"sans-serif\", fontsize=11, width=0.4, style=filled, "
                + "fillcolor=\"#eef2f6\"];\n  edge [fontname=\"sans-serif\", fontsize=9, arrowsize=0.6];\n");
        for (StateGraph.Node n : g.nodes().values()) {
            b.append("  s").append(number.get(n.id())).append(" [label=\"").append(number.get(n.id())).append("\"")
                    .append(n.initial() ? ", shape=doublecircle, fillcolor=\"#fff4c2\"" : "")
                    .append(", tooltip=\"").append(escape(state(n.vars()))).append("\"];\n");
        }
        for (StateGraph.Edge e : edges(g)) {
            String a = e.action() == null ? "?" : e.action();
            b.append("  s").append(number.get(e.from())).append(" -> s").append(number.get(e.to()))
                    .append(" [color=\"").append(colour.get(a)).append("\", tooltip=\"").append(escape(a))
                    .append("\"];\n");
        }
        return b.append("}\n").toString();
    }

    private static String legend(StateGraph g) {
        Map<String, String> colour = colours(g);
        Map<String, Integer> count = new HashMap<>();
        edges(g).forEach(e -> count.merge(e.action() == null ? "?" : e.action(), 1, Integer::sum));
        StringBuilder b = new StringBuilder("<p id=\"state-graph-legend\">");
        colour.forEach((a, c) -> b.append("<span style=\"color:").append(c).append("\">&#9632;</span> <code>")
                .append(Html.esc(a)).append("</code> (").append(count.getOrDefault(a, 0)).append(") &nbsp; "));
        return b.append("</p>\n").toString();
    }

    private static Map<Long, Integer> numbers(StateGraph g) {
        Map<Long, Integer> out = new LinkedHashMap<>();
        g.nodes().values().stream().filter(StateGraph.Node::initial).forEach(n -> out.putIfAbsent(n.id(), out.size()));
        g.nodes().keySet().forEach(id -> out.putIfAbsent(id, out.size()));
        return out;
    }

    private static Map<String, String> colours(StateGraph g) {
        Map<String, String> out = new LinkedHashMap<>();
        TreeSet<String> actions = new TreeSet<>();
        edges(g).forEach(e -> actions.add(e.action() == null ? "?" : e.action()));
        for (String a : actions) {
            out.put(a, COLOURS[out.size() % COLOURS.length]);
        }
        return out;
    }

    private static String state(Map<String, Value> vars) {
        StringBuilder b = new StringBuilder();
        vars.forEach((k, v) -> b.append(k).append(" = ").append(v).append('\n'));
        return b.toString().strip();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}

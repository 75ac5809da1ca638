package capsid.cli.site;

import capsid.checker.ModelConfig;
import capsid.checker.SpecManifest;
import capsid.checker.SpecMutants;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The generated half of a protocol page, after its prose: the actions with their
 * links both ways and the scenario scripts that call them; every invariant and
 * property with the latest proofs-log record of each model that checks it; the
 * spec mutants that break each; refinement's outcome coverage and kernel coverage,
 * in total and per action ({@link ActionFigures}).
 */
final class ProtocolPage {
    private ProtocolPage() {
    }

    static String sections(Path repo, SpecManifest.Spec spec, SpecSource src, Records records,
                           Map<String, List<Scenarios.Use>> scenarios, List<String> problems) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("<hr>\n<h2 id=\"generated\">From the sources and proofs-log/</h2>\n");
        actions(b, src, scenarios);
        properties(b, repo, spec, records, problems);
        refinement(b, src, records);
        return b.toString();
    }

    private static void actions(StringBuilder b, SpecSource src, Map<String, List<Scenarios.Use>> scenarios) {
        b.append("<h3 id=\"actions-both-ways\">Actions: prose, spec, kernel, scenarios</h3>\n<table><tr><th>action</th>"
                + "<th>prose</th><th>spec</th><th>kernel method</th><th>scenario scripts calling it</th></tr>\n");
        for (SpecSource.Action a : src.actions().values()) {
            b.append("<tr id=\"links-").append(a.name()).append("\"><td><code>").append(a.name()).append("</code></td>")
                    .append("<td><a href=\"#action-").append(a.name()).append("\">prose</a></td>")
                    .append("<td><a href=\"src/").append(src.modulePath()).append(".html#L").append(a.defLine())
                    .append("\">").append(src.modulePath()).append(':').append(a.defLine()).append("</a></td>")
                    .append("<td><a href=\"src/").append(a.javaPath()).append(".html#L").append(a.javaLine())
                    .append("\">").append(a.kernelMethod()).append("</a></td><td>");
            List<Scenarios.Use> uses = scenarios.getOrDefault(Scenarios.key(a.method()), List.of());
            if (uses.isEmpty()) {
                b.append("<span class=\"skip\">none</span>");
            }
            for (Scenarios.Use u : uses) {
                String file = u.path().substring(u.path().lastIndexOf('/') + 1);
                b.append("<a href=\"src/").append(u.path()).append(".html#L").append(u.firstLine()).append("\">")
                        .append(Html.esc(file)).append("</a> (").append(u.lines()).append(") ");
            }
            b.append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private static void properties(StringBuilder b, Path repo, SpecManifest.Spec spec, Records records,
                                   List<String> problems) throws IOException {
        Map<String, List<String[]>> checkedBy = new LinkedHashMap<>(); // property -> [kind, config]
        for (SpecManifest.Model m : spec.models(Set.of(SpecManifest.Role.CI, SpecManifest.Role.LIVENESS,
                SpecManifest.Role.DEEP))) {
            ModelConfig cfg = ModelConfig.read(repo.resolve("spec").resolve(m.config()));
            cfg.invariants().forEach(p -> checkedBy.computeIfAbsent(p, k -> new ArrayList<>())
                    .add(new String[] {"invariant", m.config()}));
            cfg.properties().forEach(p -> checkedBy.computeIfAbsent(p, k -> new ArrayList<>())
                    .add(new String[] {"property", m.config()}));
        }
        List<SpecMutants.Mutant> mutants = spec.mutants() == null ? List.of()
                : SpecMutants.read(repo.resolve("spec").resolve(spec.mutants()));
        JsonNode mrec = records.latest("spec-mutants", r -> r.path("spec").asText().equals(spec.name()));
        Map<String, String> status = new LinkedHashMap<>();
        if (mrec != null) {
            for (JsonNode o : mrec.path("outcomes")) {
                status.put(o.path("mutant").asText(), o.path("status").asText());
            }
        }
        b.append("<h3 id=\"properties\">Invariants and properties, their latest runs and mutants</h3>\n"
                + "<p>Each model that checks a property, with its latest exhaustive run in "
                + "<code>proofs-log/runs.jsonl</code>; the spec mutants of <code>spec/")
                .append(Html.esc(String.valueOf(spec.mutants()))).append("</code> that TLC reports by the property's"
                        + " name, with their status in the latest <code>spec-mutants</code> record ("
                        + (mrec == null ? "none yet" : Html.esc(Records.text(mrec, "timestamp")) + ", commit "
                        + Html.esc(Records.commit(mrec))) + ").</p>\n");
        b.append("<table><tr><th>property</th><th>kind</th><th>mutants that break it</th><th>model</th><th>result</th>"
                + "<th>distinct states</th><th>depth</th><th>seconds</th><th>TLC</th><th>commit</th></tr>\n");
        checkedBy.forEach((p, by) -> {
            StringBuilder ms = new StringBuilder();
            for (SpecMutants.Mutant m : mutants) {
                if (m.property().equals(p)) {
                    ms.append("<code>").append(Html.esc(m.name())).append("</code> ")
                            .append(Records.result(status.getOrDefault(m.name(), "not run"))).append("<br>");
                }
            }
            if (ms.isEmpty()) {
                ms.append("<span class=\"skip\">none</span>");
            }
            for (int i = 0; i < by.size(); i++) {
                JsonNode r = records.latestModelRun(by.get(i)[1]);
                b.append("<tr").append(i == 0 ? " id=\"property-" + p + "\"" : "").append(">");
                if (i == 0) {
                    b.append("<td rowspan=\"").append(by.size()).append("\"><code>").append(p).append("</code></td>")
                            .append("<td rowspan=\"").append(by.size()).append("\">").append(by.get(i)[0])
                            .append("</td><td rowspan=\"").append(by.size()).append("\">").append(ms).append("</td>");
                }
                b.append("<td><a href=\"src/spec/").append(by.get(i)[1]).append(".html\">").append(by.get(i)[1])
                        .append("</a></td><td>").append(Records.result(r == null ? "not run" : Records.text(r, "result")))
                        .append("</td><td>").append(Records.text(r, "distinct_states")).append("</td><td>")
                        .append(Records.text(r, "depth")).append("</td><td>").append(Records.text(r, "seconds"))
                        .append("</td><td>").append(Records.text(r, "tlc_version")).append("</td><td>")
                        .append(Html.esc(r == null ? "—" : Records.commit(r))).append("</td>");
                b.append("</tr>\n");
            }
        });
        b.append("</table>\n");
        for (SpecMutants.Mutant m : mutants) {
            if (!checkedBy.containsKey(m.property())) {
                problems.add("spec/" + spec.mutants() + ": mutant " + m.name() + " breaks " + m.property()
                        + ", which no model of " + spec.name() + " checks");
            }
        }
    }

    /** Refinement's outcome coverage and kernel branch coverage, in total and per action. */
    static void refinement(StringBuilder b, SpecSource spec, Records records) {
        JsonNode r = records.latest("refine", x -> x.path("spec").asText().equals(spec.name()));
        b.append("<h3 id=\"outcomes\">Outcome coverage (refinement)</h3>\n");
        if (r == null) {
            b.append("<p class=\"skip\">No refine record for ").append(spec.name()).append(" yet.</p>\n");
        } else {
            b.append("<p>Latest <code>refine</code> record (").append(Html.esc(Records.text(r, "timestamp")))
                    .append(", commit ").append(Html.esc(Records.commit(r))).append("): ")
                    .append(Records.result(Records.text(r, "result"))).append(", ")
                    .append(Records.text(r, "traces")).append(" traces, ").append(Records.text(r, "steps"))
                    .append(" steps; actions ").append(Records.text(r, "actions_covered")).append(" of ")
                    .append(Records.text(r, "actions_total")).append("; outcomes ")
                    .append(Records.text(r, "outcomes_covered")).append(" of ")
                    .append(Records.text(r, "outcomes_total")).append(", missing: ")
                    .append(Html.esc(r.path("outcomes_missing").toString())).append(".</p>\n");
            b.append("<table><tr><th>model</th><th>how</th><th>outcomes it reaches</th></tr>\n");
            for (JsonNode m : r.path("outcome_models")) {
                b.append("<tr><td>").append(Html.esc(m.path("model").asText())).append("</td><td>")
                        .append(Html.esc(m.path("how").asText())).append("</td><td>")
                        .append(m.path("outcomes").asText()).append("</td></tr>\n");
            }
            b.append("</table>\n");
            ActionFigures.outcomes(b, spec, r);
        }
        JsonNode c = records.latest("coverage", x -> true);
        b.append("<h3 id=\"kernel-coverage\">Kernel branch coverage</h3>\n");
        if (c == null) {
            b.append("<p class=\"skip\">No coverage record yet.</p>\n");
        } else {
            b.append("<p>Latest <code>coverage</code> record (").append(Html.esc(Records.text(c, "timestamp")))
                    .append(", commit ").append(Html.esc(Records.commit(c))).append("): ")
                    .append(Records.result(Records.text(c, "result"))).append("; ")
                    .append(Records.text(c, "annotated_methods")).append(" methods carry <code>@SpecAction</code>, ")
                    .append("unreached: ").append(Html.esc(c.path("unreached_annotated_methods").toString()))
                    .append("; probes reached by source: ").append(Html.esc(c.path("probes_reached").toString()))
                    .append(" of ").append(Records.text(c, "probes")).append(".</p>\n");
            ActionFigures.branches(b, spec, c);
        }
    }
}

package capsid.cli.site;

import capsid.checker.Itf;
import capsid.checker.SpecManifest;
import capsid.checker.State;
import capsid.checker.Trace;
import capsid.checker.TraceText;
import capsid.checker.value.Value;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The verification report: for every spec of the manifest, each of its models, its
 * mutant suite, refinement and trace validation; the Alloy models of model/; kernel
 * coverage; each with its latest proofs-log record and pass, FAIL or "not run".
 * Counterexamples on record are step tables (the variables that change at each step,
 * the action with its spec line and kernel method).
 */
final class ReportPage {
    private static final int COUNTEREXAMPLES = 3;

    private ReportPage() {
    }

    static String render(Path repo, SpecManifest manifest, Map<String, SpecSource> sources, Records records)
            throws IOException {
        StringBuilder b = new StringBuilder("<h1>Verification report</h1>\n<p>What <code>capsid verify</code> "
                + "checks, each with its latest record in <code>proofs-log/runs.jsonl</code> (\"not run\": no "
                + "record yet). The state counts are compared with <code>spec/manifest.json</code>'s.</p>\n");
        b.append("<table id=\"checks\"><tr><th>spec</th><th>check</th><th>result</th><th>figures</th>"
                + "<th>when</th><th>commit</th></tr>\n");
        for (SpecManifest.Spec s : manifest.specs()) {
            String page = SpecSource.docName(s.name()) + ".html";
            for (SpecManifest.Model m : s.models()) {
                if (m.role() == SpecManifest.Role.GRAPH || m.role() == SpecManifest.Role.SIM) {
                    continue;
                }
                JsonNode r = records.latestModelRun(m.config());
                String res = r == null ? "not run" : Records.text(r, "result");
                String fig = r == null ? "" : Records.text(r, "distinct_states") + " distinct states, depth "
                        + Records.text(r, "depth") + ", " + Records.text(r, "seconds") + " s";
                if (r != null && m.distinctStates() != null
                        && !Objects.equals(m.distinctStates().toString(), Records.text(r, "distinct_states"))) {
                    fig += " (manifest: " + m.distinctStates() + ")";
                }
                row(b, page, s.name(), "model " + m.name() + " (" + m.role().json() + ", " + m.config() + ")",
                        res, fig, r);
            }
            JsonNode mu = records.latest("spec-mutants", r -> r.path("spec").asText().equals(s.name()));
            row(b, page, s.name(), "spec mutants", mu == null ? "not run" : Records.text(mu, "result"),
                    mu == null ? "" : Records.text(mu, "caught") + " of " + Records.text(mu, "mutants") + " caught", mu);
            JsonNode rf = records.latest("refine", r -> r.path("spec").asText().equals(s.name()));
            row(b, page, s.name(), "refinement", rf == null ? "not run" : Records.text(rf, "result"),
                    rf == null ? "" : Records.text(rf, "outcomes_covered") + " of " + Records.text(rf, "outcomes_total")
                            + " outcomes, " + Records.text(rf, "mismatches") + " mismatches", rf);
            JsonNode v = records.latest("validate", r -> r.path("spec").asText().equals(s.name()));
            row(b, page, s.name(), "trace validation", v == null ? "not run" : Records.text(v, "result"),
                    v == null ? "" : Records.text(v, "runs") + " runs, " + Records.text(v, "events") + " events", v);
        }
        List<Path> als = alloy(repo);
        if (als.isEmpty()) {
            b.append("<tr><td>—</td><td>Alloy models</td><td>").append(Records.result("skip"))
                    .append("</td><td>model/ has no .als file</td><td></td><td></td></tr>\n");
        }
        for (Path a : als) {
            String name = repo.relativize(a).toString().replace('\\', '/');
            JsonNode r = records.latest("alloy", x -> x.path("model").asText().equals(name));
            row(b, null, "—", "Alloy " + name, r == null ? "not run" : Records.text(r, "result"), "", r);
        }
        JsonNode c = records.latest("coverage", x -> true);
        row(b, null, "—", "kernel coverage", c == null ? "not run" : Records.text(c, "result"),
                c == null ? "" : "unreached @SpecAction methods: " + c.path("unreached_annotated_methods"), c);
        b.append("</table>\n");
        counterexamples(b, repo, sources, records);
        return Html.page("Verification report", "", b.toString());
    }

    private static void row(StringBuilder b, String page, String spec, String check, String result, String fig,
                            JsonNode r) {
        b.append("<tr><td>").append(page == null ? Html.esc(spec)
                        : "<a href=\"" + page + "\">" + Html.esc(spec) + "</a>").append("</td><td>")
                .append(Html.esc(check)).append("</td><td>").append(Records.result(result)).append("</td><td>")
                .append(Html.esc(fig)).append("</td><td>").append(Html.esc(Records.text(r, "timestamp")))
                .append("</td><td>").append(Html.esc(r == null ? "" : Records.commit(r))).append("</td></tr>\n");
    }

    private static List<Path> alloy(Path repo) throws IOException {
        Path dir = repo.resolve("model");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".als")).sorted().toList();
        }
    }

    /** The latest recorded counterexamples as step tables. */
    private static void counterexamples(StringBuilder b, Path repo, Map<String, SpecSource> sources,
                                        Records records) throws IOException {
        List<JsonNode> with = new ArrayList<>();
        for (int i = records.all().size() - 1; i >= 0 && with.size() < COUNTEREXAMPLES; i--) {
            JsonNode r = records.all().get(i);
            if (r.hasNonNull("counterexample")) {
                with.add(r);
            }
        }
        b.append("<h2 id=\"counterexamples\">Counterexamples on record</h2>\n<p>The latest records that name a "
                + "counterexample, whatever their date and commit (a spec or kernel fixed since still shows its old "
                + "counterexample here); per step the action, its spec line and kernel method, and only the leaves "
                + "of the variables that changed.</p>\n");
        if (with.isEmpty()) {
            b.append("<p>None: no record names a counterexample.</p>\n");
        }
        int k = 0;
        for (JsonNode r : with) {
            Path f = repo.resolve("proofs-log").resolve(r.path("counterexample").asText());
            b.append("<h3 id=\"cex-").append(++k).append("\">").append(Html.esc(Records.text(r, "property")))
                    .append(" violated on ").append(Html.esc(Records.text(r, "model"))).append(" (")
                    .append(Html.esc(Records.text(r, "kind"))).append(", ").append(Html.esc(Records.text(r, "timestamp")))
                    .append(", commit ").append(Html.esc(Records.commit(r))).append(")</h3>\n");
            if (!Files.isRegularFile(f)) {
                b.append("<p class=\"fail\">").append(Html.esc(f.toString())).append(" is missing.</p>\n");
                continue;
            }
            b.append(stepTable(Itf.read(f), sources));
        }
    }

    /** One row per state: the action, its spec line and kernel method, and the variables that changed. */
    static String stepTable(Trace t, Map<String, SpecSource> sources) {
        StringBuilder b = new StringBuilder("<table class=\"steps\"><tr><th>step</th><th>action</th><th>spec</th>"
                + "<th>kernel</th><th>what changed</th></tr>\n");
        Map<String, Value> prev = null;
        for (State s : t.states()) {
            String action = s.action() == null ? "Init" : s.action();
            SpecSource.Action a = null;
            SpecSource src = null;
            for (SpecSource x : sources.values()) {
                if (x.actions().containsKey(action)) {
                    src = x;
                    a = x.actions().get(action);
                }
            }
            b.append("<tr><td>").append(s.index()).append("</td><td><code>").append(Html.esc(action))
                    .append("</code></td><td>");
            if (a != null) {
                b.append("<a href=\"src/").append(src.modulePath()).append(".html#L").append(a.defLine()).append("\">")
                        .append(src.modulePath()).append(':').append(a.defLine()).append("</a></td><td><a href=\"src/")
                        .append(a.javaPath()).append(".html#L").append(a.javaLine()).append("\">")
                        .append(a.kernelMethod()).append("</a>");
            } else {
                b.append("</td><td>");
            }
            b.append("</td><td>");
            for (Map.Entry<String, Value> e : s.vars().entrySet()) {
                Value before = prev == null ? null : prev.get(e.getKey());
                if (before == null) {
                    b.append("<code>").append(Html.esc(e.getKey())).append(" = ")
                            .append(Html.esc(String.valueOf(e.getValue()))).append("</code><br>");
                    continue;
                }
                List<String> leaves = new ArrayList<>();
                TraceText.diff(e.getKey(), before, e.getValue(), leaves);
                for (String l : leaves) {
                    b.append("<code>").append(Html.esc(l)).append("</code><br>");
                }
            }
            b.append("</td></tr>\n");
            prev = s.vars();
        }
        return b.append("</table>\n").toString();
    }
}

package capsid.cli.site;

import capsid.refinement.RefineRun;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-action figures of a protocol page: for each spec action, the outcomes that
 * refinement replayed of those the models reach (the {@code refine} record's {@code
 * outcomes_by_action}), and the branches of its kernel method that each source reached
 * (the {@code coverage} record's {@code branches_by_action}). A record written before
 * those fields existed says so: "not recorded", never a figure made up from the totals.
 */
final class ActionFigures {
    /** When the per-action fields were added to both records (docs/proofs-log.md). */
    static final String SINCE = "2026-12-02T18:00";

    private ActionFigures() {
    }

    /** The outcomes per action of refine record {@code r} (not null). */
    static void outcomes(StringBuilder b, SpecSource src, JsonNode r) {
        JsonNode per = r.get("outcomes_by_action");
        if (per == null || !per.isArray()) {
            notRecorded(b, "outcomes-per-action", "refine", r, "outcomes_by_action");
            return;
        }
        Map<String, JsonNode> by = new LinkedHashMap<>();
        per.forEach(a -> by.put(a.path("action").asText(), a));
        b.append("<table id=\"outcomes-per-action\"><tr><th>action</th><th>outcomes replayed / reachable</th>"
                + "<th>never replayed</th></tr>\n");
        for (String action : actionsInOrder(src, by.keySet())) {
            JsonNode a = by.get(action);
            b.append("<tr id=\"outcomes-").append(Html.esc(action)).append("\"><td>").append(actionCell(src, action))
                    .append("</td>");
            if (a == null) {
                b.append("<td class=\"skip\">not in the record</td><td>—</td></tr>\n");
                continue;
            }
            int covered = a.path("covered").asInt();
            int total = a.path("total").asInt();
            String cls = total == 0 ? "skip" : covered < total ? "fail" : "pass";
            b.append("<td class=\"").append(cls).append("\">").append(covered).append('/').append(total)
                    .append(total == 0 ? " (no model reaches it)" : "").append("</td><td>");
            List<String> missing = new ArrayList<>();
            a.path("missing").forEach(m -> missing.add("<code>" + Html.esc(m.asText()) + "</code>"));
            b.append(missing.isEmpty() ? "—" : String.join(" ", missing)).append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    /** The kernel branches per action of {@code spec} in coverage record {@code c} (not null). */
    static void branches(StringBuilder b, SpecSource src, JsonNode c) {
        JsonNode rows = c.get("branches_by_action");
        if (rows == null || !rows.isArray()) {
            notRecorded(b, "branches-per-action", "coverage", c, "branches_by_action");
            return;
        }
        Map<String, List<JsonNode>> by = new LinkedHashMap<>();
        Set<String> sources = new LinkedHashSet<>();
        for (JsonNode row : rows) {
            row.path("reached").fieldNames().forEachRemaining(f -> {
                if (!f.equals("any")) {
                    sources.add(f);
                }
            });
            if (row.path("spec").asText().equals(src.name())) {
                by.computeIfAbsent(row.path("action").asText(), k -> new ArrayList<>()).add(row);
            }
        }
        b.append("<table id=\"branches-per-action\"><tr><th>action</th><th>kernel method</th><th>branches</th>");
        sources.forEach(s -> b.append("<th>").append(Html.esc(s)).append("</th>"));
        b.append("<th>any</th><th>the same method also implements</th></tr>\n");
        for (String action : actionsInOrder(src, by.keySet())) {
            List<JsonNode> mine = by.getOrDefault(action, List.of());
            if (mine.isEmpty()) {
                b.append("<tr id=\"branches-").append(Html.esc(action)).append("\"><td>")
                        .append(actionCell(src, action)).append("</td><td colspan=\"").append(sources.size() + 4)
                        .append("\" class=\"skip\">not in the record</td></tr>\n");
                continue;
            }
            for (int i = 0; i < mine.size(); i++) {
                JsonNode row = mine.get(i);
                int total = row.path("branches").asInt();
                int any = row.path("reached").path("any").asInt();
                b.append("<tr").append(i == 0 ? " id=\"branches-" + Html.esc(action) + "\"" : "").append("><td>")
                        .append(actionCell(src, action)).append("</td><td>").append(methodCell(src, action, row))
                        .append("</td><td>").append(total).append("</td>");
                for (String s : sources) {
                    JsonNode v = row.path("reached").get(s);
                    b.append("<td>").append(v == null ? "—" : v.asInt() + "/" + total).append("</td>");
                }
                b.append("<td class=\"").append(any == 0 ? "fail" : "pass").append("\">").append(any).append('/')
                        .append(total).append("</td><td>").append(alsoImplements(rows, row)).append("</td></tr>\n");
            }
        }
        b.append("</table>\n<p>The sources are those of <a href=\"coverage.html\">capsid coverage</a>: "
                + "<code>traces</code> are the refinement traces of ").append(RefineRun.SPEC)
                .append(" only, <code>scenarios</code> the scripts of <code>scenarios/</code>, <code>campaigns"
                        + "</code> the campaign corpus. A method that implements actions of two specs has one set of "
                        + "figures, shown on both pages.</p>\n");
    }

    /** The page's actions (the spec's {@code kernel:} comments) in order, then any other the record names. */
    private static List<String> actionsInOrder(SpecSource src, Set<String> recorded) {
        Set<String> all = new LinkedHashSet<>(src.actions().keySet());
        all.addAll(recorded);
        return List.copyOf(all);
    }

    private static String actionCell(SpecSource src, String action) {
        String code = "<code>" + Html.esc(action) + "</code>";
        return src.actions().containsKey(action) ? "<a href=\"#links-" + Html.esc(action) + "\">" + code + "</a>"
                : code;
    }

    /** {@code ProcessTable.fork}, linked to the method's {@code @SpecAction} line when the page knows it. */
    private static String methodCell(SpecSource src, String action, JsonNode row) {
        String key = row.path("method").asText();
        int paren = key.indexOf('(');
        String noDesc = paren < 0 ? key : key.substring(0, paren);
        String shown = Html.esc(noDesc.substring(noDesc.lastIndexOf('/') + 1));
        SpecSource.Action a = src.actions().get(action);
        String cls = a == null ? null : a.className().replace('.', '/') + "." + a.method();
        if (a != null && a.javaLine() > 0 && noDesc.equals(cls)) {
            return "<a href=\"src/" + a.javaPath() + ".html#L" + a.javaLine() + "\" title=\"" + Html.esc(key) + "\">"
                    + shown + "</a>";
        }
        return "<span title=\"" + Html.esc(key) + "\">" + shown + "</span>";
    }

    /** The other spec actions of the same kernel method in the record ({@code CapabilityDelegation.Fork}). */
    private static String alsoImplements(JsonNode rows, JsonNode row) {
        List<String> other = new ArrayList<>();
        for (JsonNode x : rows) {
            boolean same = x.path("spec").asText().equals(row.path("spec").asText())
                    && x.path("action").asText().equals(row.path("action").asText());
            if (!same && x.path("method").asText().equals(row.path("method").asText())) {
                other.add("<code>" + Html.esc(x.path("spec").asText() + "." + x.path("action").asText()) + "</code>");
            }
        }
        return other.isEmpty() ? "—" : String.join(" ", other);
    }

    private static void notRecorded(StringBuilder b, String id, String kind, JsonNode r, String field) {
        b.append("<p class=\"skip\" id=\"").append(id).append("\">Per action: not recorded. The latest <code>")
                .append(kind).append("</code> record (").append(Html.esc(Records.text(r, "timestamp")))
                .append(") has no <code>").append(field).append("</code>: it was written before that field (since ")
                .append(SINCE).append(" UTC); the next <code>capsid ").append(kind)
                .append("</code> or <code>capsid verify</code> records it.</p>\n");
    }
}

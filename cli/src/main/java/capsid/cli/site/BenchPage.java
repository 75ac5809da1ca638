package capsid.cli.site;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * bench.html: the latest {@code bench} record's figures beside their targets, and one
 * SVG plot per figure over every {@code bench} record of proofs-log/ (x: the records
 * in order, labelled by commit; y: the value, the target's number as a dashed line).
 */
final class BenchPage {
    private static final int W = 640;
    private static final int H = 220;
    private static final int PAD = 48;

    private BenchPage() {
    }

    static String render(Records records) {
        List<JsonNode> runs = new ArrayList<>();
        for (JsonNode r : records.ofKind("bench")) {
            if (r.path("figures").isObject() && r.path("figures").size() > 0) {
                runs.add(r);
            }
        }
        StringBuilder b = new StringBuilder("<h1>Benchmarks</h1>\n");
        if (runs.isEmpty()) {
            b.append("<p id=\"latest\" class=\"skip\">No <code>bench</code> record with figures in "
                    + "<code>proofs-log/runs.jsonl</code> yet: <code>./capsid bench</code> makes one.</p>\n");
            return Html.page("Benchmarks", "", b.toString());
        }
        JsonNode last = runs.get(runs.size() - 1);
        b.append("<p id=\"latest\">Latest <code>bench</code> record: ").append(Html.esc(Records.text(last, "timestamp")))
                .append(", commit ").append(Html.esc(Records.commit(last))).append(", settings ")
                .append(Html.esc(Records.text(last, "settings"))).append(".</p>\n<table><tr><th>figure</th>"
                        + "<th>value</th><th>unit</th><th>target</th><th>met</th></tr>\n");
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode r : runs) {
            r.path("figures").fieldNames().forEachRemaining(names::add);
        }
        for (Iterator<String> it = last.path("figures").fieldNames(); it.hasNext(); ) {
            String n = it.next();
            JsonNode f = last.path("figures").path(n);
            String met = Records.text(f, "met");
            b.append("<tr><td><a href=\"#fig-").append(slug(n)).append("\">").append(Html.esc(n)).append("</a></td><td>")
                    .append(Html.esc(Records.text(f, "value"))).append("</td><td>").append(Html.esc(Records.text(f, "unit")))
                    .append("</td><td>").append(Html.esc(Records.text(f, "target"))).append("</td><td>")
                    .append(met.equals("true") ? Records.result("pass") : met.equals("false") ? Records.result("FAIL")
                            : "—").append("</td></tr>\n");
        }
        b.append("</table>\n");
        for (String n : names) {
            b.append("<h2 id=\"fig-").append(slug(n)).append("\">").append(Html.esc(n)).append("</h2>\n")
                    .append(plot(n, runs)).append('\n');
        }
        return Html.page("Benchmarks", "", b.toString());
    }

    static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    /** One figure over the runs that have it, as an SVG with axes, points and the target. */
    static String plot(String name, List<JsonNode> runs) {
        List<double[]> pts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        String unit = "";
        Double target = null;
        for (JsonNode r : runs) {
            JsonNode f = r.path("figures").path(name);
            if (f.path("value").isNumber()) {
                pts.add(new double[] {pts.size(), f.path("value").asDouble()});
                labels.add(Records.commit(r).replace(" (dirty)", "*"));
                unit = f.path("unit").asText("");
                Double t = number(f.path("target").asText(""));
                target = t != null ? t : target;
            }
        }
        double lo = 0;
        double hi = 0;
        for (double[] p : pts) {
            hi = Math.max(hi, p[1]);
        }
        if (target != null) {
            hi = Math.max(hi, target);
        }
        hi = hi <= lo ? lo + 1 : hi * 1.1;
        int n = Math.max(pts.size() - 1, 1);
        StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + W + "\" height=\""
                + H + "\" viewBox=\"0 0 " + W + " " + H + "\" role=\"img\" aria-label=\"" + Html.esc(name) + "\">");
        s.append(line(PAD, H - PAD, W - 10, H - PAD, "#555", false)).append(line(PAD, 10, PAD, H - PAD, "#555", false));
        s.append(text(4, 16, fmt(hi) + " " + unit)).append(text(4, H - PAD, fmt(lo)));
        if (target != null) {
            double y = y(target, lo, hi);
            s.append(line(PAD, y, W - 10, y, "#b00020", true)).append(text(W - 130, y - 4, "target " + fmt(target)));
        }
        StringBuilder poly = new StringBuilder();
        for (int i = 0; i < pts.size(); i++) {
            double x = PAD + (W - PAD - 20) * (pts.size() == 1 ? 0.5 : (double) i / n);
            double y = y(pts.get(i)[1], lo, hi);
            poly.append(fmt(x)).append(',').append(fmt(y)).append(' ');
            s.append("<circle cx=\"").append(fmt(x)).append("\" cy=\"").append(fmt(y)).append("\" r=\"3.5\" "
                    + "fill=\"#0b5cad\"><title>").append(Html.esc(labels.get(i) + ": " + fmt(pts.get(i)[1]) + " "
                    + unit)).append("</title></circle>");
            s.append(text(x - 28, H - PAD + 16 + (i % 2) * 12, labels.get(i)));
        }
        s.append("<polyline fill=\"none\" stroke=\"#0b5cad\" stroke-width=\"1.5\" points=\"").append(poly.toString().trim())
                .append("\"/></svg>");
        return s.toString();
    }

    private static double y(double v, double lo, double hi) {
        return H - PAD - (H - PAD - 10) * (v - lo) / (hi - lo);
    }

    /** The number in a target such as {@code ">= 1,000,000"} or {@code "<= 2.5"}, or null. */
    static Double number(String target) {
        String d = target.replace(",", "").replaceAll("[^0-9.eE+-]", " ").trim().split("\\s+")[0];
        try {
            return d.isEmpty() ? null : Double.valueOf(d);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, boolean dashed) {
        return "<line x1=\"" + fmt(x1) + "\" y1=\"" + fmt(y1) + "\" x2=\"" + fmt(x2) + "\" y2=\"" + fmt(y2)
                + "\" stroke=\"" + colour + "\"" + (dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>";
    }

    private static String text(double x, double y, String t) {
        return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" font-size=\"11\" font-family=\"sans-serif\">"
                + Html.esc(t) + "</text>";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v)
                : String.format(Locale.ROOT, "%.2f", v);
    }
}

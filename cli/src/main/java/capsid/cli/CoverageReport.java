package capsid.cli;

import capsid.coverage.ActionRef;
import capsid.coverage.CoverageSnapshot;
import capsid.coverage.Instrumenter;
import capsid.coverage.ProbeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The coverage report: every kernel probe (found by instrumenting the kernel's
 * class files here, so classes no workload loaded count as missed), the hits of
 * each source (traces, scenarios, campaigns), grouped per method and per spec
 * action; and the check that every method carrying {@code @SpecAction} has at
 * least one probe reached by some source.
 */
final class CoverageReport {

    /** A workload's snapshot; {@code snapshot} null when the source was not run. */
    record Source(String name, CoverageSnapshot snapshot) {
        boolean hit(String id) {
            return snapshot != null && snapshot.count(id) > 0;
        }
    }

    /** One method: its probes and how many each source reached (-1: source absent). */
    record Method(String key, String className, String name, List<ActionRef> actions, List<ProbeInfo> probes,
                  int[] reached, int any) {
    }

    /** One row of the action table. */
    record ActionRow(ActionRef action, Method method) {
    }

    final List<Source> sources;
    final List<Method> methods = new ArrayList<>();
    final List<ActionRow> actions = new ArrayList<>();
    /** Annotated methods no source reached at all. */
    final List<Method> unreached = new ArrayList<>();
    final int probes;
    final int[] probesReached;
    final int probesReachedAny;

    CoverageReport(List<ProbeInfo> universe, List<Source> sources) {
        this.sources = List.copyOf(sources);
        Map<String, ProbeInfo> all = new LinkedHashMap<>();
        universe.forEach(p -> all.put(p.id(), p));
        for (Source s : sources) {
            if (s.snapshot() != null) {
                s.snapshot().entries().values().forEach(e -> all.putIfAbsent(e.probe().id(), e.probe()));
            }
        }
        Map<String, List<ProbeInfo>> byMethod = new LinkedHashMap<>();
        all.values().forEach(p -> byMethod.computeIfAbsent(p.methodKey(), k -> new ArrayList<>()).add(p));
        probesReached = new int[sources.size()];
        int any = 0;
        for (Map.Entry<String, List<ProbeInfo>> e : byMethod.entrySet()) {
            List<ProbeInfo> ps = e.getValue();
            ps.sort(Comparator.comparingInt(ProbeInfo::index));
            int[] reached = new int[sources.size()];
            int anyM = 0;
            for (ProbeInfo p : ps) {
                boolean hitAny = false;
                for (int k = 0; k < sources.size(); k++) {
                    if (sources.get(k).hit(p.id())) {
                        reached[k]++;
                        probesReached[k]++;
                        hitAny = true;
                    }
                }
                if (hitAny) {
                    anyM++;
                }
            }
            for (int k = 0; k < sources.size(); k++) {
                if (sources.get(k).snapshot() == null) {
                    reached[k] = -1;
                }
            }
            any += anyM;
            ProbeInfo first = ps.get(0);
            Method m = new Method(e.getKey(), first.className(), first.method(), first.actions(), List.copyOf(ps),
                    reached, anyM);
            methods.add(m);
            for (ActionRef a : first.actions()) {
                actions.add(new ActionRow(a, m));
            }
            if (!first.actions().isEmpty() && anyM == 0) {
                unreached.add(m);
            }
        }
        actions.sort(Comparator.comparing((ActionRow r) -> r.action().spec()).thenComparing(r -> r.action().action())
                .thenComparing(r -> r.method().key()));
        probes = all.size();
        probesReachedAny = any;
        for (int k = 0; k < sources.size(); k++) {
            if (sources.get(k).snapshot() == null) {
                probesReached[k] = -1;
            }
        }
    }

    boolean ok() {
        return unreached.isEmpty() && !actions.isEmpty();
    }

    /** {@code Class.method} for tables: the simple class name and the method name. */
    static String shortName(Method m) {
        String c = m.className().substring(m.className().lastIndexOf('/') + 1);
        return c + "." + m.name().substring(0, m.name().indexOf('('));
    }

    private static String cell(int reached, int total) {
        return reached < 0 ? "-" : reached + "/" + total;
    }

    void printTable(PrintStream out) {
        int wa = Math.max(6, actions.stream().mapToInt(r -> r.action().toString().length()).max().orElse(6));
        int wm = Math.max(6, actions.stream().mapToInt(r -> shortName(r.method()).length()).max().orElse(6));
        StringBuilder fmt = new StringBuilder("%-" + wa + "s  %-" + wm + "s  %8s");
        List<Object> head = new ArrayList<>(List.of("action", "method", "branches"));
        for (Source s : sources) {
            fmt.append("  %9s");
            head.add(s.name());
        }
        fmt.append("  %9s%n");
        head.add("any");
        out.printf(fmt.toString(), head.toArray());
        for (ActionRow r : actions) {
            Method m = r.method();
            List<Object> row = new ArrayList<>(List.of(r.action().toString(), shortName(m),
                    String.valueOf(m.probes().size())));
            for (int k = 0; k < sources.size(); k++) {
                row.add(cell(m.reached()[k], m.probes().size()));
            }
            row.add(cell(m.any(), m.probes().size()) + (m.any() == 0 ? " !" : ""));
            out.printf(fmt.toString(), row.toArray());
        }
        StringBuilder tot = new StringBuilder("kernel: " + probes + " probes in " + methods.size() + " methods; reached");
        for (int k = 0; k < sources.size(); k++) {
            tot.append(" by ").append(sources.get(k).name()).append(' ')
                    .append(probesReached[k] < 0 ? "-" : String.valueOf(probesReached[k])).append(',');
        }
        tot.append(" by any ").append(probesReachedAny);
        out.println(tot);
    }

    ObjectNode toJson() {
        ObjectMapper om = new ObjectMapper();
        ObjectNode o = om.createObjectNode();
        o.put("result", ok() ? "pass" : "violation");
        o.put("probes", probes);
        o.put("methods", methods.size());
        o.put("annotated_methods", methods.stream().filter(m -> !m.actions().isEmpty()).count());
        ObjectNode reached = o.putObject("probes_reached");
        for (int k = 0; k < sources.size(); k++) {
            if (probesReached[k] >= 0) {
                reached.put(sources.get(k).name(), probesReached[k]);
            }
        }
        reached.put("any", probesReachedAny);
        ArrayNode un = o.putArray("unreached_annotated_methods");
        unreached.forEach(m -> un.add(m.key()));
        // one row per spec action and kernel method: a method carrying two specs' actions
        // (ProcessTable#fork: both Forks) has a row for each, with the same figures
        ArrayNode rows = o.putArray("branches_by_action");
        for (ActionRow r : actions) {
            ObjectNode x = rows.addObject();
            x.put("spec", r.action().spec());
            x.put("action", r.action().action());
            x.put("method", r.method().key());
            x.put("branches", r.method().probes().size());
            ObjectNode by = x.putObject("reached");
            for (int k = 0; k < sources.size(); k++) {
                if (r.method().reached()[k] >= 0) {
                    by.put(sources.get(k).name(), r.method().reached()[k]);
                }
            }
            by.put("any", r.method().any());
        }
        return o;
    }

    /** {@code coverage.json}: the record's summary and rows, and every probe's counts. */
    ObjectNode toFullJson() {
        ObjectNode o = toJson();
        ArrayNode ps = o.putArray("probe_hits");
        for (Method m : methods) {
            for (ProbeInfo p : m.probes()) {
                ObjectNode x = ps.addObject();
                x.put("id", p.id());
                x.put("kind", p.kind().json());
                x.put("line", p.line());
                for (Source s : sources) {
                    if (s.snapshot() != null) {
                        x.put(s.name(), s.snapshot().count(p.id()));
                    }
                }
            }
        }
        return o;
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    String toHtml() {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                + "<title>Capsid kernel coverage</title><style>body{font-family:sans-serif}"
                + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px}"
                + ".miss{background:#fdd}.hit{background:#dfd}.none{background:#f99}</style></head><body>\n");
        b.append("<h1>Capsid kernel coverage</h1>\n<p>").append(probes).append(" probes in ")
                .append(methods.size()).append(" methods; reached by any source: ").append(probesReachedAny)
                .append(". Result: <b>").append(ok() ? "pass" : "FAIL: annotated methods no workload reaches")
                .append("</b></p>\n<h2>Per spec action</h2>\n<table><tr><th>spec</th><th>action</th>"
                        + "<th>method</th><th>branches</th>");
        sources.forEach(s -> b.append("<th>").append(esc(s.name())).append("</th>"));
        b.append("<th>any</th></tr>\n");
        for (ActionRow r : actions) {
            Method m = r.method();
            b.append("<tr").append(m.any() == 0 ? " class=\"none\"" : "").append("><td>")
                    .append(esc(r.action().spec())).append("</td><td>").append(esc(r.action().action()))
                    .append("</td><td><a href=\"#").append(esc(m.key())).append("\">").append(esc(shortName(m)))
                    .append("</a></td><td>").append(m.probes().size()).append("</td>");
            for (int k = 0; k < sources.size(); k++) {
                b.append("<td>").append(cell(m.reached()[k], m.probes().size())).append("</td>");
            }
            b.append("<td>").append(cell(m.any(), m.probes().size())).append("</td></tr>\n");
        }
        b.append("</table>\n<h2>Per method</h2>\n");
        for (Method m : methods) {
            b.append("<h3 id=\"").append(esc(m.key())).append("\">").append(esc(m.className().replace('/', '.')))
                    .append('.').append(esc(m.name())).append(" &mdash; ").append(m.any()).append('/')
                    .append(m.probes().size());
            if (!m.actions().isEmpty()) {
                b.append(" (").append(esc(m.actions().toString())).append(')');
            }
            b.append("</h3>\n<table><tr><th>#</th><th>kind</th><th>line</th>");
            sources.forEach(s -> b.append("<th>").append(esc(s.name())).append("</th>"));
            b.append("</tr>\n");
            for (ProbeInfo p : m.probes()) {
                boolean hit = sources.stream().anyMatch(s -> s.hit(p.id()));
                b.append("<tr class=\"").append(hit ? "hit" : "miss").append("\"><td>").append(p.index())
                        .append("</td><td>").append(p.kind().json()).append("</td><td>")
                        .append(p.line() < 0 ? "" : String.valueOf(p.line())).append("</td>");
                for (Source s : sources) {
                    b.append("<td>").append(s.snapshot() == null ? "-" : String.valueOf(s.snapshot().count(p.id())))
                            .append("</td>");
                }
                b.append("</tr>\n");
            }
            b.append("</table>\n");
        }
        return b.append("</body></html>\n").toString();
    }

    /**
     * Every probe of the kernel's classes ({@code capsid/kernel/}) that the agent
     * instruments (not its observers, {@code Agent.DEFAULT_EXCLUDES}), found by
     * instrumenting their class files where the kernel is loaded from (the capsid
     * jar, or the kernel's class directory in tests).
     */
    static List<ProbeInfo> kernelProbes() throws IOException {
        List<ProbeInfo> out = new ArrayList<>();
        ClassLoader loader = CoverageReport.class.getClassLoader();
        for (String name : kernelClassFiles()) {
            if (capsid.coverage.Agent.DEFAULT_EXCLUDES.stream().anyMatch(name::startsWith)) {
                continue;
            }
            try (InputStream in = loader.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IOException("cannot read " + name);
                }
                out.addAll(Instrumenter.instrument(in.readAllBytes()).probes());
            }
        }
        return out;
    }

    /** The class files of the kernel ({@code capsid/kernel/…​.class}), as resource names, sorted. */
    static List<String> kernelClassFiles() throws IOException {
        Path where;
        try {
            where = Path.of(capsid.kernel.Kernel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the kernel's classes: " + e.getMessage());
        }
        if (Files.isDirectory(where)) {
            try (Stream<Path> s = Files.walk(where.resolve("capsid/kernel"))) {
                return s.filter(p -> p.toString().endsWith(".class"))
                        .map(p -> where.relativize(p).toString().replace(java.io.File.separatorChar, '/'))
                        .sorted().toList();
            }
        }
        try (JarFile jar = new JarFile(where.toFile())) {
            return jar.stream().map(JarEntry::getName)
                    .filter(n -> n.startsWith("capsid/kernel/") && n.endsWith(".class")).sorted().toList();
        }
    }
}

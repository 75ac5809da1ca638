package capsid.cli.site;

import capsid.checker.SpecManifest;
import capsid.kernel.SpecAction;
import capsid.refinement.SpecLinks;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Builds the static site of {@code capsid docs} from a repository: a page per
 * {@code docs/*.md} (the ABI reference, the event-log and ITF schemas among them), a
 * protocol page per spec of {@code spec/manifest.json} ({@code docs/<spec in
 * kebab-case>.md} with the generated sections of {@link ProtocolPage}), the source
 * pages they link to, the verification report, bench.html and, where Graphviz is
 * installed, each spec's state-graph picture. Then every internal link is checked.
 * A spec without its page, an action without prose or without its kernel method, a
 * link to a missing file or anchor: each is a problem, and a build with any fails.
 */
public final class SiteBuilder {
    /** The file that marks a directory as a site this builder may clear and rebuild. */
    static final String MARKER = ".capsid-site";

    /** What a build gave: the pages written, the links checked, what went wrong, and remarks. */
    public record Result(int pages, int links, List<String> problems, List<String> remarks) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private SiteBuilder() {
    }

    public static Result build(Path repo, Path out, StateGraphPicture.Renderer dot) throws IOException {
        repo = repo.toAbsolutePath().normalize();
        out = out.toAbsolutePath().normalize();
        prepare(out);
        List<String> problems = new ArrayList<>();
        List<String> remarks = new ArrayList<>();
        SpecManifest manifest = SpecManifest.read(repo.resolve("spec"));
        Records records = Records.read(repo);
        Map<String, List<Scenarios.Use>> scenarios = Scenarios.read(repo);
        Map<String, SpecSource> specs = new LinkedHashMap<>();
        Map<String, SpecManifest.Spec> byDoc = new LinkedHashMap<>();
        for (SpecManifest.Spec s : manifest.specs()) {
            SpecSource src = SpecSource.read(repo, s.name(), s.module());
            problems.addAll(src.problems());
            specs.put(s.name(), src);
            byDoc.put(SpecSource.docName(s.name()), s);
            if (!Files.isRegularFile(repo.resolve("docs").resolve(SpecSource.docName(s.name()) + ".md"))) {
                problems.add("spec/manifest.json: spec " + s.name() + " has no protocol page docs/"
                        + SpecSource.docName(s.name()) + ".md");
            }
        }
        claimedActions(specs, problems);
        Set<String> sources = new TreeSet<>();
        Map<String, Map<Integer, List<SourcePage.Note>>> notes = new TreeMap<>();
        Map<String, Set<Integer>> marked = new TreeMap<>();
        List<String> docs = new ArrayList<>();
        int pages = 0;
        try (Stream<Path> s = Files.list(repo.resolve("docs"))) {
            for (Path md : s.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                String name = md.getFileName().toString().replaceAll("\\.md$", "");
                docs.add(name);
                SpecManifest.Spec spec = byDoc.get(name);
                SpecSource src = spec == null ? null : specs.get(spec.name());
                Markdown.Result r = Markdown.render(repo, name, Files.readString(md, StandardCharsets.UTF_8), src);
                problems.addAll(r.problems());
                sources.addAll(r.sources());
                String body = r.html();
                if (spec != null) {
                    body += ProtocolPage.sections(repo, spec, src, records, scenarios, problems);
                    body += StateGraphPicture.section(repo, out, spec, dot, remarks, problems);
                    backLinks(name, src, r.described(), notes, marked);
                    scenarios.values().forEach(us -> us.forEach(u -> sources.add(u.path())));
                    spec.models().forEach(m -> sources.add("spec/" + m.config()));
                    if (Files.isRegularFile(repo.resolve(StateGraphPicture.config(spec)))) {
                        sources.add(StateGraphPicture.config(spec));
                    }
                    if (spec.mutants() != null) {
                        sources.add("spec/" + spec.mutants());
                    }
                }
                write(out.resolve(name + ".html"), Html.page(title(name, body), "", body));
                pages++;
            }
        }
        for (String rel : sources) {
            Path f = repo.resolve(rel);
            if (!Files.isRegularFile(f)) {
                problems.add(rel + ": linked from the site but missing");
                continue;
            }
            String root = "../".repeat(rel.split("/").length);
            write(out.resolve("src").resolve(rel + ".html"), SourcePage.render(rel,
                    Files.readString(f, StandardCharsets.UTF_8), root, notes.getOrDefault(rel, Map.of()),
                    marked.getOrDefault(rel, Set.of())));
            pages++;
        }
        write(out.resolve("index.html"), Index.render(manifest, docs));
        write(out.resolve("report.html"), ReportPage.render(repo, manifest, specs, records));
        write(out.resolve("bench.html"), BenchPage.render(records));
        write(out.resolve("site.css"), Html.CSS);
        write(out.resolve("favicon.svg"), Html.FAVICON);
        pages += 3;
        for (String needed : List.of("abi", "event-log", "itf")) {
            if (!docs.contains(needed)) {
                problems.add("docs/" + needed + ".md is missing: the site's navigation links to its page");
            }
        }
        int[] count = {0};
        problems.addAll(LinkCheck.check(out, count));
        return new Result(pages, count[0], problems, remarks);
    }

    /** Every {@code @SpecAction} of the kernel names an action of a spec of the manifest that links it. */
    private static void claimedActions(Map<String, SpecSource> specs, List<String> problems) {
        for (Class<?> c : SpecLinks.kernelClasses()) {
            for (Method m : c.getDeclaredMethods()) {
                for (SpecAction a : m.getAnnotationsByType(SpecAction.class)) {
                    SpecSource s = specs.get(a.spec());
                    if (s == null) {
                        problems.add(c.getName() + "#" + m.getName() + ": @SpecAction names spec " + a.spec()
                                + ", which spec/manifest.json does not list, so it has no page to link to");
                    } else if (!s.actions().containsKey(a.action())) {
                        problems.add(c.getName() + "#" + m.getName() + ": @SpecAction names " + a.spec() + "!"
                                + a.action() + ", which has no 'kernel:' comment in " + s.modulePath());
                    }
                }
            }
        }
    }

    /** Links from each action's definition and from its kernel method back to its prose. */
    private static void backLinks(String doc, SpecSource src, Map<String, String> described,
                                  Map<String, Map<Integer, List<SourcePage.Note>>> notes,
                                  Map<String, Set<Integer>> marked) {
        for (SpecSource.Action a : src.actions().values()) {
            String anchor = described.get(a.name());
            if (anchor == null) {
                continue;
            }
            String specRoot = "../".repeat(src.modulePath().split("/").length);
            String javaRoot = "../".repeat(a.javaPath().split("/").length);
            note(notes, src.modulePath(), a.defLine(), new SourcePage.Note(specRoot + doc + ".html#" + anchor,
                    "prose: " + a.name()));
            note(notes, src.modulePath(), a.defLine(), new SourcePage.Note("../".repeat(
                    src.modulePath().split("/").length - 1) + a.javaPath() + ".html#L" + a.javaLine(),
                    "kernel: " + a.kernelMethod()));
            note(notes, a.javaPath(), a.javaLine(), new SourcePage.Note(javaRoot + doc + ".html#" + anchor,
                    "prose: " + src.name() + "!" + a.name()));
            note(notes, a.javaPath(), a.javaLine(), new SourcePage.Note("../".repeat(
                    a.javaPath().split("/").length - 1) + src.modulePath() + ".html#L" + a.defLine(),
                    "spec: " + src.modulePath() + ":" + a.defLine()));
            marked.computeIfAbsent(src.modulePath(), k -> new HashSet<>()).add(a.defLine());
            marked.computeIfAbsent(a.javaPath(), k -> new HashSet<>()).add(a.javaLine());
        }
    }

    private static void note(Map<String, Map<Integer, List<SourcePage.Note>>> notes, String file, int line,
                             SourcePage.Note n) {
        notes.computeIfAbsent(file, k -> new TreeMap<>()).computeIfAbsent(line, k -> new ArrayList<>()).add(n);
    }

    private static String title(String name, String body) {
        int h = body.indexOf("<h1");
        int start = h < 0 ? -1 : body.indexOf('>', h) + 1;
        int end = h < 0 ? -1 : body.indexOf("</h1>", start);
        return start > 0 && end > start ? body.substring(start, end).replaceAll("<[^>]*>", "") : name;
    }

    /** An empty directory, or one this builder made before (its marker), is cleared; anything else refused. */
    static void prepare(Path out) throws IOException {
        if (Files.exists(out)) {
            boolean empty;
            try (Stream<Path> s = Files.list(out)) {
                empty = s.findAny().isEmpty();
            }
            if (!empty && !Files.exists(out.resolve(MARKER))) {
                throw new IOException(out + " is not empty and is not a site capsid docs built (no " + MARKER
                        + "); give an empty or new directory");
            }
            try (Stream<Path> s = Files.walk(out)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    if (!p.equals(out)) {
                        Files.delete(p);
                    }
                }
            }
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve(MARKER), "built by capsid docs; cleared by the next build\n");
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}

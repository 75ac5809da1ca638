package capsid.cli;

import capsid.cli.site.SiteBuilder;
import capsid.cli.site.StateGraphPicture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code capsid docs [--out DIR] [--check]}: the generated parts of the documentation,
 * made from the code. Without {@code --check} it rewrites the call and errno tables of
 * docs/abi.md ({@link AbiTable}) and then builds the static site ({@link SiteBuilder},
 * docs/site.md) into {@code --out} (default {@code target/site/}); exit 1 when a link
 * of the site is missing or broken, each listed. With {@code --check} it only
 * compares docs/abi.md (exit 1 when the committed file differs, naming it) and builds
 * nothing. Exit 2 when a file or its markers are missing or unreadable.
 */
@Command(name = "docs", mixinStandardHelpOptions = true,
        description = {"Regenerate the generated tables of docs/abi.md (from the kernel's Sys, Call and Errno), then "
                + "build the static site (protocol pages linked both ways to the spec and kernel sources, the "
                + "verification report, bench.html, the ABI, event-log and ITF pages) and check every internal link.",
            "Exit 0 when the site built with every link whole, 1 when a link is missing or broken (each listed), "
                + "2 on an error."})
public final class DocsCommand implements Callable<Integer> {

    @Option(names = "--check", description = "Only compare docs/abi.md's generated tables with the kernel: exit 1 "
            + "when the committed file differs; build no site (default: rewrite them and build the site).")
    boolean check;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to build the site: a new or empty directory, "
            + "or a site an earlier capsid docs built there, which is replaced (default: target/site under the "
            + "project root).")
    Path out;

    @Override
    public Integer call() {
        Path abi = Project.root().resolve("docs").resolve("abi.md");
        try {
            if (check) {
                String text = Files.readString(abi, StandardCharsets.UTF_8);
                if (!AbiTable.render(text).equals(text)) {
                    System.out.println(abi + ": the generated tables differ from the kernel's calls and errnos; capsid "
                            + "docs rewrites them");
                    return 1;
                }
                System.out.println(abi + ": up to date");
                return 0;
            }
            System.out.println(abi + (AbiTable.write(abi) ? ": generated tables rewritten" : ": up to date"));
        } catch (IOException | IllegalArgumentException e) {
            return JsonError.flag("docs", abi + ": " + e.getMessage(), false);
        }
        Path dir = out != null ? out : Project.root().resolve("target").resolve("site");
        SiteBuilder.Result r;
        try {
            r = SiteBuilder.build(Project.root(), dir, StateGraphPicture.Renderer.graphviz());
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            return JsonError.flag("docs", "site " + dir + ": " + e.getMessage(), false);
        }
        r.remarks().forEach(m -> System.out.println("docs: " + m));
        r.problems().forEach(p -> System.out.println("docs: broken: " + p));
        System.out.println("site " + dir.resolve("index.html") + ": " + r.pages() + " pages, " + r.links()
                + " internal links checked, " + r.problems().size() + " broken");
        return r.ok() ? 0 : 1;
    }
}

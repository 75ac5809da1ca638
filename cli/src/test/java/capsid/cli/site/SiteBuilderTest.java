package capsid.cli.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The site of the real repository builds with every link whole and the links both
 * ways; and each check of the build fires, naming what it found, on a copy of the
 * repository broken on purpose.
 */
class SiteBuilderTest {
    static final Path REPO = Path.of("").toAbsolutePath().getParent();
    static final StateGraphPicture.Renderer NO_DOT = dot -> null;
    static Path site;
    static SiteBuilder.Result built;

    @BeforeAll
    static void buildRealSite(@TempDir Path dir) throws IOException {
        site = dir.resolve("site");
        built = SiteBuilder.build(REPO, site, NO_DOT);
    }

    @Test
    void realSiteBuildsWithEveryLinkWhole() {
        assertEquals(List.of(), built.problems());
        assertTrue(built.links() > 1000, "links checked: " + built.links());
        for (String p : List.of("index.html", "namespace-unshare.html", "report.html", "bench.html", "abi.html",
                "event-log.html", "itf.html", "src/spec/NamespaceUnshare.tla.html",
                "src/kernel/src/main/java/capsid/kernel/process/ProcessTable.java.html")) {
            assertTrue(Files.isRegularFile(site.resolve(p)), p);
        }
    }

    @Test
    void everyActionLinksBothWays() throws IOException {
        String page = read("namespace-unshare.html");
        String tla = read("src/spec/NamespaceUnshare.tla.html");
        SpecSource src = SpecSource.read(REPO, "NamespaceUnshare", "NamespaceUnshare.tla");
        assertEquals(14, src.actions().size());
        for (SpecSource.Action a : src.actions().values()) {
            // ProcessTable's, or CapCalls' for the descriptor calls
            String java = read("src/" + a.javaPath() + ".html");
            assertTrue(page.contains("id=\"action-" + a.name() + "\""), a.name());
            assertTrue(page.contains("href=\"src/spec/NamespaceUnshare.tla.html#L" + a.defLine() + "\""), a.name());
            assertTrue(page.contains("href=\"src/" + a.javaPath() + ".html#L" + a.javaLine() + "\""), a.name());
            assertTrue(tla.contains("href=\"../../namespace-unshare.html#action-" + a.name() + "\""), a.name());
            assertTrue(java.contains("namespace-unshare.html#action-" + a.name() + "\""), a.name());
        }
        assertTrue(built.remarks().stream().anyMatch(r -> r.contains("state-graph picture of NamespaceUnshare is"
                + " skipped")), built.remarks().toString());
        assertTrue(page.contains("id=\"state-graph-skipped\""));
        assertTrue(page.contains("id=\"property-DeadNamespaceEmpty\""));
        assertTrue(page.contains("INIT_DEATH_SPARES_NESTED"));
    }

    @Test
    void aSpecWithoutItsPageFails(@TempDir Path dir) throws IOException {
        Path repo = copy(dir);
        Files.move(repo.resolve("docs/namespace-unshare.md"), repo.resolve("docs/ns.md"));
        assertProblem(repo, dir, "spec/manifest.json: spec NamespaceUnshare has no protocol page "
                + "docs/namespace-unshare.md");
    }

    @Test
    void anActionWithoutProseFails(@TempDir Path dir) throws IOException {
        Path repo = copy(dir);
        Path md = repo.resolve("docs/namespace-unshare.md");
        Files.writeString(md, Files.readString(md).replace("| `Jail` | `ProcessTable#jail`", "| Jail | jail"));
        assertProblem(repo, dir, "docs/namespace-unshare.md: no paragraph, list item or table row starts with "
                + "`Jail`, so NamespaceUnshare!Jail has no prose to link to");
    }

    @Test
    void aKernelMethodWithoutItsAnnotationFails(@TempDir Path dir) throws IOException {
        Path repo = copy(dir);
        Path java = repo.resolve("kernel/src/main/java/capsid/kernel/process/ProcessTable.java");
        Files.writeString(java, Files.readString(java).replace("@SpecAction(spec = SPEC, action = \"Kill\")", ""));
        assertProblem(repo, dir, "kernel/src/main/java/capsid/kernel/process/ProcessTable.java: no "
                + "@SpecAction(..., action = \"Kill\") for NamespaceUnshare!Kill");
    }

    @Test
    void aLinkToAMissingFileFails(@TempDir Path dir) throws IOException {
        Path repo = copy(dir);
        Path md = repo.resolve("docs/itf.md");
        Files.writeString(md, Files.readString(md) + "\nSee [the gone spec](../spec/Gone.tla).\n");
        assertProblem(repo, dir, "docs/itf.md: link to ../spec/Gone.tla: no such file in the repository");
    }

    @Test
    void aMissingPictureModelFails(@TempDir Path dir) throws IOException {
        Path repo = copy(dir);
        Files.delete(repo.resolve("docs/graphs/NamespaceUnshare.cfg"));
        assertProblem(repo, dir, "docs/graphs/NamespaceUnshare.cfg is missing");
    }

    @Test
    void aLinkToAMissingPageOrAnchorFails(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.html"), "<p id=\"here\"><a href=\"b.html#nowhere\">b</a>"
                + " <a href=\"c.html\">c</a> <a href=\"#here\">self</a> <a href=\"https://example.org/\">out</a>");
        Files.writeString(dir.resolve("b.html"), "<p id=\"there\">b</p>");
        int[] n = {0};
        assertEquals(List.of("a.html: link to b.html#nowhere: no anchor 'nowhere' on b.html",
                "a.html: link to c.html: no such page"), LinkCheck.check(dir, n));
        assertEquals(3, n[0]);
    }

    @Test
    void aDirectoryThatIsNotASiteIsNotCleared(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("keep.txt"), "mine");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> SiteBuilder.build(REPO, dir, NO_DOT));
        assertTrue(e.getMessage().contains("is not empty and is not a site capsid docs built"), e.getMessage());
        assertTrue(Files.exists(dir.resolve("keep.txt")));
    }

    private static void assertProblem(Path repo, Path dir, String expected) throws IOException {
        SiteBuilder.Result r = SiteBuilder.build(repo, dir.resolve("site"), NO_DOT);
        assertFalse(r.ok());
        assertTrue(r.problems().stream().anyMatch(p -> p.contains(expected)),
                "expected '" + expected + "' among " + r.problems());
    }

    /** The parts of the repository the site is made of, copied. */
    static Path copy(Path dir) throws IOException {
        Path repo = dir.resolve("repo");
        for (String d : List.of("docs", "spec", "scenarios", "proofs-log", "kernel/src/main/java",
                "refinement/src/main/java", "checker/src/main/java")) {
            Path from = REPO.resolve(d);
            try (Stream<Path> s = Files.walk(from)) {
                for (Path p : s.toList()) {
                    Path to = repo.resolve(d).resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(p, to);
                    }
                }
            }
        }
        return repo;
    }

    private static String read(String page) throws IOException {
        return Files.readString(site.resolve(page), StandardCharsets.UTF_8);
    }
}

package capsid.cli.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The site in a real browser: Debian's headless Chromium through Selenium WebDriver,
 * the driver pinned to {@code /usr/bin/chromedriver} (so Selenium Manager, which would
 * download one, never runs). Serves the site on 127.0.0.1, loads every page reachable
 * from index.html, follows every internal link, and fails on a page that does not
 * load (HTTP status), a fragment that is no element's id, an image that does not
 * render, or a console error; saves screenshots of the protocol page and the report
 * under target/site-screenshots/. Runs only where Chromium and its driver are
 * installed ({@code ci/site-browser} installs them); the site is {@code -Dcapsid.site}
 * when given (what {@code capsid docs} built), else built here.
 */
@EnabledIf("browserInstalled")
class SiteBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    static boolean browserInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    }

    @Test
    void everyPageLoadsAndEveryInternalLinkLands(@TempDir Path tmp) throws Exception {
        Path site = site(tmp);
        Path shots = SiteBuilderTest.REPO.resolve("target").resolve("site-screenshots");
        Files.createDirectories(shots);
        ChromeDriver driver = driver();
        List<String> problems;
        try (SiteServer server = new SiteServer(site)) {
            int[] count = new int[2];
            problems = crawl(driver, server.base(), count);
            assertTrue(count[0] > 50, "pages reached: " + count[0]);
            assertTrue(count[1] > 1000, "internal links followed: " + count[1]);
            screenshot(driver, server.base() + "namespace-unshare.html", shots.resolve("namespace-unshare.png"));
            screenshot(driver, server.base() + "report.html", shots.resolve("report.png"));
            System.out.println("browser: " + count[0] + " pages, " + count[1] + " internal links, "
                    + problems.size() + " problems; screenshots in " + shots);
        } finally {
            driver.quit();
        }
        assertEquals(List.of(), problems);
    }

    /** The crawl fails, naming each, on a missing page, a missing anchor, a broken image and a console error. */
    @Test
    void aBrokenSiteFailsForEachReason(@TempDir Path site) throws Exception {
        Files.writeString(site.resolve("index.html"), "<!DOCTYPE html><html><head><link rel=\"icon\" href=\"data:,\">"
                + "</head><body><p id=\"top\"><a href=\"b.html#gone\">b</a> <a href=\"missing.html\">m</a>"
                + " <a href=\"#top\">top</a><img src=\"nothing.png\" alt=\"x\">"
                + "<script>console.error('broken on purpose')</script></body></html>");
        Files.writeString(site.resolve("b.html"), "<!DOCTYPE html><html><head><link rel=\"icon\" href=\"data:,\">"
                + "</head><body><p id=\"here\">b</p></body></html>");
        ChromeDriver driver = driver();
        List<String> problems;
        try (SiteServer server = new SiteServer(site)) {
            problems = crawl(driver, server.base(), new int[2]);
        } finally {
            driver.quit();
        }
        String all = String.join("\n", problems);
        assertTrue(all.contains("missing.html: HTTP 404 (linked from index.html)"), all);
        assertTrue(all.contains("b.html: no element with id 'gone'"), all);
        assertTrue(all.contains("index.html: image ") && all.contains("nothing.png does not render"), all);
        assertTrue(all.contains("index.html: console error: ") && all.contains("broken on purpose"), all);
        assertTrue(!all.contains("'top'"), all);
    }

    /** Loads every page reachable from index.html; count[0]: pages, count[1]: internal links. */
    static List<String> crawl(ChromeDriver driver, String base, int[] count) throws Exception {
        List<String> problems = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        Deque<String> queue = new ArrayDeque<>(List.of(base + "index.html"));
        Set<String> seen = new LinkedHashSet<>(queue);
        Map<String, Set<String>> fragments = new LinkedHashMap<>(); // page -> fragments linked to
        Map<String, String> linkedFrom = new LinkedHashMap<>();
        while (!queue.isEmpty()) {
            String page = queue.poll();
            int status = http.send(HttpRequest.newBuilder(URI.create(page)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                problems.add(page.substring(base.length()) + ": HTTP " + status + " (linked from "
                        + linkedFrom.get(page) + ")");
                continue;
            }
            driver.get(page);
            for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
                if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    problems.add(page.substring(base.length()) + ": console error: " + e.getMessage());
                }
            }
            for (WebElement img : driver.findElements(By.tagName("img"))) {
                Object w = ((JavascriptExecutor) driver).executeScript("return arguments[0].naturalWidth", img);
                if (!(w instanceof Number n) || n.intValue() == 0) {
                    problems.add(page.substring(base.length()) + ": image " + img.getAttribute("src")
                            + " does not render");
                }
            }
            @SuppressWarnings("unchecked")
            List<String> hrefs = (List<String>) ((JavascriptExecutor) driver).executeScript(
                    "return Array.from(document.querySelectorAll('a[href]')).map(a => a.href)");
            for (String href : hrefs) {
                if (!href.startsWith(base)) {
                    continue;
                }
                count[1]++;
                int hash = href.indexOf('#');
                String target = hash < 0 ? href : href.substring(0, hash);
                if (hash >= 0) {
                    fragments.computeIfAbsent(target, k -> new LinkedHashSet<>()).add(href.substring(hash + 1));
                }
                if (seen.add(target)) {
                    linkedFrom.put(target, page.substring(base.length()));
                    queue.add(target);
                }
            }
        }
        for (Map.Entry<String, Set<String>> e : fragments.entrySet()) {
            if (problems.stream().anyMatch(p -> p.startsWith(e.getKey().substring(base.length()) + ": HTTP"))) {
                continue;
            }
            driver.get(e.getKey());
            for (String f : e.getValue()) {
                Object found = ((JavascriptExecutor) driver).executeScript(
                        "return document.getElementById(decodeURIComponent(arguments[0])) !== null", f);
                if (!Boolean.TRUE.equals(found)) {
                    problems.add(e.getKey().substring(base.length()) + ": no element with id '" + f + "'");
                }
            }
        }
        count[0] = seen.size();
        return problems;
    }

    private static Path site(Path tmp) throws IOException {
        String given = System.getProperty("capsid.site");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        SiteBuilder.Result r = SiteBuilder.build(SiteBuilderTest.REPO, tmp.resolve("site"),
                StateGraphPicture.Renderer.graphviz());
        assertEquals(List.of(), r.problems());
        return tmp.resolve("site");
    }

    private static ChromeDriver driver() {
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, o);
    }

    /** The whole page (not only the window), through the DevTools protocol. */
    private static void screenshot(ChromeDriver driver, String url, Path file) throws IOException {
        driver.get(url);
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true));
        Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
    }
}

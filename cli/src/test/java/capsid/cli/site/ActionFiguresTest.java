package capsid.cli.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A protocol page's per-action figures, from {@code refine} and {@code coverage} records
 * written here: a record with the per-action fields shows them per action, for each
 * spec its own rows (ProcessTable#fork carries both specs' Fork); a record written
 * before those fields says "not recorded" and shows no figure.
 */
class ActionFiguresTest {
    static final Path REPO = SiteBuilderTest.REPO;
    static final ObjectMapper JSON = new ObjectMapper();

    static final String FORK_METHOD = "capsid/kernel/process/ProcessTable.fork(Lcapsid/kernel/Tid;I)J";

    /** A refine record of {@code spec} with the per-action field: Fork 1 of 2 outcomes, the rest complete. */
    static String refineWithFigures(String spec, String ts) {
        return "{\"timestamp\":\"" + ts + "\",\"kind\":\"refine\",\"schema\":2,\"result\":\"violation\","
                + "\"commit\":\"abcdef0123456789\",\"dirty\":false,\"spec\":\"" + spec + "\",\"traces\":3,"
                + "\"steps\":40,\"actions_covered\":2,\"actions_total\":2,\"outcomes_covered\":3,\"outcomes_total\":4,"
                + "\"outcomes_missing\":[\"Fork:EAGAIN\"],\"outcome_models\":[],\"outcomes_by_action\":["
                + "{\"action\":\"Fork\",\"covered\":1,\"total\":2,\"missing\":[\"Fork:EAGAIN\"]},"
                + "{\"action\":\"Exit\",\"covered\":2,\"total\":2,\"missing\":[]}]}";
    }

    /** A refine record as written before 2026-12-02T18:00: no per-action field. */
    static String refineOld(String spec) {
        return "{\"timestamp\":\"2026-12-02T14:15:00.474Z\",\"kind\":\"refine\",\"schema\":2,\"result\":\"pass\","
                + "\"commit\":\"abcdef0123456789\",\"dirty\":false,\"spec\":\"" + spec + "\",\"traces\":3,"
                + "\"steps\":40,\"actions_covered\":2,\"actions_total\":2,\"outcomes_covered\":38,"
                + "\"outcomes_total\":38,\"outcomes_missing\":[],\"outcome_models\":[]}";
    }

    /** A coverage record with rows: fork for both specs' Fork (7 of 9 branches), CapCalls#derive unreached. */
    static String coverageWithFigures(String ts) {
        return "{\"timestamp\":\"" + ts + "\",\"kind\":\"coverage\",\"schema\":2,\"result\":\"violation\","
                + "\"commit\":\"abcdef0123456789\",\"dirty\":false,\"probes\":900,\"methods\":80,"
                + "\"annotated_methods\":2,\"probes_reached\":{\"traces\":500,\"scenarios\":400,\"any\":600},"
                + "\"unreached_annotated_methods\":[\"capsid/kernel/cap/CapCalls.derive(I)J\"],\"branches_by_action\":["
                + "{\"spec\":\"CapabilityDelegation\",\"action\":\"Derive\",\"method\":\"capsid/kernel/cap/CapCalls"
                + ".derive(I)J\",\"branches\":5,\"reached\":{\"traces\":0,\"scenarios\":0,\"any\":0}},"
                + "{\"spec\":\"CapabilityDelegation\",\"action\":\"Fork\",\"method\":\"" + FORK_METHOD + "\","
                + "\"branches\":9,\"reached\":{\"traces\":6,\"scenarios\":4,\"any\":7}},"
                + "{\"spec\":\"NamespaceUnshare\",\"action\":\"Fork\",\"method\":\"" + FORK_METHOD + "\","
                + "\"branches\":9,\"reached\":{\"traces\":6,\"scenarios\":4,\"any\":7}}]}";
    }

    static String coverageOld() {
        return "{\"timestamp\":\"2026-12-02T14:14:12.497Z\",\"kind\":\"coverage\",\"schema\":2,\"result\":\"pass\","
                + "\"commit\":\"abcdef0123456789\",\"dirty\":false,\"probes\":900,\"methods\":80,"
                + "\"annotated_methods\":30,\"probes_reached\":{\"traces\":500,\"any\":600},"
                + "\"unreached_annotated_methods\":[]}";
    }

    private static String section(String spec, String module, String... records) throws IOException {
        List<JsonNode> all = new ArrayList<>();
        for (String r : records) {
            all.add(JSON.readTree(r));
        }
        StringBuilder b = new StringBuilder();
        ProtocolPage.refinement(b, SpecSource.read(REPO, spec, module), new Records(all));
        return b.toString();
    }

    private static String row(String html, String id) {
        int at = html.indexOf("<tr id=\"" + id + "\">");
        assertTrue(at >= 0, "no row " + id + " in " + html);
        return html.substring(at, html.indexOf("</tr>", at));
    }

    @Test
    void aRefineRecordWithTheFieldShowsOutcomesPerAction() throws IOException {
        String ns = section("NamespaceUnshare", "NamespaceUnshare.tla",
                refineWithFigures("NamespaceUnshare", "2026-12-02T19:00:00.000Z"));
        assertTrue(ns.contains("<table id=\"outcomes-per-action\">"), ns);
        String fork = row(ns, "outcomes-Fork");
        assertTrue(fork.contains("<a href=\"#links-Fork\"><code>Fork</code></a>"), fork);
        assertTrue(fork.contains("<td class=\"fail\">1/2</td><td><code>Fork:EAGAIN</code></td>"), fork);
        assertTrue(row(ns, "outcomes-Exit").contains("<td class=\"pass\">2/2</td><td>—</td>"), ns);
        // an action of the page the record does not name gets no figure
        assertTrue(row(ns, "outcomes-Jail").contains("not in the record"), ns);
        assertFalse(ns.contains("Per action: not recorded"), ns);
    }

    @Test
    void aRefineRecordWithoutTheFieldSaysNotRecorded() throws IOException {
        for (String[] s : new String[][] {{"NamespaceUnshare", "NamespaceUnshare.tla"},
            {"CapabilityDelegation", "CapabilityDelegation.tla"}}) {
            // a newer record of the other spec does not stand in for this one's
            String other = s[0].equals("NamespaceUnshare") ? "CapabilityDelegation" : "NamespaceUnshare";
            String html = section(s[0], s[1], refineOld(s[0]), refineWithFigures(other, "2026-12-02T19:00:00.000Z"));
            assertTrue(html.contains("<p class=\"skip\" id=\"outcomes-per-action\">Per action: not recorded. The "
                    + "latest <code>refine</code> record (2026-12-02T14:15:00.474Z) has no <code>outcomes_by_action"
                    + "</code>"), html);
            assertFalse(html.contains("id=\"outcomes-Fork\""), "no invented figures: " + html);
            assertTrue(html.contains("outcomes 38 of 38"), "the totals it has are still shown: " + html);
        }
    }

    @Test
    void aCoverageRecordWithTheFieldShowsEachSpecItsOwnRows() throws IOException {
        String rec = coverageWithFigures("2026-12-02T19:00:00.000Z");
        String ns = section("NamespaceUnshare", "NamespaceUnshare.tla", rec);
        String cd = section("CapabilityDelegation", "CapabilityDelegation.tla", rec);
        SpecSource nsSrc = SpecSource.read(REPO, "NamespaceUnshare", "NamespaceUnshare.tla");
        SpecSource.Action f = nsSrc.actions().get("Fork");
        String nsFork = row(ns, "branches-Fork");
        assertTrue(nsFork.contains("<a href=\"src/" + f.javaPath() + ".html#L" + f.javaLine() + "\" title=\""
                + FORK_METHOD + "\">ProcessTable.fork</a>"), nsFork);
        assertTrue(nsFork.contains("<td>9</td><td>6/9</td><td>4/9</td><td class=\"pass\">7/9</td>"
                + "<td><code>CapabilityDelegation.Fork</code></td>"), nsFork);
        assertTrue(row(cd, "branches-Fork").contains("<td><code>NamespaceUnshare.Fork</code></td>"), cd);
        assertTrue(row(cd, "branches-Derive").contains("<td class=\"fail\">0/5</td><td>—</td>"), cd);
        assertFalse(ns.contains("id=\"branches-Derive\""), "Derive is not NamespaceUnshare's: " + ns);
        assertTrue(row(ns, "branches-Kill").contains("not in the record"), ns);
        assertTrue(ns.contains("<th>traces</th><th>scenarios</th><th>any</th>"), ns);
        assertTrue(cd.contains("<code>traces</code> are the refinement traces of NamespaceUnshare only"), cd);
    }

    @Test
    void aCoverageRecordWithoutTheFieldSaysNotRecorded() throws IOException {
        for (String[] s : new String[][] {{"NamespaceUnshare", "NamespaceUnshare.tla"},
            {"CapabilityDelegation", "CapabilityDelegation.tla"}}) {
            String html = section(s[0], s[1], coverageWithFigures("2026-12-02T19:00:00.000Z"), coverageOld());
            assertTrue(html.contains("<p class=\"skip\" id=\"branches-per-action\">Per action: not recorded. The "
                    + "latest <code>coverage</code> record (2026-12-02T14:14:12.497Z) has no <code>"
                    + "branches_by_action</code>"), html);
            assertFalse(html.contains("id=\"branches-Fork\""), "no invented figures: " + html);
        }
    }

    @Test
    void aSiteBuiltWithTheNewRecordsHasEveryLinkWhole(@TempDir Path dir) throws IOException {
        Path repo = SiteBuilderTest.copy(dir);
        String lines = refineWithFigures("NamespaceUnshare", "2026-12-02T19:00:00.000Z") + "\n"
                + refineWithFigures("CapabilityDelegation", "2026-12-02T19:00:01.000Z") + "\n"
                + coverageWithFigures("2026-12-02T19:00:02.000Z") + "\n";
        Files.writeString(repo.resolve("proofs-log/runs.jsonl"), lines, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        SiteBuilder.Result r = SiteBuilder.build(repo, dir.resolve("site"), SiteBuilderTest.NO_DOT);
        assertEquals(List.of(), r.problems());
        for (String page : List.of("namespace-unshare.html", "capability-delegation.html")) {
            String html = Files.readString(dir.resolve("site").resolve(page), StandardCharsets.UTF_8);
            assertTrue(row(html, "outcomes-Fork").contains("1/2"), page);
            assertTrue(row(html, "branches-Fork").contains("7/9"), page);
        }
    }
}

package capsid.cli.site;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.checker.Itf;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A counterexample's step table: the action with its spec line and kernel method, only what changed. */
class ReportPageTest {
    @Test
    void stepTableShowsTheActionItsLinksAndOnlyTheChangedLeaves() throws Exception {
        String itf = "{\"vars\":[\"st\",\"hostname\"],\"states\":["
                + "{\"#meta\":{\"index\":0},\"st\":[\"live\",\"none\"],\"hostname\":[\"capsid\"]},"
                + "{\"#meta\":{\"index\":1,\"action\":\"Fork\",\"action_label\":\"<Fork line 199, col 1 to line 2, "
                + "col 3 of module NamespaceUnshare>\"},\"st\":[\"live\",\"live\"],\"hostname\":[\"capsid\"]}]}";
        SpecSource src = SpecSource.read(SiteBuilderTest.REPO, "NamespaceUnshare", "NamespaceUnshare.tla");
        String html = ReportPage.stepTable(Itf.fromJson(new ObjectMapper().readTree(itf)), Map.of("N", src));
        SpecSource.Action fork = src.actions().get("Fork");
        assertTrue(html.contains("<code>Fork</code>"), html);
        assertTrue(html.contains("href=\"src/spec/NamespaceUnshare.tla.html#L" + fork.defLine() + "\""), html);
        assertTrue(html.contains(">ProcessTable#fork</a>"), html);
        String step1 = html.substring(html.indexOf("<code>Fork</code>"));
        assertTrue(step1.contains("st[2]") || step1.contains("st"), step1);
        assertFalse(step1.contains("hostname"), "an unchanged variable is not shown: " + step1);
    }
}

package capsid.cli.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** bench.html: the latest figures beside their targets, one SVG plot per figure over the records. */
class BenchPageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode bench(String commit, double value, boolean met) throws Exception {
        return JSON.readTree("{\"kind\":\"bench\",\"commit\":\"" + commit + "\",\"dirty\":false,\"settings\":\"QUICK\","
                + "\"figures\":{\"syscalls per second\":{\"value\":" + value + ",\"unit\":\"ops/s\",\"target\":"
                + "\">= 1,000,000\",\"met\":" + met + "}}}");
    }

    @Test
    void plotsEveryRecordAndShowsTheLatestAgainstItsTarget() throws Exception {
        List<JsonNode> all = new ArrayList<>(List.of(bench("aaaaaaaaaaaa", 900000, false),
                JSON.readTree("{\"kind\":\"check\"}"), bench("bbbbbbbbbbbb", 1200000, true)));
        String html = BenchPage.render(new Records(all));
        assertTrue(html.contains("commit bbbbbbbbbb"), html);
        assertTrue(html.contains("<td>&gt;= 1,000,000</td><td><span class=\"pass\">pass</span>"), html);
        String svg = html.substring(html.indexOf("<svg"), html.indexOf("</svg>"));
        assertEquals(2, svg.split("<circle", -1).length - 1, svg);
        assertTrue(svg.contains("target 1000000"), svg);
        assertTrue(svg.contains("aaaaaaaaaa: 900000 ops/s"), svg);
    }

    @Test
    void saysSoWhenThereIsNoBenchRecord() {
        String html = BenchPage.render(new Records(List.of()));
        assertTrue(html.contains("No <code>bench</code> record"), html);
        assertTrue(!html.contains("<svg"));
    }

    @Test
    void readsTheNumberOfATarget() {
        assertEquals(1_000_000.0, BenchPage.number(">= 1,000,000"));
        assertEquals(2.5, BenchPage.number("<= 2.5"));
        assertEquals(null, BenchPage.number("-"));
    }
}

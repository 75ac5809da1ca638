package capsid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.coverage.CoverageSnapshot;
import capsid.coverage.ProbeInfo;
import capsid.refinement.RefineRun;
import capsid.refinement.SpecRefinement;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The per-action figures of the {@code refine} and {@code coverage} records (what the
 * protocol pages show per action), as their writers produce them: every action is
 * there, and the per-action figures add up to the record's totals.
 */
class PerActionRecordTest {

    private static TreeSet<String> set(String... s) {
        return new TreeSet<>(Set.of(s));
    }

    @Test
    void theRefineRecordCountsOutcomesPerActionAddingUpToItsTotals() {
        // Fork:EWEIRD was replayed but no model reports it: an unknown outcome, covered by no action
        RefineRun.Result r = new RefineRun.Result(3, 40, 0.5, set("Fork", "Kill"),
                set("Fork:OK", "Fork:EWEIRD", "Kill:killed", "Kill:ignored"),
                set("Fork:OK", "Fork:EAGAIN", "Kill:killed", "Kill:ignored", "Wait:OK"),
                List.of(), new TreeSet<>(), 10, 2, List.of(), null, 1.0);
        JsonNode rec = RefineCommand.record(r, 1, 60);
        JsonNode per = rec.get("outcomes_by_action");
        List<String> order = new ArrayList<>();
        per.forEach(a -> order.add(a.get("action").asText()));
        assertEquals(SpecRefinement.of("NamespaceUnshare").actions(), order, "every spec action, in the spec's order");
        int covered = 0;
        int total = 0;
        List<String> missing = new ArrayList<>();
        Map<String, String> cells = new HashMap<>();
        for (JsonNode a : per) {
            assertEquals(Set.of("action", "covered", "total", "missing"), fields(a), a.toString());
            covered += a.get("covered").asInt();
            total += a.get("total").asInt();
            a.get("missing").forEach(m -> missing.add(m.asText()));
            assertEquals(a.get("total").asInt() - a.get("covered").asInt(), a.get("missing").size(), a.toString());
            cells.put(a.get("action").asText(), a.get("covered").asInt() + "/" + a.get("total").asInt());
        }
        assertEquals(rec.get("outcomes_covered").asInt(), covered);
        assertEquals(rec.get("outcomes_total").asInt(), total);
        List<String> recMissing = new ArrayList<>();
        rec.get("outcomes_missing").forEach(m -> recMissing.add(m.asText()));
        assertEquals(recMissing, missing);
        assertEquals(List.of("Fork:EAGAIN", "Wait:OK"), missing);
        assertEquals("1/2", cells.get("Fork"));
        assertEquals("2/2", cells.get("Kill"));
        assertEquals("0/1", cells.get("Wait"));
        assertEquals("0/0", cells.get("Jail"), "an action no model reaches");
    }

    @Test
    void theCoverageRecordHasARowPerSpecActionAddingUpToItsTotals() {
        CoverageSnapshot traces = new CoverageSnapshot.Builder().add(CoverageReportTest.F0, 2)
                .add(CoverageReportTest.F1, 1).build();
        CoverageSnapshot scenarios = new CoverageSnapshot.Builder().add(CoverageReportTest.F0, 1)
                .add(CoverageReportTest.K0, 4).build();
        List<ProbeInfo> probes = List.of(CoverageReportTest.F0, CoverageReportTest.F1, CoverageReportTest.F2,
                CoverageReportTest.K0, CoverageReportTest.H0);
        CoverageReport report = new CoverageReport(probes, List.of(new CoverageReport.Source("traces", traces),
                new CoverageReport.Source("scenarios", scenarios), new CoverageReport.Source("campaigns", null)));
        JsonNode rec = CoverageCommand.record(report, 5, 1.0, null);
        JsonNode rows = rec.get("branches_by_action");
        assertEquals(2, rows.size(), rows.toString());
        JsonNode fork = rows.get(0);
        assertEquals("NamespaceUnshare", fork.get("spec").asText());
        assertEquals("Fork", fork.get("action").asText());
        assertEquals("capsid/kernel/P.fork(I)I", fork.get("method").asText());
        assertEquals(3, fork.get("branches").asInt());
        assertEquals(Set.of("traces", "scenarios", "any"), fields(fork.get("reached")), "campaigns did not run");
        assertEquals(2, fork.get("reached").get("traces").asInt());
        assertEquals(1, fork.get("reached").get("scenarios").asInt());
        assertEquals(2, fork.get("reached").get("any").asInt());
        assertEquals("1/1", rows.get(1).get("reached").get("any").asInt() + "/" + rows.get(1).get("branches").asInt());
        sumsHold(rec);
    }

    @Test
    void onTheRealKernelForkHasARowForEachSpecWithTheSameFigures() throws Exception {
        List<ProbeInfo> kernel = CoverageReport.kernelProbes();
        CoverageReport report = new CoverageReport(kernel, List.of(new CoverageReport.Source("traces",
                CoverageSnapshot.zero(List.of()))));
        JsonNode rec = CoverageCommand.record(report, 0, 1.0, null);
        List<JsonNode> forks = new ArrayList<>();
        for (JsonNode row : rec.get("branches_by_action")) {
            if (row.get("action").asText().equals("Fork")) {
                forks.add(row);
            }
        }
        assertEquals(Set.of("NamespaceUnshare", "CapabilityDelegation"),
                Set.of(forks.get(0).get("spec").asText(), forks.get(1).get("spec").asText()), forks.toString());
        assertEquals(forks.get(0).get("method"), forks.get(1).get("method"));
        assertTrue(forks.get(0).get("method").asText().startsWith("capsid/kernel/process/ProcessTable.fork("));
        assertEquals(forks.get(0).get("branches"), forks.get(1).get("branches"));
        assertEquals(forks.get(0).get("reached"), forks.get(1).get("reached"));
        sumsHold(rec);
    }

    /** Over the distinct methods the rows name: their count, branches and probes reached against the totals. */
    private static void sumsHold(JsonNode rec) {
        Map<String, JsonNode> methods = new HashMap<>();
        for (JsonNode row : rec.get("branches_by_action")) {
            assertEquals(Set.of("spec", "action", "method", "branches", "reached"), fields(row), row.toString());
            JsonNode before = methods.putIfAbsent(row.get("method").asText(), row);
            if (before != null) {
                assertEquals(before.get("branches"), row.get("branches"), "one method, one set of figures");
                assertEquals(before.get("reached"), row.get("reached"), "one method, one set of figures");
            }
            int branches = row.get("branches").asInt();
            int any = row.get("reached").get("any").asInt();
            assertTrue(branches >= 1 && any <= branches, row.toString());
            row.get("reached").fields().forEachRemaining(e -> assertTrue(e.getValue().asInt() <= any, row.toString()));
        }
        assertEquals(rec.get("annotated_methods").asInt(), methods.size());
        int branches = methods.values().stream().mapToInt(r -> r.get("branches").asInt()).sum();
        assertTrue(branches <= rec.get("probes").asInt(), branches + " > " + rec.get("probes"));
        rec.get("probes_reached").fields().forEachRemaining(e -> {
            int sum = methods.values().stream().mapToInt(r -> r.get("reached").path(e.getKey()).asInt()).sum();
            assertTrue(sum <= e.getValue().asInt(), e.getKey() + ": " + sum + " > " + e.getValue());
        });
    }

    private static Set<String> fields(JsonNode n) {
        Set<String> s = new TreeSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }
}

package capsid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.bench.Figure;
import capsid.bench.Settings;
import capsid.bench.Target;
import capsid.checker.ProofsLog;
import capsid.checker.SpecMutants;
import capsid.checker.Tlc;
import capsid.checker.TlcRequest;
import capsid.checker.TlcResult;
import capsid.coverage.CoverageSnapshot;
import capsid.refinement.RefineRun;
import capsid.refinement.ValidateRun;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/proofs-log.md is the schema of every record kind, and this test holds the
 * code to it: each kind's writer (the command itself, or the function it records
 * with) produces a record whose fields are exactly the page's, the envelope
 * included; every record of schema 2 in the committed proofs-log/runs.jsonl is held
 * to it too, and every kind there is on the page.
 */
class ProofsLogSchemaTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern KIND_HEADING = Pattern.compile("^### (`[\\w-]+`(?:, `[\\w-]+`)*)\\s*$");
    private static final Pattern ROW = Pattern.compile("^\\| `([\\w]+)` \\|");
    /** A field added later: its type cell says since when; older records lack it. */
    private static final Pattern SINCE = Pattern.compile("^\\| `([\\w]+)` \\| [^|]*\\(since (\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d)");
    /** kind/field to the date it was added, for the fields whose type says since when. */
    static final Map<String, String> since = new java.util.HashMap<>();
    private static Set<String> envelope;
    private static Map<String, Set<String>> kinds;

    @TempDir
    Path dir;

    @BeforeAll
    static void readThePage() throws Exception {
        kinds = new LinkedHashMap<>();
        envelope = new TreeSet<>();
        List<String> current = null;
        boolean inEnvelope = false;
        for (String line : Files.readAllLines(ROOT.resolve("docs/proofs-log.md"))) {
            Matcher h = KIND_HEADING.matcher(line);
            if (line.startsWith("## ")) {
                inEnvelope = line.equals("## Every record");
                current = null;
            } else if (h.matches()) {
                current = new ArrayList<>();
                for (String k : h.group(1).split(", ")) {
                    current.add(k.replace("`", ""));
                    kinds.put(k.replace("`", ""), new TreeSet<>());
                }
            } else {
                Matcher r = ROW.matcher(line);
                if (r.find()) {
                    if (inEnvelope) {
                        envelope.add(r.group(1));
                    } else if (current != null) {
                        Matcher sm = SINCE.matcher(line);
                        for (String k : current) {
                            kinds.get(k).add(r.group(1));
                            if (sm.find(0)) {
                                since.put(k + "/" + r.group(1), sm.group(2));
                            }
                        }
                    }
                }
            }
        }
        assertTrue(envelope.containsAll(List.of("timestamp", "kind", "schema", "result", "commit", "command", "jdk",
                "tlc_sha256")), envelope.toString());
        assertEquals(Set.of("check", "simulate", "verify", "refine", "spec-mutants", "validate", "validate-log",
                "coverage", "fuzz", "fuzz-figures", "bench", "mutation", "alloy"), kinds.keySet());
    }

    /** Fails unless {@code rec}'s fields are exactly the page's for its kind. */
    private static void conforms(JsonNode rec) {
        String kind = rec.path("kind").asText();
        assertTrue(kinds.containsKey(kind), "kind " + kind + " is not on docs/proofs-log.md: " + rec);
        Set<String> want = new TreeSet<>(envelope);
        want.addAll(kinds.get(kind));
        Set<String> got = new TreeSet<>();
        rec.fieldNames().forEachRemaining(got::add);
        Set<String> extra = new TreeSet<>(got);
        extra.removeAll(want);
        Set<String> missing = new TreeSet<>(want);
        missing.removeAll(got);
        String written = rec.path("timestamp").asText();
        missing.removeIf(f -> since.containsKey(kind + "/" + f) && written.compareTo(since.get(kind + "/" + f)) < 0);
        assertEquals("", (extra.isEmpty() ? "" : "not documented: " + extra + " ")
                + (missing.isEmpty() ? "" : "missing: " + missing), kind + " record " + rec);
        assertEquals(ProofsLog.SCHEMA, rec.get("schema").asInt(), rec.toString());
        assertTrue(Set.of("pass", "violation", "deadlock", "liveness", "error").contains(rec.get("result").asText()),
                rec.toString());
    }

    private ProofsLog log() {
        return new ProofsLog(dir.resolve("log")).withProvenance("capsid test", ROOT);
    }

    @Test
    void tlcKindsAsCheckSimulateAndVerifyWriteThem() throws Exception {
        Path spec = dir.resolve("C.tla");
        Files.writeString(spec, "---- MODULE C ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\n"
                + "Next == x < 3 /\\ x' = x + 1\nSmall == x < 2\n====\n");
        Files.writeString(dir.resolve("C.cfg"), "INIT Init\nNEXT Next\nINVARIANT Small\n");
        Map<String, String> props = Map.of("capsid.log", "");
        Cli.Run r = Cli.run(props, "check", spec.toString(), "--log", dir.resolve("log").toString());
        assertEquals(1, r.exit(), r.toString());
        r = Cli.run(props, "check", spec.toString(), "--simulate", "2", "--depth", "5", "--log",
                dir.resolve("log").toString());
        TlcResult t = Tlc.check(TlcRequest.of(spec));
        log().append(t, "verify"); // what verify's TLC rows append
        List<JsonNode> recs = ProofsLog.read(dir.resolve("log/runs.jsonl")).records();
        assertEquals(List.of("check", "simulate", "verify"), recs.stream().map(n -> n.get("kind").asText()).toList());
        recs.forEach(ProofsLogSchemaTest::conforms);
        assertTrue(recs.get(0).get("command").asText().startsWith("capsid check " + spec), recs.get(0).toString());
    }

    @Test
    void alloyRecordsAsVerifyAndAlloyWriteThem() throws Exception {
        Path ok = dir.resolve("A.als");
        Files.writeString(ok, "sig N { f: lone N }\nassert A { all n: N | lone n.f }\ncheck A for 2 expect 0\n"
                + "run R { some f } for 2\n");
        Path bad = dir.resolve("B.als");
        Files.writeString(bad, "sig N {\n");
        AlloyCommand.run(ok, ROOT, log(), System.err);
        AlloyCommand.run(bad, ROOT, log(), System.err);
        List<JsonNode> recs = ProofsLog.read(dir.resolve("log/runs.jsonl")).records();
        assertEquals(List.of("pass", "pass", "error"), recs.stream().map(n -> n.get("result").asText()).toList());
        recs.forEach(ProofsLogSchemaTest::conforms);
    }

    @Test
    void theOtherKindsAsTheirCommandsWriteThem() throws Exception {
        ProofsLog log = log();
        RefineRun.Result refine = new RefineRun.Result(3, 40, 0.5, new TreeSet<>(Set.of("Fork")),
                new TreeSet<>(Set.of("Fork:OK")), new TreeSet<>(Set.of("Fork:OK", "Fork:EAGAIN")),
                List.of(new RefineRun.Source("spec/MCNamespaceUnshare.cfg", "checked", new TreeSet<>(Set.of("Fork:OK",
                        "Fork:EAGAIN")), 2.0, false)), new TreeSet<>(), 10, 2, List.of(), null, 1.0);
        conforms(log.append("refine", RefineCommand.record(refine, 1, 60)).record());
        SpecMutants.Mutant mu = new SpecMutants.Mutant("M", "P", "MC.cfg", null, "why", "a", "b");
        conforms(log.append("spec-mutants", new SpecMutants.Report("S", List.of(new SpecMutants.Outcome(mu,
                SpecMutants.Status.CAUGHT, "P", null, 1.5, false)), List.of("rule r has no mutant that breaks it"), 2.0)
                .toJson()).record());
        conforms(log.append("validate", VerifyCommand.validateRecord(new ValidateRun.Result(2, 30, 1.5, List.of(),
                List.of(), 80, 3), 0, "CapabilityDelegation")).record());
        CoverageReport cov = new CoverageReport(CoverageReportTest.ALL, List.of(
                new CoverageReport.Source("traces", CoverageSnapshot.zero(CoverageReportTest.ALL)),
                new CoverageReport.Source("scenarios", CoverageSnapshot.zero(CoverageReportTest.ALL)),
                new CoverageReport.Source("campaigns", null)));
        conforms(log.append("coverage", CoverageCommand.record(cov, 5, 2.0, dir.resolve("index.html"))).record());
        conforms(log.append("coverage", CoverageCommand.record(cov, 5, 2.0, null)).record());
        List<Figure> figures = List.of(new Figure("syscalls_per_second", 1.5e6, "calls/s", 0, Target.atLeast(1e6),
                "JMH"), new Figure("memory_per_process", 812.4, "bytes", 1, null, "heap"));
        JsonNode bench = log.append("bench", BenchCommand.record(Settings.QUICK, figures, null, 42)).record();
        conforms(bench);
        assertEquals(">= 1,000,000", bench.get("figures").get("syscalls_per_second").get("target").asText());
        assertTrue(bench.get("figures").get("syscalls_per_second").get("met").asBoolean());
        conforms(log.append("bench", BenchCommand.record(Settings.QUICK, List.of(), "JMH failed", 3)).record());
        com.fasterxml.jackson.databind.ObjectMapper om = new com.fasterxml.jackson.databind.ObjectMapper();
        JsonNode job = om.readTree("{\"execs\":1000,\"calls\":20000,\"edges\":800,\"seconds\":2.0,\"failures\":0}");
        FuzzFigures.Pair pair = new FuzzFigures.Pair(1, job, job, job, Set.of("a/B.m()V#0 ENTRY line 1"),
                Set.of("a/B.m()V#0 ENTRY line 1", "a/C.n()V#1 TAKEN line 2"));
        JsonNode ff = log.append("fuzz-figures", FuzzFigures.record(1000, 1, 1, List.of(pair))).record();
        conforms(ff);
        assertEquals(1, ff.get("reached_by_neither_first_pair").asInt());
        assertEquals(802, ff.get("loaded_probes_first_pair").asInt()); // reached by guided + missed by guided
    }

    @Test
    void aFuzzCampaignWritesItsKind() throws Exception {
        Cli.Run r = Cli.run(Map.of("capsid.root", dir.toString(), "capsid.log", ""), "fuzz", "--no-agent", "--execs",
                "200", "--validate", "0", "--corpus", dir.resolve("c").toString(), "--out", dir.resolve("o")
                        .toString(), "--json");
        assertEquals(0, r.exit(), r.toString());
        List<JsonNode> recs = ProofsLog.read(dir.resolve("proofs-log/runs.jsonl")).records();
        assertEquals(1, recs.size());
        conforms(recs.get(0));
        assertEquals(recs.get(0), r.lastJson());
    }

    @Test
    void validatingALogWritesItsKind() throws Exception {
        capsid.kernel.Kernel k = capsid.kernel.Kernel.boot();
        k.recordCalls();
        k.syscall(k.initTid(), new capsid.kernel.call.Call.Fork(0));
        k.syscall(k.initTid(), capsid.kernel.call.Call.GetPid.INSTANCE);
        Path events = dir.resolve("run.events.jsonl");
        Path calls = dir.resolve("run.calls.jsonl");
        Files.writeString(events, k.eventLogJsonLines());
        Files.writeString(calls, k.callLogJsonLines());
        Path where = dir.resolve("vlog");
        Cli.Run r = Cli.run(Map.of("capsid.log", ""), "validate", events.toString(), "--calls", calls.toString(),
                "--log", where.toString(), "--json");
        assertEquals(0, r.exit(), r.toString());
        List<JsonNode> recs = ProofsLog.read(where.resolve("runs.jsonl")).records();
        assertEquals(1, recs.size());
        conforms(recs.get(0));
        assertEquals("pass", recs.get(0).get("result").asText());
        assertEquals("accepted", recs.get(0).get("verdict").asText());
        assertEquals(2, recs.get(0).get("calls").asInt());
    }

    @Test
    void theMutationScriptWritesItsKind() throws Exception {
        String script = Files.readString(ROOT.resolve("ci/mutation"));
        int start = script.indexOf("<<'EOF'\n") + "<<'EOF'\n".length();
        String python = script.substring(start, script.indexOf("\nEOF\n", start) + 1);
        Path report = dir.resolve("pit");
        Files.createDirectories(report);
        Files.writeString(report.resolve("mutations.xml"), "<mutations><mutation status='KILLED'><mutatedClass>"
                + "capsid.kernel.A</mutatedClass><mutatedMethod>m</mutatedMethod><lineNumber>3</lineNumber><mutator>"
                + "x.Y</mutator><description>d</description></mutation><mutation status='SURVIVED'><mutatedClass>"
                + "capsid.kernel.A</mutatedClass><mutatedMethod>m</mutatedMethod><lineNumber>4</lineNumber><mutator>"
                + "x.Z</mutator><description>e</description></mutation></mutations>");
        Files.writeString(report.resolve("index.html"), "<td class=\"coverage_legend\">9/10<");
        ProcessBuilder pb = new ProcessBuilder("python3", "-", report.toString(), "40", "abc", "false", "7",
                "ci/mutation 40").redirectErrorStream(true);
        pb.environment().put("CAPSID_LOG", dir.resolve("mlog").toString());
        Process p = pb.start();
        p.getOutputStream().write(python.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        JsonNode rec = ProofsLog.read(dir.resolve("mlog/runs.jsonl")).records().get(0);
        conforms(rec);
        assertEquals("pass", rec.get("result").asText());
        assertEquals("bash ci/mutation 40", rec.get("command").asText());
        assertEquals(ProofsLog.jdk(), rec.get("jdk").asText());
    }

    @Test
    void theCommittedLogHoldsToThePage() throws Exception {
        ProofsLog.Contents c = ProofsLog.read(ROOT.resolve("proofs-log/runs.jsonl"));
        assertEquals(List.of(), c.badLines());
        for (JsonNode rec : c.records()) {
            assertTrue(rec.has("timestamp") && kinds.containsKey(rec.path("kind").asText()), rec.toString());
            if (rec.has("schema")) {
                conforms(rec);
            }
        }
    }
}

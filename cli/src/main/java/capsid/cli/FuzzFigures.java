package capsid.cli;

import capsid.checker.ProofsLog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code capsid fuzz --figures}: the campaign figures of docs/fuzzing.md, each
 * side measured in its own child JVM, the sides alternated in one run:
 * <ul>
 * <li>the agent's cost: the same blind campaign (the same programs, since blind
 *     programs do not depend on feedback) with the agent and its feedback, and
 *     without either (no feedback at all), execs/s, median of the per-pair ratios;</li>
 * <li>guidance: edges (kernel probes) reached by the guided and the blind campaign
 *     after the same number of programs, both under the agent, median per side.</li>
 * </ul>
 * Every job gets a fresh, empty corpus directory, so no run learns from another.
 */
final class FuzzFigures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FuzzFigures() {
    }

    static int run(FuzzCommand cmd, Path root, ProofsLog log) throws IOException {
        long execs = cmd.execsLimit > 0 ? cmd.execsLimit : 200_000; // about 10 s a job: JIT warm-up a small part
        cmd.execsLimit = execs;
        cmd.seconds = Math.max(cmd.seconds, 3600);
        List<Double> blindAgentRate = new ArrayList<>();
        List<Double> blindPlainRate = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> guidedRate = new ArrayList<>();
        List<Double> blindCalls = new ArrayList<>();
        List<Double> guidedCalls = new ArrayList<>();
        List<Double> guidedCallRate = new ArrayList<>();
        List<Double> blindCallRate = new ArrayList<>();
        List<Long> guidedEdges = new ArrayList<>();
        List<Long> blindEdges = new ArrayList<>();
        long failures = 0;
        Set<String> missedByBoth = new TreeSet<>();
        int onlyGuided = 0;
        int onlyBlind = 0;
        int loaded = 0;
        for (int i = 0; i < cmd.pairs; i++) {
            long seed = cmd.seed + i;
            JsonNode plain = job(cmd, false, true, seed, null, "--no-feedback");
            Path blindMissed = Files.createTempFile("capsid-unreached-blind", ".txt");
            Path guidedMissed = Files.createTempFile("capsid-unreached-guided", ".txt");
            JsonNode agent = job(cmd, true, true, seed, blindMissed);
            JsonNode guided = job(cmd, true, false, seed, guidedMissed);
            Set<String> bm = new TreeSet<>(Files.readAllLines(blindMissed));
            Set<String> gm = new TreeSet<>(Files.readAllLines(guidedMissed));
            Files.deleteIfExists(blindMissed);
            Files.deleteIfExists(guidedMissed);
            if (i == 0) {
                missedByBoth.addAll(bm);
                missedByBoth.retainAll(gm);
                onlyGuided = (int) bm.stream().filter(x -> !gm.contains(x)).count();
                onlyBlind = (int) gm.stream().filter(x -> !bm.contains(x)).count();
                loaded = guided.path("edges").asInt() + gm.size();
            }
            for (JsonNode n : List.of(plain, agent, guided)) {
                if (n.path("execs").asLong() != execs) {
                    throw new IOException("a job stopped after " + n.path("execs").asLong() + " of " + execs
                            + " programs (a failure?): " + n);
                }
                failures += n.path("failures").asLong();
            }
            double pr = rate(plain);
            double ar = rate(agent);
            blindPlainRate.add(pr);
            blindAgentRate.add(ar);
            ratios.add(pr / ar);
            guidedRate.add(rate(guided));
            blindCalls.add(agent.path("calls").asDouble() / execs);
            guidedCalls.add(guided.path("calls").asDouble() / execs);
            blindCallRate.add(agent.path("calls").asDouble() / agent.path("seconds").asDouble());
            guidedCallRate.add(guided.path("calls").asDouble() / guided.path("seconds").asDouble());
            guidedEdges.add(guided.path("edges").asLong());
            blindEdges.add(agent.path("edges").asLong());
            System.out.printf(Locale.ROOT, "fuzz figures: pair %d/%d (seed %d): blind %,.0f/s without the agent, "
                            + "%,.0f/s with it (%.2fx); edges after %,d programs: guided %,d, blind %,d%n", i + 1,
                    cmd.pairs, seed, pr, ar, pr / ar, execs, guided.path("edges").asLong(),
                    agent.path("edges").asLong());
        }
        ObjectNode rec = JSON.createObjectNode();
        rec.put("result", failures > 0 ? "violation" : "pass");
        rec.put("programs_per_job", execs).put("program_size", 20).put("pairs", cmd.pairs).put("seed", cmd.seed)
                .put("refine_every", cmd.refineEvery)
                .put("blind_execs_per_second_without_agent", median(blindPlainRate))
                .put("blind_execs_per_second_with_agent", median(blindAgentRate))
                .put("agent_slowdown", median(ratios))
                .put("guided_execs_per_second_with_agent", median(guidedRate))
                .put("blind_calls_per_program", median(blindCalls))
                .put("guided_calls_per_program", median(guidedCalls))
                .put("blind_calls_per_second_with_agent", median(blindCallRate))
                .put("guided_calls_per_second_with_agent", median(guidedCallRate))
                .put("guided_edges", medianLong(guidedEdges)).put("blind_edges", medianLong(blindEdges))
                .put("guided_over_blind_edges", (double) medianLong(guidedEdges) / medianLong(blindEdges))
                .put("failures", failures)
                .put("loaded_probes_first_pair", loaded)
                .put("reached_only_by_guided_first_pair", onlyGuided)
                .put("reached_only_by_blind_first_pair", onlyBlind)
                .put("reached_by_neither_first_pair", missedByBoth.size());
        Map<String, Integer> groups = groups(missedByBoth);
        rec.putPOJO("reached_by_neither_by_group", groups);
        rec = log.append("fuzz-figures", rec.deepCopy()).record();
        if (cmd.json) {
            System.out.println(rec);
        } else {
            System.out.printf(Locale.ROOT, "agent slowdown (blind campaign, same programs): %.2fx (target <= 1.5x); "
                            + "%,.0f vs %,.0f programs/s%n", median(ratios), median(blindPlainRate),
                    median(blindAgentRate));
            System.out.printf(Locale.ROOT, "programs/s per job with the agent: blind %,.0f (%.1f calls each, %,.0f calls/s), "
                            + "guided %,.0f (%.1f calls each: mutants grow up to 4x the size; %,.0f calls/s)%n",
                    median(blindAgentRate), median(blindCalls), median(blindCallRate), median(guidedRate),
                    median(guidedCalls), median(guidedCallRate));
            System.out.printf(Locale.ROOT, "guided vs blind after %,d programs: %,d vs %,d edges, %.2fx (target >= 1.3x)%n",
                    execs, medianLong(guidedEdges), medianLong(blindEdges),
                    (double) medianLong(guidedEdges) / medianLong(blindEdges));
            System.out.printf(Locale.ROOT, "first pair: of %,d kernel probes loaded, %,d reached only by guided, %,d only by "
                    + "blind, %,d by neither; by neither, per class group: %s%n", loaded, onlyGuided, onlyBlind,
                    missedByBoth.size(), groups);
        }
        return failures > 0 ? 1 : 0;
    }

    /**
     * Probes reached by neither side, counted per class group: the class's simple
     * name, the records of the call vocabulary ({@code Call$*}) as one group.
     */
    static Map<String, Integer> groups(Set<String> probeIds) {
        Map<String, Integer> out = new TreeMap<>();
        for (String id : probeIds) {
            String cls = id.substring(0, Math.max(0, id.indexOf('.')));
            String simple = cls.substring(cls.lastIndexOf('/') + 1);
            out.merge(simple.startsWith("Call$") ? "Call$*" : simple, 1, Integer::sum);
        }
        return out;
    }

    private static JsonNode job(FuzzCommand cmd, boolean agent, boolean blind, long seed, Path unreached,
                                String... extra) throws IOException {
        Path corpus = Files.createTempDirectory("capsid-fuzz-corpus");
        Path out = Files.createTempDirectory("capsid-fuzz-out");
        try {
            ChildJvm jvm = cmd.workerJvm(agent, corpus, out, seed, blind);
            if (unreached != null) {
                jvm.args("--unreached-to", unreached.toString());
            }
            jvm.args(extra);
            ChildJvm.Captured c = jvm.capture(Duration.ofHours(1));
            if (c.timedOut() || c.exitCode() != 0 && c.exitCode() != 1) {
                throw new IOException("fuzz job (agent " + agent + ", blind " + blind + ", seed " + seed + ") ended with "
                        + (c.timedOut() ? "a timeout" : "exit " + c.exitCode()) + ": " + c.stderr());
            }
            String[] lines = c.stdout().strip().split("\n");
            return JSON.readTree(lines[lines.length - 1]);
        } finally {
            delete(corpus);
            delete(out);
        }
    }

    private static double rate(JsonNode n) {
        return n.path("execs").asDouble() / n.path("seconds").asDouble();
    }

    private static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    private static long medianLong(List<Long> xs) {
        long[] a = xs.stream().mapToLong(Long::longValue).sorted().toArray();
        return a[a.length / 2];
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

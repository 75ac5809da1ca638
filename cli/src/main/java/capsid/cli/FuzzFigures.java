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

    /**
     * One alternated pair's three jobs (their final status lines) and the probes the
     * blind and the guided job left unreached.
     */
    record Pair(long seed, JsonNode plain, JsonNode agent, JsonNode guided, Set<String> blindMissed,
                Set<String> guidedMissed) {
    }

    static int run(FuzzCommand cmd, Path root, ProofsLog log) throws IOException {
        long execs = cmd.execsLimit > 0 ? cmd.execsLimit : 200_000; // about 10 s a job: JIT warm-up a small part
        cmd.execsLimit = execs;
        cmd.seconds = Math.max(cmd.seconds, 3600);
        List<Pair> pairs = new ArrayList<>();
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
            for (JsonNode n : List.of(plain, agent, guided)) {
                if (n.path("execs").asLong() != execs) {
                    throw new IOException("a job stopped after " + n.path("execs").asLong() + " of " + execs
                            + " programs (a failure?): " + n);
                }
            }
            pairs.add(new Pair(seed, plain, agent, guided, bm, gm));
            double pr = rate(plain);
            double ar = rate(agent);
            System.out.printf(Locale.ROOT, "fuzz figures: pair %d/%d (seed %d): blind %,.0f/s without the agent, "
                            + "%,.0f/s with it (%.2fx); edges after %,d programs: guided %,d, blind %,d%n", i + 1,
                    cmd.pairs, seed, pr, ar, pr / ar, execs, guided.path("edges").asLong(),
                    agent.path("edges").asLong());
        }
        ObjectNode rec = record(execs, cmd.seed, cmd.refineEvery, pairs);
        rec = log.append("fuzz-figures", rec.deepCopy()).record();
        if (cmd.json) {
            System.out.println(rec);
        } else {
            System.out.printf(Locale.ROOT, "agent slowdown (blind campaign, same programs): %.2fx (target <= 1.5x); "
                            + "%,.0f vs %,.0f programs/s%n", rec.get("agent_slowdown").asDouble(),
                    rec.get("blind_execs_per_second_without_agent").asDouble(),
                    rec.get("blind_execs_per_second_with_agent").asDouble());
            System.out.printf(Locale.ROOT, "programs/s per job with the agent: blind %,.0f (%.1f calls each, %,.0f "
                            + "calls/s), guided %,.0f (%.1f calls each: mutants grow up to 4x the size; %,.0f calls/s)%n",
                    rec.get("blind_execs_per_second_with_agent").asDouble(),
                    rec.get("blind_calls_per_program").asDouble(),
                    rec.get("blind_calls_per_second_with_agent").asDouble(),
                    rec.get("guided_execs_per_second_with_agent").asDouble(),
                    rec.get("guided_calls_per_program").asDouble(),
                    rec.get("guided_calls_per_second_with_agent").asDouble());
            System.out.printf(Locale.ROOT, "guided vs blind after %,d programs: %,d vs %,d edges, %.2fx (target >= "
                            + "1.3x)%n", execs, rec.get("guided_edges").asLong(), rec.get("blind_edges").asLong(),
                    rec.get("guided_over_blind_edges").asDouble());
            System.out.printf(Locale.ROOT, "first pair: of %,d kernel probes loaded, %,d reached only by guided, %,d "
                            + "only by blind, %,d by neither; by neither, per class group: %s%n",
                    rec.get("loaded_probes_first_pair").asLong(), rec.get("reached_only_by_guided_first_pair").asLong(),
                    rec.get("reached_only_by_blind_first_pair").asLong(),
                    rec.get("reached_by_neither_first_pair").asLong(), rec.get("reached_by_neither_by_group"));
        }
        return rec.get("failures").asLong() > 0 ? 1 : 0;
    }

    /**
     * The {@code fuzz-figures} record of the measured pairs (docs/proofs-log.md):
     * medians over the pairs of the rates, calls and edges of each side, the agent's
     * slowdown (median of the per-pair ratios), failures, and the first pair's
     * unreached probes.
     */
    static ObjectNode record(long execs, long seed, int refineEvery, List<Pair> pairs) {
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
        for (Pair p : pairs) {
            for (JsonNode n : List.of(p.plain(), p.agent(), p.guided())) {
                failures += n.path("failures").asLong();
            }
            double pr = rate(p.plain());
            double ar = rate(p.agent());
            blindPlainRate.add(pr);
            blindAgentRate.add(ar);
            ratios.add(pr / ar);
            guidedRate.add(rate(p.guided()));
            blindCalls.add(p.agent().path("calls").asDouble() / execs);
            guidedCalls.add(p.guided().path("calls").asDouble() / execs);
            blindCallRate.add(p.agent().path("calls").asDouble() / p.agent().path("seconds").asDouble());
            guidedCallRate.add(p.guided().path("calls").asDouble() / p.guided().path("seconds").asDouble());
            guidedEdges.add(p.guided().path("edges").asLong());
            blindEdges.add(p.agent().path("edges").asLong());
        }
        Pair first = pairs.get(0);
        Set<String> missedByBoth = new TreeSet<>(first.blindMissed());
        missedByBoth.retainAll(first.guidedMissed());
        int onlyGuided = (int) first.blindMissed().stream().filter(x -> !first.guidedMissed().contains(x)).count();
        int onlyBlind = (int) first.guidedMissed().stream().filter(x -> !first.blindMissed().contains(x)).count();
        int loaded = first.guided().path("edges").asInt() + first.guidedMissed().size();
        ObjectNode rec = JSON.createObjectNode();
        rec.put("result", failures > 0 ? "violation" : "pass");
        rec.put("programs_per_job", execs).put("program_size", 20).put("pairs", pairs.size()).put("seed", seed)
                .put("refine_every", refineEvery)
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
        rec.putPOJO("reached_by_neither_by_group", groups(missedByBoth));
        return rec;
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

package capsid.refinement;

import capsid.checker.ModelConfig;
import capsid.checker.Outcome;
import capsid.checker.Tlc;
import capsid.checker.TlcRequest;
import capsid.checker.TlcResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code capsid refine} for NamespaceUnshare: abstract traces from the spec, replayed
 * on the kernel. Two sources: walks over the graph model's dumped state graph that
 * cover every action-labelled edge kind (MCNamespaceUnshareGraph.cfg), and TLC
 * simulation runs of the simulation model (MCNamespaceUnshareSim.cfg).
 */
public final class RefineRun {
    /** The spec module this run refines. */
    public static final String SPEC = "NamespaceUnshare";

    private RefineRun() {
    }

    /** What to run. */
    public record Options(Path specDir, int traces, int depth, long seed, Duration timeout) {
        public Options {
            if (traces < 0) {
                throw new IllegalArgumentException("--traces must be >= 0, got " + traces);
            }
            if (depth < 2) {
                throw new IllegalArgumentException("--depth must be >= 2, got " + depth);
            }
        }
    }

    /**
     * What a run found.
     *
     * @param error why the run could not be done (a TLC failure), or null
     */
    public record Result(int traces, long steps, double replaySeconds, TreeSet<String> actions,
                         TreeSet<String> outcomes, TreeSet<String> notWalkable, int graphStates,
                         List<NamespaceReplayer.Mismatch> mismatches, String error, double seconds) {
        public double stepsPerSecond() {
            return replaySeconds > 0 ? steps / replaySeconds : 0;
        }

        public boolean ok() {
            return error == null && mismatches.isEmpty() && actions.size() == NamespaceReplayer.ACTIONS.size();
        }

        /** The record for {@code --json} and proofs-log/runs.jsonl. */
        public ObjectNode toJson() {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("spec", SPEC);
            o.put("result", error != null ? "error" : ok() ? "pass" : "violation");
            o.put("reason", error);
            o.put("traces", traces);
            o.put("steps", steps);
            o.put("steps_per_second", Math.round(stepsPerSecond()));
            o.put("actions_covered", actions.size());
            o.put("actions_total", NamespaceReplayer.ACTIONS.size());
            o.put("outcomes_covered", outcomes.size());
            o.put("mismatches", mismatches.size());
            o.put("graph_states", graphStates);
            o.put("seconds", Math.round(seconds * 10) / 10.0);
            ArrayNode missing = o.putArray("actions_missing");
            NamespaceReplayer.ACTIONS.stream().filter(a -> !actions.contains(a)).forEach(missing::add);
            ArrayNode first = o.putArray("first_mismatches");
            mismatches.stream().limit(3).forEach(m -> first.add(m.toString()));
            return o;
        }
    }

    /** Runs the whole refinement check; progress lines go to {@code progress}. */
    public static Result run(Options o, PrintStream progress) throws IOException {
        long t0 = System.nanoTime();
        Path tla = o.specDir().resolve("MC" + SPEC + ".tla");
        Path graphCfg = o.specDir().resolve("MC" + SPEC + "Graph.cfg");
        Path simCfg = o.specDir().resolve("MC" + SPEC + "Sim.cfg");
        for (Path p : List.of(tla, graphCfg, simCfg)) {
            if (!Files.isRegularFile(p)) {
                throw new IOException("missing " + p);
            }
        }
        progress.println("refine: dumping the state graph of " + graphCfg.getFileName() + " ...");
        Tlc.GraphDump dump = Tlc.dumpGraph(TlcRequest.of(tla).withConfig(graphCfg).withTimeout(o.timeout()));
        if (dump.result().result() != Outcome.PASS || dump.graph() == null) {
            return failed("graph model: " + describe(dump.result()), t0);
        }
        GraphWalks.Walks walks = GraphWalks.cover(dump.graph());
        progress.println("refine: " + dump.graph().nodes().size() + " states, " + walks.traces().size()
                + " covering walks; simulating " + o.traces() + " traces of " + simCfg.getFileName() + " ...");
        Tlc.Simulation sim = Tlc.simulate(TlcRequest.of(tla).withConfig(simCfg).withSeed(o.seed())
                .withTimeout(o.timeout()), Math.max(o.traces(), 1), o.depth());
        if (sim.result().result() != Outcome.PASS) {
            return failed("simulation model: " + describe(sim.result()), t0);
        }
        List<capsid.checker.Trace> simTraces = sim.traces().subList(0, Math.min(o.traces(), sim.traces().size()));
        progress.println("refine: replaying " + (walks.traces().size() + simTraces.size()) + " traces on the kernel ...");
        NamespaceReplayer.Report a = new NamespaceReplayer(ModelConfig.read(graphCfg).constants())
                .replay(walks.traces());
        NamespaceReplayer.Report b = new NamespaceReplayer(ModelConfig.read(simCfg).constants()).replay(simTraces);
        TreeSet<String> actions = new TreeSet<>(a.actions());
        actions.addAll(b.actions());
        TreeSet<String> outcomes = new TreeSet<>(a.outcomes());
        outcomes.addAll(b.outcomes());
        List<NamespaceReplayer.Mismatch> mismatches = new ArrayList<>(a.mismatches());
        mismatches.addAll(b.mismatches());
        return new Result(a.traces() + b.traces(), a.steps() + b.steps(), a.seconds() + b.seconds(), actions,
                outcomes, walks.notWalkable(), dump.graph().nodes().size(), mismatches, null,
                (System.nanoTime() - t0) / 1e9);
    }

    private static String describe(TlcResult r) {
        return r.result() + (r.reason() == null ? "" : ": " + r.reason())
                + (r.property() == null ? "" : " (" + r.property() + ")");
    }

    private static Result failed(String why, long t0) {
        return new Result(0, 0, 0, new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), 0, List.of(), why,
                (System.nanoTime() - t0) / 1e9);
    }
}

package capsid.refinement;

import capsid.checker.ModelConfig;
import capsid.checker.Outcome;
import capsid.checker.Outcomes;
import capsid.checker.SpecManifest;
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
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code capsid refine} for a spec ({@link SpecRefinement}: NamespaceUnshare, CapabilityDelegation): abstract traces from the spec, replayed
 * on the kernel. Two sources: walks over the graph model's dumped state graph, to every
 * leaf of its first-discovery tree (MCNamespaceUnshareGraph.cfg, {@link GraphWalks}),
 * and TLC simulation runs of the simulation model (MCNamespaceUnshareSim.cfg).
 *
 * <p>Coverage is counted in outcomes ({@link NamespaceReplayer#outcome}: the action
 * and its errno, {@code OK} on success, a kill {@code killed} or {@code ignored}), and
 * the outcomes that exist come from the spec, never from a list: every model run here
 * has the spec's outcome recorder added ({@link Outcomes}), so TLC reports what its
 * steps reach. The <em>universe</em> is the union over the universe models (checked
 * exhaustively for it: by default the CI model, or the {@code ci} models of
 * spec/manifest.json), the graph model and the simulation run. A run fails when an
 * outcome of the universe was never replayed on the kernel, and when a replayed
 * outcome is not in it (the recorder and the replayer name outcomes differently).
 */
public final class RefineRun {
    /** The spec module a run refines unless told otherwise. */
    public static final String SPEC = NamespaceReplayer.SPEC;
    /** The manifest roles whose models make up the outcome universe. */
    public static final Set<String> UNIVERSE_ROLES = Set.of("ci");

    private RefineRun() {
    }

    /** A model: its module and its model file. */
    public record Model(Path tla, Path cfg) {
        /** The model file's name, e.g. {@code MCNamespaceUnshare.cfg}. */
        public String name() {
            return cfg.getFileName().toString();
        }
    }

    /**
     * What to run.
     *
     * @param universe the models checked exhaustively for the outcome universe (besides the
     *     graph model and the simulation run, which always count)
     * @param cacheDir where universes are kept by the hash of their inputs ({@link
     *     Outcomes#universe}), or {@code null} to check every universe model afresh
     * @param workers TLC workers for the universe models (the graph model runs on one, so
     *     that its dump and walks are the same every time)
     */
    public record Options(Path specDir, int traces, int depth, long seed, Duration timeout, List<Model> universe,
                          Path cacheDir, int workers, String spec) {
        public Options {
            if (SpecRefinement.of(spec) == null) {
                throw new IllegalArgumentException("no refinement mapping for spec " + spec + " (known: "
                        + String.join(", ", SpecRefinement.KNOWN) + ")");
            }
            if (traces < 0) {
                throw new IllegalArgumentException("--traces must be >= 0, got " + traces);
            }
            if (depth < 2) {
                throw new IllegalArgumentException("--depth must be >= 2, got " + depth);
            }
            if (workers < 1) {
                throw new IllegalArgumentException("--workers must be >= 1, got " + workers);
            }
            universe = List.copyOf(universe);
        }

        /** Options for NamespaceUnshare. */
        public Options(Path specDir, int traces, int depth, long seed, Duration timeout, List<Model> universe,
                       Path cacheDir, int workers) {
            this(specDir, traces, depth, seed, timeout, universe, cacheDir, workers, SPEC);
        }

        /** The default universe models of {@code specDir} ({@link #universeModels}), no cache, one worker. */
        public Options(Path specDir, int traces, int depth, long seed, Duration timeout) throws IOException {
            this(specDir, traces, depth, seed, timeout, universeModels(specDir), null, 1);
        }

        /** These options for spec {@code name}, with its default universe models. */
        public Options forSpec(String name) throws IOException {
            return new Options(specDir, traces, depth, seed, timeout, universeModels(specDir, name), cacheDir, workers,
                    name);
        }

        /** These options with other universe models. */
        public Options withUniverse(List<Model> models) {
            return new Options(specDir, traces, depth, seed, timeout, models, cacheDir, workers, spec);
        }

        /** These options with a universe cache. */
        public Options withCacheDir(Path dir) {
            return new Options(specDir, traces, depth, seed, timeout, universe, dir, workers, spec);
        }

        /** These options with TLC workers for the universe models. */
        public Options withWorkers(int n) {
            return new Options(specDir, traces, depth, seed, timeout, universe, cacheDir, n, spec);
        }
    }

    /** What one model contributed to the outcome universe. */
    public record Source(String model, String how, TreeSet<String> outcomes, double seconds, boolean cached) {
    }

    /** One action's outcomes of the universe: those replayed on the kernel and those never replayed. */
    public record ActionOutcomes(String action, TreeSet<String> covered, TreeSet<String> missing) {
    }

    /**
     * What a run found.
     *
     * @param outcomes the outcomes replayed on the kernel
     * @param universe the outcomes the models reach
     * @param sources what each model contributed to {@code universe}
     * @param error why the run could not be done (a TLC failure), or null
     */
    public record Result(int traces, long steps, double replaySeconds, TreeSet<String> actions,
                         TreeSet<String> outcomes, TreeSet<String> universe, List<Source> sources,
                         TreeSet<String> notWalkable, int graphStates, int walks,
                         List<NamespaceReplayer.Mismatch> mismatches, String error, double seconds, String spec) {
        /** A result for NamespaceUnshare. */
        public Result(int traces, long steps, double replaySeconds, TreeSet<String> actions,
                      TreeSet<String> outcomes, TreeSet<String> universe, List<Source> sources,
                      TreeSet<String> notWalkable, int graphStates, int walks,
                      List<NamespaceReplayer.Mismatch> mismatches, String error, double seconds) {
            this(traces, steps, replaySeconds, actions, outcomes, universe, sources, notWalkable, graphStates, walks,
                    mismatches, error, seconds, SPEC);
        }

        /** Every action of the spec. */
        public List<String> specActions() {
            return SpecRefinement.of(spec).actions();
        }

        public double stepsPerSecond() {
            return replaySeconds > 0 ? steps / replaySeconds : 0;
        }

        /** The outcomes some model reaches that no replayed step had. */
        public TreeSet<String> missing() {
            TreeSet<String> m = new TreeSet<>(universe);
            m.removeAll(outcomes);
            return m;
        }

        /** Replayed outcomes no model reported (the recorder and the replayer disagree on names). */
        public TreeSet<String> unknown() {
            TreeSet<String> u = new TreeSet<>(outcomes);
            u.removeAll(universe);
            return u;
        }

        /**
         * The outcomes of the universe per action, in the spec's action order (then any
         * other action the universe names): each action's outcomes reachable, those of them
         * replayed, those never replayed. Sums over the actions are {@code outcomes_total},
         * {@code outcomes_covered} and {@code outcomes_missing}.
         */
        public List<ActionOutcomes> byAction() {
            java.util.Map<String, ActionOutcomes> by = new java.util.LinkedHashMap<>();
            specActions().forEach(a -> by.put(a, new ActionOutcomes(a, new TreeSet<>(), new TreeSet<>())));
            for (String u : universe) {
                int colon = u.indexOf(':');
                String a = colon < 0 ? u : u.substring(0, colon);
                ActionOutcomes x = by.computeIfAbsent(a, k -> new ActionOutcomes(k, new TreeSet<>(), new TreeSet<>()));
                (outcomes.contains(u) ? x.covered() : x.missing()).add(u);
            }
            return List.copyOf(by.values());
        }

        /** The actions of the spec no replayed step had. */
        public List<String> actionsMissing() {
            return specActions().stream().filter(a -> !actions.contains(a)).toList();
        }

        public boolean ok() {
            return error == null && mismatches.isEmpty() && actionsMissing().isEmpty() && !universe.isEmpty()
                    && missing().isEmpty() && unknown().isEmpty();
        }

        /** Why the run is not ok, in one line (null when it is). */
        public String failure() {
            if (ok()) {
                return null;
            }
            if (error != null) {
                return error;
            }
            if (!mismatches.isEmpty()) {
                return mismatches.get(0).toString();
            }
            List<String> why = new ArrayList<>();
            if (universe.isEmpty()) {
                why.add("no model reported any outcome (is " + Outcomes.RECORDER + " defined?)");
            }
            if (!missing().isEmpty()) {
                why.add("outcomes never replayed: " + String.join(" ", missing()));
            }
            if (!unknown().isEmpty()) {
                why.add("replayed outcomes no model reported: " + String.join(" ", unknown()));
            }
            if (!actionsMissing().isEmpty()) {
                why.add("actions not covered: " + String.join(" ", actionsMissing()));
            }
            return String.join("; ", why);
        }

        /** The record for {@code --json} and proofs-log/runs.jsonl. */
        public ObjectNode toJson() {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("spec", spec);
            o.put("result", error != null ? "error" : ok() ? "pass" : "violation");
            o.put("reason", error != null ? error : failure());
            o.put("traces", traces);
            o.put("walks", walks);
            o.put("steps", steps);
            o.put("steps_per_second", Math.round(stepsPerSecond()));
            o.put("actions_covered", actions.size());
            o.put("actions_total", specActions().size());
            o.put("outcomes_covered", outcomes.size() - unknown().size());
            o.put("outcomes_total", universe.size());
            ArrayNode missing = o.putArray("outcomes_missing");
            missing().forEach(missing::add);
            ArrayNode unknown = o.putArray("outcomes_unknown");
            unknown().forEach(unknown::add);
            o.put("mismatches", mismatches.size());
            o.put("graph_states", graphStates);
            o.put("seconds", Math.round(seconds * 10) / 10.0);
            ArrayNode am = o.putArray("actions_missing");
            actionsMissing().forEach(am::add);
            ArrayNode src = o.putArray("outcome_models");
            for (Source s : sources) {
                ObjectNode n = src.addObject();
                n.put("model", s.model());
                n.put("how", s.how());
                n.put("outcomes", s.outcomes().size());
                n.put("seconds", Math.round(s.seconds() * 10) / 10.0);
                n.put("cached", s.cached());
            }
            ArrayNode per = o.putArray("outcomes_by_action");
            for (ActionOutcomes a : byAction()) {
                ObjectNode n = per.addObject();
                n.put("action", a.action());
                n.put("covered", a.covered().size());
                n.put("total", a.covered().size() + a.missing().size());
                ArrayNode m = n.putArray("missing");
                a.missing().forEach(m::add);
            }
            ArrayNode first = o.putArray("first_mismatches");
            mismatches.stream().limit(3).forEach(m -> first.add(m.toString()));
            return o;
        }
    }

    /**
     * The models whose outcomes make up the universe: this spec's models in
     * spec/manifest.json whose role is in {@link #UNIVERSE_ROLES}, when there is a
     * manifest; else the CI model, MCNamespaceUnshare.cfg.
     */
    public static List<Model> universeModels(Path specDir) throws IOException {
        return universeModels(specDir, SPEC);
    }

    /** {@link #universeModels(Path)} for spec {@code name}. */
    public static List<Model> universeModels(Path specDir, String name) throws IOException {
        List<Model> fromManifest = manifestModels(specDir, name, UNIVERSE_ROLES);
        if (fromManifest != null) {
            return fromManifest;
        }
        return List.of(new Model(specDir.resolve("MC" + name + ".tla"), specDir.resolve("MC" + name + ".cfg")));
    }

    /**
     * This spec's models with one of {@code roles} in {@code specDir/manifest.json}
     * ({@link SpecManifest}), or {@code null} when there is no manifest; a manifest
     * that cannot be read is an error naming the file and the place.
     */
    static List<Model> manifestModels(Path specDir, String name, Set<String> roles) throws IOException {
        if (!Files.isRegularFile(specDir.resolve(SpecManifest.FILE))) {
            return null;
        }
        SpecManifest.Spec spec = SpecManifest.read(specDir).spec(name);
        if (spec == null) {
            throw new IOException(specDir.resolve(SpecManifest.FILE) + ": no spec " + name);
        }
        List<Model> out = new ArrayList<>();
        for (SpecManifest.Model m : spec.models()) {
            if (roles.contains(m.role().json())) {
                out.add(new Model(specDir.resolve(m.module()), specDir.resolve(m.config())));
            }
        }
        return out;
    }

    /** Runs the whole refinement check; progress lines go to {@code progress}. */
    public static Result run(Options o, PrintStream progress) throws IOException {
        long t0 = System.nanoTime();
        SpecRefinement spec = SpecRefinement.of(o.spec());
        Path tla = o.specDir().resolve("MC" + o.spec() + ".tla");
        Path graphCfg = roleModel(o.specDir(), o.spec(), "graph", "Graph");
        Path simCfg = roleModel(o.specDir(), o.spec(), "sim", "Sim");
        List<Path> needed = new ArrayList<>(List.of(tla, graphCfg, simCfg));
        o.universe().forEach(m -> needed.addAll(List.of(m.tla(), m.cfg())));
        for (Path p : needed) {
            if (!Files.isRegularFile(p)) {
                throw new IOException("missing " + p);
            }
        }
        TreeSet<String> universe = new TreeSet<>();
        List<Source> sources = new ArrayList<>();
        for (Model m : o.universe()) {
            progress.println("refine: outcomes reachable in " + m.name() + " ...");
            Outcomes.Universe u = Outcomes.universe(TlcRequest.of(m.tla()).withConfig(m.cfg())
                    .withWorkers(o.workers()).withTimeout(o.timeout()), o.cacheDir());
            if (!u.complete()) {
                return failed("outcome universe of " + m.name() + ": " + describe(u.result()), t0, o.spec());
            }
            universe.addAll(u.outcomes());
            sources.add(new Source(m.name(), "exhaustive", u.outcomes(), u.seconds(), u.cached()));
        }
        Path tmp = Files.createTempDirectory("capsid-refine-");
        try {
            progress.println("refine: dumping the state graph of " + graphCfg.getFileName() + " ...");
            Tlc.GraphDump dump = Tlc.dumpGraph(Outcomes.withRecorder(TlcRequest.of(tla).withConfig(graphCfg)
                    .withTimeout(o.timeout()), true, tmp));
            if (dump.result().result() != Outcome.PASS || dump.graph() == null) {
                return failed("graph model: " + describe(dump.result()), t0, o.spec());
            }
            universe.addAll(dump.outcomes());
            sources.add(new Source(graphCfg.getFileName().toString(), "graph", new TreeSet<>(dump.outcomes()),
                    dump.result().seconds(), false));
            GraphWalks.Walks walks = GraphWalks.cover(dump.graph());
            int states = dump.graph().nodes().size();
            dump = null; // the graph is large; the walks keep what they need
            List<capsid.checker.Trace> simTraces = List.of();
            if (o.traces() > 0) {
                progress.println("refine: " + states + " states, " + walks.traces().size() + " walks; simulating "
                        + o.traces() + " traces of " + simCfg.getFileName() + " ...");
                Tlc.Simulation sim = Tlc.simulate(Outcomes.withRecorder(TlcRequest.of(tla).withConfig(simCfg)
                        .withSeed(o.seed()).withTimeout(o.timeout()), true, tmp), o.traces(), o.depth());
                if (sim.result().result() != Outcome.PASS) {
                    return failed("simulation model: " + describe(sim.result()), t0, o.spec());
                }
                universe.addAll(sim.outcomes());
                sources.add(new Source(simCfg.getFileName().toString(), "simulation", new TreeSet<>(sim.outcomes()),
                        sim.result().seconds(), false));
                simTraces = sim.traces();
            }
            // Outcomes of spec actions no kernel call implements (CapabilityDelegation's
            // DestroyObject, until containers arrive) cannot be replayed: said, and left out.
            TreeSet<String> noCall = new TreeSet<>();
            for (String out : universe) {
                if (!spec.actions().contains(out.substring(0, out.indexOf(':') < 0 ? out.length() : out.indexOf(':')))) {
                    noCall.add(out);
                }
            }
            if (!noCall.isEmpty()) {
                universe.removeAll(noCall);
                progress.println("refine: left out of the universe, no kernel call implements their action: "
                        + String.join(" ", noCall));
            }
            progress.println("refine: replaying " + (walks.traces().size() + simTraces.size())
                    + " traces on the kernel ...");
            NamespaceReplayer.Report a = spec.replay(ModelConfig.read(graphCfg).constants(), walks.traces());
            NamespaceReplayer.Report b = spec.replay(ModelConfig.read(simCfg).constants(), simTraces);
            TreeSet<String> actions = new TreeSet<>(a.actions());
            actions.addAll(b.actions());
            TreeSet<String> outcomes = new TreeSet<>(a.outcomes());
            outcomes.addAll(b.outcomes());
            List<NamespaceReplayer.Mismatch> mismatches = new ArrayList<>(a.mismatches());
            b.mismatches().forEach(m -> mismatches.add(new NamespaceReplayer.Mismatch(m.trace() + a.traces(),
                    m.step(), m.action(), m.expected(), m.got(), m.diffs())));
            return new Result(a.traces() + b.traces(), a.steps() + b.steps(), a.seconds() + b.seconds(), actions,
                    outcomes, universe, sources, walks.notWalkable(), states, walks.traces().size(), mismatches,
                    null, (System.nanoTime() - t0) / 1e9, o.spec());
        } finally {
            deleteTree(tmp);
        }
    }

    /** The model of {@code role} in the manifest, else MC&lt;Spec&gt;&lt;suffix&gt;.cfg. */
    private static Path roleModel(Path specDir, String name, String role, String suffix) throws IOException {
        List<Model> m = manifestModels(specDir, name, Set.of(role));
        return m != null && !m.isEmpty() ? m.get(0).cfg() : specDir.resolve("MC" + name + suffix + ".cfg");
    }

    private static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a leftover temp file is not a wrong result
        }
    }

    private static String describe(TlcResult r) {
        return r.result() + (r.reason() == null ? "" : ": " + r.reason())
                + (r.property() == null ? "" : " (" + r.property() + ")");
    }

    private static Result failed(String why, long t0, String spec) {
        return new Result(0, 0, 0, new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), List.of(), new TreeSet<>(), 0,
                0, List.of(), why, (System.nanoTime() - t0) / 1e9, spec);
    }
}

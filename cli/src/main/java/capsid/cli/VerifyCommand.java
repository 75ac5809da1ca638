package capsid.cli;

import capsid.checker.CheckRun;
import capsid.checker.Outcome;
import capsid.checker.ProofsLog;
import capsid.checker.SpecManifest;
import capsid.checker.SpecMutants;
import capsid.checker.Tlc;
import capsid.checker.TlcRequest;
import capsid.checker.TlcResult;
import capsid.gen.KernelProperties;
import capsid.kernel.Kernel;
import capsid.refinement.RefineRun;
import capsid.refinement.SpecLinks;
import capsid.refinement.SpecRefinement;
import capsid.refinement.TraceValidation;
import capsid.refinement.ValidateRun;
import capsid.scenario.Report;
import capsid.scenario.ScenarioRunner;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code capsid verify [--deep]}: the main job (ABI.md section 5). Runs every check
 * the project has and prints one table; exits 0 only when all pass:
 * <ul>
 * <li>the scenario suite (scenarios/*.csc);</li>
 * <li>the kernel's properties over seeded random programs, and determinism;</li>
 * <li>for every spec in spec/manifest.json: TLC on each of its models of role ci and
 *     liveness (with --deep, its deep models too), each compared with the state count
 *     the manifest records; then its spec-mutant suite ({@link SpecMutants}: every
 *     mutant reported by its property); every run is recorded in proofs-log/runs.jsonl;</li>
 * <li>the spec-to-kernel links, refinement (capsid refine), trace validation of
 *     random kernel runs and kernel coverage (capsid coverage with a small budget:
 *     every method carrying {@code @SpecAction} reached), for the specs that have a
 *     refinement mapping;</li>
 * <li>every command of the Alloy models in model/ (one row each: its expectation met),
 *     each recorded as an {@code alloy} record.</li>
 * </ul>
 * A row is {@code pass}, {@code FAIL} or {@code skip}: a row with nothing to check
 * ({@code --programs 0}, {@code --validations 0}, no Alloy model, {@code --no-models})
 * says {@code skip} and why, never {@code pass}; a row that ran zero items where it
 * should have run some (no scenario file, no spec manifest or spec/ unreadable, a
 * refinement that replayed no trace, a validation that validated no event) fails.
 * The summary counts passes, failures and skips.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Run every check (scenario suite, kernel properties, TLC on every spec's CI model, refinement, "
                + "trace validation) and print a table; exit 0 only when all pass.")
public final class VerifyCommand implements Callable<Integer> {

    @Option(names = "--deep", description = "Also the deep models (besides the CI and liveness ones), and ten times "
            + "the random budgets (default: the CI and liveness models only).")
    boolean deep;

    @Option(names = "--programs", paramLabel = "N", description = "Random programs for the kernel properties "
            + "(default: ${DEFAULT-VALUE}).")
    int programs = 2000;

    @Option(names = "--size", paramLabel = "N", description = "Calls per random program (default: ${DEFAULT-VALUE}).")
    int size = 80;

    @Option(names = "--seed", paramLabel = "S", description = "First seed (default: ${DEFAULT-VALUE}).")
    long seed = 0;

    @Option(names = "--scenarios", paramLabel = "DIR",
            description = "Scenario directory (default: scenarios/ in the project root).")
    Path scenarios;

    @Option(names = "--no-models", description = "Skip the model checking, refinement and trace validation rows "
            + "(for quick runs; the result then says so and is not a full verification) (default: run them).")
    boolean noModels;

    @Option(names = "--workers", paramLabel = "N", description = "TLC workers (default: ${DEFAULT-VALUE}); liveness"
            + " models and trace validation always run with one (TLC 2.18 is unsound for liveness with more).")
    int workers = 2;

    @Option(names = "--validations", paramLabel = "N", description = "Random kernel runs to trace-validate "
            + "(default: 20, ten times that with --deep; 0 skips the row).")
    Integer validations;

    @Mixin
    RecordOptions records;

    /** What a row established. */
    enum Status {
        PASS("pass"), FAIL("FAIL"), SKIP("skip");

        final String word;

        Status(String word) {
            this.word = word;
        }
    }

    /**
     * One row of the table: a check, what it established, and the detail (for {@code
     * skip}, the reason nothing was checked).
     */
    record Row(String check, Status status, String detail, double seconds) {
        Row(String check, boolean pass, String detail, double seconds) {
            this(check, pass ? Status.PASS : Status.FAIL, detail, seconds);
        }

        /** A row with nothing to check, and why. */
        static Row skip(String check, String reason) {
            return new Row(check, Status.SKIP, reason, 0);
        }

        /** Not failed: passed or skipped. */
        boolean pass() {
            return status != Status.FAIL;
        }
    }

    private final List<String> failures = new ArrayList<>();

    @Override
    public Integer call() {
        String bad = Opts.first(Opts.atLeast("--programs", programs, 0), Opts.atLeast("--size", size, 1),
                Opts.atLeast("--workers", workers, 1), validations == null ? null
                        : Opts.atLeast("--validations", validations, 0), records.problem());
        if (bad != null) {
            return JsonError.flag("verify", bad, false);
        }
        try (Heartbeat hb = Heartbeat.watch("verify")) {
            return verify();
        }
    }

    private int verify() {
        PrintStream out = System.out;
        int scale = deep ? 10 : 1;
        Path root = Project.root();
        List<Row> rows = new ArrayList<>();
        rows.add(scenarioSuite(scenarios != null ? scenarios : root.resolve("scenarios")));
        rows.add(programs == 0 ? Row.skip("kernel properties", "--programs 0: no program to run")
                : properties(programs * scale));
        rows.add(programs == 0 ? Row.skip("determinism", "--programs 0: no program to run")
                : determinism(Math.max(1, programs * scale / 10)));
        if (noModels) {
            rows.add(Row.skip("models", "--no-models: no TLC, spec mutants, spec links, refinement, trace validation,"
                    + " coverage or Alloy"));
        } else {
            Path spec = root.resolve("spec");
            ProofsLog log = records.open("verify", null, System.err);
            SpecManifest manifest = null;
            try {
                manifest = SpecManifest.read(spec);
            } catch (IOException e) {
                failures.add("spec manifest: " + e.getMessage());
                rows.add(new Row("spec manifest", false, e.getMessage(), 0));
            }
            if (manifest != null) {
                for (String stray : unlisted(spec, manifest)) {
                    failures.add("spec " + stray + ": spec/" + stray + ".tla has models but no entry in spec/"
                            + SpecManifest.FILE + ", so verify would not check it");
                    rows.add(new Row("TLC " + stray, false, "not in spec/" + SpecManifest.FILE, 0));
                }
                Set<SpecManifest.Role> roles = deep
                        ? EnumSet.of(SpecManifest.Role.CI, SpecManifest.Role.LIVENESS, SpecManifest.Role.DEEP)
                        : EnumSet.of(SpecManifest.Role.CI, SpecManifest.Role.LIVENESS);
                for (SpecManifest.Spec s : manifest.specs()) {
                    for (SpecManifest.Model m : s.models(roles)) {
                        rows.add(tlc(s.name(), spec, m, log));
                    }
                    rows.add(specMutants(spec, s, root.resolve("target").resolve("spec-mutants"), log));
                    if (SpecRefinement.of(s.name()) == null
                            && s.models(EnumSet.of(SpecManifest.Role.GRAPH, SpecManifest.Role.SIM)).isEmpty()) {
                        // a spec that claims no refinement (no graph or sim model): said, not hidden
                        String why = "no refinement mapping, and no graph or sim model in the manifest claims one";
                        rows.add(Row.skip("spec links " + s.name(), why));
                        rows.add(Row.skip("refinement " + s.name(), why));
                    } else {
                        rows.add(links(spec, s.name()));
                        rows.add(refine(spec, s.name(), 300 * scale, log));
                    }
                    int runs = validations != null ? validations : 20 * scale;
                    if (!TraceValidation.SPECS.contains(s.name())) {
                        rows.add(Row.skip("trace validation " + s.name(), "no trace validation for this spec (spec/"
                                + "Trace" + s.name() + ".tla and capsid.refinement.TraceValidation)"));
                    } else {
                        rows.add(runs == 0 ? Row.skip("trace validation " + s.name(), "--validations 0: no run "
                                + "to validate") : validate(spec, s.name(), runs, log));
                    }
                    if (s.name().equals(RefineRun.SPEC)) {
                        rows.add(coverage(spec, 20 * scale, scenarios != null ? scenarios : root.resolve("scenarios"),
                                root.resolve("target").resolve("coverage-verify"), log));
                    }
                }
            }
            rows.addAll(alloy(root.resolve("model"), log));
        }
        print(out, rows);
        boolean ok = rows.stream().allMatch(Row::pass);
        if (!failures.isEmpty()) {
            out.println();
            out.println("Failures:");
            failures.forEach(f -> out.println("  " + f.replace("\n", "\n  ")));
        }
        out.println(summary(rows));
        List<String> skipped = rows.stream().filter(r -> r.status() == Status.SKIP)
                .map(r -> r.check() + " (" + r.detail().split(":", 2)[0] + ")").toList();
        out.println(!ok ? "verify: FAILED" : skipped.isEmpty() ? "verify: all checks passed"
                : "verify: all checks passed, " + skipped.size() + " skipped: " + String.join(", ", skipped));
        return ok ? 0 : 1;
    }

    /** {@code verify: N passed, N failed, N skipped}. */
    static String summary(List<Row> rows) {
        long[] n = new long[Status.values().length];
        rows.forEach(r -> n[r.status().ordinal()]++);
        return "verify: " + n[Status.PASS.ordinal()] + " passed, " + n[Status.FAIL.ordinal()] + " failed, "
                + n[Status.SKIP.ordinal()] + " skipped";
    }

    /** The specs in {@code dir} with models (every X.tla with an MCX.tla beside it) that the manifest lacks. */
    static List<String> unlisted(Path dir, SpecManifest manifest) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".tla") && !n.startsWith("MC") && !n.startsWith("Trace"))
                    .map(n -> n.substring(0, n.length() - 4))
                    .filter(n -> Files.exists(dir.resolve("MC" + n + ".tla")) && manifest.spec(n) == null)
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * TLC on one model of the manifest: the row passes when TLC passes and finds the
     * distinct states and depth the manifest records (when it records them).
     * Liveness models run on one worker (TLC 2.18 is unsound for liveness with more).
     */
    private Row tlc(String name, Path spec, SpecManifest.Model m, ProofsLog log) {
        Path cfg = spec.resolve(m.config());
        System.err.println("verify: TLC " + name + " " + m.config() + " ...");
        int w = m.role() == SpecManifest.Role.LIVENESS ? 1 : workers;
        TlcResult r = Tlc.check(TlcRequest.of(spec.resolve(m.module())).withConfig(cfg).withWorkers(w)
                .withCheckDeadlock(true).withTimeout(Duration.ofMinutes(m.role() == SpecManifest.Role.DEEP ? 90 : 20)),
                p -> System.err.println("verify: TLC " + name + " " + m.name() + ": " + CheckRun.progressLine(p)));
        try {
            log.append(r, "verify");
        } catch (IOException e) {
            failures.add("proofs-log: " + e.getMessage());
        }
        workersNote(r);
        boolean pass = r.result() == Outcome.PASS;
        // The distinct-state count must be the recorded one. The depth is shown but not
        // compared: with several workers TLC's search is not level by level, and the depth
        // it reports can differ by a step between runs of the same model.
        String drift = null;
        if (pass && m.distinctStates() != null && !m.distinctStates().equals(r.distinctStates())) {
            drift = "the manifest records " + Num.n(m.distinctStates()) + " distinct states, depth "
                    + m.depth() + "; TLC found " + Num.n(r.distinctStates()) + ", depth " + r.depth()
                    + " (the spec or model changed: update spec/" + SpecManifest.FILE + ")";
            pass = false;
        }
        String detail = m.role().json() + " " + m.config() + ": " + r.result().json()
                + (r.distinctStates() == null ? "" : ", " + Num.n(r.distinctStates()) + " distinct / "
                + Num.n(r.generatedStates()) + " generated, depth " + r.depth())
                + (w != workers ? ", 1 worker" : "")
                + (r.property() == null ? "" : ", broken: " + r.property())
                + (drift == null ? "" : "; " + drift);
        if (!pass) {
            failures.add("TLC " + name + " " + m.config() + ": " + (drift != null ? drift : r.result().json()
                    + (r.reason() == null ? "" : ": " + r.reason()) + (r.property() == null ? "" : " (" + r.property()
                    + ")")));
        }
        return new Row("TLC " + name + " " + m.name(), pass, detail, r.seconds());
    }

    /** The spec's mutant suite (SpecMutants): every mutant caught by its property, nothing without a mutant. */
    private Row specMutants(Path spec, SpecManifest.Spec s, Path cache, ProofsLog log) {
        System.err.println("verify: spec mutants of " + s.name() + " ...");
        long t0 = System.nanoTime();
        try {
            SpecMutants.Report r = SpecMutants.run(spec, s, new SpecMutants.Options(workers, Duration.ofMinutes(5),
                    cache), System.err);
            try {
                log.append("spec-mutants", r.toJson());
            } catch (IOException e) {
                failures.add("proofs-log: " + e.getMessage());
            }
            failures.addAll(r.failures());
            return new Row("spec mutants " + s.name(), r.ok(), r.caught() + "/" + r.outcomes().size()
                    + " caught by their property" + (r.cached() > 0 ? " (" + r.cached() + " cached)" : "")
                    + (r.problems().isEmpty() ? "" : ", " + r.problems().size() + " coverage problems"), secs(t0));
        } catch (IOException e) {
            failures.add("spec mutants " + s.name() + ": " + e.getMessage());
            return new Row("spec mutants " + s.name(), false, e.getMessage(), secs(t0));
        }
    }

    private Row links(Path spec, String name) {
        long t0 = System.nanoTime();
        SpecRefinement refinement = SpecRefinement.of(name);
        if (refinement == null) {
            failures.add("spec links " + name + ": no refinement mapping names its actions (known: "
                    + String.join(", ", SpecRefinement.KNOWN) + ")");
            return new Row("spec links " + name, false, "no refinement mapping names its actions", secs(t0));
        }
        List<String> actions = refinement.actions();
        try {
            List<String> problems = new ArrayList<>(SpecLinks.check(name, Files.readString(spec.resolve(name + ".tla")),
                    actions, SpecLinks.kernelClasses()));
            List<String> twins = Kernel.specCheckNames(name);
            problems.addAll(SpecLinks.checkProperties(name, SpecLinks.models(spec, name), twins,
                    Kernel.specExemptions(name)));
            failures.addAll(problems);
            return new Row("spec links " + name, problems.isEmpty(), actions.size()
                    + " actions, " + twins.size() + " kernel checks of spec properties, "
                    + Kernel.specExemptions(name).size() + " exempt, " + problems.size() + " broken links", secs(t0));
        } catch (IOException e) {
            failures.add("spec links: " + e.getMessage());
            return new Row("spec links " + name, false, e.getMessage(), secs(t0));
        }
    }

    private Row refine(Path spec, String name, int traces, ProofsLog log) {
        System.err.println("verify: refinement of " + name + ", " + traces + " traces ...");
        long t0 = System.nanoTime();
        String row = "refinement " + name;
        if (SpecRefinement.of(name) == null) {
            failures.add(row + ": no refinement mapping (known: " + String.join(", ", SpecRefinement.KNOWN) + ")");
            return new Row(row, false, "no refinement mapping for this spec", secs(t0));
        }
        try {
            RefineRun.Result r = RefineRun.run(new RefineRun.Options(spec, traces, 60, seed + 1,
                    Duration.ofMinutes(20)).forSpec(name).withWorkers(workers)
                    .withCacheDir(RefineCommand.cacheDir(spec.toAbsolutePath().getParent())), System.err);
            log.append("refine", RefineCommand.record(r, seed + 1, 60));
            Row none = r.error() != null ? null : ranNothing(row,
                    Math.min(r.traces(), r.steps()), "replayed " + r.traces() + " traces, " + r.steps() + " steps");
            if (none != null) {
                return none;
            }
            if (!r.ok()) {
                failures.add(row + ": " + r.failure());
            }
            return new Row(row, r.ok(), r.error() != null ? r.error()
                    : Num.n(r.traces()) + " traces (" + Num.n(r.walks()) + " graph walks), " + Num.n(r.steps())
                    + " steps, " + Num.n(r.stepsPerSecond()) + " steps/s, actions " + r.actions().size() + "/"
                    + r.specActions().size() + ", outcomes " + (r.outcomes().size() - r.unknown().size())
                    + "/" + r.universe().size() + (r.missing().isEmpty() ? "" : " (never replayed: "
                    + String.join(" ", r.missing()) + ")") + ", mismatches " + r.mismatches().size(), secs(t0));
        } catch (IOException | IllegalArgumentException e) {
            failures.add(row + ": " + e.getMessage());
            return new Row(row, false, e.getMessage(), secs(t0));
        }
    }

    private Row validate(Path spec, String name, int runs, ProofsLog log) {
        System.err.println("verify: trace validation of " + runs + " runs against " + name + " ...");
        long t0 = System.nanoTime();
        ValidateRun.Result r = ValidateRun.run(runs, 150, seed, spec, 3, name);
        ObjectNode rec = validateRecord(r, seed, name);
        try {
            log.append("validate", rec);
        } catch (IOException e) {
            failures.add("proofs-log: " + e.getMessage());
        }
        failures.addAll(r.rejected().stream().map(x -> name + ": " + x).toList());
        failures.addAll(r.errors().stream().map(x -> name + ": " + x).toList());
        String row = "trace validation " + name;
        Row none = r.ok() ? ranNothing(row, r.events(), r.runs() + " runs, 0 events validated") : null;
        if (none != null) {
            return none;
        }
        return new Row(row, r.ok(), Num.n(r.runs()) + " runs, " + Num.n(r.events())
                + " events and " + Num.n(r.calls()) + " calls (" + Num.n(r.skipped()) + " not modelled, skipped"
                + (r.skippedLogs() == 0 ? "" : "; " + Num.n(r.skippedLogs()) + " runs skipped whole: they change the"
                + " capability derivation tree") + "), "
                + String.format(java.util.Locale.ROOT, "%.2f", r.secondsPerThousandEvents()) + " s per 1,000 events, "
                + r.rejected().size() + " rejected", secs(t0));
    }

    /** The {@code validate} record of a trace-validation run (docs/proofs-log.md). */
    static ObjectNode validateRecord(ValidateRun.Result r, long seed, String spec) {
        ObjectNode rec = new ObjectMapper().createObjectNode();
        rec.put("spec", spec);
        rec.put("result", r.ok() ? "pass" : r.errors().isEmpty() ? "violation" : "error");
        rec.put("runs", r.runs());
        rec.put("events", r.events());
        rec.put("calls", r.calls());
        rec.put("skipped", r.skipped());
        rec.put("skipped_logs", r.skippedLogs());
        rec.put("seconds", Math.round(r.seconds() * 10) / 10.0);
        rec.put("seconds_per_1000_events", Math.round(r.secondsPerThousandEvents() * 100) / 100.0);
        rec.put("rejected", r.rejected().size());
        rec.put("seed", seed);
        return rec;
    }

    /**
     * Kernel coverage under the agent in a child JVM (capsid coverage with a small
     * budget: simulated traces and the scenario suite); fails when a method carrying
     * {@code @SpecAction} is reached by neither.
     */
    private Row coverage(Path spec, int traces, Path scenarioDir, Path out, ProofsLog log) {
        System.err.println("verify: coverage of " + traces + " simulated traces and the scenarios ...");
        long t0 = System.nanoTime();
        try {
            CoverageReport r = CoverageCommand.measure(spec, traces, false, scenarioDir, null, out,
                    Duration.ofMinutes(10));
            ObjectNode rec = CoverageCommand.record(r, traces, secs(t0), null);
            try {
                log.append("coverage", rec);
            } catch (IOException e) {
                failures.add("proofs-log: " + e.getMessage());
            }
            r.unreached.forEach(m -> failures.add("coverage: " + m.key() + " " + m.actions()
                    + " is reached by no workload"));
            if (r.actions.isEmpty()) {
                failures.add("coverage: no method carries @SpecAction");
            }
            return new Row("coverage", r.ok(), Num.n(r.probesReachedAny) + "/" + Num.n(r.probes)
                    + " kernel probes reached; "
                    + r.actions.size() + " spec-action methods, " + r.unreached.size() + " unreached", secs(t0));
        } catch (IOException | IllegalStateException e) {
            failures.add("coverage: " + e.getMessage());
            return new Row("coverage", false, e.getMessage().lines().findFirst().orElse(""), secs(t0));
        }
    }

    /**
     * One {@code alloy} row per command of every model in {@code dir}: pass when its
     * expectation ({@code expect 0} / {@code expect 1}) is met; a model that does not
     * parse fails one row naming FILE:LINE:COL; no model in {@code dir} skips.
     */
    private List<Row> alloy(Path dir, ProofsLog log) {
        List<Path> models;
        try {
            models = AlloyCommand.modelsIn(dir);
        } catch (IOException e) {
            failures.add("alloy models: cannot list " + dir + ": " + e);
            return List.of(new Row("alloy models", false, "cannot list " + dir + ": " + e, 0));
        }
        if (models.isEmpty()) {
            return List.of(Row.skip("alloy models", "no Alloy model in " + dir));
        }
        List<Row> rows = new ArrayList<>();
        for (Path f : models) {
            System.err.println("verify: Alloy " + f.getFileName() + " ...");
            AlloyCommand.ModelRun r = AlloyCommand.run(f, Project.root(), log, System.err);
            rows.addAll(alloyRows(r, failures));
        }
        return rows;
    }

    /** The rows of one model's run; each missed expectation or model error also goes to {@code failures}. */
    static List<Row> alloyRows(AlloyCommand.ModelRun r, List<String> failures) {
        String model = r.model().getFileName().toString().replaceAll("\\.als$", "");
        List<Row> rows = new ArrayList<>();
        for (capsid.checker.alloy.AlloyCheck c : r.checks()) {
            boolean ok = c.expectationMet();
            if (!ok) {
                failures.add("alloy " + model + " " + c.name() + ": " + c.expectation() + ", but found "
                        + c.found() + " (" + c.scope() + ")");
            }
            rows.add(new Row("alloy " + model + " " + c.name(), ok, (c.check() ? "check" : "run") + ", "
                    + c.expectation() + ": " + c.found() + ", " + c.scope(), c.seconds()));
        }
        if (r.error() != null) {
            failures.add("alloy " + model + ": " + r.error().getMessage());
            rows.add(new Row("alloy " + model, false, r.error().getMessage(), 0));
        }
        return rows;
    }

    private Row scenarioSuite(Path dir) {
        long t0 = System.nanoTime();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".csc")).sorted().toList();
        } catch (IOException e) {
            failures.add("scenarios: cannot list " + dir + ": " + e.getMessage());
            return new Row("scenario suite", false, "cannot list " + dir, secs(t0));
        }
        int passed = 0;
        int failed = 0;
        int badFiles = 0;
        for (Path f : files) {
            Report r = ScenarioRunner.run(f);
            passed += r.passed();
            failed += r.failed();
            if (!r.ok()) {
                badFiles++;
                failures.add("scenario " + f + ":\n" + r.text().lines()
                        .filter(l -> l.startsWith("not ok")).limit(10).reduce((a, b) -> a + "\n" + b).orElse(""));
            }
        }
        boolean ok = failed == 0 && !files.isEmpty();
        if (files.isEmpty()) {
            failures.add("scenarios: no *.csc file in " + dir);
        }
        return new Row("scenario suite", ok, Num.n(files.size()) + " files, " + Num.n(passed) + " steps passed, "
                + Num.n(failed)
                + " failed" + (badFiles > 0 ? " (" + badFiles + " files)" : ""), secs(t0));
    }

    private Row properties(int n) {
        long t0 = System.nanoTime();
        long calls = 0;
        int bad = 0;
        for (long s = seed; s < seed + n; s++) {
            KernelProperties.Run run = KernelProperties.run(s, size);
            calls += run.program().size();
            if (run.failure() != null) {
                bad++;
                if (bad <= 3) {
                    failures.add(run.failure() + "\n" + KernelProperties.describe(run.failure().program()));
                }
            }
        }
        return new Row("kernel properties", bad == 0, Num.n(n) + " programs, " + Num.n(calls) + " calls; " + bad
                + " failed (" + String.join(", ", KernelProperties.NAMES.subList(0, 3)) + ", InvariantsHold: "
                + Kernel.invariantNames().size() + " invariants, " + Kernel.stepCheckNames().size()
                + " step checks)", secs(t0));
    }

    private Row determinism(int n) {
        long t0 = System.nanoTime();
        int bad = 0;
        for (long s = seed; s < seed + n; s++) {
            KernelProperties.Failure f = KernelProperties.deterministic(s, size);
            if (f != null) {
                bad++;
                if (bad <= 3) {
                    failures.add(f.toString());
                }
            }
        }
        return new Row("determinism", bad == 0, Num.n(n) + " programs run twice and replayed; " + bad + " differ",
                secs(t0));
    }

    /**
     * The FAIL row of a check that should have run some items and ran {@code items}
     * = 0 (nothing replayed is nothing checked: such a row must not say pass), or
     * null when it ran some.
     */
    Row ranNothing(String check, long items, String what) {
        if (items > 0) {
            return null;
        }
        failures.add(check + ": " + what);
        return new Row(check, false, what + ": nothing was checked", 0);
    }

    /** Says so on stderr when TLC ran with fewer workers than asked (liveness, trace validation). */
    static void workersNote(TlcResult r) {
        r.warnings().stream().filter(w -> w.startsWith("workers: "))
                .forEach(w -> System.err.println("verify: note: " + r.model() + ": " + w));
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static void print(PrintStream out, List<Row> rows) {
        int w = Math.max(5, rows.stream().mapToInt(r -> r.check().length()).max().orElse(5));
        String fmt = "%-" + w + "s  %-6s  %8s  %s%n";
        out.printf(fmt, "check", "result", "seconds", "detail");
        out.printf(fmt, "-".repeat(w), "------", "--------", "------");
        for (Row r : rows) {
            out.printf(fmt, r.check(), r.status().word, String.format("%.1f", r.seconds()), r.detail());
        }
    }
}

package capsid.cli;

import capsid.checker.Outcome;
import capsid.checker.ProofsLog;
import capsid.checker.Tlc;
import capsid.checker.TlcRequest;
import capsid.checker.TlcResult;
import capsid.gen.KernelProperties;
import capsid.refinement.NamespaceReplayer;
import capsid.refinement.RefineRun;
import capsid.refinement.SpecLinks;
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
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code capsid verify [--deep]}: the main job (ABI.md section 5). Runs every check
 * the project has and prints one table; exits 0 only when all pass:
 * <ul>
 * <li>the scenario suite (scenarios/*.csc);</li>
 * <li>the kernel's properties over seeded random programs, and determinism;</li>
 * <li>for every spec in spec/ with a CI model (MC&lt;Spec&gt;.cfg; with --deep the
 *     deep model, MC&lt;Spec&gt;Deep.cfg): TLC on it, and on its liveness model
 *     (MC&lt;Spec&gt;Liveness.cfg) when there is one; every run is recorded in
 *     proofs-log/runs.jsonl;</li>
 * <li>the spec-to-kernel links, refinement (capsid refine), trace validation of
 *     random kernel runs and kernel coverage (capsid coverage with a small budget:
 *     every method carrying {@code @SpecAction} reached), for the specs that have a
 *     refinement mapping;</li>
 * <li>the Alloy models in model/ (none yet: a model there without an Alloy runner
 *     fails the row).</li>
 * </ul>
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Run every check (scenario suite, kernel properties, TLC on every spec's CI model, refinement, "
                + "trace validation) and print a table; exit 0 only when all pass.")
public final class VerifyCommand implements Callable<Integer> {

    @Option(names = "--deep", description = "The deep models and ten times the random budgets.")
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
            + "(for quick runs; the result then says so and is not a full verification).")
    boolean noModels;

    @Option(names = "--workers", paramLabel = "N", description = "TLC workers (default: ${DEFAULT-VALUE}).")
    int workers = 2;

    /** One row of the table. */
    record Row(String check, boolean pass, String detail, double seconds) {
    }

    private final List<String> failures = new ArrayList<>();

    @Override
    public Integer call() {
        PrintStream out = System.out;
        if (programs < 0 || size < 1 || workers < 1) {
            System.err.println("capsid verify: --programs must be >= 0, --size >= 1, --workers >= 1");
            return 2;
        }
        int scale = deep ? 10 : 1;
        Path root = Project.root();
        List<Row> rows = new ArrayList<>();
        rows.add(scenarioSuite(scenarios != null ? scenarios : root.resolve("scenarios")));
        rows.add(properties(programs * scale));
        rows.add(determinism(Math.max(1, programs * scale / 10)));
        if (!noModels) {
            Path spec = root.resolve("spec");
            ProofsLog log = new ProofsLog(root.resolve("proofs-log"));
            for (String name : specs(spec)) {
                Path cfg = spec.resolve("MC" + name + (deep ? "Deep" : "") + ".cfg");
                if (!Files.exists(cfg)) {
                    rows.add(new Row("TLC " + name, false, "no model " + cfg.getFileName(), 0));
                    failures.add("spec " + name + ": missing " + cfg);
                    continue;
                }
                rows.add(tlc(name, spec, cfg, deep ? "deep model" : "CI model", log));
                Path live = spec.resolve("MC" + name + "Liveness.cfg");
                if (Files.exists(live)) {
                    rows.add(tlc(name, spec, live, "liveness", log));
                }
                if (name.equals(RefineRun.SPEC)) {
                    rows.add(links(spec, name));
                    rows.add(refine(spec, 300 * scale, log));
                    rows.add(validate(spec, 20 * scale, log));
                    rows.add(coverage(spec, 20 * scale, scenarios != null ? scenarios : root.resolve("scenarios"),
                            root.resolve("target").resolve("coverage-verify"), log));
                }
            }
            rows.add(alloy(root.resolve("model")));
        }
        print(out, rows);
        boolean ok = rows.stream().allMatch(Row::pass);
        if (!failures.isEmpty()) {
            out.println();
            out.println("Failures:");
            failures.forEach(f -> out.println("  " + f.replace("\n", "\n  ")));
        }
        out.println(!ok ? "verify: FAILED" : noModels ? "verify: all checks passed (models skipped: --no-models)"
                : "verify: all checks passed");
        return ok ? 0 : 1;
    }

    /** The specs in {@code dir}: every X.tla with an MCX.tla beside it. */
    static List<String> specs(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".tla") && !n.startsWith("MC") && !n.startsWith("Trace"))
                    .map(n -> n.substring(0, n.length() - 4))
                    .filter(n -> Files.exists(dir.resolve("MC" + n + ".tla"))).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private Row tlc(String name, Path spec, Path cfg, String what, ProofsLog log) {
        System.err.println("verify: TLC " + name + " " + cfg.getFileName() + " ...");
        TlcResult r = Tlc.check(TlcRequest.of(spec.resolve("MC" + name + ".tla")).withConfig(cfg).withWorkers(workers)
                .withCheckDeadlock(true).withTimeout(Duration.ofMinutes(deep ? 90 : 20)));
        try {
            log.append(r, "verify");
        } catch (IOException e) {
            failures.add("proofs-log: " + e.getMessage());
        }
        boolean pass = r.result() == Outcome.PASS;
        String detail = what + " " + cfg.getFileName() + ": " + r.result().json()
                + (r.distinctStates() == null ? "" : ", " + String.format("%,d", r.distinctStates()) + " distinct / "
                + String.format("%,d", r.generatedStates()) + " generated, depth " + r.depth())
                + (r.property() == null ? "" : ", broken: " + r.property());
        if (!pass) {
            failures.add("TLC " + name + " " + cfg.getFileName() + ": " + r.result().json()
                    + (r.reason() == null ? "" : ": " + r.reason()) + (r.property() == null ? "" : " (" + r.property()
                    + ")"));
        }
        return new Row("TLC " + name + (what.equals("liveness") ? " liveness" : ""), pass, detail, r.seconds());
    }

    private Row links(Path spec, String name) {
        long t0 = System.nanoTime();
        try {
            List<String> problems = SpecLinks.check(name, Files.readString(spec.resolve(name + ".tla")),
                    NamespaceReplayer.ACTIONS, SpecLinks.kernelClasses());
            failures.addAll(problems);
            return new Row("spec links " + name, problems.isEmpty(), NamespaceReplayer.ACTIONS.size()
                    + " actions, " + problems.size() + " broken links", secs(t0));
        } catch (IOException e) {
            failures.add("spec links: " + e.getMessage());
            return new Row("spec links " + name, false, e.getMessage(), secs(t0));
        }
    }

    private Row refine(Path spec, int traces, ProofsLog log) {
        System.err.println("verify: refinement " + traces + " traces ...");
        long t0 = System.nanoTime();
        try {
            RefineRun.Result r = RefineRun.run(new RefineRun.Options(spec, traces, 60, seed + 1,
                    Duration.ofMinutes(20)).withWorkers(workers)
                    .withCacheDir(RefineCommand.cacheDir(spec.toAbsolutePath().getParent())), System.err);
            log.append("refine", r.toJson());
            if (!r.ok()) {
                failures.add("refinement: " + r.failure());
            }
            return new Row("refinement " + RefineRun.SPEC, r.ok(), r.error() != null ? r.error()
                    : r.traces() + " traces (" + r.walks() + " graph walks), " + r.steps() + " steps, "
                    + String.format("%,.0f", r.stepsPerSecond()) + " steps/s, actions " + r.actions().size() + "/"
                    + NamespaceReplayer.ACTIONS.size() + ", outcomes " + (r.outcomes().size() - r.unknown().size())
                    + "/" + r.universe().size() + (r.missing().isEmpty() ? "" : " (never replayed: "
                    + String.join(" ", r.missing()) + ")") + ", mismatches " + r.mismatches().size(), secs(t0));
        } catch (IOException | IllegalArgumentException e) {
            failures.add("refinement: " + e.getMessage());
            return new Row("refinement " + RefineRun.SPEC, false, e.getMessage(), secs(t0));
        }
    }

    private Row validate(Path spec, int runs, ProofsLog log) {
        System.err.println("verify: trace validation of " + runs + " runs ...");
        long t0 = System.nanoTime();
        ValidateRun.Result r = ValidateRun.run(runs, 150, seed, spec, 3);
        ObjectNode rec = new ObjectMapper().createObjectNode();
        rec.put("spec", RefineRun.SPEC);
        rec.put("result", r.ok() ? "pass" : r.errors().isEmpty() ? "violation" : "error");
        rec.put("runs", r.runs());
        rec.put("events", r.events());
        rec.put("seconds", Math.round(r.seconds() * 10) / 10.0);
        rec.put("seconds_per_1000_events", Math.round(r.secondsPerThousandEvents() * 100) / 100.0);
        rec.put("rejected", r.rejected().size());
        try {
            log.append("validate", rec);
        } catch (IOException e) {
            failures.add("proofs-log: " + e.getMessage());
        }
        failures.addAll(r.rejected());
        failures.addAll(r.errors());
        return new Row("trace validation " + RefineRun.SPEC, r.ok(), r.runs() + " runs, " + r.events()
                + " events, " + String.format("%.2f", r.secondsPerThousandEvents()) + " s per 1,000 events, "
                + r.rejected().size() + " rejected", secs(t0));
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
            ObjectNode rec = r.toJson();
            rec.put("traces", traces);
            rec.put("seconds", Math.round(secs(t0) * 10) / 10.0);
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
            return new Row("coverage", r.ok(), r.probesReachedAny + "/" + r.probes + " kernel probes reached; "
                    + r.actions.size() + " spec-action methods, " + r.unreached.size() + " unreached", secs(t0));
        } catch (IOException | IllegalStateException e) {
            failures.add("coverage: " + e.getMessage());
            return new Row("coverage", false, e.getMessage().lines().findFirst().orElse(""), secs(t0));
        }
    }

    private Row alloy(Path dir) {
        long t0 = System.nanoTime();
        List<Path> models;
        try (Stream<Path> s = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
            models = s.filter(p -> p.toString().endsWith(".als")).toList();
        } catch (IOException e) {
            models = List.of();
        }
        if (!models.isEmpty()) {
            failures.add("model/ holds " + models.size() + " Alloy model(s) but capsid has no Alloy runner yet");
        }
        return new Row("alloy models", models.isEmpty(), models.isEmpty() ? "none yet (model/ is empty)"
                : models.size() + " models, no runner", secs(t0));
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
        return new Row("scenario suite", ok, files.size() + " files, " + passed + " steps passed, " + failed
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
        return new Row("kernel properties", bad == 0, n + " programs, " + calls + " calls; " + bad
                + " failed (" + String.join(", ", KernelProperties.NAMES.subList(0, 4)) + ")", secs(t0));
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
        return new Row("determinism", bad == 0, n + " programs run twice and replayed; " + bad + " differ",
                secs(t0));
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
            out.printf(fmt, r.check(), r.pass() ? "pass" : "FAIL", String.format("%.1f", r.seconds()), r.detail());
        }
    }
}

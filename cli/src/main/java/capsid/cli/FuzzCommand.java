package capsid.cli;

import capsid.checker.ProofsLog;
import capsid.coverage.ProbeInfo;
import capsid.coverage.ProbeMap;
import capsid.coverage.Probes;
import capsid.gen.fuzz.Campaign;
import capsid.gen.fuzz.FallbackFeedback;
import capsid.gen.fuzz.Feedback;
import capsid.kernel.Kernel;
import capsid.refinement.AbstractionCheck;
import capsid.refinement.CorpusValidation;
import capsid.refinement.RefineRun;
import capsid.refinement.alloy.AlloyStepCheck;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code capsid fuzz}: a coverage-guided property campaign (docs/fuzzing.md).
 * The parent starts {@code --jobs} child JVMs ({@code java} from {@code
 * java.home}, {@code -cp} the jar the CLI runs from, and the same jar as the
 * coverage agent unless {@code --no-agent}) that share the corpus directory; a job
 * under the agent is guided by kernel branches ({@link ProbesFeedback}), one
 * without by call features ({@code FallbackFeedback}); each child ({@code
 * --worker}) prints one JSON status line every few seconds and a final one, which
 * the parent sums.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = "Coverage-guided property fuzzing of the kernel; failures shrink to scenario scripts. "
                + "Exit 0 no failure, 1 a failure, 2 an error (a directory that cannot be written included).")
public final class FuzzCommand implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "60", paramLabel = "T",
            description = "How long each job runs (default: ${DEFAULT-VALUE}).")
    long seconds;
    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Seed of the first job; job j uses S+j (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--corpus", paramLabel = "DIR", description = "Corpus directory the jobs share, created when "
            + "missing (default: proofs-log/corpus/, not committed).")
    Path corpus;
    @Option(names = "--jobs", defaultValue = "1", paramLabel = "N",
            description = "Child JVMs fuzzing at once (default: ${DEFAULT-VALUE}).")
    int jobs;
    @Option(names = "--out", paramLabel = "DIR", description = "Where shrunk failures go as .csc scripts, created "
            + "when missing (default: proofs-log/failures/).")
    Path out;
    @Option(names = "--blind", description = "Fresh random programs only, no corpus (default: guided by coverage).")
    boolean blind;
    @Option(names = "--json", description = "Print the summary record as one JSON object on the last stdout line "
            + "(default: status lines and a readable summary).")
    boolean json;
    @Option(names = "--no-agent", description = "Run the jobs without the coverage agent, guided by call features"
            + " instead of kernel branches (default: under the agent).")
    boolean noAgent;
    @Option(names = "--execs", defaultValue = "0", paramLabel = "N", description = "Stop each job after this many"
            + " programs; 0: run for --seconds (default: ${DEFAULT-VALUE}).")
    long execsLimit;
    @Option(names = "--figures", description = "Measure instead of hunting: the same blind campaign with and"
            + " without the agent (execs/s), and guided against blind (edges after --execs programs, default"
            + " 200,000) (default: hunt).")
    boolean figures;
    @Option(names = "--pairs", defaultValue = "3", paramLabel = "N",
            description = "With --figures: alternated runs per side (default: ${DEFAULT-VALUE}).")
    int pairs;
    @Option(names = "--validate", defaultValue = "10", paramLabel = "N", description = "After the campaign, validate"
            + " this many corpus entries against the spec with TLC (trace validation; 0: none) (default: "
            + "${DEFAULT-VALUE}).")
    int validate;
    @Option(names = "--worker", hidden = true) boolean worker;
    /**
     * Worker only, blind only: no coverage feedback at all (edges stay 0), so that
     * the figures' side without the agent measures the campaign alone, not another
     * kind of feedback.
     */
    @Option(names = "--no-feedback", hidden = true) boolean noFeedback;
    /** Worker only: at the end, write the loaded kernel probes this job never reached (stable ids), one a line. */
    @Option(names = "--unreached-to", hidden = true) Path unreachedTo;
    @Option(names = "--refine-every", defaultValue = "1", paramLabel = "K",
            description = "Check the namespace abstraction after every K-th step; 0: never (default: "
                    + "${DEFAULT-VALUE}).")
    int refineEvery;
    @Option(names = "--alloy-share", defaultValue = "3", paramLabel = "PERCENT",
            description = "Sample kernel states into the Alloy kernel-instance check (model/CapabilityConfinement.als,"
                    + " one solver run each) for at most this share of each job's time; 0: never (default: "
                    + "${DEFAULT-VALUE}).")
    double alloyShare;
    @Option(names = "--progress", defaultValue = "3", paramLabel = "SECONDS",
            description = "Seconds between status lines (default: ${DEFAULT-VALUE}).")
    long progressSeconds;
    @Mixin
    RecordOptions records;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        String bad = Opts.first(Opts.atLeast("--seconds", seconds, 1), Opts.atLeast("--jobs", jobs, 1),
                Opts.atLeast("--execs", execsLimit, 0), Opts.atLeast("--pairs", pairs, 1),
                Opts.atLeast("--validate", validate, 0), Opts.atLeast("--refine-every", refineEvery, 0),
                Opts.atLeast("--progress", progressSeconds, 1),
                alloyShare >= 0 && alloyShare <= 100 ? null : "--alloy-share " + alloyShare
                        + ": a percentage, 0 to 100",
                Opts.needs(noFeedback && !blind, "--no-feedback", "--blind", "guidance is feedback"),
                records.problem());
        if (bad != null) {
            return JsonError.flag("fuzz", bad, json);
        }
        Path root = Project.root();
        Path corpusDir = corpus != null ? corpus : root.resolve("proofs-log/corpus");
        Path outDir = out != null ? out : root.resolve("proofs-log/failures");
        String dirs = Opts.first(writableDirectory("--corpus", corpusDir), writableDirectory("--out", outDir));
        if (dirs != null) {
            return JsonError.flag("fuzz", dirs, json);
        }
        if (worker) {
            return work(corpusDir, outDir);
        }
        if (alloyShare > 0 && !Files.isRegularFile(root.resolve("model/CapabilityConfinement.als"))) {
            System.err.println("fuzz: no model/CapabilityConfinement.als under " + root
                    + ": the Alloy kernel-instance check is off");
            alloyShare = 0;
        }
        ProofsLog log = records.open("fuzz", null, System.err);
        try (Heartbeat hb = Heartbeat.watch("fuzz")) {
            return figures ? FuzzFigures.run(this, root, log) : parent(root, corpusDir, outDir, log);
        }
    }

    /**
     * Why {@code dir} cannot take the campaign's files ({@code FLAG DIR: not a
     * directory}, {@code ...: not writable}), or {@code null}; a missing directory is
     * created (with its parents).
     */
    static String writableDirectory(String flag, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            return flag + " " + dir + ": not a directory";
        }
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".capsid-write-check-", ".tmp");
            Files.delete(probe);
            return null;
        } catch (IOException | SecurityException e) {
            return flag + " " + dir + ": not writable (" + e.getMessage() + ")";
        }
    }

    private int work(Path corpusDir, Path outDir) throws Exception {
        Feedback fb;
        if (noFeedback) {
            fb = new Feedback() {
                public void reset() {
                }

                public int collectNew() {
                    return 0;
                }

                public int edges() {
                    return 0;
                }
            };
        } else if (Probes.installed()) {
            CoverageWorker.initialiseKernel(); // one thread, before the campaign (see there)
            fb = new ProbesFeedback();
        } else {
            fb = new FallbackFeedback();
        }
        Repeats messages = new Repeats("job " + seed + ": ", System.err);
        List<capsid.gen.fuzz.StepCheck> checks = new ArrayList<>(List.of(new AbstractionCheck(refineEvery)));
        AlloyStepCheck alloy = null;
        if (alloyShare > 0) {
            Path model = Project.root().resolve("model/CapabilityConfinement.als");
            if (!Files.isRegularFile(model)) {
                System.err.println("fuzz: --alloy-share " + alloyShare + ": no model at " + model);
                return 2;
            }
            Path scratch = Files.createTempDirectory("capsid-fuzz-alloy-");
            scratch.toFile().deleteOnExit();
            alloy = AlloyStepCheck.sampling(model, scratch, alloyShare / 100, seed);
            checks.add(alloy);
        }
        Campaign c = new Campaign(Campaign.Options.defaults(seed).withBlind(blind).withDirs(corpusDir, outDir),
                Kernel::syscall, checks, fb, messages);
        c.rescan();
        long end = System.currentTimeMillis() + seconds * 1000;
        long every = Math.min(2000, progressSeconds * 1000);
        long nextReport = System.currentTimeMillis() + every;
        long t0 = System.nanoTime();
        long[] lastEdge = {c.edges(), t0};
        boolean going = true;
        while (going && (execsLimit > 0 ? c.execs() < execsLimit : System.currentTimeMillis() < end)) {
            going = c.runFor(execsLimit > 0 ? Math.min(200, execsLimit - c.execs()) : 200);
            if (c.edges() > lastEdge[0]) {
                lastEdge[0] = c.edges();
                lastEdge[1] = System.nanoTime();
            }
            if (System.currentTimeMillis() >= nextReport) {
                System.out.println(status(c, alloy, t0, lastEdge[1], false));
                System.out.flush();
                nextReport += every;
            }
        }
        messages.close();
        System.out.println(status(c, alloy, t0, lastEdge[1], true).put("feedback", fb.getClass().getSimpleName()));
        if (unreachedTo != null && fb instanceof ProbesFeedback pf) {
            ProbeMap map = Probes.map();
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < map.size(); i++) {
                if (!pf.reached(i)) {
                    ProbeInfo p = map.get(i);
                    sb.append(p.id()).append(' ').append(p.kind()).append(" line ").append(p.line()).append('\n');
                }
            }
            Files.writeString(unreachedTo, sb);
        }
        return c.writeErrors() > 0 ? 2 : c.found().isEmpty() ? 0 : 1;
    }

    /** A job: this jar's fuzz worker in a child JVM, with or without the coverage agent. */
    ChildJvm workerJvm(boolean agent, Path corpusDir, Path outDir, long jobSeed, boolean jobBlind) {
        // one thread allocating fast: the serial collector costs a job less than G1's barriers and
        // threads (about 1.3x more programs/s here), and keeps "per core" a per-process figure
        ChildJvm jvm = new ChildJvm(Main.class.getName()).withAgent(agent).jvmArgs("-XX:+UseSerialGC").args("fuzz",
                "--worker", "--seed",
                Long.toString(jobSeed), "--seconds", Long.toString(seconds), "--execs", Long.toString(execsLimit),
                "--corpus", corpusDir.toString(), "--out", outDir.toString(), "--refine-every",
                Integer.toString(refineEvery), "--alloy-share", Double.toString(alloyShare));
        if (jobBlind) {
            jvm.args("--blind");
        }
        return jvm;
    }

    /**
     * A job's status line (JSON; the parent sums them): programs run ({@code execs},
     * adopted re-runs included, and {@code programs} without), calls, edges reached
     * and the probes instrumented so far ({@code probes}, null without the agent),
     * seconds since the job's start at its last new edge, corpus size, failures,
     * files that could not be written, and the kernel states the Alloy check solved
     * and its seconds (0 when it is off).
     */
    private static ObjectNode status(Campaign c, AlloyStepCheck alloy, long t0, long lastEdgeNanos, boolean done) {
        ObjectNode o = JSON.createObjectNode();
        long now = System.nanoTime();
        o.put("execs", c.execs()).put("programs", c.programs()).put("calls", c.calls()).put("edges", c.edges())
                .put("probes", Probes.installed() ? (Integer) Probes.count() : null).put("corpus", c.corpusSize())
                .put("failures", c.found().size()).put("write_errors", c.writeErrors())
                .put("seconds", (now - t0) / 1e9).put("last_new_edge_seconds_ago", (now - lastEdgeNanos) / 1e9)
                .put("alloy_states", alloy == null ? 0 : alloy.states())
                .put("alloy_seconds", alloy == null ? 0 : alloy.seconds())
                .put("done", done);
        List<String> files = new ArrayList<>();
        c.found().forEach(f -> files.add(f.file() == null ? "" : f.file().toString()));
        o.putPOJO("failure_files", files);
        return o;
    }

    private int parent(Path root, Path corpusDir, Path outDir, ProofsLog log) throws Exception {
        List<Process> procs = new ArrayList<>();
        List<BufferedReader> readers = new ArrayList<>();
        for (int j = 0; j < jobs; j++) {
            List<String> cmd = workerJvm(!noAgent, corpusDir, outDir, seed + j, blind).command();
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            procs.add(p);
            readers.add(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
        }
        ObjectNode[] last = new ObjectNode[jobs];
        List<Thread> threads = new ArrayList<>();
        for (int j = 0; j < jobs; j++) {
            int idx = j;
            Thread t = new Thread(() -> {
                try {
                    for (String line; (line = readers.get(idx).readLine()) != null; ) {
                        try {
                            ObjectNode o = (ObjectNode) JSON.readTree(line);
                            synchronized (last) {
                                last[idx] = o;
                            }
                        } catch (IOException | ClassCastException e) {
                            System.err.println("fuzz: job " + idx + " printed a line that is no status: " + line);
                        }
                    }
                } catch (IOException e) {
                    System.err.println("fuzz: job " + idx + ": " + e.getMessage());
                }
            });
            t.start();
            threads.add(t);
        }
        long t0 = System.nanoTime();
        long[] lastEdge = {0, t0};
        while (procs.stream().anyMatch(Process::isAlive)) {
            Thread.sleep(progressSeconds * 1000);
            Totals now;
            synchronized (last) {
                now = Totals.of(last);
            }
            if (now.edges() > lastEdge[0]) {
                lastEdge[0] = now.edges();
                lastEdge[1] = System.nanoTime();
            }
            if (!json) {
                System.out.println("fuzz: " + statusLine(now, !noAgent, (System.nanoTime() - t0) / 1e9,
                        (System.nanoTime() - lastEdge[1]) / 1e9));
            }
        }
        for (Thread t : threads) {
            t.join();
        }
        List<String> jobErrors = new ArrayList<>();
        for (int j = 0; j < jobs; j++) {
            int code = procs.get(j).exitValue();
            if (code != 0 && code != 1) {
                jobErrors.add("job " + (seed + j) + " exited " + code
                        + (code == 2 ? " (it could not write its files; its message is above)" : ""));
            }
        }
        Totals t = Totals.of(last);
        if (t.edges() > lastEdge[0]) {
            lastEdge[1] = System.nanoTime();
        }
        long failures = t.failures();
        String feedbackKind = "";
        List<String> files = new ArrayList<>();
        long alloyStates = 0;
        double alloySeconds = 0;
        for (ObjectNode o : last) {
            if (o != null) {
                alloyStates += o.path("alloy_states").asLong();
                alloySeconds += o.path("alloy_seconds").asDouble();
                o.get("failure_files").forEach(n -> files.add(n.asText()));
                feedbackKind = o.path("feedback").asText(feedbackKind);
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        double sinceEdge = (System.nanoTime() - lastEdge[1]) / 1e9;
        CorpusValidation.Result validation = null;
        Path specDir = root.resolve("spec");
        if (validate > 0 && jobErrors.isEmpty() && Files.isDirectory(corpusDir)
                && Files.isRegularFile(specDir.resolve("NamespaceUnshare.tla"))) {
            System.err.printf("fuzz: validating %d corpus entries against spec/NamespaceUnshare.tla ...%n", validate);
            validation = CorpusValidation.validate(corpusDir, validate, specDir, Duration.ofMinutes(5));
            failures += validation.rejected().size() + validation.errors().size();
            files.addAll(validation.rejected());
            files.addAll(validation.errors());
        }
        String result = !jobErrors.isEmpty() ? "error" : failures > 0 ? "violation" : "pass";
        ObjectNode rec = JSON.createObjectNode();
        rec.put("result", result).put("reason", jobErrors.isEmpty() ? null : String.join("; ", jobErrors));
        rec.put("jobs", jobs).put("seconds", secs).put("seed", seed).put("blind", blind).put("execs", t.execs())
                .put("programs", t.programs()).put("execs_per_second", t.execs() / secs).put("edges", t.edges())
                .put("probes", t.probes() < 0 ? null : (Long) t.probes()).put("last_new_edge_seconds_ago", sinceEdge)
                .put("corpus", t.corpus()).put("failures", failures).put("write_errors", t.writeErrors())
                .put("feedback", feedbackKind);
        rec.put("alloy_share", alloyShare / 100).put("alloy_states", alloyStates).put("alloy_seconds", alloySeconds)
                .put("alloy_states_per_second", alloySeconds > 0 ? (Double) (alloyStates / alloySeconds) : null);
        rec.putPOJO("failure_files", files);
        rec.put("validated", validation == null ? null : (Integer) validation.validated())
                .put("validation_projected", validation == null ? null : (Integer) validation.projected())
                .put("validation_events", validation == null ? null : (Long) validation.events())
                .put("validation_skipped_logs", validation == null ? null : (Integer) validation.skippedLogs())
                .put("validation_seconds", validation == null ? null : (Double) validation.seconds())
                .put("validation_rejected", validation == null ? null
                        : (Integer) (validation.rejected().size() + validation.errors().size()));
        try {
            rec = log.append("fuzz", rec.deepCopy()).record();
        } catch (IOException | RuntimeException e) {
            System.err.println("capsid fuzz: cannot append to " + log.file() + ": " + e.getMessage());
        }
        if (json) {
            System.out.println(rec);
        } else {
            System.out.println("fuzz: done: " + statusLine(t, !noAgent, secs, sinceEdge));
            if (validation != null) {
                System.out.printf(Locale.ROOT, "fuzz: trace validation of %s corpus entries (%s events; %s projected"
                                + " to the spec; %s %s): %s rejected, %.1f s%n",
                        Num.n(validation.validated()), Num.n(validation.events()), Num.n(validation.projected()),
                        Num.n(validation.skippedLogs()), "validated against CapabilityDelegation instead: they change"
                                + " the capability derivation tree, which " + RefineRun.SPEC + " does not model",
                        Num.n(validation.rejected().size() + validation.errors().size()), validation.seconds());
            }
            System.out.println("fuzz: " + alloyLine(alloyShare, alloyStates, alloySeconds, secs * jobs));
            files.forEach(f -> System.out.println("  failure: " + f));
            jobErrors.forEach(e -> System.out.println("  error: " + e));
        }
        return !jobErrors.isEmpty() ? 2 : failures > 0 ? 1 : 0;
    }

    /**
     * The summary of the Alloy kernel-instance check: states solved, their rate, and
     * the share of the jobs' time it took ({@code jobSeconds}: seconds summed over jobs).
     */
    static String alloyLine(double sharePercent, long states, double seconds, double jobSeconds) {
        if (sharePercent <= 0) {
            return "alloy kernel-instance check: off (--alloy-share 0)";
        }
        return String.format(Locale.ROOT, "alloy kernel-instance check: %s kernel states checked against "
                        + "model/CapabilityConfinement.als, %.1f states/s, %.1f s (%.1f%% of the jobs' time, budget "
                        + "%s%%)", Num.n(states), seconds > 0 ? states / seconds : 0.0, seconds,
                jobSeconds > 0 ? 100 * seconds / jobSeconds : 0.0,
                new java.math.BigDecimal(Double.toString(sharePercent)).stripTrailingZeros().toPlainString());
    }

    /**
     * The status line, in the manner of AFL's: elapsed time, programs run and the
     * rate, programs made here (without adopted re-runs), corpus size, edges reached of
     * the probes instrumented, time since the last new edge, failures.
     */
    static String statusLine(Totals t, boolean agent, double seconds, double sinceNewEdge) {
        String edges = !agent ? "edges " + Num.n(t.edges()) + " (call features, no agent)"
                : t.probes() > 0 ? String.format(Locale.ROOT, "edges %s/%s (%.1f%%)", Num.n(t.edges()),
                Num.n(t.probes()), 100.0 * t.edges() / t.probes())
                : "edges " + Num.n(t.edges());
        return Heartbeat.clock(seconds) + " | execs " + Num.n(t.execs()) + " (" + Num.n(t.execs() / Math.max(seconds,
                1e-9)) + "/s) | programs " + Num.n(t.programs()) + " | corpus " + Num.n(t.corpus()) + " | " + edges
                + " | last new edge " + (t.edges() == 0 ? "none yet" : Heartbeat.clock(sinceNewEdge) + " ago")
                + " | failures " + Num.n(t.failures());
    }

    /**
     * The jobs' latest status lines together: programs, failures and write errors add
     * up; edges, probes and corpus are shared (the largest).
     */
    record Totals(long execs, long programs, long edges, long probes, long corpus, long failures,
                  long writeErrors) {
        static Totals of(ObjectNode[] last) {
            long execs = 0;
            long programs = 0;
            long edges = 0;
            long probes = -1;
            long corpus = 0;
            long failures = 0;
            long writeErrors = 0;
            for (ObjectNode o : last) {
                if (o != null) {
                    execs += o.path("execs").asLong();
                    programs += o.path("programs").asLong();
                    edges = Math.max(edges, o.path("edges").asLong());
                    if (o.path("probes").isNumber()) {
                        probes = Math.max(probes, o.path("probes").asLong());
                    }
                    corpus = Math.max(corpus, o.path("corpus").asLong());
                    failures += o.path("failures").asLong();
                    writeErrors += o.path("write_errors").asLong();
                }
            }
            return new Totals(execs, programs, edges, probes, corpus, failures, writeErrors);
        }
    }
}

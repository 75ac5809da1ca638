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
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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
        description = "Coverage-guided property fuzzing of the kernel; failures shrink to scenario scripts.")
public final class FuzzCommand implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "60") long seconds;
    @Option(names = "--seed", defaultValue = "1") long seed;
    @Option(names = "--corpus") Path corpus;
    @Option(names = "--jobs", defaultValue = "1") int jobs;
    @Option(names = "--out") Path out;
    @Option(names = "--blind") boolean blind;
    @Option(names = "--json") boolean json;
    @Option(names = "--no-agent", description = "run the jobs without the coverage agent (guided by call features"
            + " instead of kernel branches)") boolean noAgent;
    @Option(names = "--execs", defaultValue = "0", description = "stop each job after this many programs"
            + " (0: run for --seconds)") long execsLimit;
    @Option(names = "--figures", description = "measure instead of hunting: the same blind campaign with and"
            + " without the agent (execs/s), and guided against blind (edges after --execs programs, default"
            + " 200,000)")
    boolean figures;
    @Option(names = "--pairs", defaultValue = "3", description = "with --figures: alternated runs per side")
    int pairs;
    @Option(names = "--validate", defaultValue = "10", description = "after the campaign, validate this many"
            + " corpus entries against the spec with TLC (trace validation; 0: none)") int validate;
    @Option(names = "--worker", hidden = true) boolean worker;
    /**
     * Worker only, blind only: no coverage feedback at all (edges stay 0), so that
     * the figures' side without the agent measures the campaign alone, not another
     * kind of feedback.
     */
    @Option(names = "--no-feedback", hidden = true) boolean noFeedback;
    /** Worker only: at the end, write the loaded kernel probes this job never reached (stable ids), one a line. */
    @Option(names = "--unreached-to", hidden = true) Path unreachedTo;
    @Option(names = "--refine-every", defaultValue = "1",
            description = "check the namespace abstraction after every k-th step (0: never)") int refineEvery;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        String bad = seconds < 1 ? "--seconds must be 1 or more, not " + seconds
                : jobs < 1 ? "--jobs must be 1 or more, not " + jobs
                : execsLimit < 0 ? "--execs must be 0 or more, not " + execsLimit
                : pairs < 1 ? "--pairs must be 1 or more, not " + pairs
                : validate < 0 ? "--validate must be 0 or more, not " + validate
                : refineEvery < 0 ? "--refine-every must be 0 or more, not " + refineEvery
                : noFeedback && !blind ? "--no-feedback needs --blind (guidance is feedback)" : null;
        if (bad != null) {
            System.err.println("capsid fuzz: " + bad);
            return 2;
        }
        Path root = Project.root();
        Path corpusDir = corpus != null ? corpus : root.resolve("proofs-log/corpus");
        Path outDir = out != null ? out : root.resolve("proofs-log/failures");
        if (worker) {
            return work(corpusDir, outDir);
        }
        return figures ? FuzzFigures.run(this, root) : parent(root, corpusDir, outDir);
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
        Campaign c = new Campaign(Campaign.Options.defaults(seed).withBlind(blind).withDirs(corpusDir, outDir),
                Kernel::syscall, List.of(new AbstractionCheck(refineEvery)), fb, m -> System.err.println("job " + seed + ": " + m));
        c.rescan();
        long end = System.currentTimeMillis() + seconds * 1000;
        long nextReport = System.currentTimeMillis() + 2000;
        long t0 = System.nanoTime();
        boolean going = true;
        while (going && (execsLimit > 0 ? c.execs() < execsLimit : System.currentTimeMillis() < end)) {
            going = c.runFor(execsLimit > 0 ? Math.min(200, execsLimit - c.execs()) : 200);
            if (System.currentTimeMillis() >= nextReport) {
                System.out.println(status(c, t0, false));
                System.out.flush();
                nextReport += 2000;
            }
        }
        System.out.println(status(c, t0, true).put("feedback", fb.getClass().getSimpleName()));
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
        return c.found().isEmpty() ? 0 : 1;
    }

    /** A job: this jar's fuzz worker in a child JVM, with or without the coverage agent. */
    ChildJvm workerJvm(boolean agent, Path corpusDir, Path outDir, long jobSeed, boolean jobBlind) {
        // one thread allocating fast: the serial collector costs a job less than G1's barriers and
        // threads (about 1.3x more programs/s here), and keeps "per core" a per-process figure
        ChildJvm jvm = new ChildJvm(Main.class.getName()).withAgent(agent).jvmArgs("-XX:+UseSerialGC").args("fuzz",
                "--worker", "--seed",
                Long.toString(jobSeed), "--seconds", Long.toString(seconds), "--execs", Long.toString(execsLimit),
                "--corpus", corpusDir.toString(), "--out", outDir.toString(), "--refine-every",
                Integer.toString(refineEvery));
        if (jobBlind) {
            jvm.args("--blind");
        }
        return jvm;
    }

    private static ObjectNode status(Campaign c, long t0, boolean done) {
        ObjectNode o = JSON.createObjectNode();
        o.put("execs", c.execs()).put("calls", c.calls()).put("edges", c.edges()).put("corpus", c.corpusSize())
                .put("failures", c.found().size()).put("seconds", (System.nanoTime() - t0) / 1e9).put("done", done);
        List<String> files = new ArrayList<>();
        c.found().forEach(f -> files.add(f.file() == null ? "" : f.file().toString()));
        o.putPOJO("failure_files", files);
        return o;
    }

    private int parent(Path root, Path corpusDir, Path outDir) throws Exception {
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
                        synchronized (last) {
                            last[idx] = (ObjectNode) JSON.readTree(line);
                        }
                    }
                } catch (Exception e) {
                    System.err.println("fuzz: job " + idx + ": " + e.getMessage());
                }
            });
            t.start();
            threads.add(t);
        }
        long t0 = System.nanoTime();
        while (procs.stream().anyMatch(Process::isAlive)) {
            Thread.sleep(3000);
            if (!json) {
                synchronized (last) {
                    System.out.println(line(last, t0));
                }
            }
        }
        for (Thread t : threads) {
            t.join();
        }
        Totals t = Totals.of(last);
        long execs = t.execs();
        long edges = t.edges();
        long corpusSize = t.corpus();
        long failures = t.failures();
        String feedbackKind = "";
        List<String> files = new ArrayList<>();
        for (ObjectNode o : last) {
            if (o != null) {
                o.get("failure_files").forEach(n -> files.add(n.asText()));
                feedbackKind = o.path("feedback").asText(feedbackKind);
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        CorpusValidation.Result validation = null;
        Path specDir = root.resolve("spec");
        if (validate > 0 && Files.isDirectory(corpusDir)
                && Files.isRegularFile(specDir.resolve("NamespaceUnshare.tla"))) {
            if (!json) {
                System.out.printf("fuzz: validating %d corpus entries against spec/NamespaceUnshare.tla ...%n",
                        validate);
            }
            validation = CorpusValidation.validate(corpusDir, validate, specDir, Duration.ofMinutes(5));
            failures += validation.rejected().size() + validation.errors().size();
            files.addAll(validation.rejected());
            files.addAll(validation.errors());
        }
        ObjectNode rec = JSON.createObjectNode();
        rec.put("jobs", jobs).put("seconds", secs).put("seed", seed).put("blind", blind).put("execs", execs)
                .put("execs_per_second", execs / secs).put("edges", edges).put("corpus", corpusSize)
                .put("failures", failures).put("feedback", feedbackKind);
        rec.putPOJO("failure_files", files);
        if (validation != null) {
            rec.put("validated", validation.validated()).put("validation_projected", validation.projected())
                    .put("validation_events", validation.events()).put("validation_seconds", validation.seconds())
                    .put("validation_rejected", validation.rejected().size() + validation.errors().size());
        }
        try {
            new ProofsLog(root.resolve("proofs-log")).append("fuzz", rec.deepCopy());
        } catch (Exception e) {
            System.err.println("fuzz: cannot append to proofs-log: " + e.getMessage());
        }
        if (json) {
            System.out.println(rec);
        } else {
            System.out.printf("fuzz: %d programs in %.1f s (%.0f/s), %d edges, corpus %d, %d failure(s)%n", execs, secs,
                    execs / secs, edges, corpusSize, failures);
            if (validation != null) {
                System.out.printf("fuzz: trace validation of %d corpus entries (%d events; %d projected to the"
                                + " spec): %d rejected, %.1f s%n", validation.validated(), validation.events(),
                        validation.projected(), validation.rejected().size() + validation.errors().size(),
                        validation.seconds());
            }
            files.forEach(f -> System.out.println("  failure: " + f));
        }
        return failures > 0 ? 1 : 0;
    }

    private static String line(ObjectNode[] last, long t0) {
        Totals t = Totals.of(last);
        double s = (System.nanoTime() - t0) / 1e9;
        return String.format("fuzz: %.0fs %d execs (%.0f/s) edges %d corpus %d failures %d", s, t.execs(),
                t.execs() / s, t.edges(), t.corpus(), t.failures());
    }

    /** The jobs' latest status lines together: programs and failures add up; edges and corpus are shared. */
    private record Totals(long execs, long edges, long corpus, long failures) {
        static Totals of(ObjectNode[] last) {
            long execs = 0;
            long edges = 0;
            long corpus = 0;
            long failures = 0;
            for (ObjectNode o : last) {
                if (o != null) {
                    execs += o.get("execs").asLong();
                    edges = Math.max(edges, o.get("edges").asLong());
                    corpus = Math.max(corpus, o.get("corpus").asLong());
                    failures += o.get("failures").asLong();
                }
            }
            return new Totals(execs, edges, corpus, failures);
        }
    }
}

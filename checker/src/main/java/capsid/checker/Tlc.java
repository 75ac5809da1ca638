package capsid.checker;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs TLC 2.18 as a child process and reads its {@code -tool} output into a
 * {@link TlcResult}. Each run gets its own temporary directory holding TLC's
 * {@code -metadir} and {@code java.io.tmpdir} (created before TLC starts: TLC unpacks
 * its standard modules there, and fails obscurely when it is missing), removed after
 * the run. The child is {@code java -XX:+UseParallelGC -cp <this JVM's class path>
 * capsid.checker.TlcChild ... tlc2.TLC-arguments} (see {@link TlcChild}); its
 * working directory is the spec's directory.
 *
 * <p>Nothing here throws for a problem of the run itself: a missing file, a spec
 * that does not parse, a crash, a timeout or a killed child all come back as a
 * result with outcome {@link Outcome#ERROR} and a reason. A result is
 * {@link Outcome#PASS} only when TLC exited 0 <em>and</em> printed its success message
 * and final counts.
 */
public final class Tlc {
    private Tlc() {
    }

    /**
     * A simulation run and the traces it wrote (in file order: worker, then trace number).
     *
     * @param outcomes what the outcome recorder printed ({@link Outcomes}), empty when the
     *     model does not run it
     */
    public record Simulation(TlcResult result, List<Trace> traces, Set<String> outcomes) {
        public Simulation {
            traces = List.copyOf(traces);
            outcomes = Collections.unmodifiableSet(new TreeSet<>(outcomes));
        }
    }

    /**
     * A model-checking run with a state-graph dump, and the graph ({@code null} if TLC wrote none).
     *
     * @param outcomes what the outcome recorder printed ({@link Outcomes})
     */
    public record GraphDump(TlcResult result, StateGraph graph, Set<String> outcomes) {
        public GraphDump {
            outcomes = Collections.unmodifiableSet(new TreeSet<>(outcomes));
        }
    }

    /**
     * A model-checking run and what the outcome recorder printed ({@link Outcomes}).
     */
    public record Checked(TlcResult result, Set<String> outcomes) {
        public Checked {
            outcomes = Collections.unmodifiableSet(new TreeSet<>(outcomes));
        }
    }

    /** Runs TLC as the request says. */
    public static TlcResult check(TlcRequest request) {
        return check(request, null);
    }

    /** Runs TLC as the request says, calling {@code listener} every {@link TlcRequest#progressInterval()}. */
    public static TlcResult check(TlcRequest request, ProgressListener listener) {
        return run(request, listener, dir -> { }, false, null);
    }

    /** Runs TLC as the request says and collects the outcomes the recorder printed ({@link Outcomes}). */
    public static Checked checkOutcomes(TlcRequest request) {
        List<String> lines = new ArrayList<>();
        TlcResult r = run(request, null, dir -> { }, false, lines);
        return new Checked(r, Outcomes.parse(lines));
    }

    /**
     * Random simulation: {@code num} traces of at most {@code depth} states. The
     * traces are TLC's {@code -simulate file=...} files, read back as {@link Trace}s
     * (without action labels: TLC 2.18 does not write them). When a trace file
     * cannot be read the result becomes an {@code error} naming it.
     */
    public static Simulation simulate(TlcRequest request, int num, int depth) {
        return simulate(request, num, depth, null);
    }

    /** {@link #simulate(TlcRequest, int, int)} with progress snapshots. */
    public static Simulation simulate(TlcRequest request, int num, int depth, ProgressListener listener) {
        TlcRequest r = request.withSimulation(num, depth);
        List<Trace> traces = new ArrayList<>();
        List<String> printed = new ArrayList<>();
        String[] problem = new String[1];
        TlcResult result = run(r, listener, runDir -> {
            Path dir = r.traceDir() != null ? r.traceDir() : runDir.resolve("traces");
            try {
                traces.addAll(SimulationTraces.readDir(dir));
            } catch (IOException | RuntimeException e) {
                problem[0] = "simulation traces in " + dir + " unreadable: " + e.getMessage();
            }
        }, false, printed);
        if (problem[0] != null && result.result() != Outcome.ERROR) {
            result = result.asError(problem[0]);
        }
        if (result.trace() != null) {
            result = result.withDepth(result.trace().size()); // a violation: the depth is its trace's length
        } else if (result.result() != Outcome.ERROR) {
            int longest = traces.stream().mapToInt(Trace::size).max().orElse(0);
            result = result.withDepth(longest);
        }
        return new Simulation(result, traces, Outcomes.parse(printed));
    }

    /**
     * Model checking with a state-graph dump ({@code -dump dot,actionlabels}), read
     * back as a {@link StateGraph}. The dump goes to {@link TlcRequest#dumpDot()} when
     * set, else to a temporary file. An unreadable dump makes the result an {@code error}.
     */
    public static GraphDump dumpGraph(TlcRequest request) {
        return dumpGraph(request, null);
    }

    /** {@link #dumpGraph(TlcRequest)} with progress snapshots (a dump of a large model takes a while). */
    public static GraphDump dumpGraph(TlcRequest request, ProgressListener listener) {
        StateGraph[] graph = new StateGraph[1];
        String[] problem = new String[1];
        boolean own = request.dumpDot() == null;
        Path[] file = new Path[1];
        List<String> printed = new ArrayList<>();
        TlcResult result = run(request, listener, runDir -> {
            Path f = own ? runDir.resolve("graph.dot") : request.dumpDot();
            file[0] = f;
            if (Files.exists(f)) {
                try {
                    graph[0] = StateGraph.read(f);
                } catch (IOException | RuntimeException e) {
                    problem[0] = "state graph dump " + f + " unreadable: " + e.getMessage();
                }
            } else {
                problem[0] = "TLC wrote no state graph dump (" + f + ")";
            }
        }, own, printed);
        if (problem[0] != null && result.result() != Outcome.ERROR) {
            result = result.asError(problem[0]);
        }
        return new GraphDump(result, graph[0], Outcomes.parse(printed));
    }

    /** One run; the outcome recorder's lines go to {@code outcomeLines} when it is not null. */
    private static TlcResult run(TlcRequest request, ProgressListener listener, Consumer<Path> beforeCleanup,
                                 boolean ownDot, List<String> outcomeLines) {
        TlcRun run = new TlcRun(request, listener, ownDot);
        try {
            return run.execute(beforeCleanup);
        } finally {
            if (outcomeLines != null) {
                outcomeLines.addAll(run.output().outcomeLines());
            }
            run.cleanup();
        }
    }

    /**
     * The class path handed to the child: this JVM's {@code java.class.path}, each
     * entry made absolute (the child runs in the spec's directory, and {@code java -jar
     * cli/target/capsid.jar} gives a relative one). From the shaded CLI jar, that jar
     * holds TLC and its standard modules; under Maven, the test class path does.
     */
    public static String childClassPath() {
        String cp = System.getProperty("java.class.path", "");
        StringJoiner j = new StringJoiner(File.pathSeparator);
        for (String e : cp.split(Pattern.quote(File.pathSeparator))) {
            if (!e.isEmpty()) {
                j.add(Path.of(e).toAbsolutePath().normalize().toString());
            }
        }
        return j.toString();
    }

    /** TLC's own top-level packages: what {@link #sha256()} covers. */
    static final List<String> TLC_PACKAGES = List.of("tlc2/", "tla2sany/", "tla2tex/", "pcal/", "util/");
    private static volatile String tlcSha256;

    /**
     * SHA-256 over TLC's own files: every entry under {@link #TLC_PACKAGES} of the jar
     * that holds {@code tlc2.TLC}, in name order, each as its name, a NUL, its bytes.
     * The same whether TLC runs from its own jar or from {@code capsid.jar}, which
     * bundles it unchanged; {@code null} when TLC is not in a jar. Computed once.
     */
    public static String sha256() {
        String h = tlcSha256;
        if (h == null) {
            h = computeSha256();
            tlcSha256 = h == null ? "" : h;
        }
        return h == null || h.isEmpty() ? null : h;
    }

    private static String computeSha256() {
        try {
            Path jar = Path.of(tlc2.TLC.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(jar)) {
                return null;
            }
            try (java.util.jar.JarFile jf = new java.util.jar.JarFile(jar.toFile())) {
                List<java.util.jar.JarEntry> entries = new ArrayList<>();
                for (java.util.jar.JarEntry e : java.util.Collections.list(jf.entries())) {
                    if (!e.isDirectory() && TLC_PACKAGES.stream().anyMatch(e.getName()::startsWith)) {
                        entries.add(e);
                    }
                }
                entries.sort(Comparator.comparing(java.util.jar.JarEntry::getName));
                java.security.MessageDigest md = Hashes.digest();
                for (java.util.jar.JarEntry e : entries) {
                    md.update(e.getName().getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0);
                    try (InputStream in = jf.getInputStream(e)) {
                        md.update(in.readAllBytes());
                    }
                }
                return java.util.HexFormat.of().formatHex(md.digest());
            }
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** The {@code java} executable of this JVM. */
    public static String javaExecutable() {
        Path bin = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(bin) ? bin.toString() : "java";
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a leftover temp file is not a wrong result
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }

    /** Reads lines from a stream into a consumer until it ends. */
    static Thread pump(InputStream in, Consumer<String> sink, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // the child is gone; what was read stays
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    static ScheduledExecutorService timer() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "capsid-tlc-progress");
            t.setDaemon(true);
            return t;
        });
    }

    static void shutdown(ScheduledExecutorService s) {
        if (s != null) {
            s.shutdownNow();
            try {
                s.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

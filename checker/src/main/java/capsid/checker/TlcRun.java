package capsid.checker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** One child-process run of TLC (see {@link Tlc}); used once. */
final class TlcRun {
    private final TlcRequest req;
    private final ProgressListener listener;
    private final boolean ownDot;
    private final ToolOutput out = new ToolOutput();
    private Path runDir;
    /** The modules SANY read, hashed when it finished (set by the output pump, read after the run). */
    private volatile List<ModuleFile> modules = List.of();
    /** The workers TLC gets: the request's, or 1 when {@link WorkerPolicy} says so. */
    private int workers;
    /** The note on a request clamped to one worker, or null. */
    private String clampNote;

    TlcRun(TlcRequest req, ProgressListener listener, boolean ownDot) {
        this.req = req;
        this.listener = listener;
        this.ownDot = ownDot;
        this.workers = req.workers();
    }

    TlcResult execute(Consumer<Path> beforeCleanup) {
        long t0 = System.nanoTime();
        Path spec = req.spec();
        Path cfg = req.effectiveConfig();
        Base base = new Base(spec.toString(), cfg.toString(), Map.of(), List.of(), Git.head(spec.getParent()),
                null, null);
        if (!Files.isRegularFile(spec)) {
            return error(base, "spec file not found: " + spec, null, t0, null);
        }
        if (!Files.isRegularFile(cfg)) {
            return error(base, "model file not found: " + cfg
                    + (req.config() == null ? " (the default SPEC.cfg next to the spec; give one with --config)" : ""),
                    null, t0, null);
        }
        ModelConfig model;
        try {
            model = ModelConfig.read(cfg);
        } catch (ModelConfigException e) {
            return error(base, e.getMessage(), new SourceLocation(cfg.toString(), e.line(), e.column()), t0, null);
        } catch (IOException e) {
            return error(base, "model file unreadable: " + cfg + ": " + e.getMessage(), null, t0, null);
        }
        String oneWorker = WorkerPolicy.oneWorkerReason(req);
        if (oneWorker != null) {
            workers = 1;
            clampNote = req.workers() > 1 ? WorkerPolicy.clampNote(req.workers(), oneWorker) : null;
        }
        base = new Base(spec.toString(), cfg.toString(), model.constants(), model.properties(), base.commit(), null,
                Hashes.sha256(cfg));
        out.onParsed(this::hashModules);

        List<String> cmd;
        try {
            runDir = Files.createTempDirectory("capsid-tlc-");
            Files.createDirectories(runDir.resolve("tmp"));
            cmd = command(cfg);
        } catch (IOException e) {
            return error(base, "cannot create TLC's run directory: " + e.getMessage(), null, t0, null);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(spec.getParent().toFile());
        Process p;
        try {
            t0 = System.nanoTime(); // seconds count from the child's start
            p = pb.start();
        } catch (IOException e) {
            return error(base, "cannot start the TLC child process (" + cmd.get(0) + "): " + e.getMessage(), null, t0,
                    null);
        }
        Thread outPump = Tlc.pump(p.getInputStream(), out::acceptLine, "capsid-tlc-stdout");
        Thread errPump = Tlc.pump(p.getErrorStream(), out::acceptStderrLine, "capsid-tlc-stderr");
        ScheduledExecutorService timer = listener == null ? null : startProgress(t0);
        boolean timedOut = false;
        boolean interrupted = false;
        try {
            if (req.timeout() != null) {
                timedOut = !p.waitFor(req.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } else {
                p.waitFor();
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (timedOut || interrupted) {
            kill(p);
        }
        Tlc.shutdown(timer);
        join(outPump);
        join(errPump);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Integer exit = p.isAlive() ? null : p.exitValue();
        out.parsed(); // SANY never finished (a crash, a kill): hash what it had read
        base = withGit(base);
        TlcResult r = classify(base, exit, timedOut, interrupted, t0);
        beforeCleanup.accept(runDir);
        return r;
    }

    /** Hashes every module SANY read, marking TLC's standard modules (unpacked into the run directory). */
    private void hashModules() {
        List<ModuleFile> list = new ArrayList<>();
        Path tmp = runDir == null ? null : runDir.toAbsolutePath().normalize();
        for (Map.Entry<String, String> e : out.moduleFiles().entrySet()) {
            try {
                Path f = Path.of(e.getValue()).toAbsolutePath().normalize();
                boolean standard = tmp != null && f.startsWith(tmp);
                list.add(new ModuleFile(e.getKey(), standard ? null : f.toString(), Hashes.sha256(f), standard));
            } catch (RuntimeException ex) { // a "Parsing file" line that names no path: recorded, unhashed
                list.add(new ModuleFile(e.getKey(), e.getValue(), null, false));
            }
        }
        modules = List.copyOf(list);
    }

    /**
     * The commit and dirtiness from every file of the run: each module SANY read
     * (TLC's standard modules aside) and the model file. Dirty when any of them
     * differs from HEAD, is untracked, or lies outside the repository.
     */
    private Base withGit(Base b) {
        List<Path> files = new ArrayList<>();
        for (ModuleFile m : modules) {
            if (!m.standard() && m.sha256() != null) {
                files.add(Path.of(m.file()));
            }
        }
        if (files.isEmpty()) {
            files.add(Path.of(b.spec()));
        }
        files.add(Path.of(b.model()));
        Git.Status st = Git.status(req.spec().getParent(), files);
        boolean unhashed = modules.stream().anyMatch(m -> !m.standard() && m.sha256() == null);
        Boolean dirty = unhashed && st.commit() != null ? Boolean.TRUE : st.dirty(); // what was read is unknown
        return new Base(b.spec(), b.model(), b.constants(), b.properties(), st.commit(), dirty, b.modelSha256());
    }

    /** The output reader (tests feed it directly). */
    ToolOutput output() {
        return out;
    }

    /** Classifies what {@link #output()} has read, for a child that exited with {@code exit} (tests). */
    TlcResult classifyOutput(Integer exit) {
        Base b = new Base(req.spec().toString(), req.effectiveConfig().toString(), Map.of(), List.of(), null, null,
                null);
        return classify(b, exit, false, false, System.nanoTime());
    }

    void cleanup() {
        Tlc.deleteTree(runDir);
    }

    private List<String> command(Path cfg) throws IOException {
        List<String> c = new ArrayList<>();
        c.add(Tlc.javaExecutable());
        c.add("-XX:+UseParallelGC");
        if (req.maxHeapMb() != null) {
            c.add("-Xmx" + req.maxHeapMb() + "m");
        }
        c.add("-Djava.io.tmpdir=" + runDir.resolve("tmp"));
        c.add("-Dfile.encoding=UTF-8");
        c.add("-Dsun.stdout.encoding=UTF-8");
        c.add("-Dsun.stderr.encoding=UTF-8");
        if (req.serverPort() != null) {
            c.add("-D" + TlcChild.PORT_PROPERTY + "=" + req.serverPort());
        }
        c.add("-cp");
        c.add(Tlc.childClassPath());
        c.add(TlcChild.class.getName());
        if (req.serverPort() != null) {
            // TLC's distributed server: its workers are other processes, it keeps no model checker of its own
            // to read progress from, and it takes neither -workers nor -seed
            c.add("0");
            c.add(TlcChild.SERVER);
            c.add("-tool");
            c.add("-metadir");
            c.add(runDir.resolve("meta").toString());
            c.add("-deadlock");
            c.add("-config");
            c.add(cfg.toString());
            c.add(req.spec().toString());
            return c;
        }
        c.add(listener == null ? "0" : Long.toString(Math.min(1000, req.progressInterval().toMillis())));
        c.add("-tool");
        c.add("-metadir");
        c.add(runDir.resolve("meta").toString());
        c.add("-workers");
        c.add(Integer.toString(workers));
        if (!req.checkDeadlock()) {
            c.add("-deadlock"); // TLC's -deadlock DISABLES deadlock checking
        }
        if (req.seed() != null) {
            c.add("-seed");
            c.add(Long.toString(req.seed()));
        }
        if (req.simulate() != null) {
            Path dir = req.traceDir() != null ? req.traceDir() : runDir.resolve("traces");
            Files.createDirectories(dir); // TLC does not create it
            c.add("-simulate");
            c.add("file=" + dir.resolve("trace") + ",num=" + req.simulate());
            if (req.depth() != null) {
                c.add("-depth");
                c.add(Integer.toString(req.depth()));
            }
        }
        Path dot = req.dumpDot() != null ? req.dumpDot() : (ownDot ? runDir.resolve("graph.dot") : null);
        if (dot != null) {
            Files.createDirectories(dot.toAbsolutePath().getParent());
            String file = dot.toString();
            if (file.endsWith(".dot")) { // TLC appends .dot itself
                file = file.substring(0, file.length() - 4);
            }
            c.add("-dump");
            c.add("dot,actionlabels");
            c.add(file);
        }
        c.add("-config");
        c.add(cfg.toString());
        c.add(req.spec().toString());
        return c;
    }

    private ScheduledExecutorService startProgress(long t0) {
        ScheduledExecutorService timer = Tlc.timer();
        long every = req.progressInterval().toMillis();
        long[] last = {-1, t0};
        timer.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            ToolOutput.Snapshot s = out.snapshot();
            double rate = 0;
            if (s.generated() != null && last[0] >= 0 && now > last[1]) {
                rate = (s.generated() - last[0]) / ((now - last[1]) / 1e9);
            }
            if (s.generated() != null) {
                last[0] = s.generated();
                last[1] = now;
            }
            try {
                listener.onProgress(new TlcProgress((now - t0) / 1e9, s.phase(), s.generated(), s.distinct(),
                        s.queue(), s.depth(), Math.max(0, rate)));
            } catch (RuntimeException e) {
                // a failing listener must not stop the run
            }
        }, every, every, TimeUnit.MILLISECONDS);
        return timer;
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread t) {
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What every record of this run shares. */
    private record Base(String spec, String model, Map<String, String> constants, List<String> properties,
                        String commit, Boolean dirty, String modelSha256) {
    }

    private TlcResult error(Base b, String reason, SourceLocation loc, long t0, Integer exit) {
        return result(b, Outcome.ERROR, reason, loc, t0, exit);
    }

    private TlcResult result(Base b, Outcome o, String reason, SourceLocation loc, long t0, Integer exit) {
        boolean sim = req.simulate() != null;
        Long distinct = sim ? null : (out.finalDistinct != null ? out.finalDistinct : out.progressDistinct);
        Long generated = out.finalGenerated != null ? out.finalGenerated
                : (out.simGenerated != null ? out.simGenerated : out.progressGenerated);
        Long left = sim ? null : (out.finalLeft != null ? out.finalLeft : out.progressQueue);
        Integer depth = sim ? null : (out.finalDepth != null ? out.finalDepth : out.progressDepth);
        Long seed = out.seed != null ? out.seed : req.seed();
        List<String> warnings = new ArrayList<>();
        if (clampNote != null) {
            warnings.add(clampNote);
        }
        warnings.addAll(out.warnings);
        warnings.addAll(out.traceProblems);
        String property = out.property;
        if (property == null && "temporal".equals(out.propertyKind) && !b.properties().isEmpty()) {
            // TLC 2.18 does not say which temporal property failed: name the model's PROPERTY list
            property = String.join(", ", b.properties());
        }
        return new TlcResult(o, reason, distinct, generated, left, depth, (System.nanoTime() - t0) / 1e9,
                out.tlcSeconds, out.tlcVersion, sim ? "simulate" : "bfs", b.spec(), b.model(), b.constants(),
                out.workersReported != null ? out.workersReported : workers, seed, b.commit(), b.dirty(), exit,
                property, out.propertyKind, out.trace(), loc, out.errors, warnings, modules, b.modelSha256());
    }

    private TlcResult classify(Base b, Integer exit, boolean timedOut, boolean interrupted, long t0) {
        if (timedOut) {
            return error(b, "timeout: TLC still running after " + seconds(req.timeout().toMillis())
                    + " s; child killed" + countsNote(), null, t0, exit);
        }
        if (interrupted) {
            return error(b, "interrupted; TLC child killed" + countsNote(), null, t0, exit);
        }
        if (exit == null) {
            return error(b, "TLC child did not exit", null, t0, null);
        }
        boolean sim = req.simulate() != null;
        Integer code = out.failureCode;
        switch (exit) {
            case 0 -> {
                if (code != null) {
                    return error(b, "TLC exited 0 but reported a failure (message " + code + ")", null, t0, exit);
                }
                if (!out.errors.isEmpty()) {
                    return error(b, "TLC exited 0 but reported an error: " + brief(out.errors.get(0)), null, t0, exit);
                }
                if (out.truncated()) {
                    return error(b, "TLC exited 0 but its output ends inside a message", null, t0, exit);
                }
                if (!sim && (!out.success || out.finalDistinct == null || out.finalGenerated == null)) {
                    return error(b, "TLC exited 0 without its success message and final counts"
                            + " (output ended early?)" + stderrNote(), null, t0, exit);
                }
                if (sim && (!out.finished || (out.simGenerated == null && out.progressGenerated == null))) {
                    return error(b, "TLC exited 0 without finishing the simulation (output ended early?)"
                            + stderrNote(), null, t0, exit);
                }
                return result(b, Outcome.PASS, null, null, t0, exit);
            }
            case 10, 11, 12, 13, 14 -> {
                Outcome o = expected(exit, code);
                if (o == null) {
                    return error(b, "TLC exited " + exit + " (" + exitMeaning(exit) + ") but reported "
                            + (code == null ? "no failed property" : "message " + code) + stderrNote(), null, t0, exit);
                }
                SourceLocation loc = (code == 2132 || code == 2104) ? out.evalLocation : null;
                return result(b, o, out.failureDetail, loc, t0, exit);
            }
            case 75, 76, 77 -> {
                return located(b, evaluation(b), t0, exit);
            }
            case 150 -> {
                if (!out.parseFailed) {
                    return error(b, "TLC exited 150 without reporting a parse failure (killed by signal 22?)"
                            + stderrNote(), null, t0, exit);
                }
                return withSany(located(b, TlcErrors.sany(out.plainLines(), out.moduleFiles(), b.spec()), t0, exit),
                        out.plainLines());
            }
            case 151 -> {
                String cfgMsg = configMessage();
                return located(b, TlcErrors.config(cfgMsg != null ? cfgMsg : out.errors.isEmpty() ? "(no message)"
                        : out.errors.get(0), b.model(), out.moduleFiles()), t0, exit);
            }
            case 152 -> {
                return error(b, "state space too large for TLC: "
                        + (out.errors.isEmpty() ? "(no message)" : brief(out.errors.get(0))), null, t0, exit);
            }
            case 153 -> {
                return error(b, "TLC system error: " + (out.errors.isEmpty() ? "(no message)" + stderrNote()
                        : brief(out.errors.get(0))), null, t0, exit);
            }
            case 255 -> {
                String cfgMsg = configMessage();
                if (cfgMsg != null) {
                    return located(b, TlcErrors.config(cfgMsg, b.model(), out.moduleFiles()), t0, exit);
                }
                if (out.evalLocation != null) {
                    return located(b, evaluation(b), t0, exit);
                }
                return error(b, "TLC failed: " + (out.errors.isEmpty() ? "(no message)" + stderrNote()
                        : brief(firstSpecific(out.errors))), null, t0, exit);
            }
            default -> {
                if (exit > 128 && exit < 160) {
                    return error(b, "TLC child killed by signal " + (exit - 128) + signalName(exit - 128)
                            + countsNote(), null, t0, exit);
                }
                return error(b, "TLC exited with unknown code " + exit + stderrNote(), null, t0, exit);
            }
        }
    }

    /** The outcome an exit code and failure message agree on, or {@code null} when they do not. */
    private static Outcome expected(int exit, Integer code) {
        if (code == null) {
            return null;
        }
        return switch (exit) {
            case 10 -> code == 2104 ? Outcome.VIOLATION : null;
            case 11 -> code == 2114 ? Outcome.DEADLOCK : null;
            case 12 -> (code == 2110 || code == 2107) ? Outcome.VIOLATION : null;
            case 13 -> code == 2116 ? Outcome.LIVENESS
                    : (code == 2112 || code == 2108) ? Outcome.VIOLATION : null;
            case 14 -> code == 2132 ? Outcome.VIOLATION : null;
            default -> null;
        };
    }

    private static String exitMeaning(int exit) {
        return switch (exit) {
            case 10 -> "assumption violated";
            case 11 -> "deadlock";
            case 12 -> "safety violation";
            case 13 -> "liveness violation";
            case 14 -> "Assert failed";
            default -> "?";
        };
    }

    private TlcErrors.Located evaluation(Base b) {
        String what = out.errors.isEmpty() ? "(no message)" : firstSpecific(out.errors);
        return TlcErrors.evaluation(what, out.evalLocation, out.moduleFiles(), b.spec());
    }

    private TlcResult located(Base b, TlcErrors.Located l, long t0, Integer exit) {
        return error(b, l.line(), l.location(), t0, exit);
    }

    /** Adds SANY's own text to the errors of a parse-error result. */
    private static TlcResult withSany(TlcResult r, List<String> lines) {
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            if (!l.startsWith("Parsing file") && !l.startsWith("Semantic processing")) {
                b.append(l).append('\n');
            }
        }
        List<String> errs = new ArrayList<>();
        String sany = b.toString().strip();
        if (!sany.isEmpty()) {
            errs.add(sany);
        }
        errs.addAll(r.errors());
        return r.withErrors(errs);
    }

    /**
     * TLC's message about the model file (codes 2222 and 2229, and 5000-5999, often
     * inside a general 1000), or {@code null}.
     */
    private String configMessage() {
        for (ToolOutput.Message m : out.messages()) {
            boolean cfg = m.code() == 2222 || m.code() == 2229 || (m.code() >= 5000 && m.code() < 6000);
            if (cfg && !m.body().isBlank()) {
                return m.body();
            }
        }
        return null;
    }

    private static String firstSpecific(List<String> errors) {
        // TLC wraps the specific message (e.g. 2154) in a general one (1000); prefer the one with more to say
        for (String e : errors) {
            if (!e.startsWith("The error occurred when TLC was evaluating")) {
                return e.replaceFirst("(?s)^TLC threw an unexpected exception\\..*?The exception was a ", "");
            }
        }
        return errors.get(0);
    }

    private String countsNote() {
        ToolOutput.Snapshot s = out.snapshot();
        if (s.generated() == null) {
            return "";
        }
        return " (last progress: " + String.format(java.util.Locale.ROOT, "%,d", s.generated()) + " states generated"
                + (s.distinct() == null ? "" : String.format(java.util.Locale.ROOT, ", %,d distinct", s.distinct()))
                + ")";
    }

    private String stderrNote() {
        List<String> tail = out.stderrTail();
        if (tail.isEmpty()) {
            return "";
        }
        int from = Math.max(0, tail.size() - 3);
        return "; stderr: " + String.join(" | ", tail.subList(from, tail.size())).trim();
    }

    private static String brief(String s) {
        String one = ToolOutput.oneLine(s);
        return one.length() > 600 ? one.substring(0, 600) + "..." : one;
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0);
    }

    private static String signalName(int sig) {
        return switch (sig) {
            case 1 -> " (SIGHUP)";
            case 2 -> " (SIGINT)";
            case 6 -> " (SIGABRT)";
            case 9 -> " (SIGKILL)";
            case 15 -> " (SIGTERM)";
            default -> "";
        };
    }
}

package capsid.gen.fuzz;

import capsid.gen.KernelProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A coverage-guided campaign: keeps a corpus of programs that reached new
 * coverage, picks and mutates them (or generates fresh ones), runs them, keeps
 * the new ones; on a failure shrinks it and writes the scenario to the output
 * directory. With a corpus directory, entries are written there atomically (temp
 * file + rename, named by content hash) and the directory is rescanned every few
 * seconds to adopt other jobs' entries; corrupt or foreign files are reported by
 * name and skipped. Blind mode generates fresh programs only (same Feedback, for
 * comparison). Not thread-safe: one campaign per thread.
 */
public final class Campaign {
    /** Settings. */
    public record Options(long seed, int size, boolean blind, Path corpusDir, Path outDir, long rescanMillis,
                          long shrinkMillis, boolean stopAtFirstFailure) {
        public static Options defaults(long seed) {
            return new Options(seed, 20, false, null, null, 3000, 10_000, true);
        }

        public Options withBlind(boolean b) {
            return new Options(seed, size, b, corpusDir, outDir, rescanMillis, shrinkMillis, stopAtFirstFailure);
        }

        public Options withDirs(Path corpus, Path out) {
            return new Options(seed, size, blind, corpus, out, rescanMillis, shrinkMillis, stopAtFirstFailure);
        }

        public Options withRescanMillis(long ms) {
            return new Options(seed, size, blind, corpusDir, outDir, ms, shrinkMillis, stopAtFirstFailure);
        }
    }

    /** A failure found, shrunk. */
    public record Found(Executor.Failure failure, Program original, Executor.Trace shrunk, String scenario, Path file,
                        long shrinkMillis) {
    }

    private final Options opt;
    private final KernelProperties.Syscall sys;
    private final List<StepCheck> checks;
    private final Feedback feedback;
    private final Consumer<String> messages;
    private final SplittableRandom rnd;
    private final List<Program> corpus = new ArrayList<>();
    private final Set<String> known = new HashSet<>();
    private final List<Found> found = new ArrayList<>();
    private long execs;
    private long programs;
    private long writeErrors;
    private long calls;
    private long fresh;
    private long lastScan;

    public Campaign(Options opt, KernelProperties.Syscall sys, List<StepCheck> checks, Feedback feedback,
                    Consumer<String> messages) {
        this.opt = opt;
        this.sys = sys;
        this.checks = checks;
        this.feedback = feedback;
        this.messages = messages;
        this.rnd = new SplittableRandom(opt.seed());
    }

    /** Programs run: those generated or mutated here, and other jobs' corpus entries re-run on adoption. */
    public long execs() {
        return execs;
    }

    /** Programs this campaign generated or mutated ({@link #execs()} without adopted re-runs). */
    public long programs() {
        return programs;
    }

    /** Corpus entries and failure scripts that could not be written (each also reported once through the messages). */
    public long writeErrors() {
        return writeErrors;
    }

    /** Calls the kernel answered over all programs run (skipped steps not counted). */
    public long calls() {
        return calls;
    }

    public int corpusSize() {
        return corpus.size();
    }

    public int edges() {
        return feedback.edges();
    }

    public List<Found> found() {
        return found;
    }

    /** Runs {@code n} more programs (fewer when it stops at a failure); returns true when it should go on. */
    public boolean runFor(long n) {
        for (long i = 0; i < n; i++) {
            if (opt.corpusDir() != null && System.currentTimeMillis() - lastScan >= opt.rescanMillis()) {
                rescan();
            }
            if (!runOne() && opt.stopAtFirstFailure()) {
                return false;
            }
        }
        return true;
    }

    /** One program: fresh or mutated; false when it failed. */
    public boolean runOne() {
        feedback.reset();
        Executor.Trace t;
        if (opt.blind() || corpus.isEmpty() || rnd.nextInt(5) == 0) {
            long seed = opt.seed() * 1_000_003L + fresh++;
            t = ProgramGenerator.generate(seed, 1 + rnd.nextInt(opt.size() * 2), sys, checks, feedback.observer(),
                    Executor.Checking.INCREMENTAL);
        } else {
            Program base = corpus.get(rnd.nextInt(corpus.size()));
            Program other = corpus.get(rnd.nextInt(corpus.size()));
            Program p = Mutator.mutate(base, other, rnd);
            if (p.steps().size() > opt.size() * 4) {
                p = p.withSteps(p.steps().subList(0, opt.size() * 4));
            }
            t = Executor.run(p, sys, checks, feedback.observer(), Executor.Checking.INCREMENTAL);
        }
        execs++;
        programs++;
        countCalls(t);
        int fresh = feedback.collectNew();
        if (t.failure() != null) {
            onFailure(t);
            return false;
        }
        if (fresh > 0 && !opt.blind()) {
            corpus.add(t.program());
            if (opt.corpusDir() != null) {
                write(opt.corpusDir(), Scenarios.corpusEntry(t, fresh), true);
            }
        }
        return true;
    }

    private void countCalls(Executor.Trace t) {
        for (int i = 0; i < t.results().size(); i++) {
            if (t.results().get(i) != null) {
                calls++;
            }
        }
    }

    private void onFailure(Executor.Trace t) {
        List<StepCheck> all = checks.stream().map(StepCheck::forShrinking).toList();
        Shrinker.Result s = Shrinker.shrink(t, sys, all, opt.shrinkMillis());
        String text = Scenarios.failure(s.trace(), sys, all, "shrunk from " + t.program().steps().size()
                + " to " + s.trace().program().steps().size() + " steps in " + s.millis() + " ms (" + s.runs()
                + " runs)");
        Path file = opt.outDir() == null ? null : write(opt.outDir(), text, false);
        found.add(new Found(t.failure(), t.program(), s.trace(), text, file, s.millis()));
        messages.accept("failure: " + s.trace().failure() + (file == null ? "" : " -> " + file));
    }

    /** Writes {@code text} under {@code dir} as NAME.csc, NAME from its hash, atomically; returns the path. */
    Path write(Path dir, String text, boolean corpusEntry) {
        try {
            Files.createDirectories(dir);
            byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
            String name = (corpusEntry ? "" : "failure-") + hash(bytes) + ".csc";
            known.add(name);
            Path target = dir.resolve(name);
            if (Files.exists(target)) {
                return target;
            }
            Path tmp = Files.createTempFile(dir, ".tmp-", ".part");
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            writeErrors++;
            messages.accept("cannot write to " + dir + ": " + e.getMessage());
            return null;
        }
    }

    static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adopts corpus entries other jobs wrote: each is run once to learn its coverage. Returns how many. */
    public int rescan() {
        lastScan = System.currentTimeMillis();
        int adopted = 0;
        if (opt.corpusDir() == null || !Files.isDirectory(opt.corpusDir())) {
            return 0;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(opt.corpusDir(), "*.csc")) {
            ds.forEach(files::add);
        } catch (IOException e) {
            messages.accept("corpus: cannot list " + opt.corpusDir() + ": " + e.getMessage());
            return 0;
        }
        files.sort(null);
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (!known.add(name)) {
                continue;
            }
            Program p;
            try {
                p = Scenarios.read(f.toString(), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            } catch (IOException | RuntimeException e) {
                messages.accept("corpus: skipping " + f + ": " + e.getMessage());
                continue;
            }
            feedback.reset();
            Executor.Trace t = Executor.run(p, sys, checks, feedback.observer(), Executor.Checking.INCREMENTAL);
            execs++;
            countCalls(t);
            feedback.collectNew();
            if (t.failure() != null) {
                onFailure(t);
                continue;
            }
            corpus.add(p);
            adopted++;
        }
        return adopted;
    }
}

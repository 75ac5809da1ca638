package capsid.checker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The outcomes a model's steps reach, as TLC itself reports them. A model module
 * that refinement covers defines the action property {@value #RECORDER}, which prints
 * {@code <<"capsid-outcome", "Fork:EAGAIN">>} the first time a worker generates a step
 * with that outcome (spec/MCNamespaceUnshare.tla, "Refinement outcomes"). TLC checks
 * an action property on every transition it generates, to a new state or not, so an
 * exhaustive run with the recorder prints the model's <em>outcome universe</em>: every
 * outcome of every step from every reachable state. No model file lists the
 * recorder: {@link #recorderConfig} adds it to a copy of the model file.
 */
public final class Outcomes {
    /** The action property that prints outcomes. */
    public static final String RECORDER = "OutcomesRecorded";
    /** How a recorder line starts. */
    public static final String LINE_PREFIX = "<<\"capsid-outcome\", ";

    private static final Pattern LINE = Pattern.compile("^<<\"capsid-outcome\", \"((?:[^\"\\\\]|\\\\.)*)\">>\\s*$");
    private static final Pattern CHECKS = Pattern.compile("\\b(INVARIANTS?|PROPERTY|PROPERTIES)\\b");
    private static final Pattern ANY_KEYWORD = Pattern.compile("\\b(" + String.join("|", ModelConfig.KEYWORDS)
            + ")\\b");
    /** Bumped when what a cached universe means changes. */
    private static final String CACHE_FORMAT = "capsid-outcomes-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Outcomes() {
    }

    /** The outcomes named by the recorder's lines among {@code lines} (other lines are ignored). */
    public static TreeSet<String> parse(List<String> lines) {
        TreeSet<String> out = new TreeSet<>();
        for (String l : lines) {
            Matcher m = LINE.matcher(l);
            if (m.matches()) {
                out.add(m.group(1).replaceAll("\\\\(.)", "$1"));
            }
        }
        return out;
    }

    /**
     * A model file's text with the recorder added as one more {@code PROPERTY}. With
     * {@code keepChecks} false the model's own invariants and properties are left out
     * (they do not change which states are reachable, and the model's own check runs
     * them): what stays is what decides the reachable states (specification,
     * constants, constraints, view).
     */
    public static String recorderConfig(String cfgText, boolean keepChecks) {
        String text = cfgText;
        if (!keepChecks) {
            String bare = ModelConfig.stripComments(cfgText);
            StringBuilder b = new StringBuilder(bare);
            Matcher m = CHECKS.matcher(bare);
            int from = 0;
            while (m.find(from)) {
                Matcher next = ANY_KEYWORD.matcher(bare);
                int end = next.find(m.end()) ? next.start() : bare.length();
                for (int i = m.start(); i < end; i++) {
                    if (b.charAt(i) != '\n') {
                        b.setCharAt(i, ' ');
                    }
                }
                from = end;
                if (from >= bare.length()) {
                    break;
                }
            }
            text = b.toString();
        }
        return text + (text.endsWith("\n") ? "" : "\n") + "\\* added by capsid: the outcome recorder\nPROPERTY\n    "
                + RECORDER + "\n";
    }

    /**
     * What one exhaustive run of a model found.
     *
     * @param model the model file the run was for
     * @param result the run's result ({@code null} when the universe came from the cache)
     * @param outcomes the outcomes its steps reach
     * @param cached whether they came from the cache (no TLC run)
     * @param seconds how long it took (the recorded run's time when cached)
     */
    public record Universe(Path model, TlcResult result, TreeSet<String> outcomes, boolean cached, double seconds) {
        /** Whether the outcomes are the whole universe: a cached one, or a run that passed. */
        public boolean complete() {
            return cached || (result != null && result.result() == Outcome.PASS);
        }
    }

    /**
     * Checks {@code request}'s model breadth-first with the recorder and without the
     * model's own checks (deadlock not checked either), and returns the outcomes it
     * reaches. When {@code cacheDir} is not null, the universe is kept there under the
     * SHA-256 of everything it depends on (every {@code .tla} file in the spec's
     * directory, the recorder model file, TLC's version), and a later call with the same
     * inputs reads it instead of running TLC.
     */
    public static Universe universe(TlcRequest request, Path cacheDir) throws IOException {
        Path cfg = request.effectiveConfig();
        String derived = recorderConfig(Files.readString(cfg, StandardCharsets.UTF_8), false);
        String key = cacheKey(request.spec(), derived);
        Path cacheFile = cacheDir == null ? null : cacheFile(cacheDir, cfg, key);
        Universe hit = cacheFile == null ? null : readCache(cacheFile, cfg, key);
        if (hit != null) {
            return hit;
        }
        Path dir = Files.createTempDirectory("capsid-outcomes-");
        try {
            Tlc.Checked c = Tlc.checkOutcomes(withRecorder(request, false, dir).withCheckDeadlock(false));
            TlcResult r = c.result();
            Universe u = new Universe(cfg, r, new TreeSet<>(c.outcomes()), false, r.seconds());
            if (cacheFile != null && u.complete()) {
                writeCache(cacheFile, u, key);
            }
            return u;
        } finally {
            Tlc.deleteTree(dir);
        }
    }

    /**
     * Runs {@code request}'s model as it is (its own checks kept) with the recorder
     * added, and when it passes keeps the outcomes it reached in {@code cacheDir} under
     * the key {@link #universe} looks up: a model check that records its universe as it
     * goes (an eighth more CPU time than the plain check on the CI model), so that
     * refinement need not check the model again. {@code cacheDir} may be null (nothing kept).
     */
    public static Tlc.Checked check(TlcRequest request, Path cacheDir) throws IOException {
        Path cfg = request.effectiveConfig();
        String key = cacheKey(request.spec(), recorderConfig(Files.readString(cfg, StandardCharsets.UTF_8), false));
        Path dir = Files.createTempDirectory("capsid-outcomes-");
        try {
            Tlc.Checked c = Tlc.checkOutcomes(withRecorder(request, true, dir));
            if (cacheDir != null && c.result().result() == Outcome.PASS) {
                writeCache(cacheFile(cacheDir, cfg, key), new Universe(cfg, c.result(), new TreeSet<>(c.outcomes()),
                        false, c.result().seconds()), key);
            }
            return c;
        } finally {
            Tlc.deleteTree(dir);
        }
    }

    private static Path cacheFile(Path cacheDir, Path cfg, String key) {
        String base = cfg.getFileName().toString().replaceFirst("\\.cfg$", "");
        return cacheDir.resolve(base + "-" + key.substring(0, 16) + ".json");
    }

    /**
     * The same run with the recorder added ({@link #recorderConfig}). TLC reads a model
     * file only from beside its spec, so the recorder's model file and a copy of every
     * {@code .tla} file of the spec's directory go to {@code dir}, where the returned
     * request runs them (the model file keeps its name).
     */
    public static TlcRequest withRecorder(TlcRequest request, boolean keepChecks, Path dir) throws IOException {
        Path cfg = request.effectiveConfig();
        for (Path m : modules(request.spec())) {
            Files.copy(m, dir.resolve(m.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        }
        Path model = dir.resolve(cfg.getFileName().toString());
        Files.writeString(model, recorderConfig(Files.readString(cfg, StandardCharsets.UTF_8), keepChecks),
                StandardCharsets.UTF_8);
        return new TlcRequest(dir.resolve(request.spec().getFileName().toString()), model, request.workers(),
                request.checkDeadlock(), request.seed(), request.simulate(), request.depth(), request.traceDir(),
                request.dumpDot(), request.timeout(), request.maxHeapMb(), request.progressInterval(), request.oneWorker(),
                request.serverPort());
    }

    /** Every {@code .tla} file beside {@code spec}, by name. */
    private static List<Path> modules(Path spec) throws IOException {
        try (Stream<Path> s = Files.list(spec.toAbsolutePath().getParent())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tla") && Files.isRegularFile(p)).sorted()
                    .toList();
        }
    }

    private static Universe readCache(Path file, Path cfg, String key) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(file.toFile());
            if (!key.equals(n.path("key").asText()) || !n.path("outcomes").isArray()) {
                return null;
            }
            TreeSet<String> out = new TreeSet<>();
            n.path("outcomes").forEach(o -> out.add(o.asText()));
            return new Universe(cfg, null, out, true, n.path("seconds").asDouble());
        } catch (IOException | RuntimeException e) {
            return null; // an unreadable cache entry is a miss
        }
    }

    private static void writeCache(Path file, Universe u, String key) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("key", key);
        o.put("model", u.model().getFileName().toString());
        o.put("distinct_states", u.result().distinctStates());
        o.put("seconds", Math.round(u.seconds() * 10) / 10.0);
        ArrayNode a = o.putArray("outcomes");
        u.outcomes().forEach(a::add);
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, o.toString() + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** SHA-256 over the cache format, TLC's version, the model text and every module beside the spec. */
    static String cacheKey(Path spec, String derivedCfg) throws IOException {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        update(d, CACHE_FORMAT);
        update(d, String.valueOf(tlc2.TLCGlobals.versionOfTLC));
        update(d, derivedCfg);
        for (Path m : modules(spec)) {
            update(d, m.getFileName().toString());
            update(d, Files.readAllBytes(m));
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static void update(MessageDigest d, String s) {
        update(d, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void update(MessageDigest d, byte[] b) {
        d.update(Integer.toString(b.length).getBytes(StandardCharsets.UTF_8));
        d.update((byte) ':');
        d.update(b);
    }
}

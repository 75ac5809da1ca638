package capsid.checker;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Spec mutation as a suite (DESIGN.md, "What a check must show"): every invariant,
 * action property and ABI rule of a spec has at least one single-point mutant of the
 * spec (one guard removed, one update changed) that TLC reports, by that property's
 * name, on a model of role {@code ci} or {@code liveness} in the manifest, never on a
 * model only a test knows.
 *
 * <p>A spec's mutants live in a JSON file beside it ({@code spec/<Spec>.mutants.json},
 * named by the manifest): each names the text it replaces (which must occur exactly
 * once in the spec, so an edit of the spec cannot silently turn a mutant into a
 * no-op), its replacement, the model it runs on, the property that must report it and
 * the rule it breaks. Each mutant runs on a copy of the spec directory with its
 * model's config reduced to the one property, deadlock checking off, and stops at
 * the first violation. Results are cached by a hash of every module and the config
 * involved, so an unchanged mutant is not re-run.
 */
public final class SpecMutants {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private SpecMutants() {
    }

    /** One mutant, as the mutant file gives it. */
    public record Mutant(String name, String property, String model, String rule, String why, String find,
                         String replace) {
    }

    /** What became of a mutant. */
    public enum Status {
        /** TLC reported exactly the mutant's property */
        CAUGHT,
        /** TLC found nothing: the property cannot tell this mutant from the spec */
        SURVIVED,
        /** TLC reported something else (another property, a deadlock) */
        WRONG_REPORT,
        /** the mutant could not be run: its text is not in the spec, TLC failed, ... */
        ERROR;

        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One mutant's run. */
    public record Outcome(Mutant mutant, Status status, String reported, String detail, double seconds,
                          boolean cached) {
    }

    /**
     * A spec's suite: the outcome of each mutant, and the coverage problems (a
     * property of a ci/liveness model or a rule of the spec with no mutant, a mutant on
     * a model of another role, ...).
     */
    public record Report(String spec, List<Outcome> outcomes, List<String> problems, double seconds) {
        public Report {
            outcomes = List.copyOf(outcomes);
            problems = List.copyOf(problems);
        }

        public long caught() {
            return outcomes.stream().filter(o -> o.status() == Status.CAUGHT).count();
        }

        public long cached() {
            return outcomes.stream().filter(Outcome::cached).count();
        }

        /** Every mutant caught for its own property, and nothing without a mutant. */
        public boolean ok() {
            return problems.isEmpty() && !outcomes.isEmpty() && caught() == outcomes.size();
        }

        /** One line per mutant that was not caught, and per problem. */
        public List<String> failures() {
            List<String> out = new ArrayList<>(problems);
            for (Outcome o : outcomes) {
                if (o.status() != Status.CAUGHT) {
                    out.add("mutant " + o.mutant().name() + " (" + o.mutant().why() + ") on "
                            + o.mutant().model() + ": " + o.status().json()
                            + (o.reported() == null ? "" : ", TLC reported " + o.reported())
                            + (o.detail() == null ? "" : ": " + o.detail()) + "; expected " + o.mutant().property());
                }
            }
            return out;
        }

        /** The record for proofs-log (kind {@code spec-mutants}). */
        public ObjectNode toJson() {
            ObjectNode o = JSON.createObjectNode();
            o.put("spec", spec);
            o.put("result", ok() ? "pass" : "violation");
            o.put("mutants", outcomes.size());
            o.put("caught", caught());
            o.put("cached", cached());
            o.put("seconds", Math.round(seconds * 10) / 10.0);
            var rows = o.putArray("outcomes");
            for (Outcome x : outcomes) {
                ObjectNode r = rows.addObject();
                r.put("mutant", x.mutant().name());
                r.put("model", x.mutant().model());
                r.put("property", x.mutant().property());
                r.put("status", x.status().json());
                r.put("reported", x.reported());
                r.put("seconds", Math.round(x.seconds() * 10) / 10.0);
                r.put("cached", x.cached());
            }
            var probs = o.putArray("problems");
            problems.forEach(probs::add);
            return o;
        }
    }

    /** How to run a suite. */
    public record Options(int workers, Duration timeout, Path cacheDir) {
    }

    /** Reads a mutant file; errors name the file and the entry. */
    public static List<Mutant> read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IOException(file + ":" + (e.getLocation() == null ? "?:?" : e.getLocation().getLineNr() + ":"
                    + e.getLocation().getColumnNr()) + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.path("mutants").isArray()) {
            throw new IOException(file + ": expected an object with a list \"mutants\"");
        }
        List<Mutant> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        JsonNode ms = root.get("mutants");
        for (int i = 0; i < ms.size(); i++) {
            JsonNode m = ms.get(i);
            String where = file + ": mutants[" + i + "]";
            for (String k : List.of("name", "property", "model", "why", "find", "replace")) {
                if (!m.path(k).isTextual()) {
                    throw new IOException(where + ": missing or non-text " + k);
                }
            }
            for (var it = m.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!Set.of("name", "property", "model", "rule", "why", "find", "replace").contains(k)) {
                    throw new IOException(where + ": unknown key " + k);
                }
            }
            String rule = m.path("rule").isTextual() ? m.get("rule").asText() : null;
            Mutant mu = new Mutant(m.get("name").asText(), m.get("property").asText(), m.get("model").asText(),
                    rule, m.get("why").asText(), m.get("find").asText(), m.get("replace").asText());
            if (!names.add(mu.name())) {
                throw new IOException(where + ": mutant " + mu.name() + " appears twice");
            }
            if (mu.find().equals(mu.replace())) {
                throw new IOException(where + ": mutant " + mu.name() + " replaces its text by itself");
            }
            out.add(mu);
        }
        return out;
    }

    /**
     * What the suite must cover and does not: every property a ci or liveness model
     * checks needs a mutant reported by it, every rule of the spec a mutant breaking
     * it on a model that lists the rule; every mutant must run on a ci or liveness
     * model of this spec that checks its property.
     */
    public static List<String> coverageProblems(Path specDir, SpecManifest.Spec spec, List<Mutant> mutants)
            throws IOException {
        List<String> out = new ArrayList<>();
        Set<SpecManifest.Role> roles = Set.of(SpecManifest.Role.CI, SpecManifest.Role.LIVENESS);
        Set<String> checked = new TreeSet<>();
        for (SpecManifest.Model m : spec.models(roles)) {
            ModelConfig c = ModelConfig.read(specDir.resolve(m.config()));
            checked.addAll(c.invariants());
            checked.addAll(c.properties());
        }
        for (Mutant mu : mutants) {
            SpecManifest.Model m = spec.modelByConfig(mu.model());
            if (m == null) {
                out.add("mutant " + mu.name() + ": its model " + mu.model() + " is not in the manifest");
                continue;
            }
            if (!roles.contains(m.role())) {
                out.add("mutant " + mu.name() + ": its model " + mu.model() + " has role " + m.role().json()
                        + "; mutants must be reported on a model verify checks (ci or liveness)");
                continue;
            }
            ModelConfig c = ModelConfig.read(specDir.resolve(m.config()));
            if (!c.invariants().contains(mu.property()) && !c.properties().contains(mu.property())) {
                out.add("mutant " + mu.name() + ": " + mu.model() + " does not check " + mu.property());
            }
            if (mu.rule() != null) {
                if (spec.rules().stream().noneMatch(r -> r.id().equals(mu.rule()))) {
                    out.add("mutant " + mu.name() + ": no rule " + mu.rule() + " in the manifest");
                } else if (!m.rules().contains(mu.rule())) {
                    out.add("mutant " + mu.name() + ": breaks rule " + mu.rule() + " on " + mu.model()
                            + ", which the manifest does not list as a model for that rule");
                }
            }
        }
        for (String p : checked) {
            if (mutants.stream().noneMatch(mu -> mu.property().equals(p))) {
                out.add("property " + p + " is checked by a ci/liveness model but no mutant shows it can fail");
            }
        }
        for (SpecManifest.Rule r : spec.rules()) {
            if (mutants.stream().noneMatch(mu -> r.id().equals(mu.rule()))) {
                out.add("rule " + r.id() + " has no mutant that breaks it");
            }
        }
        return out;
    }

    /** Runs every mutant of {@code spec}; progress lines go to {@code progress}. */
    public static Report run(Path specDir, SpecManifest.Spec spec, Options o, PrintStream progress)
            throws IOException {
        long t0 = System.nanoTime();
        if (spec.mutants() == null) {
            return new Report(spec.name(), List.of(), List.of("spec " + spec.name()
                    + " names no mutant file in the manifest"), 0);
        }
        List<Mutant> mutants = read(specDir.resolve(spec.mutants()));
        List<String> problems = coverageProblems(specDir, spec, mutants);
        String text = Files.readString(specDir.resolve(spec.module()), StandardCharsets.UTF_8);
        List<Outcome> outcomes = new ArrayList<>();
        int i = 0;
        for (Mutant mu : mutants) {
            i++;
            Outcome out = runOne(specDir, spec, text, mu, o);
            outcomes.add(out);
            if (progress != null) {
                progress.printf("spec mutants %s: %d/%d %s %s%s%n", spec.name(), i, mutants.size(), mu.name(),
                        out.status().json(), out.cached() ? " (cached)" : String.format(" (%.1f s)", out.seconds()));
            }
        }
        return new Report(spec.name(), outcomes, problems, (System.nanoTime() - t0) / 1e9);
    }

    private static Outcome runOne(Path specDir, SpecManifest.Spec spec, String text, Mutant mu, Options o)
            throws IOException {
        long t0 = System.nanoTime();
        int at = text.indexOf(mu.find());
        if (at < 0 || text.indexOf(mu.find(), at + 1) >= 0) {
            return new Outcome(mu, Status.ERROR, null, "its text occurs " + (at < 0 ? "nowhere" : "more than once")
                    + " in " + spec.module() + " (the spec changed: update the mutant)", 0, false);
        }
        SpecManifest.Model model = spec.modelByConfig(mu.model());
        if (model == null) {
            return new Outcome(mu, Status.ERROR, null, "no model " + mu.model() + " in the manifest", 0, false);
        }
        String mutated = text.substring(0, at) + mu.replace() + text.substring(at + mu.find().length());
        String cfgText = Files.readString(specDir.resolve(model.config()), StandardCharsets.UTF_8);
        ModelConfig cfg = ModelConfig.parse(cfgText);
        boolean invariant = cfg.invariants().contains(mu.property());
        boolean liveness = model.role() == SpecManifest.Role.LIVENESS;
        String reduced = onlyProperty(cfgText, mu.property(), invariant);
        String key = cacheKey(specDir, spec.module(), mutated, model.module(), reduced);
        Path cacheFile = o.cacheDir() == null ? null : o.cacheDir().resolve(key + ".json");
        if (cacheFile != null && Files.isRegularFile(cacheFile)) {
            try {
                JsonNode c = JSON.readTree(Files.readString(cacheFile));
                Status st = Status.valueOf(c.path("status").asText().toUpperCase(Locale.ROOT));
                if (st != Status.ERROR) {
                    return new Outcome(mu, st, c.path("reported").isTextual() ? c.get("reported").asText() : null,
                            null, c.path("seconds").asDouble(), true);
                }
            } catch (IOException | IllegalArgumentException e) {
                // a damaged cache entry is ignored and rewritten
            }
        }
        Path dir = Files.createTempDirectory("capsid-mutant");
        try {
            try (Stream<Path> s = Files.list(specDir)) {
                for (Path p : s.filter(p -> p.toString().endsWith(".tla")).toList()) {
                    Files.copy(p, dir.resolve(p.getFileName()));
                }
            }
            Files.writeString(dir.resolve(spec.module()), mutated);
            Files.writeString(dir.resolve("Mutant.cfg"), reduced);
            TlcResult r = Tlc.check(TlcRequest.of(dir.resolve(model.module())).withConfig(dir.resolve("Mutant.cfg"))
                    .withWorkers(liveness ? 1 : o.workers()).withCheckDeadlock(false).withTimeout(o.timeout()));
            Status st;
            String reported = r.property();
            String detail = null;
            switch (r.result()) {
                case PASS -> st = Status.SURVIVED;
                case VIOLATION -> st = mu.property().equals(r.property()) ? Status.CAUGHT : Status.WRONG_REPORT;
                case LIVENESS -> {
                    // TLC 2.18 does not name the temporal property; the reduced model checks just one
                    st = !invariant && cfg.properties().contains(mu.property()) ? Status.CAUGHT : Status.WRONG_REPORT;
                    reported = mu.property();
                }
                case DEADLOCK -> st = Status.WRONG_REPORT;
                default -> {
                    st = Status.ERROR;
                    detail = r.reason() == null ? "TLC gave no verdict (" + r.result().json() + ")" : r.reason();
                }
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            if (cacheFile != null && st != Status.ERROR) {
                Files.createDirectories(cacheFile.getParent());
                ObjectNode c = JSON.createObjectNode();
                c.put("mutant", mu.name());
                c.put("status", st.json());
                c.put("reported", reported);
                c.put("seconds", secs);
                Path tmp = cacheFile.resolveSibling(cacheFile.getFileName() + ".tmp");
                Files.writeString(tmp, c.toString());
                Files.move(tmp, cacheFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return new Outcome(mu, st, reported, detail, secs, false);
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * The model's config text with its INVARIANT(S)/PROPERTY(IES) sections replaced by
     * the one property (everything else, comments included, as it was).
     */
    static String onlyProperty(String cfg, String property, boolean invariant) {
        StringBuilder out = new StringBuilder();
        boolean inSection = false;
        for (String line : cfg.split("\n", -1)) {
            String t = line.strip();
            String word = t.split("\\s+", 2)[0];
            if (Set.of("INVARIANT", "INVARIANTS", "PROPERTY", "PROPERTIES").contains(word)) {
                inSection = true;
                continue;
            }
            if (inSection && !t.isEmpty() && !t.startsWith("\\*")
                    && (!t.matches("[A-Za-z_][A-Za-z0-9_]*") || ModelConfig.isKeyword(t))) {
                inSection = false;
            }
            if (inSection && !t.startsWith("\\*")) {
                continue;
            }
            out.append(line).append('\n');
        }
        out.append(invariant ? "INVARIANT\n    " : "PROPERTY\n    ").append(property).append('\n');
        return out.toString();
    }

    /** A hash of everything the run depends on: every module of the directory (one mutated) and the config. */
    private static String cacheKey(Path specDir, String module, String mutated, String mcModule, String cfg)
            throws IOException {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update("capsid-spec-mutant-v1\0".getBytes(StandardCharsets.UTF_8));
            try (Stream<Path> s = Files.list(specDir)) {
                for (Path p : s.filter(p -> p.toString().endsWith(".tla")).sorted().toList()) {
                    String name = p.getFileName().toString();
                    d.update((name + "\0").getBytes(StandardCharsets.UTF_8));
                    d.update(name.equals(module) ? mutated.getBytes(StandardCharsets.UTF_8) : Files.readAllBytes(p));
                }
            }
            d.update(("\0" + mcModule + "\0" + cfg).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package capsid.checker;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The spec manifest, {@code spec/manifest.json}: every spec, the ABI rules it is
 * there to check, and every model of it with its role, the rules it is there for and
 * its recorded state count (in the spirit of tlaplus/Examples' manifests).
 * {@code capsid verify} reads it to know what to check; a test compares each CI
 * model's recorded counts with TLC. The format is documented in docs/spec-manifest.md.
 *
 * <p>Reading is strict: malformed JSON, an unknown key, a missing file, a duplicate
 * name or a rule nobody defines is an error naming the file and the place (line and
 * column for malformed JSON, the entry's path, e.g. {@code specs[0].models[2].role},
 * otherwise).
 */
public record SpecManifest(Path dir, List<Spec> specs) {

    /** What a model is for. */
    public enum Role {
        /** exhaustive, checked by every {@code capsid verify} (and so by CI) */
        CI,
        /** exhaustive with liveness properties: checked by every verify, with one TLC worker */
        LIVENESS,
        /** larger: checked by {@code capsid verify --deep}, recorded in proofs-log */
        DEEP,
        /** the state graph {@code capsid refine} dumps and walks */
        GRAPH,
        /** the simulation model {@code capsid refine} draws traces from */
        SIM;

        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Role parse(String s) {
            for (Role r : values()) {
                if (r.json().equals(s)) {
                    return r;
                }
            }
            return null;
        }
    }

    /** An ABI rule a spec checks: an id models and mutants refer to, and the rule in words. */
    public record Rule(String id, String abi) {
    }

    /**
     * One model.
     *
     * @param distinctStates recorded distinct states (TLC's count), or null when not recorded
     * @param depth          recorded depth of the state graph, or null
     */
    public record Model(String name, String module, String config, Role role, String purpose, List<String> rules,
                        Long distinctStates, Integer depth) {
        public Model {
            rules = List.copyOf(rules);
        }
    }

    /** One spec: its module, its mutant file (relative to the manifest), its rules and models. */
    public record Spec(String name, String module, String mutants, List<Rule> rules, List<Model> models) {
        public Spec {
            rules = List.copyOf(rules);
            models = List.copyOf(models);
        }

        /** The models of these roles, in manifest order. */
        public List<Model> models(Set<Role> roles) {
            return models.stream().filter(m -> roles.contains(m.role())).toList();
        }

        /** The model whose config file is {@code config}, or null. */
        public Model modelByConfig(String config) {
            return models.stream().filter(m -> m.config().equals(config)).findFirst().orElse(null);
        }
    }

    /** A manifest that cannot be read: the message names the file, line and column. */
    public static final class ManifestException extends IOException {
        public ManifestException(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** The manifest's file name inside the spec directory. */
    public static final String FILE = "manifest.json";

    public SpecManifest {
        specs = List.copyOf(specs);
    }

    /** The spec named {@code name}, or null. */
    public Spec spec(String name) {
        return specs.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    /** Reads {@code dir/manifest.json}. */
    public static SpecManifest read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new ManifestException(dir + ": " + (Files.exists(dir) ? "not a directory" : "no such directory")
                    + " (the specs and their manifest live there)");
        }
        Path file = dir.resolve(FILE);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ManifestException(file + ": no spec manifest (every spec directory needs one)");
        } catch (IOException e) {
            throw new ManifestException(file + ": cannot read: " + e.getMessage());
        }
        return parse(dir, file.toString(), text);
    }

    /** Parses manifest text; {@code name} is how errors name the file. */
    public static SpecManifest parse(Path dir, String name, String text) throws ManifestException {
        JsonNode root;
        try (JsonParser p = JSON.createParser(text)) {
            root = JSON.readTree(p);
            if (p.nextToken() != null) {
                throw new ManifestException(name + ":" + at(p.currentTokenLocation()) + ": text after the manifest");
            }
        } catch (JsonProcessingException e) {
            throw new ManifestException(name + ":" + at(e.getLocation()) + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("malformed JSON"));
        } catch (ManifestException e) {
            throw e;
        } catch (IOException e) {
            throw new ManifestException(name + ": " + e.getMessage());
        }
        if (root == null) {
            throw new ManifestException(name + ": empty manifest");
        }
        Reader r = new Reader(name, dir);
        return new SpecManifest(dir, r.manifest(root));
    }

    private static String at(JsonLocation l) {
        return l == null ? "?:?" : l.getLineNr() + ":" + l.getColumnNr();
    }

    /** Walks the parsed tree; every error names where it is by path (JSON locations are lost in a tree). */
    private static final class Reader {
        private final String file;
        private final Path dir;

        Reader(String file, Path dir) {
            this.file = file;
            this.dir = dir;
        }

        private ManifestException bad(String where, String what) {
            return new ManifestException(file + ": " + where + ": " + what);
        }

        List<Spec> manifest(JsonNode root) throws ManifestException {
            ObjectNode o = object(root, "the manifest", Set.of("format", "specs"));
            JsonNode format = o.get("format");
            if (format == null || !format.isInt() || format.intValue() != 1) {
                throw bad("format", "must be 1 (the only format there is)");
            }
            JsonNode specs = o.get("specs");
            if (specs == null || !specs.isArray() || specs.isEmpty()) {
                throw bad("specs", "must be a non-empty list");
            }
            List<Spec> out = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (int i = 0; i < specs.size(); i++) {
                Spec s = spec(specs.get(i), "specs[" + i + "]");
                if (!names.add(s.name())) {
                    throw bad("specs[" + i + "].name", "spec " + s.name() + " appears twice");
                }
                out.add(s);
            }
            return out;
        }

        Spec spec(JsonNode n, String where) throws ManifestException {
            ObjectNode o = object(n, where, Set.of("name", "module", "mutants", "rules", "models"));
            String name = text(o, "name", where, true);
            String module = file(o, "module", where, true);
            String mutants = file(o, "mutants", where, false);
            List<Rule> rules = new ArrayList<>();
            Set<String> ids = new LinkedHashSet<>();
            JsonNode rs = o.get("rules");
            if (rs != null) {
                if (!rs.isArray()) {
                    throw bad(where + ".rules", "must be a list");
                }
                for (int i = 0; i < rs.size(); i++) {
                    String w = where + ".rules[" + i + "]";
                    ObjectNode ro = object(rs.get(i), w, Set.of("id", "abi"));
                    Rule rule = new Rule(text(ro, "id", w, true), text(ro, "abi", w, true));
                    if (!ids.add(rule.id())) {
                        throw bad(w + ".id", "rule " + rule.id() + " appears twice");
                    }
                    rules.add(rule);
                }
            }
            JsonNode ms = o.get("models");
            if (ms == null || !ms.isArray() || ms.isEmpty()) {
                throw bad(where + ".models", "must be a non-empty list");
            }
            List<Model> models = new ArrayList<>();
            Set<String> names = new HashSet<>();
            Set<String> configs = new HashSet<>();
            for (int i = 0; i < ms.size(); i++) {
                String w = where + ".models[" + i + "]";
                Model m = model(ms.get(i), w, ids);
                if (!names.add(m.name())) {
                    throw bad(w + ".name", "model " + m.name() + " appears twice");
                }
                if (!configs.add(m.config())) {
                    throw bad(w + ".config", m.config() + " is the config of two models");
                }
                models.add(m);
            }
            if (models.stream().noneMatch(m -> m.role() == Role.CI)) {
                throw bad(where + ".models", "spec " + name + " has no model of role ci: verify would check nothing");
            }
            return new Spec(name, module, mutants, rules, models);
        }

        Model model(JsonNode n, String where, Set<String> ruleIds) throws ManifestException {
            ObjectNode o = object(n, where, Set.of("name", "module", "config", "role", "purpose", "rules",
                    "distinct_states", "depth"));
            String name = text(o, "name", where, true);
            String module = file(o, "module", where, true);
            String config = file(o, "config", where, true);
            String roleText = text(o, "role", where, true);
            Role role = Role.parse(roleText);
            if (role == null) {
                throw bad(where + ".role", "unknown role " + roleText + " (ci, liveness, deep, graph or sim)");
            }
            String purpose = text(o, "purpose", where, true);
            List<String> rules = new ArrayList<>();
            JsonNode rs = o.get("rules");
            if (rs != null) {
                if (!rs.isArray()) {
                    throw bad(where + ".rules", "must be a list of rule ids");
                }
                for (int i = 0; i < rs.size(); i++) {
                    JsonNode r = rs.get(i);
                    if (!r.isTextual() || !ruleIds.contains(r.asText())) {
                        throw bad(where + ".rules[" + i + "]", r + " is no rule of this spec (its rules: "
                                + ruleIds + ")");
                    }
                    rules.add(r.asText());
                }
            }
            Long distinct = null;
            JsonNode d = o.get("distinct_states");
            if (d != null) {
                if (!d.isIntegralNumber() || d.longValue() < 1) {
                    throw bad(where + ".distinct_states", "must be a positive integer");
                }
                distinct = d.longValue();
            }
            Integer depth = null;
            JsonNode dp = o.get("depth");
            if (dp != null) {
                if (!dp.isInt() || dp.intValue() < 1) {
                    throw bad(where + ".depth", "must be a positive integer");
                }
                depth = dp.intValue();
            }
            if ((distinct == null) != (depth == null)) {
                throw bad(where, "distinct_states and depth are recorded together or not at all");
            }
            return new Model(name, module, config, role, purpose, rules, distinct, depth);
        }

        ObjectNode object(JsonNode n, String where, Set<String> keys) throws ManifestException {
            if (n == null || !n.isObject()) {
                throw bad(where, "must be an object");
            }
            for (var it = n.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!keys.contains(k)) {
                    throw bad(where, "unknown key " + k + " (known: " + keys.stream().sorted().toList() + ")");
                }
            }
            return (ObjectNode) n;
        }

        String text(ObjectNode o, String key, String where, boolean required) throws ManifestException {
            JsonNode v = o.get(key);
            if (v == null) {
                if (required) {
                    throw bad(where, "missing " + key);
                }
                return null;
            }
            if (!v.isTextual() || v.asText().isBlank()) {
                throw bad(where + "." + key, "must be a non-empty string");
            }
            return v.asText();
        }

        /** A file name beside the manifest that must exist. */
        String file(ObjectNode o, String key, String where, boolean required) throws ManifestException {
            String f = text(o, key, where, required);
            if (f == null) {
                return null;
            }
            if (f.contains("/") || f.contains("\\") || f.startsWith(".")) {
                throw bad(where + "." + key, f + ": a file name in the spec directory, without a path");
            }
            if (dir != null && !Files.isRegularFile(dir.resolve(f))) {
                throw bad(where + "." + key, f + " does not exist in " + dir);
            }
            return f;
        }
    }
}

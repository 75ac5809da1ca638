package capsid.checker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many TLC workers a run may use. TLC 2.18 is unsound for liveness checking with
 * more than one worker (tlaplus/tlaplus#971, fixed after 2.18), and trace validation
 * has given bogus verdicts with several workers (microsoft/CCF#5563). So a run gets
 * one worker, whatever it asked for, when
 * <ul>
 * <li>the request says so ({@link TlcRequest#withOneWorker}, e.g. trace validation), or</li>
 * <li>the model checks liveness: its {@code SPECIFICATION} formula has fairness
 *     ({@code WF_} or {@code SF_}), or a {@code PROPERTY} it checks is temporal
 *     ({@code <>}, {@code ~>}, {@code []<>}), in the definition or in any definition
 *     it uses, in the spec module or the modules it EXTENDS or INSTANCEs from the same
 *     directory; a property whose definition cannot be found counts as temporal; or</li>
 * <li>the spec is a trace validation: it is, EXTENDS or INSTANCEs a module whose name
 *     starts with {@code Trace} (STYLE.md's {@code Trace<Spec>.tla}).</li>
 * </ul>
 * The decision reads the model and module texts; it never fails a run (a text it
 * cannot read is TLC's to report).
 */
public final class WorkerPolicy {
    /** What a clamp note says about why one worker. */
    public static final String UNSOUND = "TLC 2.18 is unsound for liveness checking with more than one worker"
            + " (tlaplus/tlaplus#971)";

    private static final Pattern EXTENDS = Pattern.compile("\\b(?:EXTENDS|INSTANCE)\\s+([A-Za-z0-9_]+(?:\\s*,\\s*"
            + "[A-Za-z0-9_]+)*)");
    private static final Pattern DEF = Pattern.compile("(?m)^(?:LOCAL\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*"
            + "(?:\\([^)]*\\)|\\[[^\\]]*\\])?\\s*==");
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SPECIFICATION = Pattern.compile("\\bSPECIFICATION\\s+([A-Za-z_][A-Za-z0-9_]*)");

    private WorkerPolicy() {
    }

    /** Why {@code r} must run with one worker, or {@code null} when it may use what it asks for. */
    public static String oneWorkerReason(TlcRequest r) {
        if (r.oneWorker() != null) {
            return r.oneWorker();
        }
        Map<String, String> modules = modules(r.spec());
        for (String m : modules.keySet()) {
            if (m.startsWith("Trace")) {
                return "trace validation (" + (m.equals(moduleName(r.spec())) ? "" : moduleName(r.spec())
                        + " extends ") + m + ")";
            }
        }
        String cfg;
        try {
            cfg = Files.readString(r.effectiveConfig(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
        Map<String, String> defs = new LinkedHashMap<>();
        modules.values().forEach(text -> defs.putAll(definitions(text)));
        Matcher s = SPECIFICATION.matcher(strip(cfg));
        if (s.find() && defs.containsKey(s.group(1))) {
            String fair = find(defs, s.group(1), body -> body.contains("WF_") || body.contains("SF_"));
            if (fair != null) {
                return "liveness: SPECIFICATION " + s.group(1) + " has fairness"
                        + (fair.equals(s.group(1)) ? "" : " (in " + fair + ")");
            }
        }
        for (String p : ModelConfig.parse(cfg).properties()) {
            if (!defs.containsKey(p)) {
                return "liveness: PROPERTY " + p + " has no definition in " + modules.keySet()
                        + ", so it may be temporal";
            }
            String temporal = find(defs, p, WorkerPolicy::temporal);
            if (temporal != null) {
                return "liveness: PROPERTY " + p + " is temporal" + (temporal.equals(p) ? "" : " (in " + temporal
                        + ")");
            }
        }
        return null;
    }

    /** The workers {@code r} runs with. */
    public static int workers(TlcRequest r) {
        return oneWorkerReason(r) != null ? 1 : r.workers();
    }

    /** The note for a run asked for {@code asked} workers that got one, for {@code reason}. */
    public static String clampNote(int asked, String reason) {
        return "workers: 1 instead of " + asked + ": " + reason + "; " + UNSOUND;
    }

    /** Whether a definition's body (comments and strings gone) has a temporal operator. */
    private static boolean temporal(String body) {
        String b = body.replace("<<", " ").replace(">>", " "); // tuples are not <>
        return b.contains("<>") || b.contains("~>");
    }

    /**
     * The first definition among {@code root} and those it uses (transitively) whose
     * body satisfies {@code test}, or null.
     */
    private static String find(Map<String, String> defs, String root, java.util.function.Predicate<String> test) {
        Deque<String> todo = new ArrayDeque<>(List.of(root));
        Set<String> seen = new HashSet<>(todo);
        while (!todo.isEmpty()) {
            String name = todo.poll();
            String body = defs.get(name);
            if (test.test(body)) {
                return name;
            }
            Matcher m = IDENT.matcher(body);
            while (m.find()) {
                String id = m.group();
                if (defs.containsKey(id) && seen.add(id)) {
                    todo.add(id);
                }
            }
        }
        return null;
    }

    /** The module {@code spec} and every module it EXTENDS or INSTANCEs from its directory: name to text. */
    static Map<String, String> modules(Path spec) {
        Map<String, String> out = new LinkedHashMap<>();
        Deque<Path> todo = new ArrayDeque<>(List.of(spec));
        while (!todo.isEmpty()) {
            Path p = todo.poll();
            String name = moduleName(p);
            if (out.containsKey(name) || !Files.isRegularFile(p)) {
                continue;
            }
            String text;
            try {
                text = strip(Files.readString(p, StandardCharsets.UTF_8));
            } catch (IOException e) {
                continue;
            }
            out.put(name, text);
            Matcher m = EXTENDS.matcher(text);
            while (m.find()) {
                for (String dep : m.group(1).split("\\s*,\\s*")) {
                    todo.add(p.resolveSibling(dep.trim() + ".tla"));
                }
            }
        }
        return out;
    }

    private static String moduleName(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".tla") ? n.substring(0, n.length() - 4) : n;
    }

    /** The top-level definitions of a module text (comments stripped): name to body. */
    static Map<String, String> definitions(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = DEF.matcher(text);
        String name = null;
        int from = 0;
        while (m.find()) {
            if (name != null) {
                out.putIfAbsent(name, text.substring(from, m.start()));
            }
            name = m.group(1);
            from = m.end();
        }
        if (name != null) {
            out.putIfAbsent(name, text.substring(from));
        }
        return out;
    }

    /** The text with TLA+ comments ({@code \*} to the end of the line, nested {@code (* *)}) and strings blanked. */
    static String strip(String s) {
        return ModelConfig.stripCommentsAndStrings(s);
    }
}

package capsid.refinement;

import capsid.checker.ModelConfig;
import capsid.kernel.Kernel;
import capsid.kernel.SpecAction;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The links between spec actions and kernel methods, both ways (DESIGN.md: "one
 * spec action, one kernel method, linked both ways"). In a spec, a comment line
 * {@code kernel: capsid.kernel.process.ProcessTable#fork} names the method of the
 * next operator definition; in the kernel, the method carries
 * {@code @SpecAction(spec = "NamespaceUnshare", action = "Fork")}. A link is
 * whole only when both sides name each other.
 *
 * <p>Properties are linked by name ({@link #checkProperties}): every invariant and
 * property a model of the spec checks has a kernel-side check of the same name
 * ({@code Kernel.specCheckNames}) or a declared exemption with its reason ({@code
 * Kernel.specExemptions}), and every kernel check that claims a spec name names one
 * a model checks.
 */
public final class SpecLinks {
    private static final Pattern LINK = Pattern.compile("kernel:\\s*([A-Za-z0-9_.]+)#([A-Za-z0-9_]+)");
    private static final Pattern DEF = Pattern.compile("^([A-Z][A-Za-z0-9_]*)\\s*(\\([^)]*\\))?\\s*==");

    private SpecLinks() {
    }

    /** A spec action's link: the class and method its comment names, and where. */
    public record Link(String action, String className, String method, int line) {
    }

    /** The links in a spec's text: action name to the method its comment names. */
    public static Map<String, Link> read(String specText) {
        Map<String, Link> out = new LinkedHashMap<>();
        String[] lines = specText.split("\n", -1);
        Matcher pending = null;
        int pendingLine = 0;
        for (int i = 0; i < lines.length; i++) {
            Matcher m = LINK.matcher(lines[i]);
            if (m.find()) {
                pending = m;
                pendingLine = i + 1;
                continue;
            }
            Matcher d = DEF.matcher(lines[i]);
            if (d.find() && pending != null) {
                out.put(d.group(1), new Link(d.group(1), pending.group(1), pending.group(2), pendingLine));
                pending = null;
            }
        }
        return out;
    }

    /**
     * Every broken link between {@code spec} (its module name and text) and the
     * kernel classes {@code kernelClasses}, for the {@code actions} the spec must
     * link: an action without a comment, a comment naming a missing class or method,
     * a method without the annotation or with another action's, an annotated method
     * the spec does not name.
     */
    public static List<String> check(String module, String specText, Collection<String> actions,
                                     Collection<Class<?>> kernelClasses) {
        List<String> problems = new ArrayList<>();
        Map<String, Link> links = read(specText);
        for (String a : actions) {
            Link l = links.get(a);
            if (l == null) {
                problems.add(module + "!" + a + ": no 'kernel: Class#method' comment before its definition");
                continue;
            }
            Class<?> c;
            try {
                c = Class.forName(l.className(), false, SpecLinks.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                problems.add(module + ".tla:" + l.line() + ": " + a + " names class " + l.className()
                        + ", which does not exist");
                continue;
            }
            List<Method> ms = Stream.of(c.getDeclaredMethods()).filter(m -> m.getName().equals(l.method())).toList();
            if (ms.isEmpty()) {
                problems.add(module + ".tla:" + l.line() + ": " + a + " names " + l.className() + "#" + l.method()
                        + ", which does not exist");
                continue;
            }
            boolean linked = ms.stream().anyMatch(m -> annotated(m, module, a));
            if (!linked) {
                problems.add(l.className() + "#" + l.method() + " implements " + module + "!" + a
                        + " but has no @SpecAction(spec = \"" + module + "\", action = \"" + a + "\")");
            }
        }
        for (Class<?> c : kernelClasses) {
            for (Method m : c.getDeclaredMethods()) {
                for (SpecAction sa : m.getAnnotationsByType(SpecAction.class)) {
                    if (!sa.spec().equals(module)) {
                        continue;
                    }
                    Link l = links.get(sa.action());
                    if (l == null || !actions.contains(sa.action())) {
                        problems.add(c.getName() + "#" + m.getName() + " claims " + module + "!" + sa.action()
                                + ", which the spec does not link to it (no such action, or no comment)");
                    } else if (!l.className().equals(c.getName()) || !l.method().equals(m.getName())) {
                        problems.add(c.getName() + "#" + m.getName() + " claims " + module + "!" + sa.action()
                                + ", but the spec names " + l.className() + "#" + l.method());
                    }
                }
            }
        }
        return problems;
    }

    /**
     * The models of spec {@code module} in {@code specDir}: every {@code
     * MC<module>*.cfg}, by file name, in name order.
     */
    public static Map<String, ModelConfig> models(Path specDir, String module) throws IOException {
        Map<String, ModelConfig> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(specDir)) {
            for (Path p : s.sorted().toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith("MC" + module) && n.endsWith(".cfg")) {
                    out.put(n, ModelConfig.read(p));
                }
            }
        }
        return out;
    }

    /**
     * Every broken property link between spec {@code module}, whose models are {@code
     * models} (cfg file name to what it checks), and the kernel: a property some
     * model checks (INVARIANT(S) or PROPERTY(IES)) with neither a kernel check of that
     * name in {@code kernelChecks} nor an exemption in {@code exempt}; a kernel check
     * or an exemption naming a property no model checks; an exemption without a
     * reason, or for a property the kernel does check. No model at all is a problem too.
     */
    public static List<String> checkProperties(String module, Map<String, ModelConfig> models,
                                               Collection<String> kernelChecks, Map<String, String> exempt) {
        List<String> problems = new ArrayList<>();
        Map<String, String> checkedIn = new LinkedHashMap<>(); // property -> the first model checking it
        models.forEach((file, m) -> {
            m.invariants().forEach(p -> checkedIn.putIfAbsent(p, file));
            m.properties().forEach(p -> checkedIn.putIfAbsent(p, file));
        });
        if (models.isEmpty()) {
            problems.add(module + ": no model (MC" + module + "*.cfg), so no property to link");
        }
        checkedIn.forEach((p, file) -> {
            if (!kernelChecks.contains(p) && !exempt.containsKey(p)) {
                problems.add(file + " checks " + module + "!" + p + ", which has no kernel-side check of that name"
                        + " (Kernel.specCheckNames) and no declared exemption (Kernel.specExemptions)");
            }
        });
        for (String k : kernelChecks) {
            if (!checkedIn.containsKey(k)) {
                problems.add("kernel check " + k + " claims " + module + "!" + k + ", which no model of the spec"
                        + " checks (MC" + module + "*.cfg)");
            }
        }
        exempt.forEach((p, why) -> {
            if (why == null || why.isBlank()) {
                problems.add("the kernel exempts " + module + "!" + p + " without a reason");
            }
            if (kernelChecks.contains(p)) {
                problems.add("the kernel exempts " + module + "!" + p + " but also checks it");
            } else if (!checkedIn.containsKey(p)) {
                problems.add("the kernel exempts " + module + "!" + p + ", which no model of the spec checks");
            }
        });
        return problems;
    }

    private static boolean annotated(Method m, String module, String action) {
        for (SpecAction sa : m.getAnnotationsByType(SpecAction.class)) {
            if (sa.spec().equals(module) && sa.action().equals(action)) {
                return true;
            }
        }
        return false;
    }

    /** Every class of the kernel module (from where {@link Kernel} was loaded), by name. */
    public static List<Class<?>> kernelClasses() {
        try {
            Path where = Path.of(Kernel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Map<String, Class<?>> out = new TreeMap<>();
            if (Files.isDirectory(where)) {
                try (Stream<Path> s = Files.walk(where)) {
                    for (Path p : s.filter(f -> f.toString().endsWith(".class")).toList()) {
                        String name = where.relativize(p).toString().replace('/', '.').replace(".class", "");
                        out.put(name, Class.forName(name, false, SpecLinks.class.getClassLoader()));
                    }
                }
            } else {
                try (java.util.jar.JarFile jar = new java.util.jar.JarFile(where.toFile())) {
                    for (var e : java.util.Collections.list(jar.entries())) {
                        String n = e.getName();
                        if (n.startsWith("capsid/kernel/") && n.endsWith(".class")) {
                            String name = n.replace('/', '.').replace(".class", "");
                            out.put(name, Class.forName(name, false, SpecLinks.class.getClassLoader()));
                        }
                    }
                }
            }
            return new ArrayList<>(out.values());
        } catch (IOException | URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot list the kernel's classes: " + e, e);
        }
    }
}

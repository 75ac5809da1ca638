package capsid.cli.site;

import capsid.refinement.SpecLinks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where a spec's actions are: the line of each action's definition in the TLA+
 * module, and the kernel method its {@code kernel: Class#method} comment names, with
 * the file and line of that method's {@code @SpecAction} annotation. Read from the
 * sources (what the pages show), so a comment naming a missing file, or a method
 * without the annotation, is a broken link listed in {@link #problems}.
 */
record SpecSource(String name, String modulePath, Map<String, Action> actions, List<String> problems) {

    /** One action: its definition's line, and its kernel method's source file and line (0 when missing). */
    record Action(String name, int defLine, String className, String method, String javaPath, int javaLine) {
        String kernelMethod() {
            return className.substring(className.lastIndexOf('.') + 1) + "#" + method;
        }
    }

    static SpecSource read(Path repo, String name, String module) throws IOException {
        String modulePath = "spec/" + module;
        String text = Files.readString(repo.resolve(modulePath), StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        Map<String, Action> actions = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (SpecLinks.Link l : SpecLinks.read(text).values()) {
            int def = 0;
            Pattern p = Pattern.compile("^" + Pattern.quote(l.action()) + "\\s*(\\(|==)");
            for (int i = l.line(); i < lines.length && def == 0; i++) {
                if (p.matcher(lines[i]).find()) {
                    def = i + 1;
                }
            }
            String javaPath = "kernel/src/main/java/" + l.className().replace('.', '/') + ".java";
            int javaLine = 0;
            Path jf = repo.resolve(javaPath);
            if (!Files.isRegularFile(jf)) {
                problems.add(modulePath + ":" + l.line() + ": " + l.action() + " names " + l.className()
                        + ", whose source " + javaPath + " does not exist");
            } else {
                javaLine = annotationLine(Files.readString(jf, StandardCharsets.UTF_8), l.action());
                if (javaLine == 0) {
                    problems.add(javaPath + ": no @SpecAction(..., action = \"" + l.action() + "\") for "
                            + name + "!" + l.action() + " (named at " + modulePath + ":" + l.line() + ")");
                }
            }
            actions.put(l.action(), new Action(l.action(), def, l.className(), l.method(), javaPath, javaLine));
        }
        if (actions.isEmpty()) {
            problems.add(modulePath + ": no action with a 'kernel: Class#method' comment, so nothing to link");
        }
        return new SpecSource(name, modulePath, actions, problems);
    }

    /** The 1-based line of the {@code @SpecAction} naming {@code action}, or 0. */
    static int annotationLine(String java, String action) {
        Pattern p = Pattern.compile("@SpecAction\\(.*action\\s*=\\s*\"" + Pattern.quote(action) + "\"");
        String[] lines = java.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (p.matcher(lines[i]).find()) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The docs page of a spec: {@code NamespaceUnshare} is {@code docs/namespace-unshare.md}. */
    static String docName(String spec) {
        return spec.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}

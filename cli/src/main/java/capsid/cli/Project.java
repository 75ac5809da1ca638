package capsid.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the project's files (scenarios/, spec/, proofs-log/) are. */
final class Project {
    private Project() {
    }

    /**
     * The project root: the {@code capsid.root} system property (the {@code
     * ./capsid} launcher sets it), else the nearest directory upward from the
     * working directory that holds {@code scenarios/} and a {@code pom.xml}, else the
     * working directory.
     */
    static Path root() {
        String p = System.getProperty("capsid.root");
        if (p != null && !p.isBlank()) {
            return Path.of(p);
        }
        Path cwd = Path.of("").toAbsolutePath();
        for (Path d = cwd; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("scenarios")) && Files.exists(d.resolve("pom.xml"))) {
                return d;
            }
        }
        return cwd;
    }
}

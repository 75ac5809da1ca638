package capsid.cli;

import java.io.IOException;
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
        Path r = repository();
        return r != null ? r : Path.of("").toAbsolutePath();
    }

    /**
     * The Capsid repository this command works in, as {@link #root()} finds it, or
     * {@code null} when there is none (no {@code capsid.root}, and no directory with
     * {@code scenarios/} and {@code pom.xml} above the working directory).
     */
    static Path repository() {
        String p = System.getProperty("capsid.root");
        if (p != null && !p.isBlank()) {
            return Path.of(p).toAbsolutePath().normalize();
        }
        Path cwd = Path.of("").toAbsolutePath();
        for (Path d = cwd; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("scenarios")) && Files.exists(d.resolve("pom.xml"))) {
                return d;
            }
        }
        return null;
    }

    /** Whether {@code file} lies inside {@code dir} (links resolved where the files exist). */
    static boolean inside(Path file, Path dir) {
        try {
            Path f = Files.exists(file) ? file.toRealPath() : file.toAbsolutePath().normalize();
            Path d = Files.exists(dir) ? dir.toRealPath() : dir.toAbsolutePath().normalize();
            return f.startsWith(d);
        } catch (IOException e) {
            return false;
        }
    }
}

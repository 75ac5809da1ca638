package capsid.checker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The commit a spec was checked at, by asking {@code git} (absent git or repository: unknown). */
final class Git {
    private Git() {
    }

    /**
     * {@code {commit, dirty}}: {@code git rev-parse HEAD} in the spec's directory, and
     * {@code "true"} when {@code git status} lists any of the files as changed or
     * untracked ({@code "false"} when not); {@code null}s when unknown.
     */
    static String[] commit(Path spec, Path... more) {
        Path dir = spec.getParent();
        String head = run(dir, List.of("git", "-C", dir.toString(), "rev-parse", "HEAD"));
        if (head == null || !head.strip().matches("[0-9a-f]{40}")) {
            return new String[] {null, null};
        }
        List<String> status = new java.util.ArrayList<>(List.of("git", "-C", dir.toString(), "status", "--porcelain",
                "--ignored", "--", spec.toString()));
        for (Path p : more) {
            status.add(p.toString());
        }
        String st = run(dir, status);
        return new String[] {head.strip(), st == null ? null : Boolean.toString(!st.isBlank())};
    }

    private static String run(Path dir, List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}

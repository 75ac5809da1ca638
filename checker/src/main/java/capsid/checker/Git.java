package capsid.checker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What git says about the files of a run: the commit, and whether every file is
 * exactly as committed. Absent git or repository: unknown ({@code null}s).
 */
final class Git {
    private Git() {
    }

    /** How one file compares with the commit. */
    enum FileState {
        /** Tracked, and its bytes are those of HEAD. */
        CLEAN,
        /** Tracked, with other bytes than HEAD's. */
        MODIFIED,
        /** Inside the work tree, but not in HEAD (untracked or ignored). */
        UNTRACKED,
        /** Outside the repository: no commit can reproduce it. */
        OUTSIDE,
        /** Missing or unreadable. */
        UNREADABLE
    }

    /**
     * The commit and dirtiness of a set of files.
     *
     * @param commit {@code HEAD} of the repository, or {@code null}
     * @param dirty {@code true} when any file is not {@link FileState#CLEAN}, {@code null} when unknown
     * @param files each file's state (absolute, normalised paths)
     */
    record Status(String commit, Boolean dirty, Map<Path, FileState> files) {
    }

    /** The commit of the repository holding {@code dir}, or {@code null}. */
    static String head(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return null;
        }
        String head = run(dir, List.of("git", "-C", dir.toString(), "rev-parse", "HEAD"));
        return head != null && head.strip().matches("[0-9a-f]{40}") ? head.strip() : null;
    }

    /**
     * Compares {@code files} with HEAD of the repository that holds {@code dir}: by
     * content (git's blob hash of the bytes now on disk against the one in HEAD's
     * tree), so a file edited and saved back unchanged is clean, and a file TLC
     * loaded from outside the repository makes the run dirty.
     */
    static Status status(Path dir, List<Path> files) {
        String head = head(dir);
        if (head == null) {
            return new Status(null, null, Map.of());
        }
        String topText = run(dir, List.of("git", "-C", dir.toString(), "rev-parse", "--show-toplevel"));
        if (topText == null) {
            return new Status(head, null, Map.of());
        }
        Path top;
        try {
            top = Path.of(topText.strip()).toRealPath();
        } catch (IOException e) {
            return new Status(head, null, Map.of());
        }
        Map<Path, FileState> states = new LinkedHashMap<>();
        Map<String, Path> inside = new LinkedHashMap<>();
        Map<Path, String> blobs = new HashMap<>();
        for (Path f : files) {
            Path abs = f.toAbsolutePath().normalize();
            Path real;
            byte[] bytes;
            try {
                real = abs.toRealPath();
                bytes = Files.readAllBytes(real);
            } catch (IOException e) {
                states.put(abs, FileState.UNREADABLE);
                continue;
            }
            if (!real.startsWith(top)) {
                states.put(abs, FileState.OUTSIDE);
                continue;
            }
            inside.put(top.relativize(real).toString().replace('\\', '/'), abs);
            blobs.put(abs, blobSha1(bytes));
            states.put(abs, FileState.UNTRACKED);
        }
        if (!inside.isEmpty()) {
            List<String> cmd = new ArrayList<>(List.of("git", "-C", top.toString(), "ls-tree", "-z", "HEAD", "--"));
            cmd.addAll(inside.keySet());
            String tree = run(top, cmd);
            if (tree == null) {
                return new Status(head, null, states);
            }
            for (String entry : tree.split("\0")) {
                int tab = entry.indexOf('\t');
                String[] meta = tab < 0 ? new String[0] : entry.substring(0, tab).split(" ");
                if (meta.length == 3) {
                    Path abs = inside.get(entry.substring(tab + 1));
                    if (abs != null) {
                        states.put(abs, meta[2].equals(blobs.get(abs)) ? FileState.CLEAN : FileState.MODIFIED);
                    }
                }
            }
        }
        boolean dirty = states.values().stream().anyMatch(s -> s != FileState.CLEAN);
        return new Status(head, dirty, states);
    }

    /**
     * Whether the work tree of the repository holding {@code dir} differs from HEAD
     * anywhere outside {@code proofs-log/} (changed, untracked, not ignored files);
     * {@code null} when unknown.
     */
    static Boolean workTreeDirty(Path dir) {
        if (head(dir) == null) {
            return null;
        }
        String st = run(dir, List.of("git", "-C", dir.toString(), "status", "--porcelain", "--", ".",
                ":(top,exclude)proofs-log"));
        return st == null ? null : !st.isBlank();
    }

    /** Git's object id of a blob with these bytes: SHA-1 of {@code "blob " + length + "\0" + bytes}. */
    static String blobSha1(byte[] bytes) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            md.update(("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(md.digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String run(Path dir, List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
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

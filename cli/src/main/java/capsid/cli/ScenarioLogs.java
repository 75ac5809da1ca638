package capsid.cli;

import capsid.kernel.Kernel;
import capsid.scenario.ParsedScript;
import capsid.scenario.Report;
import capsid.scenario.ScenarioRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code capsid run FILE... --event-log DIR}: each script runs with the kernel's call
 * log on, and every kernel it boots leaves its event log and call log in DIR
 * (docs/event-log.md), named after the script and the boot: {@code NAME.1.events.jsonl}
 * and {@code NAME.1.calls.jsonl} for the first, {@code NAME.2.} for the second. Each
 * file is written whole or not at all (a temporary file, then a rename).
 */
final class ScenarioLogs {
    private final Path dir;

    private ScenarioLogs(Path dir) {
        this.dir = dir;
    }

    /**
     * The writer into {@code dir} (created when missing) for {@code files}, or an
     * exception saying why not: DIR cannot be made, or two scripts share a name.
     */
    static ScenarioLogs into(Path dir, List<Path> files) throws IOException {
        Map<String, Path> seen = new HashMap<>();
        for (Path f : files) {
            Path other = seen.put(base(f), f);
            if (other != null && !other.equals(f)) {
                throw new IOException(other + " and " + f + " would write the same logs (" + base(f) + ".N.*.jsonl)");
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new IOException("cannot create the directory: " + e.getFile() + " exists and is no directory");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException("cannot create the directory: permission denied (" + e.getFile() + ")");
        }
        return new ScenarioLogs(dir);
    }

    /** Runs {@code script} and writes its logs; the report is the run's, whatever the writing did. */
    Report run(ParsedScript script, List<String> problems) {
        List<Kernel> kernels = new ArrayList<>();
        Report r = ScenarioRunner.run(script, Kernel::syscall, k -> {
            k.recordCalls();
            kernels.add(k);
        });
        Path file = Path.of(script.file());
        for (int i = 0; i < kernels.size(); i++) {
            String name = base(file) + "." + (i + 1);
            try {
                write(dir.resolve(name + ".events.jsonl"), kernels.get(i).eventLogJsonLines());
                write(dir.resolve(name + ".calls.jsonl"), kernels.get(i).callLogJsonLines());
            } catch (IOException | RuntimeException e) {
                problems.add("cannot write " + dir.resolve(name) + ".*.jsonl: " + e.getMessage());
            }
        }
        return r;
    }

    /** The script's file name without {@code .csc}. */
    static String base(Path file) {
        String n = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return n.endsWith(".csc") ? n.substring(0, n.length() - 4) : n;
    }

    private static void write(Path to, String text) throws IOException {
        Path tmp = Files.createTempFile(to.getParent(), ".capsid-", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}

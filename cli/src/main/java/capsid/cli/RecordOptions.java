package capsid.cli;

import capsid.checker.ProofsLog;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Where a command's run record goes (docs/proofs-log.md): {@code --log DIR}, {@code
 * --no-log}, or the environment variable {@code CAPSID_LOG} ({@code off}, or a
 * directory). By default a run is recorded in this repository's {@code proofs-log/}
 * when what it checks lies in the repository (a spec of {@code spec/}, the kernel
 * itself), and nowhere otherwise, which stderr says. Every command that records
 * mixes this in ({@code @Mixin RecordOptions records;}) and asks {@link #open}.
 */
public final class RecordOptions {
    /** The environment variable that sets the default: {@code off}, or a directory. */
    static final String ENV = "CAPSID_LOG";

    @Option(names = "--log", paramLabel = "DIR", description = "Append the run's record to DIR/runs.jsonl "
            + "(default: proofs-log/ of this repository when what is checked lies in it, else nowhere; "
            + "CAPSID_LOG=DIR or CAPSID_LOG=off changes the default).")
    Path dir;

    @Option(names = "--no-log", description = "Record nothing (default: record, as --log says).")
    boolean off;

    /** A flag problem ({@code --log} with {@code --no-log}), or {@code null}. */
    String problem() {
        return dir != null && off ? "--log and --no-log exclude each other" : null;
    }

    /**
     * The log for one run of {@code command}: off, explicit, from {@code CAPSID_LOG},
     * or this repository's {@code proofs-log/} when {@code subject} (the checked
     * file; {@code null} for the repository's own specs and kernel) lies inside it.
     * When nothing will be recorded for want of a place, one line on {@code err} says
     * why. Every record names the command line and this repository's commit.
     */
    ProofsLog open(String command, Path subject, PrintStream err) {
        Path repo = Project.repository();
        String line = Invocation.commandLine();
        if (off) {
            return ProofsLog.off("--no-log");
        }
        if (dir != null) {
            return new ProofsLog(dir).withProvenance(line, repo);
        }
        String env = System.getProperty("capsid.log", System.getenv(ENV));
        if (env != null && !env.isBlank()) {
            String v = env.strip();
            if (v.toLowerCase(Locale.ROOT).matches("off|none|no|false|0")) {
                return ProofsLog.off(ENV + "=" + v);
            }
            return new ProofsLog(Path.of(v)).withProvenance(line, repo);
        }
        String why;
        if (repo == null) {
            why = "no Capsid repository here (nor above the working directory)";
        } else if (subject != null && !Project.inside(subject, repo)) {
            why = subject + " is outside this repository (" + repo + ")";
        } else {
            return new ProofsLog(repo.resolve("proofs-log")).withProvenance(line, repo);
        }
        err.println("capsid " + command + ": not recorded: " + why + "; --log DIR records it");
        return ProofsLog.off(why);
    }
}

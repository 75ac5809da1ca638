package capsid.cli;

import java.util.List;
import java.util.regex.Pattern;

/** The command line this run was started with, for the records it writes (what reproduces them). */
final class Invocation {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");
    private static volatile List<String> args = List.of();

    private Invocation() {
    }

    static void set(String[] argv) {
        args = List.of(argv);
    }

    /** {@code capsid ARGS...}, each argument quoted as a POSIX shell needs it. */
    static String commandLine() {
        StringBuilder sb = new StringBuilder("capsid");
        for (String a : args) {
            sb.append(' ').append(PLAIN.matcher(a).matches() ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }
}

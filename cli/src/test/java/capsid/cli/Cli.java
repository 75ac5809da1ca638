package capsid.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs {@code capsid ARGS} in this JVM, as a user would, and keeps what it printed and its exit status. */
final class Cli {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Cli() {
    }

    /** What one run printed. */
    record Run(int exit, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }

        /** The last stdout line as JSON. */
        JsonNode lastJson() throws Exception {
            List<String> l = outLines();
            return JSON.readTree(l.get(l.size() - 1));
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** {@code capsid ARGS} with these system properties set for the run ({@code null} value: cleared). */
    static synchronized Run run(Map<String, String> props, String... args) {
        Map<String, String> old = new HashMap<>();
        props.forEach((k, v) -> {
            old.put(k, System.getProperty(k));
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.commandLine().execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            old.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** {@code capsid ARGS} in the repository {@code root} (its {@code capsid.root}), recording as by default. */
    static Run in(java.nio.file.Path root, String... args) {
        Map<String, String> p = new HashMap<>();
        p.put("capsid.root", root.toString());
        p.put("capsid.log", null);
        return run(p, args);
    }
}

package capsid.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error found before a command's work starts (a bad flag, a missing file),
 * reported the one way: {@code capsid CMD: message} on stderr, and with {@code --json}
 * also {@code {"result": "error", "reason": message}} as the last stdout line, as
 * every {@code --json} output ends with one record. Exit status 2.
 */
final class JsonError {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonError() {
    }

    /** Reports {@code message} for {@code command}; returns 2. */
    static int flag(String command, String message, boolean json) {
        System.err.println("capsid" + (command.isEmpty() ? "" : " " + command) + ": " + message);
        System.err.flush();
        if (json) {
            System.out.println(record(message));
            System.out.flush();
        }
        return 2;
    }

    /** {@code {"result": "error", "reason": message}}. */
    static ObjectNode record(String message) {
        ObjectNode o = JSON.createObjectNode();
        o.put("result", "error");
        o.put("reason", message);
        return o;
    }
}

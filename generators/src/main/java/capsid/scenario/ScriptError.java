package capsid.scenario;

/**
 * A script error (ABI.md section 1): a malformed line, or a step that cannot run
 * as written (an unbound name, a dead actor, a bad argument). It fails its line;
 * the rest of the script still runs. Immutable.
 *
 * @param pos     where the problem is
 * @param message what was expected there, e.g. {@code expected a value after '=>'}
 */
public record ScriptError(Pos pos, String message) {

    /** {@code FILE:LINE:COL: message}. */
    public String render(String file) {
        return file + ":" + pos.line() + ":" + pos.col() + ": " + message;
    }
}

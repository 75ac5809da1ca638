package capsid.scenario;

/**
 * A value or the script error that prevented it: how the scenario language
 * returns errors as values instead of throwing. Exactly one of the two is
 * non-null. Immutable.
 *
 * @param value the value, or null on error
 * @param error the error, or null on success
 */
public record Checked<T>(T value, ScriptError error) {

    /** A success holding {@code value}. */
    public static <T> Checked<T> ok(T value) {
        return new Checked<>(value, null);
    }

    /** A failure: {@code message} at {@code pos}. */
    public static <T> Checked<T> fail(Pos pos, String message) {
        return new Checked<>(null, new ScriptError(pos, message));
    }

    /** A failure carrying {@code error}. */
    public static <T> Checked<T> fail(ScriptError error) {
        return new Checked<>(null, error);
    }

    /** True when this holds a value. */
    public boolean isOk() {
        return error == null;
    }
}

package capsid.scenario;

import capsid.kernel.Errno;
import capsid.kernel.Result;

/**
 * Compares an expected value with a call's result (ABI.md section 1): an integer
 * equals an integer result; a word or a quoted string equals an errno, a state
 * word or a string result with the same text; a list equals an integer-list
 * result; {@code _} equals any result that is no errno.
 */
final class Expectation {
    private Expectation() {
    }

    /** True when {@code expected} (no {@code $NAME}: the caller resolves those) matches {@code got}. */
    static boolean matches(Value expected, Result got) {
        if (expected instanceof Value.Any) {
            return !got.isError();
        }
        if (expected instanceof Value.Int i) {
            Long n = Numbers.parseLong(i.text());
            return got instanceof Result.Int r && n != null && r.value() == n;
        }
        if (expected instanceof Value.IntList l) {
            return got instanceof Result.Ints r && r.values().equals(l.values());
        }
        if (expected instanceof Value.Word w) {
            return sameText(w.text(), got);
        }
        return expected instanceof Value.Str s && sameText(s.text(), got);
    }

    /**
     * For an expectation that failed against an errno: {@code " (did you mean
     * EPERM?)"} when the expected word is an errno name in other case, {@code "
     * (EBOGUS is no errno name)"} when it is shaped like one but names none (a word
     * is still a valid expectation: a hostname may be EBOGUS); else {@code ""}.
     */
    static String hint(Value expected, Result got) {
        if (!(got instanceof Errno)) {
            return "";
        }
        String text = expected instanceof Value.Word w ? w.text() : expected instanceof Value.Str s ? s.text() : null;
        if (text == null) {
            return "";
        }
        for (Errno e : Errno.values()) {
            if (e.name().equalsIgnoreCase(text) && !e.name().equals(text)) {
                return " (did you mean " + e.name() + "?)";
            }
        }
        if (text.matches("E[A-Z0-9]{2,}") && Errno.byName(text) == null) {
            return " (" + text + " is no errno name; the errnos are " + String.join(" ",
                    java.util.Arrays.stream(Errno.values()).map(Enum::name).toList()) + ")";
        }
        return "";
    }

    private static boolean sameText(String text, Result got) {
        if (got instanceof Result.Str s) {
            return s.value().equals(text);
        }
        return (got instanceof Errno || got instanceof Result.Word) && got.render().equals(text);
    }
}

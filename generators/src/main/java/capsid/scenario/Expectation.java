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

    private static boolean sameText(String text, Result got) {
        if (got instanceof Result.Str s) {
            return s.value().equals(text);
        }
        return (got instanceof Errno || got instanceof Result.Word) && got.render().equals(text);
    }
}

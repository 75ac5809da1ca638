package capsid.scenario;

import java.util.List;

/**
 * One argument or expected value of a scenario step (ABI.md section 1). Arguments
 * are {@link Int}, {@link Word}, {@link Str}, {@link FlagSet}, {@link Ref} and
 * {@link PidOf}; expected values are {@link Int}, {@link Word}, {@link Str},
 * {@link IntList}, {@link Ref} and {@link Any}. Values are immutable; their
 * positions take no part in equality ({@link Pos}).
 */
public sealed interface Value {

    /** Where the value was written. */
    Pos pos();

    /**
     * An integer, kept as written ({@code -?[0-9]+}, any length) so that an
     * integer used as a string (a program argument, a hostname) keeps its text;
     * whoever needs a number checks the range.
     */
    record Int(String text, Pos pos) implements Value {
        /** The integer {@code value}, written in decimal. */
        public static Int of(long value) {
            return new Int(Long.toString(value), Pos.NONE);
        }
    }

    /** A bare word, {@code [A-Za-z0-9_./:-]+}, that is not an integer. */
    record Word(String text, Pos pos) implements Value {
    }

    /** A double-quoted string, unescaped: each char is one byte (0..255). */
    record Str(String text, Pos pos) implements Value {
    }

    /** A flag set {@code a|b|c} (two or more parts; each part a word or an integer). */
    record FlagSet(List<String> parts, Pos pos) implements Value {
        public FlagSet {
            parts = List.copyOf(parts);
        }
    }

    /** {@code $NAME}: the value bound to NAME with {@code as}. */
    record Ref(String name, Pos pos) implements Value {
    }

    /** {@code @NAME}: the pid process NAME has or had, as seen from the actor. */
    record PidOf(String name, Pos pos) implements Value {
    }

    /** An expected list of integers, {@code [1,2]}. */
    record IntList(List<Long> values, Pos pos) implements Value {
        public IntList {
            values = List.copyOf(values);
        }
    }

    /** The expected value {@code _}: any result that is not an errno. */
    record Any(Pos pos) implements Value {
    }
}

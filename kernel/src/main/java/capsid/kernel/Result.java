package capsid.kernel;

import java.util.List;

/**
 * What a system call returns: a value or an {@link Errno}. Every call returns one;
 * no call throws past the syscall boundary (ABI.md section 2).
 *
 * <p>Values are immutable.
 */
public sealed interface Result permits Errno, Result.Int, Result.Str, Result.Ints, Result.Word {

    /** True for an errno. */
    default boolean isError() {
        return false;
    }

    /** The result as a scenario script prints it: {@code 3}, {@code "web"}, {@code [3,4]}, {@code ESRCH}. */
    String render();

    /** An integer result: a pid, an fd, a count, 0 for success. */
    record Int(long value) implements Result {
        /**
         * Success with value 0. Kept here, not in {@code Result}: a constant of type Int
         * in the interface would make the two initialisers wait for each other when two
         * threads use them first at once (Int's initialisation starts Result's, because
         * Result has default methods).
         */
        public static final Int ZERO = new Int(0);

        /** Pids, fds and counts below this are cached (filled on first use; immutable values, so sharing is safe). */
        private static final Int[] SMALL = new Int[32768];

        /** The (cached, for small values) result holding {@code value}. */
        public static Int of(long value) {
            if (value >= 0 && value < SMALL.length) {
                Int r = SMALL[(int) value];
                if (r == null) {
                    r = new Int(value);
                    SMALL[(int) value] = r;
                }
                return r;
            }
            return new Int(value);
        }

        @Override
        public String render() {
            return Long.toString(value);
        }
    }

    /** A string result, printed double-quoted with the scenario escapes. */
    record Str(String value) implements Result {
        public Str {
            if (value == null) {
                throw new KernelBug("Str result with null value");
            }
        }

        @Override
        public String render() {
            return quote(value);
        }
    }

    /** A list of integers, e.g. {@code pipe}'s {@code [RFD,WFD]}. */
    record Ints(List<Long> values) implements Result {
        public Ints {
            values = List.copyOf(values);
        }

        @Override
        public String render() {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(values.get(i));
            }
            return sb.append(']').toString();
        }
    }

    /** A state word that is no errno: a freezer state, or {@code FROZEN} for a call a frozen task made. */
    enum Word implements Result {
        THAWED, FREEZING, FROZEN;

        @Override
        public String render() {
            return name();
        }
    }

    /** {@code s} double-quoted, with the escapes of ABI.md section 1 ({@code \n \t \" \\ \xHH}). */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        sb.append(String.format("\\x%02x", c & 0xff));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}

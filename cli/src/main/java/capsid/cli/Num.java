package capsid.cli;

import java.util.Locale;

/** The one number format of the command line's output: digits grouped by three with commas ({@code 4,413,029}). */
final class Num {
    private Num() {
    }

    /** {@code 4413029} as {@code 4,413,029}. */
    static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /** A rate or other real, rounded to a whole number and grouped ({@code 18,993}). */
    static String n(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }
}

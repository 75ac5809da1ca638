package capsid.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Objects;

/**
 * One headline figure of {@code capsid bench}: a named value with its unit, its
 * target (or none) and a note on how it was measured.
 *
 * @param name     the figure's key, lower case with underscores (the key in {@code --json})
 * @param value    the measured value
 * @param unit     the unit, e.g. {@code calls/s}, {@code bytes}, {@code x plain fork}
 * @param decimals how many decimals the value is shown (and written as JSON) with
 * @param target   the target, or null when the figure is for information only
 * @param note     how it was measured
 */
public record Figure(String name, double value, String unit, int decimals, Target target, String note) {

    /** Checks the arguments: a figure is always a finite number with a name and a unit. */
    public Figure {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(note, "note");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("figure name '" + name + "': lower case, digits and '_' only");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("figure " + name + " has no finite value: " + value);
        }
        if (decimals < 0 || decimals > 6) {
            throw new IllegalArgumentException("figure " + name + ": decimals " + decimals + " not in 0..6");
        }
    }

    /** True when the figure has a target and meets it; false when it misses it or has none. */
    public boolean met() {
        return target != null && target.met(value);
    }

    /** The value rounded to {@link #decimals}, as written in JSON. */
    public BigDecimal rounded() {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN);
    }

    /** The value for the table, e.g. {@code 12,345,678} or {@code 1.07}. */
    public String renderValue() {
        return format(value, decimals);
    }

    /** {@code v} with thousands separators and {@code decimals} decimals. */
    static String format(double v, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }
}

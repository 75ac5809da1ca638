package capsid.bench;

import java.util.Locale;

/**
 * A figure's target: at least or at most a bound.
 *
 * @param atLeast true for "value &gt;= bound", false for "value &lt;= bound"
 * @param bound   the bound, in the figure's unit
 */
public record Target(boolean atLeast, double bound) {

    /** The target "value &gt;= {@code bound}". */
    public static Target atLeast(double bound) {
        return new Target(true, bound);
    }

    /** The target "value &lt;= {@code bound}". */
    public static Target atMost(double bound) {
        return new Target(false, bound);
    }

    /** True when {@code value} meets the target. */
    public boolean met(double value) {
        return atLeast ? value >= bound : value <= bound;
    }

    /**
     * How far {@code value} is from the bound, as a factor that is 1 at the bound
     * and above 1 when the target is met: value/bound for "at least",
     * bound/value for "at most".
     */
    public double headroom(double value) {
        return atLeast ? value / bound : bound / value;
    }

    /** E.g. {@code >= 10,000,000} or {@code <= 1.20}. */
    public String render(int decimals) {
        return (atLeast ? ">= " : "<= ") + Figure.format(bound, decimals);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s", atLeast ? ">=" : "<=", bound);
    }
}

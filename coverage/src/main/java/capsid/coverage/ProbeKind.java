package capsid.coverage;

import java.util.Locale;

/** Where a probe sits: on a method's entry, or on one outcome of a branch. */
public enum ProbeKind {
    /** The method was entered. */
    ENTRY,
    /** A conditional jump was taken. */
    TAKEN,
    /** A conditional jump fell through to the next instruction. */
    FALLTHROUGH,
    /** A switch went to one of its case labels. */
    CASE,
    /** A switch went to its default label. */
    DEFAULT;

    /** The lower-case name used in JSON and reports. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named {@code s} (as {@link #json()} writes it). */
    public static ProbeKind parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}

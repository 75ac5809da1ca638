package capsid.kernel.util;

/** The kernel-wide counter of object ids: deterministic, never reused. */
public final class Ids {
    private long next = 1;

    public long next() {
        return next++;
    }

    /** The id the next object gets (part of the canonical snapshot). */
    public long peek() {
        return next;
    }
}

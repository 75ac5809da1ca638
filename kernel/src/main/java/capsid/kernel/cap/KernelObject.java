package capsid.kernel.cap;

/**
 * Anything a capability can name: a namespace today; files, pipes, containers and
 * sessions as they arrive. Ids come from one kernel-wide counter, are never reused
 * and are deterministic for a given boot seed and call sequence.
 */
public interface KernelObject {
    /** The object's kernel-wide id. */
    long id();

    /** A short kind name for logs and snapshots, e.g. {@code pidns}, {@code utsns}. */
    String kind();

    /** The rights a fresh capability to this object carries (before {@code grant} is added). */
    int defaultRights();
}

package capsid.kernel.cap;

/**
 * Anything a capability can name: a namespace today; files, pipes, containers and
 * sessions as they arrive. An object is named by its kind and id ({@code
 * pidns#2}); ids come from a counter per kind, are never reused and are
 * deterministic for a given boot seed and call sequence.
 */
public interface KernelObject {
    /** The object's id, unique among objects of its kind. */
    long id();

    /** A short kind name for logs and snapshots, e.g. {@code pidns}, {@code utsns}. */
    String kind();

    /** The rights a fresh capability to this object carries (before {@code grant} is added). */
    int defaultRights();
}

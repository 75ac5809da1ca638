package capsid.kernel.cap;

import capsid.kernel.call.Rights;

/**
 * Anything a capability can name: a namespace today; files, pipes, containers and
 * sessions as they arrive. An object is named by its kind and id ({@code
 * pidns#2}); ids come from a counter per kind, are never reused and are
 * deterministic for a given boot seed and call sequence.
 *
 * <p>How a new object type plugs in: it implements this interface (its kind, the
 * rights a fresh capability carries, the rights that fit it at all, whether it can
 * be destroyed), the call that creates it installs a root capability with {@link
 * CapCalls#install}, and, when it can be destroyed, its destruction calls {@link
 * CapCalls#destroyObject}, which removes every capability naming it.
 */
public interface KernelObject {
    /** The object's id, unique among objects of its kind. */
    long id();

    /** A short kind name for logs and snapshots, e.g. {@code pidns}, {@code utsns}. */
    String kind();

    /** The rights a fresh capability to this object carries (before {@code grant} is added). */
    int defaultRights();

    /**
     * The rights a capability to this object may carry at all: its default rights
     * and {@code grant} unless the object says otherwise (ABI.md, Capabilities: "a
     * new capability has every right that fits its object plus grant").
     */
    default int fittingRights() {
        return defaultRights() | Rights.GRANT;
    }

    /**
     * Whether the object can be destroyed (containers, pipes, sessions, as they
     * arrive). Capabilities naming a destroyable object are listed per object in
     * the {@link ObjectIndex}, so that its destruction costs O(those capabilities);
     * capabilities of objects that live as long as they are named (namespaces) are
     * not listed, and cost nothing there.
     */
    default boolean destroyable() {
        return false;
    }
}

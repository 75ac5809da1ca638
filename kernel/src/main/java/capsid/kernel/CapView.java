package capsid.kernel;

/**
 * One capability as tools outside the kernel read it (refinement, the Alloy instance
 * export): its slot, the object it names (kind and id, as {@link StateView.ObjRef}),
 * its rights (the bits of {@code capsid.kernel.call.Rights}), its badge (0: none) and
 * its parent in the derivation tree, a slot {@code (parentTid, parentFd)}, or {@code
 * parentTid == 0} for a root; {@code parentTid == -1} for a parent that is in no
 * table, which only a broken tree has (the abstraction then shows the dangling edge).
 */
public record CapView(long tid, int fd, StateView.ObjRef obj, int rights, long badge, long parentTid, int parentFd) {
}

package capsid.kernel.cap;

/**
 * A kernel object that can be destroyed (containers, pipes, sessions, as they
 * arrive): it says whether it has been, so that CapsNameLiveObjects can tell a
 * capability left naming a dead object. Its destruction calls {@link
 * CapCalls#destroyObject} first, which removes every capability naming it.
 */
public interface Destroyable extends KernelObject {
    /** True once the object was destroyed. */
    boolean destroyed();

    @Override
    default boolean destroyable() {
        return true;
    }
}

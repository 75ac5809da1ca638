package capsid.kernel.ns;

import capsid.kernel.call.NsType;
import capsid.kernel.call.Rights;
import capsid.kernel.cap.KernelObject;

/**
 * A namespace object: what {@code ns_open} returns a capability to and {@code
 * setns} enters. Lives as long as a process or a capability refers to it (the JVM
 * collects it after that; nothing in the kernel lists dead namespaces).
 */
public abstract class Namespace implements KernelObject {
    private final long id;
    private final NsType type;

    protected Namespace(long id, NsType type) {
        this.id = id;
        this.type = type;
    }

    @Override
    public final long id() {
        return id;
    }

    public final NsType type() {
        return type;
    }

    /** {@code pidns utsns mntns ipcns netns userns}: the kind, which with the id names the object. */
    @Override
    public final String kind() {
        return kindOf(type);
    }

    /** The object kind of namespaces of type {@code t}. */
    public static String kindOf(NsType t) {
        return t.kind();
    }

    /** "ns_open: r|x" (ABI.md section 3, Capabilities). */
    @Override
    public final int defaultRights() {
        return Rights.R | Rights.X;
    }

    @Override
    public String toString() {
        return kind() + "#" + id;
    }
}

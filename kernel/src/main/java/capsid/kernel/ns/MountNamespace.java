package capsid.kernel.ns;

import capsid.kernel.call.NsType;

/**
 * A mount namespace: a root context with its own mount table. The mount table is
 * empty until the files and mounts arrive (ABI.md section 3, Files); {@code
 * newns} copies it, which today copies nothing.
 */
public final class MountNamespace extends Namespace {
    /** The object kind, the key of this kind's id counter. */
    public static final String KIND = kindOf(NsType.MNT);

    public MountNamespace(long id) {
        super(id, NsType.MNT);
    }

    /** A new namespace with a copy of this one's mount table. */
    public MountNamespace copy(long newId) {
        return new MountNamespace(newId);
    }
}

package capsid.kernel.ns;

import capsid.kernel.call.NsType;

/**
 * An ipc, net or user namespace: an object that {@code ns_open} and {@code setns}
 * handle and that {@code newipc}, {@code newnet} and {@code newuser} create.
 * Nothing else depends on them yet (ABI.md section 3).
 */
public final class PlainNamespace extends Namespace {
    public PlainNamespace(long id, NsType type) {
        super(id, checked(type));
    }

    private static NsType checked(NsType type) {
        if (type != NsType.IPC && type != NsType.NET && type != NsType.USER) {
            throw new IllegalArgumentException("plain namespace of type " + type);
        }
        return type;
    }
}

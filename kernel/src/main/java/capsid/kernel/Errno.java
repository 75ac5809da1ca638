package capsid.kernel;

/**
 * Error numbers, with Linux's names and values (ABI.md section 2). An errno is a
 * {@link Result}: calls return it, never throw it.
 */
public enum Errno implements Result {
    EPERM(1), ENOENT(2), ESRCH(3), EINTR(4), EBADF(9), ECHILD(10), EAGAIN(11),
    ENOMEM(12), EACCES(13), EBUSY(16), EEXIST(17), ENOTDIR(20), EISDIR(21),
    EINVAL(22), EMFILE(24), ENOSPC(28), EPIPE(32), ENOSYS(38), ENOTEMPTY(39),
    ELOOP(40);

    private final int number;

    Errno(int number) {
        this.number = number;
    }

    /** The Linux errno value, e.g. 3 for ESRCH. */
    public int number() {
        return number;
    }

    @Override
    public boolean isError() {
        return true;
    }

    @Override
    public String render() {
        return name();
    }

    /** The errno with that name, or null. */
    public static Errno byName(String name) {
        for (Errno e : values()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }
}

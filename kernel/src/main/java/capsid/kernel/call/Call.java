package capsid.kernel.call;

import java.util.List;

/**
 * A system call as data: one record per ABI call (ABI.md section 3). Arguments are
 * raw, as a user program would pass them (numbers, flag bits, strings); the kernel
 * validates every one of them and answers bad input with an errno. Records are
 * immutable; a null string argument is EINVAL, never a crash.
 */
public sealed interface Call {

    /** Which call this is. */
    Sys sys();

    // ---- processes and pid namespaces -------------------------------------------

    /** {@code fork [FLAGS]}: flags from {@link Flags#NAMESPACES}. */
    record Fork(int flags) implements Call {
        public Sys sys() { return Sys.FORK; }
    }

    /** {@code exit CODE}; never returns. */
    record Exit(int code) implements Call {
        public Sys sys() { return Sys.EXIT; }
    }

    /** {@code wait [PID]}; {@code any} is the form without PID. */
    record Wait(boolean any, int pid) implements Call {
        public static final Wait ANY = new Wait(true, 0);

        public static Wait pid(int pid) { return new Wait(false, pid); }

        public Sys sys() { return Sys.WAIT; }
    }

    /** {@code kill PID SIG}; SIG a {@link Signals} number. */
    record Kill(int pid, int sig) implements Call {
        public Sys sys() { return Sys.KILL; }
    }

    record GetPid() implements Call {
        public static final GetPid INSTANCE = new GetPid();

        public Sys sys() { return Sys.GETPID; }
    }

    record GetPpid() implements Call {
        public static final GetPpid INSTANCE = new GetPpid();

        public Sys sys() { return Sys.GETPPID; }
    }

    /** {@code unshare FLAGS}. */
    record Unshare(int flags) implements Call {
        public Sys sys() { return Sys.UNSHARE; }
    }

    /** {@code ns_open PID TYPE}; TYPE an {@link NsType} code. */
    record NsOpen(int pid, int type) implements Call {
        public Sys sys() { return Sys.NS_OPEN; }
    }

    /** {@code setns FD}. */
    record SetNs(int fd) implements Call {
        public Sys sys() { return Sys.SETNS; }
    }

    /** {@code sethostname NAME}. */
    record SetHostname(String name) implements Call {
        public Sys sys() { return Sys.SETHOSTNAME; }
    }

    record GetHostname() implements Call {
        public static final GetHostname INSTANCE = new GetHostname();

        public Sys sys() { return Sys.GETHOSTNAME; }
    }

    record Jail() implements Call {
        public static final Jail INSTANCE = new Jail();

        public Sys sys() { return Sys.JAIL; }
    }

    // ---- containers ----------------------------------------------------------------

    record ContainerCreate(String name, int flags) implements Call {
        public Sys sys() { return Sys.CONTAINER_CREATE; }
    }

    record ForkIntoContainer(int fd) implements Call {
        public Sys sys() { return Sys.FORK_INTO_CONTAINER; }
    }

    record ContainerDestroy(int fd) implements Call {
        public Sys sys() { return Sys.CONTAINER_DESTROY; }
    }

    /** {@code quota_set FD RESOURCE LIMIT}; LIMIT {@link Resource#MAX} for {@code max}. */
    record QuotaSet(int fd, int resource, long limit) implements Call {
        public Sys sys() { return Sys.QUOTA_SET; }
    }

    record QuotaGet(int fd, int resource) implements Call {
        public Sys sys() { return Sys.QUOTA_GET; }
    }

    record QuotaDonate(int fd, int resource, long amount) implements Call {
        public Sys sys() { return Sys.QUOTA_DONATE; }
    }

    /** {@code proc_limit N}; N {@link Resource#MAX} for {@code max}. */
    record ProcLimit(long limit) implements Call {
        public Sys sys() { return Sys.PROC_LIMIT; }
    }

    record UpcallSet(String event, String program) implements Call {
        public Sys sys() { return Sys.UPCALL_SET; }
    }

    record RequestKey(String name) implements Call {
        public Sys sys() { return Sys.REQUEST_KEY; }
    }

    // ---- files, mounts, devices -----------------------------------------------------

    record Mkdir(String path) implements Call {
        public Sys sys() { return Sys.MKDIR; }
    }

    /** {@code open PATH MODE}; MODE {@link OpenMode} bits. */
    record Open(String path, int mode) implements Call {
        public Sys sys() { return Sys.OPEN; }
    }

    record Read(int fd, long count) implements Call {
        public Sys sys() { return Sys.READ; }
    }

    /** {@code write FD DATA}; DATA's chars are bytes (0..255). */
    record Write(int fd, String data) implements Call {
        public Sys sys() { return Sys.WRITE; }
    }

    record Close(int fd) implements Call {
        public Sys sys() { return Sys.CLOSE; }
    }

    record Unlink(String path) implements Call {
        public Sys sys() { return Sys.UNLINK; }
    }

    record Mount(String source, String target, String type) implements Call {
        public Sys sys() { return Sys.MOUNT; }
    }

    record Umount(String target, boolean lazy) implements Call {
        public Sys sys() { return Sys.UMOUNT; }
    }

    record Pipe() implements Call {
        public static final Pipe INSTANCE = new Pipe();

        public Sys sys() { return Sys.PIPE; }
    }

    record Dup(int fd) implements Call {
        public Sys sys() { return Sys.DUP; }
    }

    // ---- capabilities ----------------------------------------------------------------

    /** {@code cap_derive FD RIGHTS [BADGE]}; badge 0 when absent. */
    record CapDerive(int fd, int rights, long badge, boolean hasBadge) implements Call {
        public Sys sys() { return Sys.CAP_DERIVE; }
    }

    record CapGrant(int fd, int pid) implements Call {
        public Sys sys() { return Sys.CAP_GRANT; }
    }

    record CapRevoke(int fd) implements Call {
        public Sys sys() { return Sys.CAP_REVOKE; }
    }

    record CapRights(int fd) implements Call {
        public Sys sys() { return Sys.CAP_RIGHTS; }
    }

    record CapBadge(int fd) implements Call {
        public Sys sys() { return Sys.CAP_BADGE; }
    }

    // ---- services and sessions --------------------------------------------------------

    record ServiceAnnounce(String name) implements Call {
        public Sys sys() { return Sys.SERVICE_ANNOUNCE; }
    }

    record SessionOpen(String name, long quota) implements Call {
        public Sys sys() { return Sys.SESSION_OPEN; }
    }

    record SessionClose(int fd) implements Call {
        public Sys sys() { return Sys.SESSION_CLOSE; }
    }

    // ---- freezer and checkpoint ---------------------------------------------------------

    record Freeze(int fd) implements Call {
        public Sys sys() { return Sys.FREEZE; }
    }

    record Thaw(int fd) implements Call {
        public Sys sys() { return Sys.THAW; }
    }

    record FreezerState(int fd) implements Call {
        public Sys sys() { return Sys.FREEZER_STATE; }
    }

    record Checkpoint(int fd, String path) implements Call {
        public Sys sys() { return Sys.CHECKPOINT; }
    }

    record Restore(String path) implements Call {
        public Sys sys() { return Sys.RESTORE; }
    }

    // ---- programs ----------------------------------------------------------------------

    record Exec(String program, List<String> args) implements Call {
        public Exec {
            args = args == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(args));
        }

        public Sys sys() { return Sys.EXEC; }
    }
}

package capsid.kernel.call;

/**
 * One constant per ABI call (ABI.md section 3), named as scripts name it. The
 * kernel dispatches on it with one exhaustive {@code switch}, so a new call cannot
 * be added without a case.
 */
public enum Sys {
    // processes and pid namespaces
    FORK("fork", true), EXIT("exit", true), WAIT("wait", true), KILL("kill", true),
    GETPID("getpid", false), GETPPID("getppid", false), UNSHARE("unshare", true),
    NS_OPEN("ns_open", true), SETNS("setns", true), SETHOSTNAME("sethostname", true),
    GETHOSTNAME("gethostname", false), JAIL("jail", true),
    // containers
    CONTAINER_CREATE("container_create", true), FORK_INTO_CONTAINER("fork_into_container", true),
    CONTAINER_DESTROY("container_destroy", true), QUOTA_SET("quota_set", true),
    QUOTA_GET("quota_get", false), QUOTA_DONATE("quota_donate", true), PROC_LIMIT("proc_limit", true),
    UPCALL_SET("upcall_set", true), REQUEST_KEY("request_key", true),
    // files, mounts, devices
    MKDIR("mkdir", true), OPEN("open", true), READ("read", true), WRITE("write", true),
    CLOSE("close", true), UNLINK("unlink", true), MOUNT("mount", true), UMOUNT("umount", true),
    PIPE("pipe", true), DUP("dup", true),
    // capabilities
    CAP_DERIVE("cap_derive", true), CAP_GRANT("cap_grant", true), CAP_REVOKE("cap_revoke", true),
    CAP_RIGHTS("cap_rights", false), CAP_BADGE("cap_badge", false),
    // services and sessions
    SERVICE_ANNOUNCE("service_announce", true), SESSION_OPEN("session_open", true),
    SESSION_CLOSE("session_close", true),
    // freezer and checkpoint
    FREEZE("freeze", true), THAW("thaw", true), FREEZER_STATE("freezer_state", false),
    CHECKPOINT("checkpoint", true), RESTORE("restore", true),
    // programs
    EXEC("exec", true);

    private final String word;
    private final boolean mutating;

    Sys(String word, boolean mutating) {
        this.word = word;
        this.mutating = mutating;
    }

    /** The name scripts use, e.g. {@code ns_open}. */
    public String word() {
        return word;
    }

    /**
     * True when the call may change kernel state; a successful call of such a kind
     * emits exactly one event. Read-only calls ({@code getpid}, ...) emit none.
     */
    public boolean mutating() {
        return mutating;
    }

    /** The call named {@code word}, or null. */
    public static Sys byWord(String word) {
        for (Sys s : values()) {
            if (s.word.equals(word)) {
                return s;
            }
        }
        return null;
    }
}

package capsid.kernel.call;

/** Namespace kinds, as {@code ns_open} names them (ABI.md section 3). */
public enum NsType {
    PID("pid", Flags.NEWPID),
    UTS("uts", Flags.NEWUTS),
    MNT("mnt", Flags.NEWNS),
    IPC("ipc", Flags.NEWIPC),
    NET("net", Flags.NEWNET),
    USER("user", Flags.NEWUSER);

    private final String word;
    private final int flag;
    private final String kind;

    NsType(String word, int flag) {
        this.word = word;
        this.flag = flag;
        this.kind = word + "ns";
    }

    /** The object kind of namespaces of this type: {@code pidns utsns mntns ipcns netns userns}. */
    public String kind() {
        return kind;
    }

    /** The word scripts use: {@code pid uts mnt ipc net user}. */
    public String word() {
        return word;
    }

    /** The namespace flag that creates one of this kind. */
    public int flag() {
        return flag;
    }

    /** The type code of a word, or -1 (which the kernel refuses with EINVAL). */
    public static int code(String word) {
        for (NsType t : values()) {
            if (t.word.equals(word)) {
                return t.ordinal();
            }
        }
        return -1;
    }

    /** The type for a code, or null when the code names none. */
    public static NsType of(int code) {
        NsType[] v = values();
        return code >= 0 && code < v.length ? v[code] : null;
    }
}

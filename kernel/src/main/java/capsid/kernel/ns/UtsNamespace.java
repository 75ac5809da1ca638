package capsid.kernel.ns;

import capsid.kernel.call.NsType;

/** A uts namespace: one hostname (ABI.md: "per uts namespace"). */
public final class UtsNamespace extends Namespace {
    /** The object kind, the key of this kind's id counter. */
    public static final String KIND = kindOf(NsType.UTS);

    /** A fresh kernel's hostname (ABI.md section 3). */
    public static final String DEFAULT_HOSTNAME = "capsid";

    // Invariant: a valid hostname (validHostname), never null.
    private String hostname;

    public UtsNamespace(long id, String hostname) {
        super(id, NsType.UTS);
        this.hostname = hostname;
    }

    public String hostname() {
        return hostname;
    }

    /** Caller must have validated {@code name} with {@link #validHostname}. */
    public void setHostname(String name) {
        hostname = name;
    }

    /** 1 to 64 characters of {@code [A-Za-z0-9.-]} (ABI.md section 3). */
    public static boolean validHostname(String name) {
        if (name == null || name.isEmpty() || name.length() > 64) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}

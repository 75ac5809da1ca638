package capsid.bench;

import capsid.kernel.call.Call;
import capsid.kernel.call.Flags;

/**
 * The {@code fork} variants the namespace-flag figures compare: plain {@code fork},
 * each namespace flag alone, and all of them together.
 */
public enum ForkVariant {
    /** {@code fork} without flags: the reference every ratio divides by. */
    PLAIN("plain", 0),
    /** {@code fork newpid}. */
    NEWPID("newpid", Flags.NEWPID),
    /** {@code fork newuts}. */
    NEWUTS("newuts", Flags.NEWUTS),
    /** {@code fork newns}. */
    NEWNS("newns", Flags.NEWNS),
    /** {@code fork newipc}. */
    NEWIPC("newipc", Flags.NEWIPC),
    /** {@code fork newnet}. */
    NEWNET("newnet", Flags.NEWNET),
    /** {@code fork newuser}. */
    NEWUSER("newuser", Flags.NEWUSER),
    /** {@code fork newpid|newuts|newns|newipc|newnet|newuser}. */
    ALL("all_namespaces", Flags.NAMESPACES);

    private final String key;
    private final int flags;
    private final Call.Fork call;

    ForkVariant(String key, int flags) {
        this.key = key;
        this.flags = flags;
        this.call = new Call.Fork(flags);
    }

    /** The short name used in figure names, e.g. {@code newpid}. */
    public String key() {
        return key;
    }

    /** The flag bits ({@link Flags}). */
    public int flags() {
        return flags;
    }

    /** The (shared, immutable) {@code fork} call of this variant. */
    public Call.Fork call() {
        return call;
    }
}

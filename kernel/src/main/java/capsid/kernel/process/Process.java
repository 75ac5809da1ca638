package capsid.kernel.process;

import capsid.kernel.cap.CapTable;
import capsid.kernel.ns.MountNamespace;
import capsid.kernel.ns.PlainNamespace;
import capsid.kernel.ns.UtsNamespace;

/**
 * A process (task). Identified inside the kernel by its task id {@code tid}, which
 * is never reused; user-visible pids are per pid namespace level in {@code pids}.
 *
 * <p>Invariants (checked by {@code Invariants}):
 * <ul>
 * <li>{@code pids[i]} is this process's pid in {@code ns.path[i]}, for i in 0..ns.level.</li>
 * <li>a live process's parent is live; the root init has none.</li>
 * <li>children links and the zombie-children list agree with {@code parent}
 *     and {@code state}; zombies are listed in exit order.</li>
 * <li>a zombie holds no capabilities and no uts/mnt/ipc/net/user namespaces.</li>
 * <li>a jailed process's namespaces are the ones it had when jailed ({@code jail}).</li>
 * </ul>
 */
public final class Process {
    /** Lifecycle: live, exited but not reaped, reaped (gone from every table). */
    public enum State { LIVE, ZOMBIE, REAPED }

    final long tid;
    /** The task that forked this one (0 for the root init); unlike {@code parent}, never changes. */
    final long creator;
    final int[] pids;
    final PidNamespace ns;
    PidNamespace nsForChildren;
    UtsNamespace uts;
    MountNamespace mnt;
    PlainNamespace ipc;
    PlainNamespace net;
    PlainNamespace user;
    CapTable caps;

    State state = State.LIVE;
    int exitCode;
    /** The signal that killed it, 0 for an exit. */
    int exitSignal;
    /** Exit order, for "wait: the one that exited first". */
    long exitSeq;

    Process parent;
    Process firstChild;
    Process lastChild;
    Process nextSibling;
    Process prevSibling;
    int childCount;
    /** Zombie children in exit order (a sublist of children, linked separately). */
    Process firstZombie;
    Process lastZombie;
    Process nextZombie;
    Process prevZombie;

    /** Set once by jail; the namespaces it was jailed in, else null. */
    Jail jail;
    /** The first task id handed out after this process was jailed (its later children), 0 if never jailed. */
    long jailTid;

    /** A jailed process's namespaces at the time it was jailed (or forked jailed). */
    record Jail(PidNamespace ns, PidNamespace nsForChildren, UtsNamespace uts, MountNamespace mnt,
                PlainNamespace ipc, PlainNamespace net, PlainNamespace user) {
    }

    Process(long tid, long creator, PidNamespace ns, int[] pids) {
        this.tid = tid;
        this.creator = creator;
        this.ns = ns;
        this.pids = pids;
    }

    public long tid() {
        return tid;
    }

    public State state() {
        return state;
    }

    public boolean live() {
        return state == State.LIVE;
    }

    public PidNamespace ns() {
        return ns;
    }

    public PidNamespace nsForChildren() {
        return nsForChildren;
    }

    public UtsNamespace uts() {
        return uts;
    }

    public MountNamespace mnt() {
        return mnt;
    }

    public PlainNamespace ipc() {
        return ipc;
    }

    public PlainNamespace net() {
        return net;
    }

    public PlainNamespace user() {
        return user;
    }

    public CapTable caps() {
        return caps;
    }

    public Process parent() {
        return parent;
    }

    public boolean jailed() {
        return jail != null;
    }

    public int exitCode() {
        return exitCode;
    }

    public int exitSignal() {
        return exitSignal;
    }

    /** The pid in the root namespace. */
    public int rootPid() {
        return pids[0];
    }

    /** This process's pid in its own namespace. */
    public int ownPid() {
        return pids[ns.level];
    }

    /** pids[i] is the pid in the ancestor namespace at level i. */
    public int pidAtLevel(int level) {
        return pids[level];
    }

    public int levels() {
        return pids.length;
    }

    /** The pid of this process as seen from namespace {@code viewer}, or 0 when invisible there. */
    public int pidIn(PidNamespace viewer) {
        return ns.hasAncestorOrSelf(viewer) ? pids[viewer.level] : 0;
    }

    /** The direct children (live and zombie), oldest first. */
    public java.util.List<Process> children() {
        java.util.List<Process> out = new java.util.ArrayList<>(childCount);
        for (Process c = firstChild; c != null; c = c.nextSibling) {
            out.add(c);
        }
        return out;
    }

    /** The zombie children in exit order. */
    public java.util.List<Process> zombies() {
        java.util.List<Process> out = new java.util.ArrayList<>();
        for (Process c = firstZombie; c != null; c = c.nextZombie) {
            out.add(c);
        }
        return out;
    }

    @Override
    public String toString() {
        return "task " + tid + " (pid " + pids[0] + ")";
    }
}

package capsid.kernel.process;

import capsid.kernel.call.NsType;
import capsid.kernel.ns.Namespace;
import capsid.kernel.util.IntMap;

/**
 * A pid namespace: a node in the tree of pid namespaces, with its own pid numbers
 * (ABI.md section 3, "Processes and pid namespaces (as Linux)").
 *
 * <p>Invariants (checked by {@code Invariants}):
 * <ul>
 * <li>{@code procs} maps each pid to the one process (live or zombie) that has it
 *     at this level; a process is in the map of its own namespace and of every
 *     ancestor, and of no other.</li>
 * <li>{@code procs.get(1) == init} while the init is not reaped.</li>
 * <li>once {@code initDead}, {@code procs} holds at most the init's zombie.</li>
 * <li>{@code level} is at most the boot limit ({@code BootConfig.pidNsLevels}).</li>
 * </ul>
 */
public final class PidNamespace extends Namespace {
    /** The object kind, the key of this kind's id counter. */
    public static final String KIND = kindOf(NsType.PID);


    final int level;
    final PidNamespace parent;
    /** path[i] is the ancestor at level i; path[level] == this. */
    final PidNamespace[] path;
    final IntMap<Process> procs = new IntMap<>();
    /** The last pid handed out (Linux's idr cursor); 0 before the first. */
    int lastPid;
    /** The child reaper: the first process created here, until it is reaped. */
    Process init;
    /** Set when the init died: nothing may be added again (ABI.md). */
    boolean initDead;

    PidNamespace(long id, PidNamespace parent) {
        super(id, NsType.PID);
        this.parent = parent;
        this.level = parent == null ? 0 : parent.level + 1;
        this.path = new PidNamespace[level + 1];
        if (parent != null) {
            System.arraycopy(parent.path, 0, path, 0, level);
        }
        path[level] = this;
    }

    public int level() {
        return level;
    }

    public PidNamespace parent() {
        return parent;
    }

    public boolean initDead() {
        return initDead;
    }

    public Process init() {
        return init;
    }

    /** True when {@code other} is this namespace or one of its ancestors. */
    public boolean hasAncestorOrSelf(PidNamespace other) {
        return other.level <= level && path[other.level] == other;
    }

    /** The process with {@code pid} here (live or zombie), or null. */
    public Process lookup(int pid) {
        return procs.get(pid);
    }

    public int processCount() {
        return procs.size();
    }

    /**
     * The pid the next allocation here would take, without taking it, or -1 when
     * every number is in use. As Linux's {@code alloc_pid}: cyclic from the last
     * pid, wrapping at {@code pidMax} back to {@code reserved}, or to 1 while
     * the cursor (the last pid + 1, as Linux's idr cursor) has not passed
     * {@code reserved}.
     */
    int peekNextPid(int pidMax, int reserved) {
        int min = lastPid + 1 > reserved ? reserved : 1;
        int candidate = lastPid + 1;
        if (candidate >= pidMax) {
            candidate = min;
        }
        int span = pidMax - min;
        for (int tries = 0; tries < span; tries++) {
            if (!procs.containsKey(candidate)) {
                return candidate;
            }
            candidate++;
            if (candidate >= pidMax) {
                candidate = min;
            }
        }
        return -1;
    }
}

package capsid.kernel;

import java.util.List;

/**
 * A read-only view of one process, for code outside the kernel (scenario runner,
 * generators, refinement). Immutable.
 *
 * @param tid      the kernel task id (never reused)
 * @param live     false for a zombie
 * @param pids     the pid at every level, root namespace first
 * @param parent   the parent's task id, 0 for the root init
 * @param children the children's task ids, oldest first
 * @param jailed   whether the process is jailed
 * @param hostname its uts namespace's hostname; null for a zombie
 * @param fds      the descriptors (capability slots) in use, ascending; empty for a zombie
 */
public record ProcessView(long tid, boolean live, List<PidAt> pids, long parent, List<Long> children,
                          boolean jailed, String hostname, List<Integer> fds) {

    public ProcessView {
        pids = List.copyOf(pids);
        children = List.copyOf(children);
        fds = List.copyOf(fds);
    }

    /** The pid {@code pid} in pid namespace {@code ns} (an object id). */
    public record PidAt(long ns, int pid) {
    }

    /** The pid in the root namespace. */
    public int rootPid() {
        return pids.get(0).pid();
    }

    /** The pid namespace the process lives in (object id). */
    public long pidNamespace() {
        return pids.get(pids.size() - 1).ns();
    }

    /** The pid seen from pid namespace {@code ns}, or 0 when the process is not visible there. */
    public int pidIn(long ns) {
        for (PidAt p : pids) {
            if (p.ns() == ns) {
                return p.pid();
            }
        }
        return 0;
    }
}

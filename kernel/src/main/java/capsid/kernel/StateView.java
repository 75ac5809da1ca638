package capsid.kernel;

import java.util.List;
import java.util.Map;

/**
 * A read-only, immutable view of the kernel's whole process and namespace state,
 * for the refinement harness's abstraction functions (DESIGN.md: "the abstraction
 * function lives in refinement/ and is the only code that knows both sides").
 * Only namespaces that something still refers to appear (the kernel forgets the
 * rest), each with every ancestor.
 *
 * @param config      the boot configuration
 * @param nextTid     the task id the next fork gets
 * @param exitClock   the exit order handed to the last process that died
 * @param tasks       every task (live or zombie), by task id
 * @param pidNs       every pid namespace referred to, by id
 * @param uts         every uts namespace referred to, by id
 * @param nextIds     per object kind, the id the next object of that kind gets
 * @param caps        every capability slot of a live process with its rights, badge and
 *                    parent, by task id then fd (the derivation tree, for the cap package's step checks)
 */
public record StateView(BootConfig config, long nextTid, long exitClock, List<Task> tasks, List<PidNs> pidNs,
                        List<Uts> uts, Map<String, Long> nextIds, List<Slot> caps) {

    public StateView {
        tasks = List.copyOf(tasks);
        pidNs = List.copyOf(pidNs);
        uts = List.copyOf(uts);
        nextIds = Map.copyOf(nextIds);
        caps = List.copyOf(caps);
    }

    /** A view without capability slots (for tests that build process states by hand). */
    public StateView(BootConfig config, long nextTid, long exitClock, List<Task> tasks, List<PidNs> pidNs,
                     List<Uts> uts, Map<String, Long> nextIds) {
        this(config, nextTid, exitClock, tasks, pidNs, uts, nextIds, List.of());
    }

    /**
     * One capability slot: held by {@code task} at {@code fd}, naming {@code kind}
     * {@code id}, with its rights and badge (0: none); its parent's slot, {@code
     * parentTask} 0 and {@code parentFd} -1 for a root; {@code parentTask} -1 for a
     * parent that is in no table (it was closed or revoked), which only a broken tree
     * has, so that the abstraction shows the dangling edge.
     */
    public record Slot(long task, int fd, String kind, long id, int rights, long badge, long parentTask,
                       int parentFd) {
        /** True when this slot is held by {@code t} at {@code f}. */
        public boolean at(long t, int f) {
            return task == t && fd == f;
        }

        /** True when this slot's parent is held by {@code t} at {@code f}. */
        public boolean under(long t, int f) {
            return parentTask == t && parentFd == f;
        }
    }

    /**
     * One task. Namespace fields are ids of their kind; 0 where a zombie holds
     * none.
     *
     * @param pids    the pid at every level, root first
     * @param jail    the namespaces it was jailed in, null when not jailed (or a zombie)
     * @param fds     fd number to the object it names
     * @param exitSeq the order in which it died, 0 while live
     */
    public record Task(long tid, boolean live, long parent, List<Integer> pids, long pidNs, long nsForChildren,
                       long uts, long mnt, Jail jail, Map<Integer, ObjRef> fds, long exitSeq) {
        public Task {
            pids = List.copyOf(pids);
            fds = Map.copyOf(fds);
        }
    }

    /** The namespaces a task was jailed in. */
    public record Jail(long pidNs, long nsForChildren, long uts, long mnt) {
    }

    /** A kernel object named by kind and id, e.g. {@code pidns} 2. */
    public record ObjRef(String kind, long id) {
    }

    /**
     * One pid namespace.
     *
     * @param parent  the parent's id, 0 for the root
     * @param pids    pid to task id, every task (live or zombie) visible here
     * @param lastPid the last pid handed out here
     * @param init    the init's task id, 0 before the first process and after the init is reaped
     * @param initDead whether the init died
     */
    public record PidNs(long id, long parent, int level, Map<Integer, Long> pids, int lastPid, long init,
                        boolean initDead) {
        public PidNs {
            pids = Map.copyOf(pids);
        }
    }

    /** One uts namespace and its hostname. */
    public record Uts(long id, String hostname) {
    }
}

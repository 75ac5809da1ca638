package capsid.scenario;

import capsid.kernel.ProcessView;
import capsid.kernel.Result;
import java.util.List;

/** What a name is bound to by {@code as} or {@code boot} (ABI.md section 1). Immutable. */
sealed interface Binding {

    /**
     * A process, with the pid it had at every level when it was bound: pids never
     * change, so {@code @NAME} still works after it died.
     */
    record Process(long tid, List<ProcessView.PidAt> pids) implements Binding {
        public Process {
            pids = List.copyOf(pids);
        }

        /** Its pid seen from pid namespace {@code ns}; its root pid when it is not visible there. */
        int pidSeenFrom(long ns) {
            for (ProcessView.PidAt p : pids) {
                if (p.ns() == ns) {
                    return p.pid();
                }
            }
            return pids.get(0).pid();
        }
    }

    /** A call's successful result: {@code $NAME}. */
    record Val(Result value) implements Binding {
    }
}

package capsid.scenario;

/**
 * Who performs a call step (ABI.md section 1): a name bound with {@code as} (or
 * {@code init}, bound by {@code boot}), or {@code %PID}, the live process whose
 * pid in the root namespace is PID. Immutable.
 */
public sealed interface Actor {

    /** Where the actor was written. */
    Pos pos();

    /** A bound name. */
    record Named(String name, Pos pos) implements Actor {
    }

    /** {@code %PID}: a root-namespace pid. */
    record RootPid(int pid, Pos pos) implements Actor {
    }
}

package capsid.scenario;

import java.util.List;

/**
 * One line of a scenario script (ABI.md section 1): a call step or a directive.
 * Steps are immutable; positions take no part in equality ({@link Pos}).
 */
public sealed interface Step {

    /** Where the step starts; its line is the step's number in the output. */
    Pos pos();

    /**
     * {@code ACTOR CALL ARG* [=> EXPECTED] [as NAME]}.
     *
     * @param actor    who makes the call
     * @param call     the call's name as written, e.g. {@code ns_open} (checked when it runs)
     * @param callPos  where the call's name was written
     * @param args     the arguments, unresolved ({@code $NAME}, {@code @NAME} stay as written)
     * @param expected the expected result, or null when the step has no {@code =>}
     * @param bind     the name after {@code as}, or null
     */
    record Syscall(Actor actor, String call, Pos callPos, List<Value> args, Value expected, String bind)
            implements Step {
        public Syscall {
            args = List.copyOf(args);
        }

        @Override
        public Pos pos() {
            return actor.pos();
        }
    }

    /**
     * {@code boot [hostname=NAME] [seed=N] [LIMIT=N...]}: a fresh kernel, every name
     * unbound. LIMIT is one of {@link #LIMITS}, the kernel's boot limits
     * ({@code capsid.kernel.BootConfig}); an option may be given once.
     *
     * @param hostname    the hostname, or null for the kernel's default
     * @param hostnamePos where the hostname was written
     * @param seed        the seed, or null for 0
     * @param limits      the limits given, in the order written
     */
    record Boot(String hostname, Pos hostnamePos, Long seed, java.util.Map<String, Integer> limits, Pos pos)
            implements Step {
        /** The limit options: {@code pid_max pid_reserved pidns_levels fd_max}. */
        public static final java.util.List<String> LIMITS = java.util.List.of("pid_max", "pid_reserved",
                "pidns_levels", "fd_max");

        public Boot {
            limits = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(limits));
        }

        /** A boot with no limits given. */
        public Boot(String hostname, Pos hostnamePos, Long seed, Pos pos) {
            this(hostname, hostnamePos, seed, java.util.Map.of(), pos);
        }
    }

    /** {@code step N}: let the scheduler run N steps (0 ≤ N). */
    record Schedule(int count, Pos pos) implements Step {
    }

    /** {@code invariants}: check every kernel invariant now. */
    record CheckInvariants(Pos pos) implements Step {
    }
}

package capsid.kernel;

import capsid.kernel.call.Call;
import capsid.kernel.cap.CapCalls;
import capsid.kernel.cap.CapInvariants;
import capsid.kernel.cap.CapStepChecks;
import capsid.kernel.cap.ObjectIndex;
import capsid.kernel.event.CallLog;
import capsid.kernel.event.Event;
import capsid.kernel.event.EventLog;
import capsid.kernel.event.Json;
import capsid.kernel.process.Fingerprint;
import capsid.kernel.process.IncrementalInvariants;
import capsid.kernel.process.Invariants;
import capsid.kernel.process.PidNamespace;
import capsid.kernel.process.Process;
import capsid.kernel.process.ProcessTable;
import capsid.kernel.process.Snapshot;
import capsid.kernel.process.StepChecks;
import capsid.kernel.util.Ids;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The Capsid kernel: a deterministic state machine behind one entry point,
 * {@link #syscall(long, Call)}. Given the same boot seed and the same calls it
 * produces the same results and the same event log, byte for byte.
 *
 * <p>A caller is named by its task id ({@link #initTid()} for the boot init; a
 * forked child's id from {@link #resolve}). Every call returns a {@link Result};
 * bad input gets an {@link Errno} and changes nothing. The only exception that can
 * leave {@code syscall} is {@link KernelBug}: a broken internal invariant.
 *
 * <p>Not thread-safe: one kernel is driven by one thread, as a state machine.
 */
public final class Kernel {
    private final BootConfig config;
    /** {@code config.hashCode()}, taken once: the configuration never changes. */
    private final int configHash;
    private final Ids ids = new Ids();
    private final EventLog log = new EventLog();
    /** The boot event's {@code args}, the first line of a call log. */
    private final String bootArgs;
    /** The call log, null while it is off (the default: see {@link #recordCalls()}). */
    private CallLog calls;
    private final ProcessTable procs;
    /** The descriptor calls (cap/), on the tables of {@code procs}' processes. */
    private final CapCalls caps;
    /** The incremental invariants, from their first use (until then no change is recorded). */
    private IncrementalInvariants incremental;
    /** The incremental fingerprint, from the first {@link #stateHash()}. */
    private Fingerprint fingerprint;
    @SuppressWarnings("unused") // the seeded generator behind /dev/random and the scheduler, as they arrive
    private final SplittableRandom random;

    private Kernel(BootConfig config) {
        this.config = config;
        this.configHash = config.hashCode();
        this.random = new SplittableRandom(config.seed());
        this.procs = new ProcessTable(ids, log, config, new ObjectIndex());
        this.caps = new CapCalls(procs, log);
        Json args = Json.obj().put("seed", config.seed()).put("hostname", config.hostname());
        if (!config.equals(BootConfig.DEFAULT.withHostname(config.hostname()).withSeed(config.seed()))) {
            args.put("pid_max", config.pidMax()).put("pid_reserved", config.pidReserved())
                    .put("pidns_levels", config.pidNsLevels()).put("fd_max", config.fdMax());
        }
        String argText = args.toString();
        this.bootArgs = argText;
        String out = Json.obj().put("init", procs.init().tid()).toString();
        log.emit("Boot", 0, 0, () -> new String[] {argText, "0", out});
    }

    /** A fresh kernel with the default configuration (hostname {@code capsid}, seed 0). */
    public static Kernel boot() {
        return boot(BootConfig.DEFAULT);
    }

    /**
     * A fresh kernel with the default limits.
     *
     * @throws IllegalArgumentException when {@code hostname} is no valid hostname
     */
    public static Kernel boot(String hostname, long seed) {
        return boot(BootConfig.DEFAULT.withHostname(hostname).withSeed(seed));
    }

    /**
     * A fresh kernel: process {@code init} (pid 1, task 1) exists.
     *
     * @throws IllegalArgumentException naming every problem of {@code config}
     */
    public static Kernel boot(BootConfig config) {
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("cannot boot: " + String.join("; ", problems));
        }
        return new Kernel(config);
    }

    public long seed() {
        return config.seed();
    }

    public BootConfig config() {
        return config;
    }

    /** The boot init's task id. */
    public long initTid() {
        return procs.init().tid();
    }

    // ---- the one entry point -----------------------------------------------------------

    /**
     * Performs {@code call} on behalf of task {@code tid}. Returns the call's
     * result, or ESRCH when {@code tid} names no live process, EINVAL for a null
     * call. Never throws, except {@link KernelBug}.
     */
    public Result syscall(long tid, Call call) {
        if (calls != null) {
            return loggedSyscall(tid, call);
        }
        return perform(tid, call);
    }

    private Result perform(long tid, Call call) {
        if (call == null) {
            return Errno.EINVAL;
        }
        Process c = procs.task(tid);
        if (c == null || !c.live()) {
            return Errno.ESRCH;
        }
        try {
            return dispatch(c, call);
        } catch (KernelBug bug) {
            throw bug;
        } catch (RuntimeException | StackOverflowError e) {
            throw new KernelBug("syscall " + call + " by " + c + " threw " + e, e);
        }
    }

    /** {@link #perform}, then one call-log record: the caller, the call, the answer and the event it caused. */
    private Result loggedSyscall(long tid, Call call) {
        long before = log.nextSeq();
        Process c = procs.task(tid);
        int pid = c == null ? 0 : c.rootPid();
        Result r = perform(tid, call);
        if (call != null) {
            calls.add(tid, pid, call, r, log.nextSeq() > before ? before : -1);
        }
        return r;
    }

    private Result dispatch(Process c, Call call) {
        return switch (call.sys()) {
            case FORK -> procs.fork(c, ((Call.Fork) call).flags());
            case EXIT -> procs.exit(c, ((Call.Exit) call).code());
            case WAIT -> {
                Call.Wait w = (Call.Wait) call;
                yield procs.wait(c, w.any(), w.pid());
            }
            case KILL -> {
                Call.Kill k = (Call.Kill) call;
                yield procs.kill(c, k.pid(), k.sig());
            }
            case GETPID -> procs.getpid(c);
            case GETPPID -> procs.getppid(c);
            case UNSHARE -> procs.unshare(c, ((Call.Unshare) call).flags());
            case NS_OPEN -> {
                Call.NsOpen o = (Call.NsOpen) call;
                yield caps.nsOpen(c, o.pid(), o.type());
            }
            case SETNS -> procs.setns(c, ((Call.SetNs) call).fd());
            case SETHOSTNAME -> procs.sethostname(c, ((Call.SetHostname) call).name());
            case GETHOSTNAME -> procs.gethostname(c);
            case JAIL -> procs.jail(c);
            case CLOSE -> caps.close(c, ((Call.Close) call).fd());
            case DUP -> caps.dup(c, ((Call.Dup) call).fd());
            case CAP_DERIVE -> {
                Call.CapDerive d = (Call.CapDerive) call;
                yield caps.derive(c, d.fd(), d.rights(), d.badge(), d.hasBadge());
            }
            case CAP_GRANT -> {
                Call.CapGrant g = (Call.CapGrant) call;
                yield caps.grant(c, g.fd(), g.pid());
            }
            case CAP_REVOKE -> caps.revoke(c, ((Call.CapRevoke) call).fd());
            case CAP_RIGHTS -> caps.rights(c, ((Call.CapRights) call).fd());
            case CAP_BADGE -> caps.badge(c, ((Call.CapBadge) call).fd());
            // Not implemented yet: each arrives with its own issue and spec. Until then
            // the call is refused as unknown, changing nothing (ABI.md: exec is ENOSYS
            // until the program module arrives).
            case CONTAINER_CREATE, FORK_INTO_CONTAINER, CONTAINER_DESTROY, QUOTA_SET, QUOTA_GET, QUOTA_DONATE,
                    PROC_LIMIT, UPCALL_SET, REQUEST_KEY, MKDIR, OPEN, READ, WRITE, UNLINK, MOUNT, UMOUNT, PIPE,
                    SERVICE_ANNOUNCE, SESSION_OPEN,
                    SESSION_CLOSE, FREEZE, THAW, FREEZER_STATE, CHECKPOINT, RESTORE, EXEC -> Errno.ENOSYS;
        };
    }

    /**
     * Lets the scheduler run {@code n} steps; returns how many it ran. Only
     * processes running programs are scheduled, and programs arrive with {@code
     * exec}: until then there is nothing to run and this returns 0.
     */
    public int step(int n) {
        return 0;
    }

    // ---- observation (read-only) ------------------------------------------------------

    /** The event log. */
    public List<Event> events() {
        return log.events();
    }

    /** How many events the log holds ({@code events().size()} without a view). */
    public long eventCount() {
        return log.nextSeq();
    }

    /** The event log as JSON Lines (schema: docs/event-log.md). */
    public String eventLogJsonLines() {
        return log.toJsonLines();
    }

    /** Switches event recording off or on (benchmarks of raw call throughput switch it off). */
    public void recordEvents(boolean on) {
        log.setEnabled(on);
    }

    /**
     * Turns the call log on (docs/event-log.md, "The call log"): from now on every
     * call (failed and read-only ones too) adds one record. Off by default; it is
     * no part of the state ({@link #snapshot()} and {@link #stateHash()} do not see
     * it). Call it right after boot, so that the log holds every call: it refuses
     * once an event beyond the boot was logged. Calling it again does nothing.
     *
     * @throws IllegalStateException when calls were made already
     */
    public void recordCalls() {
        if (calls != null) {
            return;
        }
        if (log.nextSeq() > 1) {
            throw new IllegalStateException("the call log must start at boot, but " + (log.nextSeq() - 1)
                    + " events were logged already");
        }
        calls = new CallLog(bootArgs);
    }

    /** True while the call log is on. */
    public boolean recordingCalls() {
        return calls != null;
    }

    /** The call log as JSON Lines (schema: docs/event-log.md), the boot line first; empty when it is off. */
    public String callLogJsonLines() {
        return calls == null ? "" : calls.toJsonLines();
    }

    /** Every kernel invariant violated now, as {@code "Name: detail"} lines; empty when all hold. */
    public List<String> checkInvariants() {
        List<String> out = Invariants.check(procs);
        List<String> caps = CapInvariants.check(liveTables());
        if (caps.isEmpty()) {
            return out;
        }
        List<String> all = new ArrayList<>(out);
        all.addAll(caps);
        return all;
    }

    /**
     * {@link #checkInvariants()}, re-checked only on what changed since the last call
     * (the processes, namespaces, pid entries and capability tables the mutators
     * marked, and what depends on them; docs/fuzzing.md): O(changed objects), not
     * O(state). The first call checks everything. Assumes the state the previous call
     * saw satisfied every invariant (a campaign stops at the first finding); on a
     * finding it returns {@link #checkInvariants()}'s report, so the messages and
     * their order are the full check's.
     */
    public List<String> checkInvariantsIncrementally() {
        List<String> found = incrementalInvariantFindings();
        return found.isEmpty() ? found : checkInvariants();
    }

    /**
     * What the incremental check itself finds since the last call (of this or {@link
     * #checkInvariantsIncrementally()}), in its own order, without the full report:
     * for the test that compares it with {@link #checkInvariants()} on every state.
     */
    public List<String> incrementalInvariantFindings() {
        if (incremental == null) {
            incremental = new IncrementalInvariants(procs);
        }
        return incremental.check(this::liveTables);
    }

    /** The capability tables of the live processes, by task id. */
    private List<capsid.kernel.cap.CapTable> liveTables() {
        List<capsid.kernel.cap.CapTable> out = new ArrayList<>();
        for (long tid : procs.taskIds()) {
            Process p = procs.task(tid);
            if (p.live() && p.caps() != null) {
                out.add(p.caps());
            }
        }
        return out;
    }

    /** The names of the invariants {@link #checkInvariants()} checks. */
    public static List<String> invariantNames() {
        return INVARIANT_NAMES;
    }

    private static final List<String> INVARIANT_NAMES = java.util.stream.Stream.concat(Invariants.NAMES.stream(),
            CapInvariants.NAMES.stream()).toList();
    private static final List<String> STEP_CHECK_NAMES = java.util.stream.Stream.concat(StepChecks.NAMES.stream(),
            CapStepChecks.NAMES.stream()).toList();

    /**
     * Every kernel step check violated by one call, as {@code "Name: detail"} lines:
     * task {@code caller} made {@code call} on the state {@code before} (a {@link
     * #state()} taken just before it), got {@code result}, and left the state {@code
     * after}. Empty when all hold. For tests and campaigns (O(state)).
     */
    public static List<String> checkStep(StateView before, long caller, Call call, Result result, StateView after) {
        List<String> out = StepChecks.check(before, caller, call, result, after);
        if (before.caps().isEmpty() && after.caps().isEmpty()) {
            return out;
        }
        List<String> caps = CapStepChecks.check(before, caller, call, result, after);
        if (caps.isEmpty()) {
            return out;
        }
        List<String> all = new ArrayList<>(out);
        all.addAll(caps);
        return all;
    }

    /** The names of the step checks {@link #checkStep} checks. */
    public static List<String> stepCheckNames() {
        return STEP_CHECK_NAMES;
    }

    /**
     * The kernel checks (invariants and step checks) that mirror a property of spec
     * module {@code spec} and carry its name; empty for a spec the kernel has no
     * twins for.
     */
    public static List<String> specCheckNames(String spec) {
        if (spec.equals(CAP_SPEC)) {
            List<String> out = new ArrayList<>(CapInvariants.NAMES);
            out.addAll(CapStepChecks.NAMES);
            return List.copyOf(out);
        }
        if (!spec.equals(NAMESPACE_SPEC)) {
            return List.of();
        }
        List<String> out = new ArrayList<>(Invariants.SPEC_NAMES);
        out.addAll(StepChecks.SPEC_NAMES);
        return List.copyOf(out);
    }

    /**
     * The properties of spec module {@code spec} that have no kernel-side check, each
     * with the reason (e.g. liveness, which no single state or step can show).
     */
    public static java.util.Map<String, String> specExemptions(String spec) {
        return spec.equals(NAMESPACE_SPEC) ? StepChecks.EXEMPT : spec.equals(CAP_SPEC) ? CAP_EXEMPT : java.util.Map.of();
    }

    /** The spec module the process package's checks mirror. */
    private static final String NAMESPACE_SPEC = "NamespaceUnshare";
    /**
     * CapabilityDelegation's properties with no check of that name in the cap package,
     * and why: TypeOK there types the spec's own variables; its kernel content (slots
     * in range and where their table says, only live processes holding capabilities)
     * is the process package's TypeOK, CapTableConsistent and ZombieHoldsNothing.
     */
    private static final java.util.Map<String, String> CAP_EXEMPT = java.util.Map.of("TypeOK",
            "types the spec's variables; its kernel content (slots in range and where their table says, only live "
                    + "processes holding capabilities) is checked by TypeOK, CapTableConsistent and ZombieHoldsNothing");

    /** The spec module the cap package's checks mirror. */
    private static final String CAP_SPEC = "CapabilityDelegation";

    /**
     * The canonical text of the full kernel state: equal snapshots mean equal
     * states. Includes every allocation cursor and the event count, so a call that
     * changes nothing leaves it byte-identical.
     */
    public String snapshot() {
        StringBuilder sb = new StringBuilder(1024);
        sb.append("kernel ").append(config).append(" nextIds=").append(ids.describe())
                .append(" events=").append(log.nextSeq()).append('\n');
        Snapshot.write(procs, sb);
        return sb.toString();
    }

    /**
     * A 64-bit fingerprint of everything {@link #snapshot()} shows: equal states give
     * equal values and any change of state changes it (up to hash collisions;
     * KernelStateHashTest checks it against the snapshot). Much cheaper than {@link
     * #snapshot()}: fuzzing takes it after every step to check that a failed call
     * changed nothing, and prints the snapshot only when it differs.
     *
     * <p>Incremental: the first call scans the state, later ones update the parts of
     * what changed since (the processes, namespaces and capability tables the
     * mutators marked): O(changed objects). Equal to {@link #recomputedStateHash()}.
     */
    public long stateHash() {
        if (fingerprint == null) {
            fingerprint = new Fingerprint(procs);
        }
        return stateHash(fingerprint.hash());
    }

    /** {@link #stateHash()} computed from scratch, O(state): for the test that compares the two. */
    public long recomputedStateHash() {
        return stateHash(Snapshot.hash(procs));
    }

    private long stateHash(long tables) {
        long h = configHash;
        h = h * 31 + ids.hash();
        h = h * 31 + log.nextSeq();
        return h * 0x9E3779B97F4A7C15L + tables;
    }

    /** True when task {@code tid} is a live process (cheaper than {@link #process}). */
    public boolean isLive(long tid) {
        Process p = procs.task(tid);
        return p != null && p.live();
    }

    /** The whole process and namespace state, read-only (for abstraction functions). */
    public StateView state() {
        return capsid.kernel.process.StateViews.of(procs, ids.nextIds());
    }

    /** The task id of the process with pid {@code pid} in the pid namespace of {@code observerTid}, or 0. */
    public long resolve(long observerTid, int pid) {
        Process o = procs.task(observerTid);
        if (o == null || o.state() == Process.State.REAPED) {
            return 0;
        }
        Process p = o.ns().lookup(pid);
        return p == null ? 0 : p.tid();
    }

    /** The task id of the process (live or zombie) with root-namespace pid {@code pid}, or 0. */
    public long tidOfRootPid(int pid) {
        Process p = procs.rootNs().lookup(pid);
        return p == null ? 0 : p.tid();
    }

    /** A view of the process with task id {@code tid} (live or zombie), or null when there is none. */
    public ProcessView process(long tid) {
        Process p = procs.task(tid);
        return p == null ? null : view(p);
    }

    /** Views of every process (live and zombie), by task id. */
    public List<ProcessView> processes() {
        List<ProcessView> out = new ArrayList<>();
        for (long tid : procs.taskIds()) {
            out.add(view(procs.task(tid)));
        }
        return out;
    }

    private static ProcessView view(Process p) {
        List<ProcessView.PidAt> pids = new ArrayList<>(p.levels());
        PidNamespace n = p.ns();
        for (int i = p.levels() - 1; i >= 0; i--) {
            pids.add(0, new ProcessView.PidAt(n.id(), p.pidAtLevel(i)));
            n = n.parent();
        }
        List<Long> children = new ArrayList<>();
        for (Process k : p.children()) {
            children.add(k.tid());
        }
        List<Integer> fds = new ArrayList<>();
        if (p.caps() != null) {
            for (int fd = 0; fd < p.caps().span(); fd++) {
                if (p.caps().get(fd) != null) {
                    fds.add(fd);
                }
            }
        }
        return new ProcessView(p.tid(), p.live(), pids, p.parent() == null ? 0 : p.parent().tid(), children,
                p.jailed(), p.live() ? p.uts().hostname() : null, fds);
    }
}

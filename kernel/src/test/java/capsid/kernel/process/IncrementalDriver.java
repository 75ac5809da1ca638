package capsid.kernel.process;

import capsid.kernel.BootConfig;
import capsid.kernel.Kernel;
import capsid.kernel.Result;
import capsid.kernel.call.Call;
import capsid.kernel.call.NsType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random call sequences (every process, namespace and descriptor call, valid and
 * invalid arguments) with, after every call, the three incremental observers
 * compared with their oracles: the marks cover every change ({@link MarkAudit}),
 * the incremental fingerprint equals the recomputed one, and the incremental
 * invariants give the full check's verdict. Public and static so that a test can
 * run it in a class loader whose kernel has a mutator that forgets its mark.
 */
public final class IncrementalDriver {
    private IncrementalDriver() {
    }

    /** What went wrong first, as "seed S step I CALL: what", or null when nothing did. */
    public static String firstDisagreement(long seeds, int steps) {
        for (long seed = 0; seed < seeds; seed++) {
            String why = run(seed, steps);
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    static String run(long seed, int steps) {
        SplittableRandom r = new SplittableRandom(seed);
        BootConfig config = BootConfig.DEFAULT.withSeed(seed);
        if (seed % 4 == 1) {
            config = config.withPidMax(16, 4).withPidNsLevels(1).withFdMax(4);
        }
        Kernel k = Kernel.boot(config);
        ProcessTable table = tableOf(k);
        List<Long> tids = new ArrayList<>(List.of(k.initTid()));
        k.stateHash();
        k.incrementalInvariantFindings();
        MarkAudit audit = new MarkAudit(table);
        for (int i = 0; i < steps; i++) {
            long tid = tids.get(r.nextInt(tids.size()));
            Call c = randomCall(r);
            audit.record();
            Result res = k.syscall(tid, c);
            if (c instanceof Call.Fork && res instanceof Result.Int p) {
                long child = k.resolve(tid, (int) p.value());
                if (child != 0) {
                    tids.add(child);
                }
            }
            String at = "seed " + seed + " step " + i + " " + c + " -> " + res.render() + ": ";
            List<String> unmarked = audit.unmarked();
            if (!unmarked.isEmpty()) {
                return at + "unmarked change: " + unmarked;
            }
            long inc = k.stateHash();
            long full = k.recomputedStateHash();
            if (inc != full) {
                return at + "incremental fingerprint " + inc + " but recomputed " + full;
            }
            List<String> found = k.incrementalInvariantFindings();
            List<String> all = k.checkInvariants();
            if (found.isEmpty() != all.isEmpty()) {
                return at + "incremental invariants found " + found + " but the full check " + all;
            }
            if (!all.isEmpty()) {
                return null; // the kernel under test is broken: both caught it; a campaign stops here
            }
        }
        return null;
    }

    private static ProcessTable tableOf(Kernel k) {
        try {
            java.lang.reflect.Field f = Kernel.class.getDeclaredField("procs");
            f.setAccessible(true);
            return (ProcessTable) f.get(k);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    static Call randomCall(SplittableRandom r) {
        int pid = r.nextInt(6);
        int fd = r.nextInt(5);
        return switch (r.nextInt(18)) {
            case 0, 1, 2 -> new Call.Fork(r.nextInt(4) == 0 ? r.nextInt(64) : 0);
            case 3 -> new Call.Exit(r.nextInt(3));
            case 4 -> r.nextBoolean() ? Call.Wait.ANY : Call.Wait.pid(pid);
            case 5 -> new Call.Kill(pid, r.nextBoolean() ? 9 : 15);
            case 6 -> new Call.Unshare(r.nextInt(64));
            case 7 -> new Call.NsOpen(pid, r.nextInt(NsType.values().length));
            case 8 -> new Call.SetNs(fd);
            case 9 -> new Call.SetHostname(r.nextBoolean() ? "h" + r.nextInt(3) : "bad name");
            case 10 -> Call.Jail.INSTANCE;
            case 11 -> new Call.Close(fd);
            case 12 -> new Call.Dup(fd);
            case 13 -> new Call.CapDerive(fd, r.nextInt(8), r.nextInt(3), r.nextBoolean());
            case 14 -> new Call.CapGrant(fd, pid);
            case 15 -> new Call.CapRevoke(fd);
            case 16 -> new Call.CapRights(fd);
            default -> r.nextBoolean() ? Call.GetPid.INSTANCE : Call.GetHostname.INSTANCE;
        };
    }
}

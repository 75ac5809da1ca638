package capsid.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.kernel.call.Call;
import capsid.kernel.call.NsType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Kernel#stateHash()} stands in for {@link Kernel#snapshot()} when fuzzing
 * checks that a failed call changed nothing, so it must change exactly when the
 * snapshot changes: over random call sequences (every process and namespace call,
 * valid and invalid arguments), after every step, "snapshot differs" and "hash
 * differs" agree, and equal states reached by different kernels hash equally.
 */
class KernelStateHashTest {

    private static Call randomCall(SplittableRandom r, Kernel k, List<Long> tids) {
        int pid = r.nextInt(6);
        int fd = r.nextInt(5);
        return switch (r.nextInt(14)) {
            case 0, 1, 2 -> new Call.Fork(r.nextInt(4) == 0 ? r.nextInt(8) : 0);
            case 3 -> new Call.Exit(r.nextInt(3));
            case 4 -> r.nextBoolean() ? Call.Wait.ANY : Call.Wait.pid(pid);
            case 5 -> new Call.Kill(pid, r.nextBoolean() ? 9 : 15);
            case 6 -> new Call.Unshare(r.nextInt(8));
            case 7 -> new Call.NsOpen(pid, r.nextInt(NsType.values().length));
            case 8 -> new Call.SetNs(fd);
            case 9 -> new Call.SetHostname(r.nextBoolean() ? "h" + r.nextInt(3) : "bad name");
            case 10 -> Call.Jail.INSTANCE;
            case 11 -> new Call.Close(fd);
            case 12 -> new Call.Dup(fd);
            default -> r.nextBoolean() ? Call.GetPid.INSTANCE : Call.GetHostname.INSTANCE;
        };
    }

    @Test
    void hashChangesExactlyWhenTheSnapshotChanges() {
        int changes = 0;
        for (long seed = 0; seed < 150; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            Kernel k = Kernel.boot(BootConfig.DEFAULT.withSeed(seed));
            List<Long> tids = new ArrayList<>(List.of(k.initTid()));
            String snap = k.snapshot();
            long hash = k.stateHash();
            for (int i = 0; i < 60; i++) {
                long tid = tids.get(r.nextInt(tids.size()));
                Call c = randomCall(r, k, tids);
                Result res = k.syscall(tid, c);
                if (c instanceof Call.Fork && res instanceof Result.Int p) {
                    tids.add(k.resolve(tid, (int) p.value()));
                }
                String s2 = k.snapshot();
                long h2 = k.stateHash();
                assertEquals(!snap.equals(s2), hash != h2,
                        "seed " + seed + " step " + i + " " + c + " -> " + res.render()
                                + ": snapshot and hash disagree on whether the state changed");
                if (!snap.equals(s2)) {
                    changes++;
                }
                snap = s2;
                hash = h2;
            }
        }
        assertTrue(changes > 1000, "the sequences change the state often enough to test anything: " + changes);
    }

    @Test
    void equalStatesHashEqually() {
        Kernel a = Kernel.boot();
        Kernel b = Kernel.boot();
        for (Kernel k : List.of(a, b)) {
            long c = ((Result.Int) k.syscall(k.initTid(), new Call.Fork(1))).value();
            k.syscall(k.resolve(k.initTid(), (int) c), new Call.Fork(0));
        }
        assertEquals(a.snapshot(), b.snapshot());
        assertEquals(a.stateHash(), b.stateHash());
    }
}

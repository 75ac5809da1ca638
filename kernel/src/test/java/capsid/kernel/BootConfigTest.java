package capsid.kernel;

import static capsid.kernel.Sys.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.kernel.call.Call;
import capsid.kernel.call.Flags;
import org.junit.jupiter.api.Test;

/** Boot limits: the same rules at small sizes, so specs can reach every boundary. */
class BootConfigTest {

    @Test
    void badConfigurationsNameEveryProblem() {
        BootConfig bad = new BootConfig("a_b", 0, 1, 5, 40, -1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kernel.boot(bad));
        for (String field : new String[] {"hostname 'a_b'", "pid_max 1", "pid_reserved 5", "pidns_levels 40",
            "fd_max -1"}) {
            assertTrue(e.getMessage().contains(field), e.getMessage() + " should name " + field);
        }
    }

    @Test
    void smallPidMaxWrapsToReservedAndRefusesWhenFull() {
        Sys s = new Sys(Kernel.boot(BootConfig.DEFAULT.withPidMax(6, 3)));
        long a = s.fork(s.init()); // 2
        long b = s.fork(s.init()); // 3
        long c = s.fork(s.init()); // 4
        s.exit(a, 0);
        s.waitAny(s.init());
        assertEquals(ok(5), s.call(s.init(), new Call.Fork(0)), "5 before the wrap; 2 is free but not yet reused");
        s.exit(b, 0);
        s.waitAny(s.init());
        assertEquals(ok(3), s.call(s.init(), new Call.Fork(0)),
                "after 5 the numbers wrap to 3 (reserved), not to the free 2, since the cursor passed 3");
        assertEquals(Errno.EAGAIN, s.call(s.init(), new Call.Fork(0)), "2 is below the reserved start: full");
        assertTrue(s.alive(c));
    }

    @Test
    void smallDepthLimit() {
        Sys s = new Sys(Kernel.boot(BootConfig.DEFAULT.withPidNsLevels(1)));
        long b = s.fork(s.init(), Flags.NEWPID);
        assertEquals(Errno.ENOSPC, s.call(b, new Call.Fork(Flags.NEWPID)));
        Sys flat = new Sys(Kernel.boot(BootConfig.DEFAULT.withPidNsLevels(0)));
        assertEquals(Errno.ENOSPC, flat.unshare(flat.init(), Flags.NEWPID));
    }

    @Test
    void smallFdMax() {
        Sys s = new Sys(Kernel.boot(BootConfig.DEFAULT.withFdMax(2)));
        assertEquals(ok(0), s.nsOpen(s.init(), 1, capsid.kernel.call.NsType.UTS));
        assertEquals(ok(1), s.call(s.init(), new Call.Dup(0)));
        assertEquals(Errno.EMFILE, s.call(s.init(), new Call.Dup(0)));
        long child = s.fork(s.init());
        assertEquals(Errno.EMFILE, s.nsOpen(child, 1, capsid.kernel.call.NsType.PID), "the copy keeps the limit");
    }
}

package capsid.kernel.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import capsid.kernel.Errno;
import capsid.kernel.Result;
import capsid.kernel.call.Rights;
import capsid.kernel.cap.KernelObject;
import capsid.kernel.event.EventLog;
import capsid.kernel.util.Ids;
import org.junit.jupiter.api.Test;

/**
 * Rights and object kinds that no call can produce yet (cap_derive arrives with
 * the capability issue): installed directly, to show setns checks them.
 */
class RightsCheckedTest {

    @Test
    void setnsWithoutXRightIsEperm() {
        ProcessTable t = new ProcessTable(new capsid.kernel.util.Ids(), new EventLog(), capsid.kernel.BootConfig.DEFAULT);
        Process init = t.init();
        int fd = init.caps.install(init.uts, Rights.R | Rights.GRANT, 0, null);
        assertEquals(Errno.EPERM, t.setns(init, fd));
        int fdx = init.caps.install(init.uts, Rights.X, 0, null);
        assertEquals(Result.Int.ZERO, t.setns(init, fdx));
    }

    @Test
    void setnsOnSomethingThatIsNoNamespaceIsEinval() {
        ProcessTable t = new ProcessTable(new capsid.kernel.util.Ids(), new EventLog(), capsid.kernel.BootConfig.DEFAULT);
        Process init = t.init();
        KernelObject file = new KernelObject() {
            public long id() {
                return 500;
            }

            public String kind() {
                return "file";
            }

            public int defaultRights() {
                return Rights.R | Rights.W;
            }
        };
        int fd = init.caps.install(file, Rights.ALL, 0, null);
        assertEquals(Errno.EINVAL, t.setns(init, fd));
    }
}

package capsid.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import capsid.kernel.call.Call;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every call that has no implementation yet names its own {@link capsid.kernel.call.Sys}
 * and is refused with ENOSYS, changing nothing and emitting no event (ABI.md).
 */
class UnimplementedCallsTest {

    @Test
    void everyUnimplementedCallIsEnosys() {
        List<Call> calls = List.of(new Call.ContainerCreate("c", 0), new Call.ForkIntoContainer(3),
                new Call.ContainerDestroy(3), new Call.QuotaSet(3, 0, 10), new Call.QuotaGet(3, 0),
                new Call.QuotaDonate(3, 0, 1), new Call.ProcLimit(5), new Call.UpcallSet("e", "p"),
                new Call.RequestKey("k"), new Call.Mkdir("/d"), new Call.Open("/f", 1), new Call.Read(0, 1),
                new Call.Write(0, "x"), new Call.Unlink("/f"), new Call.Mount("a", "/m", "tmpfs"),
                new Call.Umount("/m", true), Call.Pipe.INSTANCE,
                new Call.ServiceAnnounce("s"), new Call.SessionOpen("s", 1), new Call.SessionClose(0),
                new Call.Freeze(0), new Call.Thaw(0), new Call.FreezerState(0), new Call.Checkpoint(0, "/i"),
                new Call.Restore("/i"), new Call.Exec("spin", List.of()));
        Set<capsid.kernel.call.Sys> named = EnumSet.noneOf(capsid.kernel.call.Sys.class);
        Sys s = new Sys();
        for (Call c : calls) {
            named.add(c.sys());
            assertEquals(c.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(),
                    c.sys().word(), "the call names its own kind");
            assertEquals(Errno.ENOSYS, s.call(s.init(), c), c.toString());
        }
        assertEquals(calls.size(), named.size(), "each call names a different kind");
        assertEquals(1, s.k.events().size(), "only the boot event");
    }
}

package capsid.kernel.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.kernel.BootConfig;
import capsid.kernel.Result;
import capsid.kernel.StateView;
import capsid.kernel.call.Flags;
import capsid.kernel.call.NsType;
import capsid.kernel.call.Rights;
import capsid.kernel.call.Signals;
import capsid.kernel.cap.CapTable;
import capsid.kernel.cap.Capability;
import capsid.kernel.event.EventLog;
import capsid.kernel.event.Json;
import capsid.kernel.util.Ids;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** State views, snapshot and encoding details that callers outside the kernel rely on. */
class ViewsAndEdgesTest {

    private final Ids ids = new Ids();
    private final ProcessTable t = new ProcessTable(ids, new EventLog(), BootConfig.DEFAULT);
    private final Process init = t.init();

    private Process child(Process parent, int flags) {
        return Forks.child(t, parent, flags);
    }

    @Test
    void stateViewNamesEveryNamespaceOfEveryTask() {
        Process a = child(init, Flags.NEWUTS | Flags.NEWNS);
        assertEquals(Result.Int.ZERO, t.unshare(a, Flags.NEWPID));
        Process b = child(init, Flags.NEWPID); // task 3, init of pidns#3
        assertEquals(Result.Int.of(0), new capsid.kernel.cap.CapCalls(t, new capsid.kernel.event.EventLog()).nsOpen(init, 3, NsType.UTS.ordinal()));
        assertEquals(Result.Int.ZERO, t.exit(b, 0));
        StateView v = StateViews.of(t, ids.nextIds());
        StateView.Task ta = v.tasks().get(1);
        assertEquals(1, ta.pidNs());
        assertEquals(2, ta.nsForChildren());
        assertEquals(2, ta.uts());
        assertEquals(2, ta.mnt());
        assertEquals(1, ta.parent());
        StateView.Task tb = v.tasks().get(2);
        assertEquals(3, tb.pidNs());
        assertEquals(0, tb.uts());
        assertEquals(List.of(1L, 2L, 3L), v.pidNs().stream().map(StateView.PidNs::id).toList(),
                "pidns#2 only as a's namespace for children, pidns#3 only as the zombie's namespace");
        assertEquals(new StateView.PidNs(3, 1, 1, Map.of(1, 3L), 1, 3, true), v.pidNs().get(2));
        assertEquals(Map.of(0, new StateView.ObjRef("utsns", 1)), v.tasks().get(0).fds());
        assertEquals(1, b.ns().level());
        assertTrue(b.ns().initDead());
        assertFalse(init.ns().initDead());
        assertEquals(1, b.ns().processCount());
        assertEquals(3, init.ns().processCount());
    }

    @Test
    void aUtsNamespaceNamedOnlyByADescriptorIsInTheView() {
        Process a = child(init, Flags.NEWUTS);
        assertEquals(Result.Int.of(0), new capsid.kernel.cap.CapCalls(t, new capsid.kernel.event.EventLog()).nsOpen(init, 2, NsType.UTS.ordinal()));
        assertEquals(Result.Int.ZERO, t.kill(init, 2, Signals.KILL));
        StateView v = StateViews.of(t, ids.nextIds());
        assertEquals(List.of(new StateView.Uts(1, "capsid"), new StateView.Uts(2, "capsid")), v.uts());
        assertFalse(a.live());
    }

    @Test
    void snapshotShowsTheJail() {
        Process a = child(init, 0);
        assertEquals(Result.Int.ZERO, t.jail(a));
        StringBuilder sb = new StringBuilder();
        Snapshot.write(t, sb);
        assertTrue(sb.toString().contains(" jailed=true/3\n"), sb.toString());
    }

    @Test
    void closingADerivedCapabilityLeavesItsParentsChildList() {
        CapTable c = new CapTable(1, 4);
        int root = c.install(init.uts, Rights.R | Rights.X, 0, null);
        int k1 = c.install(init.uts, Rights.R, 0, c.get(root));
        int k2 = c.install(init.uts, Rights.R, 0, c.get(root));
        int k3 = c.install(init.uts, Rights.R, 0, c.get(root));
        Capability first = c.get(k1);
        Capability middle = c.get(k2);
        Capability last = c.get(k3);
        c.close(k2);
        assertEquals(List.of(first, last), c.get(root).children());
        c.close(k3);
        assertEquals(List.of(first), c.get(root).children());
        c.close(k1);
        assertEquals(List.of(), c.get(root).children());
        assertEquals(null, middle.parent());
        int again = c.install(init.uts, Rights.R, 0, c.get(root));
        assertEquals(List.of(c.get(again)), c.get(root).children());
    }

    @Test
    void encodingsAtTheirEdges() {
        assertEquals(new Result.Int(32768), Result.Int.of(32768));
        assertEquals("", Rights.render(1 << 5));
        assertEquals("{\"k\":null}", Json.obj().put("k", (String) null).toString());
        StringBuilder sb = new StringBuilder();
        Json.string(sb, "\u001f \u007e\u007f\u009f\u00a0");
        assertEquals("\"\\u001f \u007e\\u007f\\u009f\u00a0\"", sb.toString());
        assertEquals("{\"a\":[],\"b\":[1,2],\"c\":[\"x\",\"y\"],\"d\":true,\"e\":{}}", Json.obj()
                .putInts("a", new long[0]).putInts("b", new long[] {1, 2}).putStrings("c", List.of("x", "y"))
                .put("d", true).raw("e", "{}").toString());
    }
}

package capsid.kernel;

import static capsid.kernel.Sys.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.kernel.call.Call;
import capsid.kernel.call.Flags;
import capsid.kernel.call.NsType;
import capsid.kernel.call.Signals;
import capsid.kernel.event.Event;
import org.junit.jupiter.api.Test;

/**
 * Every state-changing call emits one event whose arguments, result and effects
 * (docs/event-log.md) say exactly what it did: new namespace ids per flag, the
 * fd, the object, the reaped task, a death's zapped, reparented and reaper.
 */
class EventsOfEveryCallTest {

    private static void event(Sys s, String action, String args, String ret, String out) {
        Event e = s.k.events().get(s.k.events().size() - 1);
        assertEquals(action, e.action());
        assertEquals(args, e.args(), action + " args");
        assertEquals(ret, e.ret(), action + " ret");
        assertEquals(out, e.out(), action + " out");
    }

    @Test
    void namespaceCallsNameTheNamespacesTheyMadeOrEntered() {
        Sys s = new Sys();
        long init = s.init();
        long a = s.fork(init, Flags.NEWUTS | Flags.NEWNS | Flags.NEWIPC | Flags.NEWNET | Flags.NEWUSER);
        event(s, "Fork", "{\"flags\":[\"newuts\",\"newns\",\"newipc\",\"newnet\",\"newuser\"]}", "2",
                "{\"child\":2,\"pids\":[2],\"ns\":1}");
        assertTrue(s.k.snapshot().contains("task 2 creator=1 LIVE pids=[2] ns=1 nsfc=1 uts=2 mnt=2 ipc=2 net=2 user=2 "),
                s.k.snapshot());
        long p = s.fork(init);
        assertTrue(s.k.snapshot().contains("task 3 creator=1 LIVE pids=[3] ns=1 nsfc=1 uts=1 mnt=1 ipc=1 net=1 user=1 "),
                "no flags: every namespace shared");
        s.exit(p, 0);
        s.waitAny(init);

        assertEquals(ok(0), s.unshare(a, Flags.NAMESPACES));
        event(s, "Unshare", "{\"flags\":[\"newpid\",\"newuts\",\"newns\",\"newipc\",\"newnet\",\"newuser\"]}", "0",
                "{\"pidForChildren\":2,\"uts\":3,\"mnt\":3,\"ipc\":3,\"net\":3,\"user\":3}");
        assertEquals(ok(0), s.unshare(init, Flags.NEWUTS));
        event(s, "Unshare", "{\"flags\":[\"newuts\"]}", "0",
                "{\"pidForChildren\":1,\"uts\":4,\"mnt\":1,\"ipc\":1,\"net\":1,\"user\":1}");
        assertEquals(ok(0), s.unshare(init, Flags.NEWNET));
        event(s, "Unshare", "{\"flags\":[\"newnet\"]}", "0",
                "{\"pidForChildren\":1,\"uts\":4,\"mnt\":1,\"ipc\":1,\"net\":4,\"user\":1}");
        assertEquals(ok(0), s.unshare(init, 0));
        event(s, "Unshare", "{\"flags\":[]}", "0",
                "{\"pidForChildren\":1,\"uts\":4,\"mnt\":1,\"ipc\":1,\"net\":4,\"user\":1}");

        assertEquals(ok(0), s.nsOpen(init, 2, NsType.UTS));
        event(s, "NsOpen", "{\"pid\":2,\"type\":\"uts\"}", "0", "{\"target\":2,\"ns\":3}");
        assertEquals(ok(1), s.call(init, new Call.Dup(0)));
        event(s, "Dup", "{\"fd\":0}", "1", "{\"kind\":\"utsns\",\"object\":3,\"parent\":null}");
        assertEquals(ok(0), s.call(init, new Call.Close(0)));
        event(s, "Close", "{\"fd\":0}", "0", "{\"kind\":\"utsns\",\"object\":3,\"moved\":[],\"to\":null}");
        assertEquals(ok(0), s.setns(init, 1));
        event(s, "SetNs", "{\"fd\":1}", "0", "{\"type\":\"uts\",\"ns\":3}");
        assertEquals(ok(0), s.sethostname(init, "h"));
        event(s, "SetHostname", "{\"name\":\"h\"}", "0", "{\"uts\":3}");
        assertEquals("h", s.hostname(a), "init entered a's uts namespace");
        assertEquals(ok(0), s.jail(a));
        event(s, "Jail", "{}", "0", "{\"first\":true}");
        assertEquals(ok(0), s.jail(a));
        event(s, "Jail", "{}", "0", "{\"first\":false}");
    }

    @Test
    void deathsNameWhatTheyDid() {
        Sys s = new Sys();
        long init = s.init();
        long h = s.fork(init);
        s.exit(h, 300);
        event(s, "Exit", "{\"code\":300}", "0", "{\"task\":2,\"zapped\":[],\"reparented\":[],\"reaper\":0}");
        assertEquals(ok(2), s.waitPid(init, 2));
        event(s, "Wait", "{\"pid\":2}", "2", "{\"reaped\":2}");

        long c = s.fork(init); // task 3, pid 3
        long d = s.fork(c); // task 4, pid 4
        long e = s.fork(c); // task 5, pid 5
        assertEquals(ok(0), s.killKill(init, 3));
        event(s, "Kill", "{\"pid\":3,\"sig\":\"KILL\"}", "0", "{\"target\":3,\"killed\":true,\"death\":"
                + "{\"task\":3,\"zapped\":[],\"reparented\":[4,5],\"reaper\":1}}");
        assertEquals(ok(0), s.kill(init, 4, 0));
        event(s, "Kill", "{\"pid\":4,\"sig\":\"0\"}", "0", "{\"target\":4,\"killed\":false,\"death\":null}");
        assertEquals(ok(3), s.waitAny(init));
        event(s, "Wait", "{}", "3", "{\"reaped\":3}");
        assertEquals(ok(0), s.waitAny(init));
        event(s, "Wait", "{}", "0", "{\"reaped\":0}");

        long f = s.fork(init, Flags.NEWPID); // task 6, pid 6, init of pidns#2
        long g = s.fork(f); // task 7, root pid 7
        long i = s.fork(f); // task 8, root pid 8
        assertEquals(ok(0), s.killTerm(init, 6));
        event(s, "Kill", "{\"pid\":6,\"sig\":\"TERM\"}", "0", "{\"target\":6,\"killed\":false,\"death\":null}");
        assertEquals(ok(0), s.killKill(init, 6));
        event(s, "Kill", "{\"pid\":6,\"sig\":\"KILL\"}", "0", "{\"target\":6,\"killed\":true,\"death\":"
                + "{\"task\":6,\"zapped\":[7,8],\"reparented\":[],\"reaper\":0}}");
        assertEquals(Errno.ECHILD, s.waitPid(d, 5), "a sibling is visible but no child");
        assertTrue(s.alive(d) && s.alive(e) && !s.exists(g) && !s.exists(i));
    }
}

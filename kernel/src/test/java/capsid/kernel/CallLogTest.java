package capsid.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.kernel.call.Call;
import capsid.kernel.call.Flags;
import capsid.kernel.call.NsType;
import capsid.kernel.call.Signals;
import capsid.kernel.event.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The call log (docs/event-log.md, "The call log"): one line per call, failed and
 * read-only ones included, each naming the event it caused; its documented example
 * is what the kernel writes; it is off by default and no part of the state.
 */
class CallLogTest {
    /** A call line; groups: n, task, pid, call, args, ret, errno, seq. */
    static final Pattern LINE = Pattern.compile("\\{\"n\":(\\d+),\"task\":(\\d+),\"pid\":(\\d+),\"call\":\"([a-z_]+)\","
            + "\"args\":(\\{.*}),\"ret\":(.*),\"errno\":(null|\"[A-Z]+\"),\"seq\":(null|\\d+)}");

    /** The documented run: a fork, read-only calls, a failed kill, an uppercase hostname, an exit and its wait. */
    static Kernel example() {
        Kernel k = Kernel.boot();
        k.recordCalls();
        long init = k.initTid();
        long a = k.resolve(init, (int) ((Result.Int) k.syscall(init, new Call.Fork(0))).value());
        k.syscall(a, Call.GetPid.INSTANCE);
        k.syscall(a, new Call.Kill(99, Signals.KILL));
        k.syscall(a, new Call.SetHostname("Web"));
        k.syscall(init, Call.GetHostname.INSTANCE);
        k.syscall(a, new Call.Exit(0));
        k.syscall(init, Call.Wait.ANY);
        k.syscall(init, new Call.ContainerCreate("c", Flags.NEWPID));
        return k;
    }

    @Test
    void documentedExampleIsWhatTheKernelWrites() throws Exception {
        Path doc = Path.of(System.getProperty("capsid.root", ".."), "docs", "event-log.md");
        String text = Files.readString(doc);
        int start = text.indexOf("## The call log");
        assertTrue(start > 0, "docs/event-log.md has no section 'The call log'");
        int example = text.indexOf("### Example", start);
        int open1 = text.indexOf("```\n", example) + 4;
        int close1 = text.indexOf("```", open1);
        int open2 = text.indexOf("```\n", close1 + 3) + 4;
        int close2 = text.indexOf("```", open2);
        Kernel k = example();
        assertEquals(k.eventLogJsonLines(), text.substring(open1, close1), "the example's event log");
        assertEquals(k.callLogJsonLines(), text.substring(open2, close2), "the example's call log");
    }

    @Test
    void everyCallIsOneLineFailedAndReadOnlyOnesWithoutAnEvent() {
        List<String> lines = example().callLogJsonLines().lines().toList();
        assertEquals(9, lines.size(), "the boot line and eight calls");
        assertEquals("{\"n\":0,\"task\":0,\"pid\":0,\"call\":\"boot\",\"args\":{\"seed\":0,\"hostname\":\"capsid\"},"
                + "\"ret\":0,\"errno\":null,\"seq\":0}", lines.get(0));
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = LINE.matcher(lines.get(i));
            assertTrue(m.matches(), lines.get(i));
            assertEquals(Integer.toString(i), m.group(1));
        }
        assertTrue(lines.get(2).endsWith("\"call\":\"getpid\",\"args\":{},\"ret\":2,\"errno\":null,\"seq\":null}"),
                lines.get(2));
        assertTrue(lines.get(3).endsWith("\"call\":\"kill\",\"args\":{\"pid\":99,\"sig\":\"KILL\"},\"ret\":null,"
                + "\"errno\":\"ESRCH\",\"seq\":null}"), lines.get(3));
        assertTrue(lines.get(5).endsWith("\"ret\":\"Web\",\"errno\":null,\"seq\":null}"), lines.get(5));
        assertTrue(lines.get(8).endsWith("\"call\":\"container_create\",\"args\":{\"name\":\"c\",\"flags\":[\"newpid\"]},"
                + "\"ret\":null,\"errno\":\"ENOSYS\",\"seq\":null}"), lines.get(8));
    }

    /** Every call that emits an event has the event's caller, args and result, byte for byte, and names its seq. */
    @Test
    void aCallThatEmitsAnEventHasTheEventsArgsAndResult() {
        for (long seed = 0; seed < 40; seed++) {
            Kernel k = Kernel.boot(BootConfig.DEFAULT.withSeed(seed).withFdMax(seed % 2 == 0 ? 1024 : 3));
            k.recordCalls();
            randomCalls(k, seed, 120);
            List<Event> events = k.events();
            List<String> lines = k.callLogJsonLines().lines().toList();
            long next = 1;
            for (String line : lines.subList(1, lines.size())) {
                Matcher m = LINE.matcher(line);
                assertTrue(m.matches(), line);
                if (m.group(8).equals("null")) {
                    continue;
                }
                assertEquals(next, Long.parseLong(m.group(8)), "events are caused in order: " + line);
                Event e = events.get((int) next++);
                assertEquals(e.task(), Long.parseLong(m.group(2)), line);
                assertEquals(e.pid(), Integer.parseInt(m.group(3)), line);
                assertEquals(e.args(), m.group(5), "args of " + line + " vs " + e);
                assertEquals(e.ret(), m.group(6), "ret of " + line + " vs " + e);
                assertEquals("null", m.group(7), line);
            }
            assertEquals(events.size(), next, "every event after Boot was caused by one call (seed " + seed + ")");
        }
    }

    @Test
    void offByDefaultAndNoPartOfTheState() {
        Kernel plain = Kernel.boot();
        assertFalse(plain.recordingCalls());
        assertEquals("", plain.callLogJsonLines());
        Kernel logged = Kernel.boot();
        logged.recordCalls();
        assertEquals(plain.snapshot(), logged.snapshot());
        assertEquals(plain.stateHash(), logged.stateHash());
        randomCalls(plain, 7, 200);
        randomCalls(logged, 7, 200);
        assertEquals(plain.snapshot(), logged.snapshot());
        assertEquals(plain.stateHash(), logged.stateHash());
        assertEquals(plain.eventLogJsonLines(), logged.eventLogJsonLines(), "the event log is the same with calls on");
        assertEquals(201, logged.callLogJsonLines().lines().count());
    }

    @Test
    void deterministicByteForByte() {
        Kernel a = Kernel.boot(BootConfig.DEFAULT.withSeed(3));
        Kernel b = Kernel.boot(BootConfig.DEFAULT.withSeed(3));
        a.recordCalls();
        b.recordCalls();
        randomCalls(a, 3, 300);
        randomCalls(b, 3, 300);
        assertEquals(a.callLogJsonLines(), b.callLogJsonLines());
        assertEquals(a.callLogJsonLines(), a.callLogJsonLines(), "rendering twice gives the same text");
    }

    @Test
    void startsAtBootOrNotAtAll() {
        Kernel k = Kernel.boot();
        k.syscall(k.initTid(), Call.GetPid.INSTANCE); // leaves no trace: the log may still start
        k.recordCalls();
        k.recordCalls();
        assertEquals(1, k.callLogJsonLines().lines().count(), "turning it on twice starts it once");
        Kernel late = Kernel.boot();
        late.syscall(late.initTid(), new Call.Fork(0));
        IllegalStateException e = assertThrows(IllegalStateException.class, late::recordCalls);
        assertEquals("the call log must start at boot, but 1 events were logged already", e.getMessage());
    }

    @Test
    void aCallByNoLiveProcessIsLoggedWithItsAnswer() {
        Kernel k = Kernel.boot();
        k.recordCalls();
        long a = k.resolve(k.initTid(), (int) ((Result.Int) k.syscall(k.initTid(), new Call.Fork(0))).value());
        k.syscall(a, new Call.Exit(3));
        k.syscall(a, Call.GetPid.INSTANCE); // a zombie
        k.syscall(99, Call.GetPid.INSTANCE); // no such task
        k.syscall(a, null); // no call at all: nothing to log
        List<String> lines = k.callLogJsonLines().lines().toList();
        assertEquals(5, lines.size(), String.join("\n", lines));
        assertEquals("{\"n\":3,\"task\":2,\"pid\":2,\"call\":\"getpid\",\"args\":{},\"ret\":null,\"errno\":\"ESRCH\","
                + "\"seq\":null}", lines.get(3));
        assertEquals("{\"n\":4,\"task\":99,\"pid\":0,\"call\":\"getpid\",\"args\":{},\"ret\":null,\"errno\":\"ESRCH\","
                + "\"seq\":null}", lines.get(4));
    }

    /** The args of every kind of call, as the call log writes them; words where the ABI has words. */
    @Test
    void everyKindOfCallHasItsArgsDecoded() {
        List<Object[]> cases = List.of(
                new Object[] {new Call.Fork(Flags.NEWPID | Flags.UNKNOWN), "{\"flags\":[\"newpid\",\"0x40000000\"]}"},
                new Object[] {new Call.Exit(3), "{\"code\":3}"},
                new Object[] {Call.Wait.ANY, "{}"},
                new Object[] {Call.Wait.pid(-2), "{\"pid\":-2}"},
                new Object[] {new Call.Kill(4, 7), "{\"pid\":4,\"sig\":\"7\"}"},
                new Object[] {new Call.Kill(4, Signals.TERM), "{\"pid\":4,\"sig\":\"TERM\"}"},
                new Object[] {Call.GetPpid.INSTANCE, "{}"},
                new Object[] {new Call.Unshare(0), "{\"flags\":[]}"},
                new Object[] {new Call.NsOpen(1, NsType.MNT.ordinal()), "{\"pid\":1,\"type\":\"mnt\"}"},
                new Object[] {new Call.NsOpen(1, -1), "{\"pid\":1,\"type\":\"-1\"}"},
                new Object[] {new Call.SetNs(2), "{\"fd\":2}"},
                new Object[] {new Call.SetHostname(null), "{\"name\":null}"},
                new Object[] {new Call.SetHostname("a\"b"), "{\"name\":\"a\\\"b\"}"},
                new Object[] {new Call.Close(-1), "{\"fd\":-1}"},
                new Object[] {new Call.Dup(0), "{\"fd\":0}"},
                new Object[] {new Call.ContainerCreate("c", Flags.DESTROY_ON_CLOSE),
                    "{\"name\":\"c\",\"flags\":[\"destroy_on_close\"]}"},
                new Object[] {new Call.ForkIntoContainer(3), "{\"fd\":3}"},
                new Object[] {new Call.ContainerDestroy(3), "{\"fd\":3}"},
                new Object[] {new Call.QuotaSet(3, 0, -1), "{\"fd\":3,\"resource\":\"pids\",\"limit\":\"max\"}"},
                new Object[] {new Call.QuotaGet(3, 9), "{\"fd\":3,\"resource\":\"9\"}"},
                new Object[] {new Call.QuotaDonate(3, 1, 5), "{\"fd\":3,\"resource\":\"memory\",\"amount\":5}"},
                new Object[] {new Call.ProcLimit(5), "{\"limit\":5}"},
                new Object[] {new Call.UpcallSet("e", null), "{\"event\":\"e\",\"program\":null}"},
                new Object[] {new Call.RequestKey("k"), "{\"name\":\"k\"}"},
                new Object[] {new Call.Mkdir("/d"), "{\"path\":\"/d\"}"},
                new Object[] {new Call.Open("/f", 3), "{\"path\":\"/f\",\"mode\":3}"},
                new Object[] {new Call.Read(0, 10), "{\"fd\":0,\"count\":10}"},
                new Object[] {new Call.Write(0, "x\n"), "{\"fd\":0,\"data\":\"x\\n\"}"},
                new Object[] {new Call.Unlink("/f"), "{\"path\":\"/f\"}"},
                new Object[] {new Call.Mount("a", "/m", "ramfs"), "{\"source\":\"a\",\"target\":\"/m\",\"type\":\"ramfs\"}"},
                new Object[] {new Call.Umount("/m", true), "{\"target\":\"/m\",\"lazy\":true}"},
                new Object[] {Call.Pipe.INSTANCE, "{}"},
                new Object[] {new Call.CapDerive(0, 1 | 8 | (1 << 9), 0, false),
                    "{\"fd\":0,\"rights\":[\"r\",\"grant\",\"0x200\"]}"},
                new Object[] {new Call.CapDerive(0, 0, 7, true), "{\"fd\":0,\"rights\":[],\"badge\":7}"},
                new Object[] {new Call.CapGrant(0, 1), "{\"fd\":0,\"pid\":1}"},
                new Object[] {new Call.CapRevoke(0), "{\"fd\":0}"},
                new Object[] {new Call.CapRights(0), "{\"fd\":0}"},
                new Object[] {new Call.CapBadge(0), "{\"fd\":0}"},
                new Object[] {new Call.ServiceAnnounce("s"), "{\"name\":\"s\"}"},
                new Object[] {new Call.SessionOpen("s", 1), "{\"name\":\"s\",\"quota\":1}"},
                new Object[] {new Call.SessionClose(0), "{\"fd\":0}"},
                new Object[] {new Call.Freeze(0), "{\"fd\":0}"},
                new Object[] {new Call.Thaw(0), "{\"fd\":0}"},
                new Object[] {new Call.FreezerState(0), "{\"fd\":0}"},
                new Object[] {new Call.Checkpoint(0, "/i"), "{\"fd\":0,\"path\":\"/i\"}"},
                new Object[] {new Call.Restore("/i"), "{\"path\":\"/i\"}"},
                new Object[] {new Call.Exec("spin", java.util.Arrays.asList("a", null)),
                    "{\"program\":\"spin\",\"args\":[\"a\",null]}"},
                new Object[] {new Call.Exec("spin", null), "{\"program\":\"spin\",\"args\":null}"});
        java.util.Set<capsid.kernel.call.Sys> kinds = java.util.EnumSet.noneOf(capsid.kernel.call.Sys.class);
        for (Object[] c : cases) {
            kinds.add(((Call) c[0]).sys());
            assertEquals(c[1], capsid.kernel.event.CallArgs.json((Call) c[0]), c[0].toString());
        }
        kinds.addAll(List.of(capsid.kernel.call.Sys.GETPID, capsid.kernel.call.Sys.GETHOSTNAME,
                capsid.kernel.call.Sys.JAIL));
        assertEquals(java.util.EnumSet.allOf(capsid.kernel.call.Sys.class), kinds, "every kind of call");
    }

    /** Seeded calls over every kind (unimplemented ones too), with arguments good and bad. */
    static void randomCalls(Kernel k, long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Long> tasks = new ArrayList<>(List.of(k.initTid()));
        String[] names = {"web", "Web", "db-1", "", "bad name", "x".repeat(65), null};
        for (int i = 0; i < n; i++) {
            long t = tasks.get(rnd.nextInt(tasks.size()));
            int pid = rnd.nextInt(10) == 0 ? -1 : rnd.nextInt(1, 8);
            int fd = rnd.nextInt(-1, 5);
            Call c = switch (rnd.nextInt(16)) {
                case 0, 1, 2 -> new Call.Fork(rnd.nextInt(4) == 0 ? rnd.nextInt(1 << 7) : 0);
                case 3 -> new Call.Exit(rnd.nextInt(3));
                case 4 -> rnd.nextBoolean() ? Call.Wait.ANY : Call.Wait.pid(pid);
                case 5 -> new Call.Kill(pid, new int[] {Signals.KILL, Signals.TERM, 0, 7}[rnd.nextInt(4)]);
                case 6 -> rnd.nextBoolean() ? Call.GetPid.INSTANCE : Call.GetPpid.INSTANCE;
                case 7 -> new Call.Unshare(rnd.nextInt(1 << 7));
                case 8 -> new Call.NsOpen(pid, rnd.nextInt(-1, 8));
                case 9 -> new Call.SetNs(fd);
                case 10 -> new Call.SetHostname(names[rnd.nextInt(names.length)]);
                case 11 -> rnd.nextBoolean() ? Call.GetHostname.INSTANCE : Call.Jail.INSTANCE;
                case 12 -> new Call.Close(fd);
                case 13 -> new Call.Dup(fd);
                case 14 -> new Call.NsOpen(pid, NsType.PID.ordinal());
                default -> new Call.Exec("spin", List.of("a"));
            };
            Result r = k.syscall(t, c);
            if (c instanceof Call.Fork && r instanceof Result.Int child) {
                tasks.add(k.resolve(t, (int) child.value()));
            }
        }
    }
}

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

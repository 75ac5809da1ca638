package capsid.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.kernel.call.Call;
import capsid.kernel.call.Flags;
import capsid.kernel.call.NsType;
import capsid.kernel.call.OpenMode;
import capsid.kernel.call.Resource;
import capsid.kernel.call.Rights;
import capsid.kernel.call.Signals;
import capsid.kernel.call.Sys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Script calls and kernel {@link Call} records, both ways, for every {@link Sys} (ABI.md sections 1 and 3). */
class CallSyntaxTest {

    /** Parses {@code a TEXT} and converts the call. */
    private static Checked<Call> toCall(String text) {
        ParsedScript p = Parser.parse("t.csc", "a " + text);
        assertEquals(List.of(), p.errors(), text);
        Step.Syscall s = (Step.Syscall) p.script().steps().get(0);
        return CallSyntax.toCall(s.call(), s.args(), s.callPos());
    }

    private static Call call(String text) {
        Checked<Call> c = toCall(text);
        assertNull(c.error(), () -> text + ": " + c.error());
        return c.value();
    }

    private static String error(String text) {
        Checked<Call> c = toCall(text);
        assertNull(c.value(), text);
        return c.error().render("t.csc");
    }

    private static final String ODD = "tab\there \"q\" \\ \u0000\u00ff";

    /** Calls of every kind: ordinary ones and the corner cases of each argument convention. */
    static List<Call> samples() {
        List<Call> out = new ArrayList<>(List.of(
                new Call.Fork(0), new Call.Fork(Flags.NEWPID | Flags.NEWUTS), new Call.Fork(Flags.UNKNOWN),
                new Call.Fork(Flags.NEWNS | Flags.UNKNOWN | (1 << 31)), new Call.Fork(-1),
                new Call.Exit(0), new Call.Exit(-7), new Call.Exit(Integer.MIN_VALUE),
                Call.Wait.ANY, Call.Wait.pid(3), Call.Wait.pid(-1),
                new Call.Kill(2, Signals.KILL), new Call.Kill(2, Signals.TERM), new Call.Kill(-5, 0),
                new Call.Kill(2, Signals.INVALID), new Call.Kill(2, 1),
                Call.GetPid.INSTANCE, Call.GetPpid.INSTANCE,
                new Call.Unshare(0), new Call.Unshare(Flags.NAMESPACES), new Call.Unshare(Flags.DESTROY_ON_CLOSE),
                new Call.NsOpen(1, NsType.USER.ordinal()), new Call.NsOpen(1, -1), new Call.NsOpen(1, 99),
                new Call.SetNs(3), new Call.SetHostname("web"), new Call.SetHostname(""),
                new Call.SetHostname(ODD), new Call.SetHostname("12"), new Call.SetHostname("as"),
                Call.GetHostname.INSTANCE, Call.Jail.INSTANCE,
                new Call.ContainerCreate("c1", 0), new Call.ContainerCreate("c 2", Flags.NEWNS | Flags.DESTROY_ON_CLOSE),
                new Call.ForkIntoContainer(3), new Call.ContainerDestroy(4),
                new Call.QuotaSet(3, Resource.PIDS.ordinal(), 10), new Call.QuotaSet(3, Resource.CAPS.ordinal(),
                        Resource.MAX), new Call.QuotaSet(3, -1, Long.MIN_VALUE), new Call.QuotaSet(3, 17, -2),
                new Call.QuotaGet(3, Resource.MOUNTS.ordinal()), new Call.QuotaGet(3, 5),
                new Call.QuotaDonate(3, Resource.MEMORY.ordinal(), 4096), new Call.QuotaDonate(3, 0, -1),
                new Call.ProcLimit(5), new Call.ProcLimit(Resource.MAX), new Call.ProcLimit(Long.MAX_VALUE),
                new Call.UpcallSet("exit_signal", "/bin/helper"), new Call.RequestKey("key"),
                new Call.Mkdir("/a/b"), new Call.Open("/f", OpenMode.R), new Call.Open("/f", OpenMode.W),
                new Call.Open("/f", OpenMode.R | OpenMode.W), new Call.Open("/f", OpenMode.R | OpenMode.W
                        | OpenMode.CREATE), new Call.Open("/f", OpenMode.W | OpenMode.CREATE),
                new Call.Open("/f", OpenMode.UNKNOWN | OpenMode.R | OpenMode.W), new Call.Open("/f", 0),
                new Call.Read(3, 10), new Call.Read(3, Long.MAX_VALUE), new Call.Write(3, "hello"),
                new Call.Write(3, ODD), new Call.Write(3, "-42"), new Call.Close(3), new Call.Unlink("/f"),
                new Call.Mount("none", "/m", "ramfs"), new Call.Mount("/src", "/dst", "bind"),
                new Call.Umount("/m", false), new Call.Umount("/m", true), Call.Pipe.INSTANCE, new Call.Dup(0),
                new Call.CapDerive(3, Rights.R | Rights.GRANT, 0, false), new Call.CapDerive(3, 0, 7, true),
                new Call.CapDerive(3, Rights.ALL | Rights.UNKNOWN, -3, true),
                new Call.CapGrant(3, 2), new Call.CapRevoke(3), new Call.CapRights(3), new Call.CapBadge(3),
                new Call.ServiceAnnounce("svc"), new Call.SessionOpen("svc", 4096), new Call.SessionClose(5),
                new Call.Freeze(3), new Call.Thaw(3), new Call.FreezerState(3),
                new Call.Checkpoint(3, "/img"), new Call.Restore("/img"),
                new Call.Exec("counter", List.of()), new Call.Exec("/bin/p.cas", List.of("10", "x y", "", "as"))));
        return out;
    }

    @Test
    void samplesCoverEverySys() {
        Set<Sys> seen = EnumSet.noneOf(Sys.class);
        for (Call c : samples()) {
            seen.add(c.sys());
        }
        assertEquals(EnumSet.allOf(Sys.class), seen);
    }

    @Test
    void formatThenParseGivesAnEqualCallForEverySample() {
        for (Call c : samples()) {
            String text = CallSyntax.format(c);
            assertEquals(c, call(text), text);
        }
    }

    @Test
    void valuesParseBackToTheSameAst() {
        for (Call c : samples()) {
            String text = CallSyntax.format(c);
            Step.Syscall s = (Step.Syscall) Parser.parse("t.csc", "a " + text).script().steps().get(0);
            assertEquals(c.sys().word(), s.call());
            assertEquals(CallSyntax.values(c), s.args(), text);
        }
    }

    @Test
    void canonicalText() {
        assertEquals("fork", CallSyntax.format(new Call.Fork(0)));
        assertEquals("fork newpid|newuts", CallSyntax.format(new Call.Fork(Flags.NEWPID | Flags.NEWUTS)));
        assertEquals("fork newns|1073741824|-2147483648",
                CallSyntax.format(new Call.Fork(Flags.NEWNS | Flags.UNKNOWN | (1 << 31))));
        assertEquals("unshare 0", CallSyntax.format(new Call.Unshare(0)));
        assertEquals("kill 2 KILL", CallSyntax.format(new Call.Kill(2, 9)));
        assertEquals("kill 2 -1", CallSyntax.format(new Call.Kill(2, Signals.INVALID)));
        assertEquals("kill 2 0", CallSyntax.format(new Call.Kill(2, 0)));
        assertEquals("ns_open 1 net", CallSyntax.format(new Call.NsOpen(1, NsType.NET.ordinal())));
        assertEquals("quota_set 3 caps max", CallSyntax.format(new Call.QuotaSet(3, Resource.CAPS.ordinal(), -1)));
        assertEquals("open /f rw|create", CallSyntax.format(new Call.Open("/f", 7)));
        assertEquals("cap_derive 3 r|grant", CallSyntax.format(new Call.CapDerive(3, Rights.R | Rights.GRANT, 0,
                false)));
        assertEquals("cap_derive 3 0 7", CallSyntax.format(new Call.CapDerive(3, 0, 7, true)));
        assertEquals("umount /m lazy", CallSyntax.format(new Call.Umount("/m", true)));
        assertEquals("wait", CallSyntax.format(Call.Wait.ANY));
        assertEquals("wait 3", CallSyntax.format(Call.Wait.pid(3)));
        assertEquals("exec /bin/p.cas 10 \"x y\" \"\" \"as\"",
                CallSyntax.format(new Call.Exec("/bin/p.cas", List.of("10", "x y", "", "as"))));
        assertEquals("write 3 \"tab\\there \\\"q\\\" \\\\ \\x00\\xff\"", CallSyntax.format(new Call.Write(3, ODD)));
    }

    @Test
    void argumentConventions() {
        assertEquals(new Call.Fork(0), call("fork"));
        assertEquals(new Call.Fork(0), call("fork 0"));
        assertEquals(new Call.Fork(Flags.NEWPID), call("fork newpid"));
        assertEquals(new Call.Fork(Flags.UNKNOWN), call("fork bogus"));
        assertEquals(new Call.Fork(Flags.NEWPID | Flags.UNKNOWN), call("fork newpid|bogus"));
        assertEquals(new Call.Fork(Flags.NEWPID | 8), call("fork newpid|8"));
        assertEquals(new Call.Unshare(Flags.NEWNS | Flags.NEWIPC), call("unshare newns|newipc"));
        assertEquals(new Call.ContainerCreate("c", Flags.NEWUTS | Flags.DESTROY_ON_CLOSE),
                call("container_create c newuts|destroy_on_close"));
        assertEquals(new Call.Kill(5, 9), call("kill 5 KILL"));
        assertEquals(new Call.Kill(5, 15), call("kill 5 TERM"));
        assertEquals(new Call.Kill(5, Signals.INVALID), call("kill 5 HUP"));
        assertEquals(new Call.Kill(5, 0), call("kill 5 0"));
        assertEquals(new Call.Kill(5, 64), call("kill 5 64"));
        assertEquals(new Call.NsOpen(3, NsType.MNT.ordinal()), call("ns_open 3 mnt"));
        assertEquals(new Call.NsOpen(3, -1), call("ns_open 3 bogus"));
        assertEquals(new Call.QuotaSet(3, Resource.CAPS.ordinal(), Resource.MAX), call("quota_set 3 fds max"));
        assertEquals(new Call.QuotaSet(3, -1, 5), call("quota_set 3 bogus 5"));
        assertEquals(new Call.ProcLimit(Resource.MAX), call("proc_limit max"));
        assertEquals(new Call.Open("/f", OpenMode.R | OpenMode.W | OpenMode.CREATE), call("open /f rw|create"));
        assertEquals(new Call.Open("/f", OpenMode.R | OpenMode.W), call("open /f r|w"));
        assertEquals(new Call.Open("/f", OpenMode.UNKNOWN), call("open /f x"));
        assertEquals(new Call.CapDerive(3, Rights.R | Rights.GRANT, 0, false), call("cap_derive 3 r|grant"));
        assertEquals(new Call.CapDerive(3, Rights.UNKNOWN, 5, true), call("cap_derive 3 own 5"));
        assertEquals(Call.Wait.ANY, call("wait"));
        assertEquals(Call.Wait.pid(4), call("wait 4"));
        assertEquals(new Call.Umount("/m", false), call("umount /m"));
        assertEquals(new Call.Umount("/m", true), call("umount /m lazy"));
        assertEquals(new Call.Exec("counter", List.of("10", "x")), call("exec counter 10 x"));
        assertEquals(new Call.SetHostname("007"), call("sethostname 007"));
        assertEquals(new Call.Write(3, "a b"), call("write 3 \"a b\""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " -> ", quoteCharacter = '`', value = {
        "`frob 1` -> t.csc:1:3: unknown call 'frob'",
        "`kill 5` -> t.csc:1:3: missing SIG (usage: kill PID SIG)",
        "`kill` -> t.csc:1:3: missing PID (usage: kill PID SIG)",
        "`unshare` -> t.csc:1:3: missing FLAGS (usage: unshare FLAGS)",
        "`getpid 1` -> t.csc:1:10: too many arguments (usage: getpid)",
        "`umount /m lazy 3` -> t.csc:1:18: too many arguments (usage: umount TARGET [lazy])",
        "`umount /m eager` -> t.csc:1:13: expected 'lazy' for the optional argument, got the word eager (usage: umount TARGET [lazy])",
        "`setns \"x\"` -> t.csc:1:9: expected a number for FD, got \"x\" (usage: setns FD)",
        "`setns x` -> t.csc:1:9: expected a number for FD, got the word x (usage: setns FD)",
        "`setns a|b` -> t.csc:1:9: expected a number for FD, got the flag set a|b (usage: setns FD)",
        "`setns $x` -> t.csc:1:9: expected a number for FD, got $x (usage: setns FD)",
        "`setns 2147483648` -> t.csc:1:9: FD 2147483648 is out of range (-2147483648 to 2147483647)",
        "`exit -2147483649` -> t.csc:1:8: CODE -2147483649 is out of range (-2147483648 to 2147483647)",
        "`read 3 9223372036854775808` -> t.csc:1:10: N 9223372036854775808 is out of range (-9223372036854775808 to 9223372036854775807)",
        "`proc_limit lots` -> t.csc:1:14: expected a number or max for N, got the word lots (usage: proc_limit N)",
        "`sethostname a|b` -> t.csc:1:15: expected a word or \"string\" for NAME, got the flag set a|b (usage: sethostname NAME)",
        "`fork \"newpid\"` -> t.csc:1:8: expected a flag word or flag set a|b for FLAGS, got \"newpid\" (usage: fork [FLAGS])",
        "`fork newpid|4294967296` -> t.csc:1:8: FLAGS part 4294967296 is out of range (-2147483648 to 2147483647)",
        "`kill 3 \"KILL\"` -> t.csc:1:10: expected a word or a number for SIG, got \"KILL\" (usage: kill PID SIG)",
        "`ns_open 3 a|b` -> t.csc:1:13: expected a word or a number for TYPE, got the flag set a|b (usage: ns_open PID TYPE)",
        "`exec` -> t.csc:1:3: missing PROGRAM (usage: exec PROGRAM [ARG...])",
        "`exec p x|y` -> t.csc:1:10: expected a word or \"string\" for ARG, got the flag set x|y (usage: exec PROGRAM [ARG...])",
    })
    void badArgumentsAreScriptErrorsWithAColumn(String text, String expected) {
        assertEquals(expected, error(text));
    }

    @Test
    void usageNamesEveryCall() {
        for (Sys s : Sys.values()) {
            assertTrue(CallSyntax.usage(s).startsWith(s.word()), s.toString());
        }
    }

    @Test
    void callsNoScriptCanWriteAreRefused() {
        for (Call c : Arrays.asList(new Call.Wait(true, 3), new Call.CapDerive(3, 1, 5, false),
                new Call.SetHostname(null), new Call.Exec("p", null), new Call.Write(3, "\u20ac"))) {
            assertThrows(IllegalArgumentException.class, () -> CallSyntax.format(c), c.toString());
        }
    }
}

package capsid.kernel.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The words scripts use for flags, rights, signals, namespace types and calls (ABI.md section 3). */
class CallVocabularyTest {

    @Test
    void flagWordsAndBits() {
        String[] words = {"newpid", "newuts", "newns", "newipc", "newnet", "newuser", "destroy_on_close"};
        for (int i = 0; i < words.length; i++) {
            assertEquals(1 << i, Flags.bit(words[i]), words[i]);
            assertEquals(List.of(words[i]), Flags.words(1 << i));
        }
        assertEquals(Flags.UNKNOWN, Flags.bit("newfoo"));
        assertEquals(0b111111, Flags.NAMESPACES);
        assertEquals("0", Flags.render(0));
        assertEquals("newpid|newuts", Flags.render(Flags.NEWPID | Flags.NEWUTS));
        assertEquals(List.of("newuser", "0x80", "0x40000000"), Flags.words(Flags.NEWUSER | 1 << 7 | Flags.UNKNOWN));
        assertEquals(List.of(), Flags.words(0));
        assertEquals(List.of("0x80000000"), Flags.words(1 << 31), "the top bit is a flag bit too");
    }

    @Test
    void rightsWordsAndBits() {
        assertEquals(Rights.R, Rights.bit("r"));
        assertEquals(Rights.W, Rights.bit("w"));
        assertEquals(Rights.X, Rights.bit("x"));
        assertEquals(Rights.GRANT, Rights.bit("grant"));
        assertEquals(Rights.DESTROY, Rights.bit("destroy"));
        assertEquals(Rights.UNKNOWN, Rights.bit("rw"));
        assertEquals(31, Rights.ALL);
        assertEquals("r|w|x|grant|destroy", Rights.render(Rights.ALL));
        assertEquals("r|x", Rights.render(Rights.R | Rights.X));
        assertEquals("", Rights.render(0));
        assertEquals("grant", Rights.render(Rights.GRANT | Rights.UNKNOWN));
    }

    @Test
    void signals() {
        assertEquals(Signals.KILL, Signals.number("KILL"));
        assertEquals(Signals.TERM, Signals.number("TERM"));
        assertEquals(0, Signals.number("0"));
        assertEquals(9, Signals.number("9"));
        assertEquals(7, Signals.number("7"));
        assertEquals(Signals.INVALID, Signals.number("HUP"));
        assertTrue(Signals.valid(0));
        assertTrue(Signals.valid(9));
        assertTrue(Signals.valid(15));
        assertFalse(Signals.valid(1));
        assertFalse(Signals.valid(-1));
        assertEquals("KILL", Signals.name(9));
        assertEquals("TERM", Signals.name(15));
        assertEquals("0", Signals.name(0));
        assertEquals("7", Signals.name(7));
    }

    @Test
    void namespaceTypes() {
        String[] words = {"pid", "uts", "mnt", "ipc", "net", "user"};
        int[] flags = {Flags.NEWPID, Flags.NEWUTS, Flags.NEWNS, Flags.NEWIPC, Flags.NEWNET, Flags.NEWUSER};
        for (int i = 0; i < words.length; i++) {
            NsType t = NsType.of(i);
            assertEquals(words[i], t.word());
            assertEquals(words[i] + "ns", t.kind());
            assertEquals(flags[i], t.flag());
            assertEquals(i, NsType.code(words[i]));
        }
        assertEquals(-1, NsType.code("cgroup"));
        assertNull(NsType.of(-1));
        assertNull(NsType.of(6));
    }

    @Test
    void openModesAndResources() {
        assertEquals(OpenMode.R, OpenMode.bits("r"));
        assertEquals(OpenMode.W, OpenMode.bits("w"));
        assertEquals(OpenMode.R | OpenMode.W, OpenMode.bits("rw"));
        assertEquals(OpenMode.CREATE, OpenMode.bits("create"));
        assertEquals(OpenMode.UNKNOWN, OpenMode.bits("append"));
        assertEquals(Resource.CAPS.ordinal(), Resource.code("fds"));
        for (Resource r : Resource.values()) {
            assertEquals(r.ordinal(), Resource.code(r.word()));
        }
        assertEquals("memory", Resource.MEMORY.word());
        assertEquals(-1, Resource.code("cpu"));
    }

    @Test
    void callWordsAreUniqueAndFindTheirCall() {
        List<String> seen = new ArrayList<>();
        for (Sys s : Sys.values()) {
            assertEquals(s, Sys.byWord(s.word()));
            assertEquals(s.name().toLowerCase(java.util.Locale.ROOT), s.word());
            assertFalse(seen.contains(s.word()));
            seen.add(s.word());
        }
        assertNull(Sys.byWord("reboot"));
        assertTrue(Sys.FORK.mutating());
        assertFalse(Sys.GETPID.mutating());
        assertFalse(Sys.GETHOSTNAME.mutating());
        assertFalse(Sys.CAP_RIGHTS.mutating());
        assertTrue(Sys.JAIL.mutating());
    }

    @Test
    void callRecordsNameTheirCall() {
        assertEquals(Sys.FORK, new Call.Fork(0).sys());
        assertEquals(Sys.WAIT, Call.Wait.ANY.sys());
        assertTrue(Call.Wait.ANY.any());
        assertFalse(Call.Wait.pid(3).any());
        assertEquals(3, Call.Wait.pid(3).pid());
        assertEquals(Sys.EXEC, new Call.Exec("p", null).sys());
        assertNull(new Call.Exec("p", null).args());
        List<String> args = new ArrayList<>(List.of("a"));
        Call.Exec e = new Call.Exec("p", args);
        args.add("b");
        assertEquals(List.of("a"), e.args(), "exec copies its arguments");
        assertThrows(UnsupportedOperationException.class, () -> e.args().add("c"));
    }
}

package capsid.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.kernel.call.Call;
import capsid.kernel.call.Flags;
import capsid.kernel.call.Signals;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The event log's documented schema and example (docs/event-log.md) are what the kernel writes. */
class EventLogTest {

    private static String example() {
        Kernel k = Kernel.boot();
        long a = k.resolve(k.initTid(), (int) ((Result.Int) k.syscall(k.initTid(), new Call.Fork(0))).value());
        k.syscall(a, new Call.Unshare(Flags.NEWPID | Flags.NEWUTS));
        k.syscall(a, new Call.Fork(0));
        k.syscall(a, new Call.Kill(3, Signals.KILL));
        return k.eventLogJsonLines();
    }

    @Test
    void documentedExampleIsWhatTheKernelWrites() throws Exception {
        Path doc = Path.of(System.getProperty("capsid.root", ".."), "docs", "event-log.md");
        String text = Files.readString(doc);
        int start = text.indexOf("## Example");
        int open = text.indexOf("```\n", start) + 4;
        int close = text.indexOf("```", open);
        assertEquals(example(), text.substring(open, close));
    }

    @Test
    void everyLineHasTheSchemaKeysInOrder() {
        for (String line : example().split("\n")) {
            assertTrue(line.matches("\\{\"seq\":\\d+,\"action\":\"[A-Za-z]+\",\"task\":\\d+,\"pid\":\\d+,"
                    + "\"args\":\\{.*},\"ret\":-?\\d+,\"out\":\\{.*}}"), line);
        }
    }

    @Test
    void stringsAreEscaped() {
        assertEquals("{\"k\":\"a\\\"b\\\\c\\n\\u0001\"}",
                capsid.kernel.event.Json.obj().put("k", "a\"b\\c\n\u0001").toString());
    }
}

package capsid.kernel.event;

import capsid.kernel.Errno;
import capsid.kernel.Result;
import capsid.kernel.call.Call;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's call log, in memory: one record per system call, failed and
 * read-only ones included (docs/event-log.md, "The call log"). The event log says
 * what changed; this says what every caller asked and was answered, and which
 * event (if any) the answer caused. Off unless {@code Kernel#recordCalls} turns it
 * on: the fuzzing hot path never builds a record.
 *
 * <p>A record keeps the call and the result, which are immutable values, and is
 * rendered on demand, so the JSON is the same whenever it is written: byte for
 * byte deterministic.
 */
public final class CallLog {
    /** One call: its position, the caller, the call, the answer and the event it caused (-1: none). */
    private record Entry(long n, long task, int pid, Call call, Result result, long seq) {
    }

    private final String bootArgs;
    private final List<Entry> calls = new ArrayList<>();

    /** A call log whose first line is the boot, with the boot event's {@code args}. */
    public CallLog(String bootArgs) {
        this.bootArgs = bootArgs;
    }

    /** Records a call by {@code task} (root pid {@code pid}, 0 when it is no process) and its answer. */
    public void add(long task, int pid, Call call, Result result, long seq) {
        calls.add(new Entry(calls.size() + 1, task, pid, call, result, seq));
    }

    /** The number of calls recorded (the boot line not counted). */
    public int size() {
        return calls.size();
    }

    /** The whole log as JSON Lines, the boot line first, each line ending in a newline. */
    public String toJsonLines() {
        StringBuilder sb = new StringBuilder(128 * (calls.size() + 1));
        sb.append("{\"n\":0,\"task\":0,\"pid\":0,\"call\":\"boot\",\"args\":").append(bootArgs)
                .append(",\"ret\":0,\"errno\":null,\"seq\":0}\n");
        for (Entry e : calls) {
            line(sb, e);
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, Entry e) {
        sb.append("{\"n\":").append(e.n).append(",\"task\":").append(e.task).append(",\"pid\":").append(e.pid)
                .append(",\"call\":");
        Json.string(sb, e.call.sys().word());
        sb.append(",\"args\":").append(CallArgs.json(e.call));
        if (e.result instanceof Errno err) {
            sb.append(",\"ret\":null,\"errno\":");
            Json.string(sb, err.name());
        } else {
            sb.append(",\"ret\":");
            ret(sb, e.result);
            sb.append(",\"errno\":null");
        }
        sb.append(",\"seq\":");
        if (e.seq < 0) {
            sb.append("null");
        } else {
            sb.append(e.seq);
        }
        sb.append('}');
    }

    /** A result as JSON: a number, a string, a list of numbers, or a state word as a string. */
    private static void ret(StringBuilder sb, Result r) {
        if (r instanceof Result.Int i) {
            sb.append(i.value());
        } else if (r instanceof Result.Str s) {
            Json.string(sb, s.value());
        } else if (r instanceof Result.Ints l) {
            sb.append('[');
            for (int i = 0; i < l.values().size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(l.values().get(i));
            }
            sb.append(']');
        } else {
            Json.string(sb, ((Result.Word) r).name());
        }
    }
}

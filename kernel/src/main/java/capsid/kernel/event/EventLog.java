package capsid.kernel.event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The kernel's event log, in memory. Recording can be switched off (benchmarks of
 * raw call throughput do that, and say so); then {@link #enabled()} is false and
 * the kernel builds no event at all.
 */
public final class EventLog {
    private final List<Event> events = new ArrayList<>();
    private boolean enabled = true;
    private long next;

    public boolean enabled() {
        return enabled;
    }

    public void setEnabled(boolean on) {
        enabled = on;
    }

    /** Appends an event; its seq is assigned here. */
    public void emit(String action, long task, int pid, String args, String ret, String out) {
        long seq = next++;
        if (enabled) {
            events.add(new Event(seq, action, task, pid, args, ret, out));
        }
    }

    /** The sequence number the next event gets (counts events emitted while disabled too). */
    public long nextSeq() {
        return next;
    }

    public List<Event> events() {
        return Collections.unmodifiableList(events);
    }

    /** The whole log as JSON Lines, one event per line, each ending in a newline. */
    public String toJsonLines() {
        StringBuilder sb = new StringBuilder();
        for (Event e : events) {
            sb.append(e.toJson()).append('\n');
        }
        return sb.toString();
    }
}

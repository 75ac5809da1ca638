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

    public boolean enabled() {
        return enabled;
    }

    public void setEnabled(boolean on) {
        enabled = on;
    }

    /** Appends an event (when recording is on); its seq is its position in the log. */
    public void emit(String action, long task, int pid, Event.Body body) {
        if (enabled) {
            events.add(new Event(events.size(), action, task, pid, body));
        }
    }

    /** The number of events recorded (the seq the next one gets). */
    public long nextSeq() {
        return events.size();
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

package capsid.kernel.event;

/**
 * One kernel event: a state change made by one system call or scheduler step
 * (DESIGN.md, "each emits one event"). The schema is in {@code docs/event-log.md}.
 *
 * <p>The JSON of the arguments, result and effects is rendered from the event's
 * {@link Body} on first use, not when the event is recorded, so recording costs
 * one small object per call. Bodies capture only immutable values, so the
 * rendering is the same whenever it happens. Immutable once rendered.
 */
public final class Event {
    /** Renders an event's {@code args}, {@code ret} and {@code out} (three JSON texts). */
    @FunctionalInterface
    public interface Body {
        /** {args, ret, out}: a JSON object, a JSON number or string, a JSON object. */
        String[] render();
    }

    private final long seq;
    private final String action;
    private final long task;
    private final int pid;
    private Body body;
    private String[] rendered;

    Event(long seq, String action, long task, int pid, Body body) {
        this.seq = seq;
        this.action = action;
        this.task = task;
        this.pid = pid;
        this.body = body;
    }

    /** 1-based position in this boot's log (the boot event is 0). */
    public long seq() {
        return seq;
    }

    /** The spec action the change implements, e.g. {@code Fork}. */
    public String action() {
        return action;
    }

    /** The calling task's kernel id (0 for the kernel itself). */
    public long task() {
        return task;
    }

    /** The caller's pid in the root pid namespace (0 for the kernel). */
    public int pid() {
        return pid;
    }

    private String[] parts() {
        if (rendered == null) {
            rendered = body.render();
            body = null;
        }
        return rendered;
    }

    /** The call's arguments, a JSON object. */
    public String args() {
        return parts()[0];
    }

    /** The call's result, JSON (a number or a string). */
    public String ret() {
        return parts()[1];
    }

    /** What the change did beyond the result, a JSON object. */
    public String out() {
        return parts()[2];
    }

    /** The event as one JSON line (without the newline). Keys in schema order. */
    public String toJson() {
        StringBuilder sb = new StringBuilder(96);
        sb.append("{\"seq\":").append(seq).append(",\"action\":");
        Json.string(sb, action);
        sb.append(",\"task\":").append(task).append(",\"pid\":").append(pid);
        sb.append(",\"args\":").append(args());
        sb.append(",\"ret\":").append(ret());
        sb.append(",\"out\":").append(out()).append('}');
        return sb.toString();
    }

    @Override
    public String toString() {
        return toJson();
    }
}

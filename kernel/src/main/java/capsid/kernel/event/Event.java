package capsid.kernel.event;

/**
 * One kernel event: a state change made by one system call or scheduler step
 * (DESIGN.md, "each emits one event"). The schema is in {@code docs/event-log.md}.
 *
 * @param seq    1-based position in this boot's log (the boot event is 0)
 * @param action the spec action the change implements, e.g. {@code Fork}
 * @param task   the calling task's kernel id (0 for the kernel itself)
 * @param pid    the caller's pid in the root pid namespace (0 for the kernel)
 * @param args   the call's arguments, a JSON object
 * @param ret    the call's result, JSON (a number or a string)
 * @param out    what the change did beyond the result, a JSON object
 */
public record Event(long seq, String action, long task, int pid, String args, String ret, String out) {

    /** The event as one JSON line (without the newline). Keys in schema order. */
    public String toJson() {
        StringBuilder sb = new StringBuilder(96);
        sb.append("{\"seq\":").append(seq).append(",\"action\":");
        Json.string(sb, action);
        sb.append(",\"task\":").append(task).append(",\"pid\":").append(pid);
        sb.append(",\"args\":").append(args);
        sb.append(",\"ret\":").append(ret);
        sb.append(",\"out\":").append(out).append('}');
        return sb.toString();
    }
}

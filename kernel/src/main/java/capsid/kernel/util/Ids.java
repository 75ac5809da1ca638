package capsid.kernel.util;

import java.util.Map;
import java.util.TreeMap;

/**
 * The kernel's object id counters, one per object kind ({@code pidns}, {@code
 * utsns}, ...): deterministic, never reused. An object is named by its kind and
 * id, e.g. {@code pidns#2}. Per-kind numbering lets a spec that models only some
 * kinds (NamespaceUnshare models pid, uts and mount namespaces) number them
 * exactly as the kernel does.
 */
public final class Ids {
    private final Map<String, Long> next = new TreeMap<>();

    /** The next id of {@code kind}, starting at 1. */
    public long next(String kind) {
        long id = next.getOrDefault(kind, 1L);
        next.put(kind, id + 1);
        return id;
    }

    /** The id the next object of {@code kind} gets, per kind that has one (a copy). */
    public Map<String, Long> nextIds() {
        return new TreeMap<>(next);
    }

    /** Every counter as {@code kind=next} pairs, in kind order (part of the canonical snapshot). */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Long> e : next.entrySet()) {
            sb.append(' ').append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }
}

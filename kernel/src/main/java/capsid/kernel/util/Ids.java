package capsid.kernel.util;

import java.util.Map;
import java.util.TreeMap;

/**
 * The kernel's object id counters, one per object kind ({@code pidns}, {@code
 * utsns}, ...): deterministic, never reused. An object is named by its kind and
 * id, e.g. {@code pidns#2}. Per-kind numbering lets a spec that models only some
 * kinds (NamespaceUnshare models pid, uts and mount namespaces) number them
 * exactly as the kernel does.
 *
 * <p>Hot paths hold the {@link Counter} of their kind (from {@link #counter}) so
 * that handing out an id is one increment.
 */
public final class Ids {
    /** The counter of one kind. */
    public static final class Counter {
        private final Ids owner;
        private long next = 1;

        private Counter(Ids owner) {
            this.owner = owner;
        }

        /** The next id of this kind, starting at 1. */
        public long next() {
            owner.view = null;
            return next++;
        }
    }

    private final Map<String, Counter> counters = new TreeMap<>();
    /** {@link #nextIds()} as last built, until a counter moves or appears (views are taken often). */
    private Map<String, Long> view;

    /** The counter of {@code kind}, created on first use. */
    public Counter counter(String kind) {
        Counter c = counters.get(kind);
        if (c == null) {
            c = new Counter(this);
            counters.put(kind, c);
            view = null;
        }
        return c;
    }

    /** The next id of {@code kind}, starting at 1. */
    public long next(String kind) {
        return counter(kind).next();
    }

    /** The id the next object of {@code kind} gets, per kind that has a counter (immutable). */
    public Map<String, Long> nextIds() {
        Map<String, Long> v = view;
        if (v == null) {
            Map<String, Long> out = new TreeMap<>();
            counters.forEach((k, c) -> out.put(k, c.next));
            v = view = Map.copyOf(out);
        }
        return v;
    }

    /** A fingerprint of what {@link #describe} prints, without building it. */
    public long hash() {
        long h = counters.size();
        for (Map.Entry<String, Counter> e : counters.entrySet()) {
            h = (h * 31 + e.getKey().hashCode()) * 0x9E3779B97F4A7C15L + e.getValue().next;
            h ^= h >>> 29;
        }
        return h;
    }

    /** Every counter as {@code kind=next} pairs, in kind order (part of the canonical snapshot). */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        counters.forEach((k, c) -> sb.append(' ').append(k).append('=').append(c.next));
        return sb.toString();
    }
}

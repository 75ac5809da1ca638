package capsid.kernel.util;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * An open-addressing map from non-negative long keys to objects: linear probing,
 * deletion by backward shift (no tombstones), so lookups stay O(1) however many
 * keys come and go. Small and allocation-free on the hot path; the kernel uses it
 * for its task table (task id to process).
 *
 * @param <V> value type
 */
public final class LongMap<V> {
    private static final long EMPTY = -1;

    private long[] keys;
    private Object[] vals;
    private int size;
    private int mask;

    public LongMap() {
        this(4);
    }

    public LongMap(int capacity) {
        int cap = Integer.highestOneBit(Math.max(4, capacity) * 2 - 1);
        keys = new long[cap];
        Arrays.fill(keys, EMPTY);
        vals = new Object[cap];
        mask = cap - 1;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    @SuppressWarnings("unchecked")
    public V get(long key) {
        if (key < 0) {
            return null;
        }
        int i = hash(key) & mask;
        while (true) {
            long k = keys[i];
            if (k == key) {
                return (V) vals[i];
            }
            if (k == EMPTY) {
                return null;
            }
            i = (i + 1) & mask;
        }
    }

    public boolean containsKey(long key) {
        return get(key) != null;
    }

    /** Maps key (>= 0) to a non-null value; returns the previous value or null. */
    @SuppressWarnings("unchecked")
    public V put(long key, V value) {
        if (key < 0 || value == null) {
            throw new IllegalArgumentException("LongMap key must be >= 0 and value non-null");
        }
        int i = hash(key) & mask;
        while (true) {
            long k = keys[i];
            if (k == key) {
                V old = (V) vals[i];
                vals[i] = value;
                return old;
            }
            if (k == EMPTY) {
                keys[i] = key;
                vals[i] = value;
                if (++size * 4 > keys.length * 3) {
                    resize(keys.length * 2);
                }
                return null;
            }
            i = (i + 1) & mask;
        }
    }

    /** Removes key; returns its value or null. */
    @SuppressWarnings("unchecked")
    public V remove(long key) {
        if (key < 0) {
            return null;
        }
        int i = hash(key) & mask;
        while (true) {
            long k = keys[i];
            if (k == EMPTY) {
                return null;
            }
            if (k == key) {
                V old = (V) vals[i];
                shiftBack(i);
                size--;
                if (keys.length > 16 && size * 8 < keys.length) {
                    resize(keys.length / 2);
                }
                return old;
            }
            i = (i + 1) & mask;
        }
    }

    private void shiftBack(int hole) {
        int i = hole;
        while (true) {
            i = (i + 1) & mask;
            long k = keys[i];
            if (k == EMPTY) {
                break;
            }
            int home = hash(k) & mask;
            // move k into the hole when its home is not within (hole, i]
            boolean movable = hole <= i ? (home <= hole || home > i) : (home <= hole && home > i);
            if (movable) {
                keys[hole] = k;
                vals[hole] = vals[i];
                hole = i;
            }
        }
        keys[hole] = EMPTY;
        vals[hole] = null;
    }

    private void resize(int cap) {
        long[] ok = keys;
        Object[] ov = vals;
        keys = new long[cap];
        Arrays.fill(keys, EMPTY);
        vals = new Object[cap];
        mask = cap - 1;
        size = 0;
        for (int i = 0; i < ok.length; i++) {
            if (ok[i] != EMPTY) {
                reinsert(ok[i], ov[i]);
            }
        }
    }

    private void reinsert(long key, Object v) {
        int i = hash(key) & mask;
        while (keys[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        vals[i] = v;
        size++;
    }

    /** Every key, in ascending order. */
    public long[] sortedKeys() {
        long[] out = new long[size];
        int n = 0;
        for (long k : keys) {
            if (k != EMPTY) {
                out[n++] = k;
            }
        }
        Arrays.sort(out);
        return out;
    }

    /** Calls {@code action} on every key, in table order (not sorted). */
    public void forEachKey(LongConsumer action) {
        for (long k : keys) {
            if (k != EMPTY) {
                action.accept(k);
            }
        }
    }

    /**
     * The number of slots, for allocation-free iteration: {@code for (int i = 0; i <
     * m.slots(); i++) if (m.valueAt(i) != null) ...}, in table order
     * (not sorted). The map must not change during the loop.
     */
    public int slots() {
        return keys.length;
    }

    /** The value in slot {@code slot}, or null when the slot is free. */
    @SuppressWarnings("unchecked")
    public V valueAt(int slot) {
        return (V) vals[slot];
    }
}

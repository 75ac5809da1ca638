package capsid.kernel.util;

import java.util.Arrays;

/**
 * What the kernel's mutators changed since an observer last looked: every method
 * that writes a field of a process, a pid or uts namespace, or a capability table
 * or capability marks the object (for a capability, its table) here, and each
 * observer that opened a {@link Sink} (the incremental invariants, the incremental
 * fingerprint) reads the marks made since it last drained its own. With no sink
 * open a mark is one empty loop: the syscall path pays nothing measurable.
 *
 * <p>A pid table entry is marked with its key ({@link #mark(Object, int)}): the
 * namespace and the pid whose entry was put or removed.
 */
public final class DirtySet {
    /** The key of a mark that names an object only. */
    public static final int NO_KEY = Integer.MIN_VALUE;
    private static final Sink[] NONE = new Sink[0];

    private Sink[] sinks = NONE;

    /** Marks {@code o} (non-null) as changed. */
    public void mark(Object o) {
        for (Sink s : sinks) {
            s.add(o, NO_KEY);
        }
    }

    /** Marks the entry {@code key} of {@code o} (a pid namespace's pid table entry) as changed. */
    public void mark(Object o, int key) {
        for (Sink s : sinks) {
            s.add(o, key);
        }
    }

    /** A new observer: it sees every mark made from now on. */
    public Sink open() {
        Sink s = new Sink();
        sinks = Arrays.copyOf(sinks, sinks.length + 1);
        sinks[sinks.length - 1] = s;
        return s;
    }

    /** True when some observer is open (marks are recorded). */
    public boolean observed() {
        return sinks.length > 0;
    }

    /**
     * One observer's marks since it last {@link #clear()}ed them, in the order made
     * (with repeats). Past {@link #LIMIT} marks it stops recording and says it
     * {@link #overflowed()}: the observer then recomputes everything.
     */
    public static final class Sink {
        /** The most marks kept between two drains. */
        public static final int LIMIT = 1 << 16;
        private Object[] objects = new Object[64];
        private int[] keys = new int[64];
        private int size;
        private boolean overflowed;

        private Sink() {
        }

        void add(Object o, int key) {
            if (size == objects.length) {
                if (size >= LIMIT) {
                    overflowed = true;
                    return;
                }
                objects = Arrays.copyOf(objects, size * 2);
                keys = Arrays.copyOf(keys, size * 2);
            }
            objects[size] = o;
            keys[size++] = key;
        }

        public int size() {
            return size;
        }

        public Object object(int i) {
            return objects[i];
        }

        /** The key of mark {@code i}, or {@link DirtySet#NO_KEY}. */
        public int key(int i) {
            return keys[i];
        }

        /** True when marks were lost since the last {@link #clear()}. */
        public boolean overflowed() {
            return overflowed;
        }

        /** Forgets every mark (the observer has seen them). */
        public void clear() {
            Arrays.fill(objects, 0, size, null);
            size = 0;
            overflowed = false;
        }
    }
}

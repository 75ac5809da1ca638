package capsid.kernel.process;

import capsid.kernel.ns.Namespace;
import java.util.Arrays;

/**
 * A set of namespaces keyed by name (type and id, as the snapshot lists them), in
 * the order added, for the observers' scans (the fingerprint, the state view): open
 * addressing on the name (no identity hashes, whose first use on a fresh object is
 * a slow call), plus a one-entry shortcut per namespace type, since tasks in a row
 * mostly share their namespaces. Not thread-safe; one per scan.
 */
final class NamespaceSet implements Snapshot.Names {
    @Override
    public void name(Namespace n) {
        addWithAncestors(n);
    }

    private Namespace[] items = new Namespace[16];
    private int size;
    /** Names (see {@link #key}) in open addressing; 0 is a free slot. */
    private long[] table = new long[32];
    /** Per namespace type, the one added last. */
    private final Namespace[] recent = new Namespace[8];

    int size() {
        return size;
    }

    /** The {@code i}-th namespace added. */
    Namespace get(int i) {
        return items[i];
    }

    /** Adds {@code n} (non-null) and, for a pid namespace, its ancestors. */
    void addWithAncestors(Namespace n) {
        int type = n.type().ordinal();
        if (type < recent.length) {
            if (recent[type] == n) {
                return; // added before, with its ancestors
            }
            recent[type] = n;
        }
        while (n != null && add(n)) {
            n = n instanceof PidNamespace pn ? pn.parent : null;
        }
    }

    /** Adds {@code n}; false when a namespace of that name was already there. */
    boolean add(Namespace n) {
        long key = key(n);
        int mask = table.length - 1;
        int i = slot(key, mask);
        for (long x; (x = table[i]) != 0; i = (i + 1) & mask) {
            if (x == key) {
                return false;
            }
        }
        table[i] = key;
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = n;
        if (size * 2 > table.length) {
            table = new long[table.length * 2];
            int m = table.length - 1;
            for (int k = 0; k < size; k++) {
                long y = key(items[k]);
                int j = slot(y, m);
                while (table[j] != 0) {
                    j = (j + 1) & m;
                }
                table[j] = y;
            }
        }
        return true;
    }

    /** The name as a non-zero number: id and type (ids are positive). */
    private static long key(Namespace n) {
        return n.id() << 4 | (n.type().ordinal() + 1);
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }
}

package capsid.kernel.cap;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per destroyable object, the capabilities naming it (in every table), as an
 * intrusive doubly linked list through {@link Capability}: adding and removing one
 * is O(1), and the destruction hook ({@link CapCalls#destroyObject}) visits exactly
 * the capabilities it removes. One index per kernel, shared by every table.
 *
 * <p>Invariant: a capability is listed here exactly while it sits in a table and
 * its object is {@link KernelObject#destroyable()}.
 */
public final class ObjectIndex {
    // Invariant: heads.get(o) is the first capability naming o; no entry for an object no capability names.
    private final Map<KernelObject, Capability> heads = new IdentityHashMap<>();
    /** Where the tables sharing this index mark what they change (one per kernel, as this index). */
    private final capsid.kernel.util.DirtySet dirty = new capsid.kernel.util.DirtySet();

    /** The marks of every change to the tables sharing this index (and, through the process table, of processes). */
    public capsid.kernel.util.DirtySet dirty() {
        return dirty;
    }

    void add(Capability c) {
        if (!c.object().destroyable()) {
            return;
        }
        Capability head = heads.put(c.object(), c);
        c.prevNamed = null;
        c.nextNamed = head;
        if (head != null) {
            head.prevNamed = c;
        }
    }

    void remove(Capability c) {
        if (!c.object().destroyable()) {
            return;
        }
        if (c.prevNamed != null) {
            c.prevNamed.nextNamed = c.nextNamed;
        } else if (c.nextNamed != null) {
            heads.put(c.object(), c.nextNamed);
        } else {
            heads.remove(c.object());
        }
        if (c.nextNamed != null) {
            c.nextNamed.prevNamed = c.prevNamed;
        }
        c.prevNamed = null;
        c.nextNamed = null;
    }

    /** The capabilities naming {@code o} now, newest first (empty for an object that cannot be destroyed). */
    public List<Capability> naming(KernelObject o) {
        List<Capability> out = new ArrayList<>();
        for (Capability c = heads.get(o); c != null; c = c.nextNamed) {
            out.add(c);
        }
        return out;
    }

    /** How many destroyable objects some capability names. */
    public int objects() {
        return heads.size();
    }
}

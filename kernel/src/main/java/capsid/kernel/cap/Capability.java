package capsid.kernel.cap;

import java.util.ArrayList;
import java.util.List;

/**
 * One slot's capability: a kernel object with rights and a badge, and its place in
 * the derivation tree (ABI.md section 3, Capabilities). Roots are made by the call
 * that creates a handle ({@code ns_open}, ...); {@code dup} and {@code fork}
 * copies are siblings; {@code cap_derive} and {@code cap_grant} make children.
 *
 * <p>Invariant: {@code rights} of a child is a subset of its parent's; the tree
 * links ({@code parent}, children list) are consistent and acyclic; a capability
 * in a table sits in {@code table.slots[slot]}.
 */
public final class Capability {
    private final KernelObject object;
    private final int rights;
    private final long badge;

    Capability parent;
    Capability firstChild;
    Capability lastChild;
    Capability nextSibling;
    Capability prevSibling;
    CapTable table;
    int slot;
    /** The neighbours in {@link ObjectIndex}'s list of the capabilities naming the same (destroyable) object. */
    Capability prevNamed;
    Capability nextNamed;

    Capability(KernelObject object, int rights, long badge) {
        this.object = object;
        this.rights = rights;
        this.badge = badge;
    }

    public KernelObject object() {
        return object;
    }

    public int rights() {
        return rights;
    }

    public boolean has(int right) {
        return (rights & right) == right;
    }

    public long badge() {
        return badge;
    }

    public Capability parent() {
        return parent;
    }

    /** The table holding this capability, or null once it was closed. */
    public CapTable table() {
        return table;
    }

    public int slot() {
        return slot;
    }

    /** The oldest direct child, or null (with {@link #nextSibling()}: the children without a list). */
    public Capability firstChild() {
        return firstChild;
    }

    /** The next younger sibling under the same parent, or null. */
    public Capability nextSibling() {
        return nextSibling;
    }

    /** The number of descendants (children, their children, ...), counted without recursion. O(descendants). */
    public int descendantCount() {
        int n = 0;
        for (Capability d = nextInSubtree(this, this); d != null; d = nextInSubtree(this, d)) {
            n++;
        }
        return n;
    }

    /**
     * The capability after {@code at} in a pre-order walk of {@code root}'s subtree
     * ({@code root} itself excluded from the result), or null at its end: down to the
     * first child, else to the next sibling of the nearest ancestor below {@code
     * root} that has one. Iterative, so a chain of any depth walks in constant stack.
     */
    static Capability nextInSubtree(Capability root, Capability at) {
        if (at.firstChild != null) {
            return at.firstChild;
        }
        for (Capability a = at; a != root; a = a.parent) {
            if (a.nextSibling != null) {
                return a.nextSibling;
            }
        }
        return null;
    }

    /** The direct children, oldest first. */
    public List<Capability> children() {
        List<Capability> out = new ArrayList<>();
        for (Capability c = firstChild; c != null; c = c.nextSibling) {
            out.add(c);
        }
        return out;
    }

    /**
     * Marks the table holding {@code c}, if any, as changed: every write to a
     * capability's links marks the tables of the capabilities written (DirtySet).
     */
    static void mark(Capability c) {
        if (c != null && c.table != null) {
            c.table.index().dirty().mark(c.table);
        }
    }

    /** Links {@code child} under {@code parent} (null: a root, unlinked). */
    static void link(Capability parent, Capability child) {
        mark(child);
        child.parent = parent;
        if (parent == null) {
            return;
        }
        // append at the tail to keep children oldest first
        Capability last = parent.lastChild;
        mark(parent);
        mark(last);
        if (last == null) {
            parent.firstChild = child;
        } else {
            last.nextSibling = child;
            child.prevSibling = last;
        }
        parent.lastChild = child;
    }

    /** Unlinks {@code c} from its parent's children list. */
    static void unlink(Capability c) {
        mark(c);
        mark(c.parent);
        mark(c.prevSibling);
        mark(c.nextSibling);
        if (c.parent != null) {
            if (c.prevSibling != null) {
                c.prevSibling.nextSibling = c.nextSibling;
            } else {
                c.parent.firstChild = c.nextSibling;
            }
            if (c.nextSibling != null) {
                c.nextSibling.prevSibling = c.prevSibling;
            } else {
                c.parent.lastChild = c.prevSibling;
            }
        }
        c.parent = null;
        c.nextSibling = null;
        c.prevSibling = null;
    }
}

package capsid.kernel.cap;

import java.util.Arrays;

/**
 * A process's capability table: slot number (fd) to {@link Capability}. fd numbers
 * are the lowest free number from 0 (ABI.md section 3).
 *
 * <p>Mutators are public for the kernel's other packages; code outside the kernel
 * sees tables only through {@code Kernel}'s read-only views.
 */
public final class CapTable {
    private static final Capability[] NONE = new Capability[0];

    // Invariant: count == number of non-null slots; slots[i].slot == i and slots[i].table == this.
    private Capability[] slots = NONE;
    private int count;
    private final long owner;
    /** Slots per table ({@code BootConfig.fdMax}): opening more is EMFILE. */
    private final int max;
    /** The kernel's index of capabilities per destroyable object, shared by every table. */
    private final ObjectIndex index;
    // Invariant: no slot below firstFree is free (a lower bound that makes lowestFree O(1) amortised).
    private int firstFree;

    /** A new, empty table of the task {@code owner}, holding at most {@code max} slots, with an index of its own. */
    public CapTable(long owner, int max) {
        this(owner, max, new ObjectIndex());
    }

    /** A new, empty table of the task {@code owner}, holding at most {@code max} slots, listed in {@code index}. */
    public CapTable(long owner, int max, ObjectIndex index) {
        this.owner = owner;
        this.max = max;
        this.index = index;
    }

    /** The index of capabilities per object this table's capabilities are listed in. */
    public ObjectIndex index() {
        return index;
    }

    /** The most slots this table may hold. */
    public int max() {
        return max;
    }

    /** The task id of the process holding this table. */
    public long owner() {
        return owner;
    }

    public int count() {
        return count;
    }

    /** Highest slot number + 1 that may be in use (for iteration). */
    public int span() {
        return slots.length;
    }

    /** The capability in slot {@code fd}, or null (bad fd, negative, out of range, empty). */
    public Capability get(int fd) {
        return fd >= 0 && fd < slots.length ? slots[fd] : null;
    }

    /** The lowest free slot, or -1 when the table is full. */
    public int lowestFree() {
        for (int i = firstFree; i < slots.length; i++) {
            if (slots[i] == null) {
                firstFree = i;
                return i;
            }
        }
        firstFree = slots.length;
        return slots.length < max ? slots.length : -1;
    }

    /** True when {@code n} more capabilities fit. */
    public boolean hasRoom(int n) {
        return max - count >= n;
    }

    /**
     * Installs a new capability in the lowest free slot and returns the slot.
     * Preconditions: the table has room; {@code rights} are a subset of
     * {@code parent}'s when a parent is given.
     */
    public int install(KernelObject object, int rights, long badge, Capability parent) {
        int fd = lowestFree();
        if (fd < 0) {
            throw new capsid.kernel.KernelBug("install into a full capability table");
        }
        Capability c = new Capability(object, rights, badge);
        Capability.link(parent, c);
        put(fd, c);
        return fd;
    }

    /** {@code dup}: a sibling of slot {@code fd} with the same rights and badge; returns the new slot. */
    public int dup(int fd) {
        Capability c = slots[fd];
        return install(c.object(), c.rights(), c.badge(), c.parent);
    }

    /**
     * {@code close}: removes only that slot; its children move up to its parent
     * (ABI.md section 3). Precondition: the slot is in use.
     */
    public Capability close(int fd) {
        Capability c = slots[fd];
        Capability up = c.parent;
        Capability.mark(c);
        for (Capability k = c.firstChild; k != null; ) {
            Capability next = k.nextSibling;
            Capability.mark(k);
            k.prevSibling = null;
            k.nextSibling = null;
            Capability.link(up, k);
            k = next;
        }
        c.firstChild = null;
        c.lastChild = null;
        Capability.unlink(c);
        drop(c);
        return c;
    }

    /**
     * Takes {@code c} (in this table) out of its slot and out of the object index,
     * without touching its tree links: for revoke and object destruction, which
     * remove whole subtrees and unlink them themselves.
     */
    void drop(Capability c) {
        int fd = c.slot;
        if (fd < 0 || fd >= slots.length || slots[fd] != c) {
            throw new capsid.kernel.KernelBug("dropping a capability that is not in slot " + fd + " of task " + owner);
        }
        index.dirty().mark(this);
        slots[fd] = null;
        if (fd < firstFree) {
            firstFree = fd;
        }
        index.remove(c);
        c.table = null;
        count--;
    }

    /** Closes every slot, lowest first ({@code exit} closes the whole table). */
    public void closeAll() {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null) {
                close(i);
            }
        }
        index.dirty().mark(this);
        slots = NONE;
        firstFree = 0;
    }

    /** {@code fork}: a new table, for task {@code newOwner}, whose every slot is a sibling copy of this one's, same numbers. */
    public CapTable copyForFork(long newOwner) {
        CapTable t = new CapTable(newOwner, max, index);
        if (count == 0) {
            return t;
        }
        t.slots = new Capability[slots.length];
        for (int i = 0; i < slots.length; i++) {
            Capability c = slots[i];
            if (c != null) {
                Capability copy = new Capability(c.object(), c.rights(), c.badge());
                Capability.link(c.parent, copy);
                t.put(i, copy);
            }
        }
        return t;
    }

    private void put(int fd, Capability c) {
        index.dirty().mark(this);
        if (fd >= slots.length) {
            slots = Arrays.copyOf(slots, Math.min(max, Math.max(4, Math.max(fd + 1, slots.length * 2))));
        }
        slots[fd] = c;
        c.table = this;
        c.slot = fd;
        count++;
        index.add(c);
    }
}

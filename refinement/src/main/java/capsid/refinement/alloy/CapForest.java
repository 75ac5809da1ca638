package capsid.refinement.alloy;

import capsid.kernel.cap.CapTable;
import capsid.kernel.cap.Capability;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel's capability state as the Alloy model sees it: the live processes, and
 * every capability as its slot (process, fd), object, rights (the kernel's bits),
 * badge (0: none) and derivation parent (a slot, or null for a root). Read from the
 * kernel's tables ({@link #of(Collection, Set)}) or from its canonical snapshot
 * ({@link #fromSnapshot}), the public view of the tables from outside the kernel.
 */
public record CapForest(Set<Long> live, List<Cap> caps) {

    /** A slot: process (task id) and fd. */
    public record Slot(long proc, int fd) {
        @Override
        public String toString() {
            return proc + ":" + fd;
        }
    }

    /** One capability; {@code parent} null for a root. */
    public record Cap(Slot slot, String object, int rights, long badge, Slot parent) {
        public Cap withRights(int r) {
            return new Cap(slot, object, r, badge, parent);
        }

        public Cap withBadge(long b) {
            return new Cap(slot, object, rights, b, parent);
        }

        public Cap withObject(String o) {
            return new Cap(slot, o, rights, badge, parent);
        }
    }

    public CapForest {
        live = Set.copyOf(new TreeSet<>(live));
        caps = List.copyOf(caps);
    }

    /** From the kernel's tables themselves: every table's owner is taken as live. */
    public static CapForest of(Collection<CapTable> tables, Set<Long> live) {
        List<Cap> out = new ArrayList<>();
        for (CapTable t : tables) {
            for (int fd = 0; fd < t.span(); fd++) {
                Capability c = t.get(fd);
                if (c == null) {
                    continue;
                }
                Capability up = c.parent();
                Slot parent = up == null ? null : up.table() == null ? new Slot(-1, -1)
                        : new Slot(up.table().owner(), up.slot());
                out.add(new Cap(new Slot(t.owner(), fd), c.object().kind() + "#" + c.object().id(), c.rights(),
                        c.badge(), parent));
            }
        }
        return new CapForest(live, out);
    }

    private static final Pattern TASK = Pattern.compile("^task (\\d+) creator=\\S+ (LIVE|ZOMBIE|REAPED) ");
    private static final Pattern FD = Pattern.compile(
            "^  fd (\\d+) (\\S+) rights=(\\d+) badge=(-?\\d+) parent=(-|closed|(\\d+):(\\d+)) ");

    /**
     * From {@code Kernel.snapshot()} text: its {@code task} lines (live ones) and
     * their {@code fd} lines. A parent that is a closed capability ({@code closed})
     * becomes the slot {@code -1:-1}, which names no capability (so the export
     * breaks EdgesBetweenLiveCaps, as it should).
     */
    public static CapForest fromSnapshot(String snapshot) {
        Set<Long> live = new TreeSet<>();
        List<Cap> caps = new ArrayList<>();
        long task = -1;
        for (String line : snapshot.split("\n")) {
            Matcher t = TASK.matcher(line);
            if (t.find()) {
                task = Long.parseLong(t.group(1));
                if (t.group(2).equals("LIVE")) {
                    live.add(task);
                }
                continue;
            }
            Matcher f = FD.matcher(line);
            if (f.find()) {
                Slot parent = f.group(5).equals("-") ? null : f.group(5).equals("closed") ? new Slot(-1, -1)
                        : new Slot(Long.parseLong(f.group(6)), Integer.parseInt(f.group(7)));
                caps.add(new Cap(new Slot(task, Integer.parseInt(f.group(1))), f.group(2),
                        Integer.parseInt(f.group(3)), Long.parseLong(f.group(4)), parent));
            }
        }
        return new CapForest(live, caps);
    }

    /** This forest with the capability in {@code slot} replaced by {@code c} (tests corrupt exports this way). */
    public CapForest with(Slot slot, Cap c) {
        List<Cap> out = new ArrayList<>();
        for (Cap x : caps) {
            out.add(x.slot().equals(slot) ? c : x);
        }
        return new CapForest(live, out);
    }

    /** The capability in {@code slot}, or null. */
    public Cap cap(Slot slot) {
        return caps.stream().filter(c -> c.slot().equals(slot)).findFirst().orElse(null);
    }
}

package capsid.kernel.cap;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The capability package's state invariants, each the kernel-side twin of the
 * CapabilityDelegation property of the same name (the interface of issue 13),
 * checked over every table of a live process. O(capabilities): each slot is
 * visited once, the forest check marks what it has walked. Violations are
 * {@code "Name: detail"} lines; CapInvariantsCatchBrokenStateTest breaks each on
 * purpose. {@link #checkChanged} runs them on what changed (issue 12): the mutators
 * that change what these read (CapTable's install, dup, close, closeAll,
 * copyForFork and drop, Capability's link and unlink, revoke and object
 * destruction) mark the tables they write.
 */
public final class CapInvariants {
    /** The invariants, by the spec's names. */
    public static final List<String> NAMES = List.of("RightsNeverGrow", "DescendantsSameObject",
            "EdgesBetweenLiveCaps", "DerivationIsForest", "CapsNameLiveObjects", "BadgeInherited");

    private final List<String> out = new ArrayList<>();

    private CapInvariants() {
    }

    /** Every violation in {@code tables} (the tables of the live processes, by task id); empty when all hold. */
    public static List<String> check(List<CapTable> tables) {
        CapInvariants inv = new CapInvariants();
        inv.run(tables);
        return inv.out;
    }

    private void fail(String name, String detail) {
        out.add(name + ": " + detail);
    }

    /**
     * The same checks on {@code caps} only, {@code live} saying which tables are those
     * of live processes: the capabilities of the tables changed since a state where
     * all held, with their parents and children, is what a change can have broken
     * (IncrementalInvariants; a finding is reported through a full check).
     */
    public static List<String> checkChanged(List<Capability> caps, java.util.function.Predicate<CapTable> live) {
        CapInvariants inv = new CapInvariants();
        List<Capability> all = new ArrayList<>();
        for (Capability c : caps) {
            if (c.table() != null && live.test(c.table()) && c.table().get(c.slot()) == c) {
                all.add(c);
            }
        }
        inv.run(all, live);
        return inv.out;
    }

    private void run(List<CapTable> tables) {
        Set<CapTable> live = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        live.addAll(tables);
        List<Capability> all = new ArrayList<>();
        for (CapTable t : tables) {
            for (int fd = 0; fd < t.span(); fd++) {
                Capability c = t.get(fd);
                if (c != null) {
                    all.add(c);
                }
            }
        }
        run(all, live::contains);
    }

    private void run(List<Capability> all, java.util.function.Predicate<CapTable> live) {
        for (Capability c : all) {
            String me = label(c);
            if (c.object() instanceof Destroyable d && d.destroyed()) {
                fail("CapsNameLiveObjects", me + " names " + c.object().kind() + "#" + c.object().id()
                        + ", which was destroyed");
            }
            Capability up = c.parent();
            if (up == null) {
                continue;
            }
            if (up.table() == null || !live.test(up.table()) || up.table().get(up.slot()) != up) {
                fail("EdgesBetweenLiveCaps", me + "'s parent is in no table of a live process");
            }
            if ((c.rights() & ~up.rights()) != 0) {
                fail("RightsNeverGrow", me + " has rights beyond its parent's");
            }
            if (c.object() != up.object()) {
                fail("DescendantsSameObject", me + " names " + c.object().kind() + "#" + c.object().id()
                        + " but its parent names " + up.object().kind() + "#" + up.object().id());
            }
            if (up.badge() != 0 && c.badge() != up.badge()) {
                fail("BadgeInherited", me + " has badge " + c.badge() + " under a parent with badge " + up.badge());
            }
        }
        for (Capability c : all) {
            for (Capability k = c.firstChild(); k != null; k = k.nextSibling()) {
                if (k.table() == null || !live.test(k.table()) || k.table().get(k.slot()) != k) {
                    fail("EdgesBetweenLiveCaps", label(c) + " lists a child that is in no table of a live process");
                    break;
                }
            }
        }
        forest(all);
    }

    /** No capability is its own ancestor: each walk up stops at a root or at what an earlier walk finished. */
    private void forest(List<Capability> all) {
        Map<Capability, Boolean> state = new IdentityHashMap<>(); // false: on the current walk; true: done
        for (Capability c : all) {
            if (state.containsKey(c)) {
                continue;
            }
            List<Capability> walk = new ArrayList<>();
            Capability a = c;
            while (a != null && !state.containsKey(a)) {
                state.put(a, Boolean.FALSE);
                walk.add(a);
                a = a.parent();
            }
            if (a != null && !state.get(a)) {
                fail("DerivationIsForest", label(c) + " is its own ancestor (a derivation cycle through " + label(a)
                        + ")");
            }
            for (Capability w : walk) {
                state.put(w, Boolean.TRUE);
            }
        }
    }

    private static String label(Capability c) {
        return c.table() == null ? "a closed capability" : "task " + c.table().owner() + " fd " + c.slot();
    }
}

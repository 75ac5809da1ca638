package capsid.kernel.cap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.kernel.call.Rights;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Each capability invariant is broken on purpose, on a healthy forest of two tables,
 * and must report it under its own name with its message; the healthy forest
 * reports nothing.
 */
class CapInvariantsCatchBrokenStateTest {
    private record Obj(long id) implements KernelObject {
        public String kind() {
            return "obj";
        }

        public int defaultRights() {
            return Rights.R | Rights.W;
        }
    }

    private static final class Dying implements Destroyable {
        boolean dead;

        public long id() {
            return 9;
        }

        public String kind() {
            return "dying";
        }

        public int defaultRights() {
            return Rights.R;
        }

        public boolean destroyed() {
            return dead;
        }
    }

    /** a:0 root (r|w|grant, badge 5), a:1 child (r), b:0 grandchild granted from a:1 (r). */
    private static final class World {
        final ObjectIndex index = new ObjectIndex();
        final CapTable a = new CapTable(1, 8, index);
        final CapTable b = new CapTable(2, 8, index);
        final Obj o = new Obj(1);
        final Dying d = new Dying();
        final List<CapTable> live = new ArrayList<>(List.of(a, b));

        World() {
            a.install(o, Rights.R | Rights.W | Rights.GRANT, 5, null);
            a.install(o, Rights.R, 5, a.get(0));
            b.install(o, Rights.R, 5, a.get(1));
            b.install(d, Rights.R, 0, null);
        }
    }

    private static List<String> broken(Consumer<World> breakIt) {
        World w = new World();
        breakIt.accept(w);
        return CapInvariants.check(w.live);
    }

    private static void expect(String line, Consumer<World> breakIt) {
        List<String> got = broken(breakIt);
        assertTrue(got.contains(line), "expected " + line + " in " + got);
    }

    @Test
    void aHealthyForestReportsNothing() {
        assertEquals(List.of(), broken(w -> { }));
    }

    @Test
    void rightsNeverGrow() {
        expect("RightsNeverGrow: task 2 fd 2 has rights beyond its parent's",
                w -> w.b.install(w.o, Rights.R | Rights.W, 5, w.a.get(1)));
    }

    @Test
    void descendantsSameObject() {
        expect("DescendantsSameObject: task 2 fd 2 names obj#2 but its parent names obj#1",
                w -> w.b.install(new Obj(2), Rights.R, 5, w.a.get(1)));
    }

    @Test
    void edgesBetweenLiveCaps() {
        expect("EdgesBetweenLiveCaps: task 2 fd 0's parent is in no table of a live process",
                w -> w.live.remove(w.a));
        expect("EdgesBetweenLiveCaps: task 1 fd 1 lists a child that is in no table of a live process",
                w -> w.live.remove(w.b));
    }

    @Test
    void derivationIsForest() {
        expect("DerivationIsForest: task 1 fd 0 is its own ancestor (a derivation cycle through task 1 fd 0)",
                w -> w.a.get(0).parent = w.b.get(0));
    }

    @Test
    void capsNameLiveObjects() {
        expect("CapsNameLiveObjects: task 2 fd 1 names dying#9, which was destroyed", w -> w.d.dead = true);
    }

    @Test
    void badgeInherited() {
        expect("BadgeInherited: task 2 fd 2 has badge 6 under a parent with badge 5",
                w -> w.b.install(w.o, Rights.R, 6, w.a.get(1)));
    }

    @Test
    void everyInvariantHasABreakingTest() {
        for (String n : CapInvariants.NAMES) {
            String m = Character.toLowerCase(n.charAt(0)) + n.substring(1);
            assertTrue(java.util.Arrays.stream(getClass().getDeclaredMethods()).anyMatch(x -> x.getName().equals(m)),
                    "no test breaks " + n);
        }
    }
}

package capsid.refinement.alloy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.gen.KernelProperties;
import capsid.kernel.Result;
import capsid.kernel.call.Rights;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel's capability state after the steps of seeded programs, exported as an
 * Alloy instance, satisfies the model's invariants; a corrupted export breaks the
 * invariant named for the corruption, and only that one.
 */
class KernelInstanceTest {
    private static final Path MODEL = Path.of("..", "model", "CapabilityConfinement.als");

    @TempDir
    static Path work;
    private static KernelInstance check;

    @BeforeAll
    static void setUp() throws Exception {
        check = new KernelInstance(MODEL, work);
    }

    /** The forests after every step of program {@code seed} that holds some capability. */
    private static List<CapForest> states(long seed, int size) {
        List<CapForest> out = new ArrayList<>();
        KernelProperties.Run run = KernelProperties.run(seed, size, (k, tid, c) -> {
            Result r = k.syscall(tid, c);
            CapForest f = CapForest.fromSnapshot(k.snapshot());
            if (!f.caps().isEmpty()) {
                out.add(f);
            }
            return r;
        });
        assertEquals(null, run.failure());
        return out;
    }

    @Test
    void statesOfSeededProgramsSatisfyTheModel() throws Exception {
        int checked = 0;
        int withCaps = 0;
        long t0 = System.nanoTime();
        for (long seed = 1; seed <= 10; seed++) {
            List<CapForest> states = states(seed, 80);
            for (int i = 0; i < states.size(); i += 6) {
                KernelInstance.Verdict v = check.check(states.get(i));
                assertTrue(v.ok(), "seed " + seed + " state " + i + " broke " + v.broken() + ":\n"
                        + KernelInstance.text(states.get(i), "CapabilityConfinement"));
                checked++;
                withCaps += states.get(i).caps().isEmpty() ? 0 : 1;
            }
        }
        assertTrue(checked >= 10 && withCaps >= 10, checked + " states checked");
        System.out.printf("KernelInstanceTest: %d kernel states checked, %.1f states/s%n", checked,
                checked / ((System.nanoTime() - t0) / 1e9));
    }

    /** A root and a child: the smallest forest a corruption can break. */
    private static CapForest twoCaps() {
        CapForest.Slot root = new CapForest.Slot(1, 0);
        return new CapForest(java.util.Set.of(1L, 2L), List.of(
                new CapForest.Cap(root, "pidns#1", Rights.R | Rights.X | Rights.GRANT, 7, null),
                new CapForest.Cap(new CapForest.Slot(2, 0), "pidns#1", Rights.R, 7, root)));
    }

    @Test
    void theUncorruptedForestHolds() throws Exception {
        assertTrue(check.check(twoCaps()).ok());
    }

    @Test
    void aChildWithMoreRightsThanItsParentBreaksRightsNeverGrow() throws Exception {
        CapForest f = twoCaps();
        CapForest.Slot child = new CapForest.Slot(2, 0);
        KernelInstance.Verdict v = check.check(f.with(child, f.cap(child).withRights(Rights.R | Rights.W)));
        assertEquals(List.of("RightsNeverGrow"), v.broken());
    }

    @Test
    void aChildNamingAnotherObjectBreaksDescendantsSameObject() throws Exception {
        CapForest f = twoCaps();
        CapForest.Slot child = new CapForest.Slot(2, 0);
        assertEquals(List.of("DescendantsSameObject"), check.check(f.with(child, f.cap(child)
                .withObject("utsns#1"))).broken());
    }

    @Test
    void aChildWithAnotherBadgeBreaksBadgeInherited() throws Exception {
        CapForest f = twoCaps();
        CapForest.Slot child = new CapForest.Slot(2, 0);
        assertEquals(List.of("BadgeInherited"), check.check(f.with(child, f.cap(child).withBadge(9))).broken());
    }

    @Test
    void aCapabilityOfADeadProcessBreaksEdgesBetweenLiveCaps() throws Exception {
        CapForest f = twoCaps();
        KernelInstance.Verdict v = check.check(new CapForest(java.util.Set.of(1L), f.caps()));
        assertEquals(List.of("EdgesBetweenLiveCaps"), v.broken());
    }

    @Test
    void aParentInNoTableBreaksEdgesBetweenLiveCaps() throws Exception {
        CapForest f = twoCaps();
        CapForest.Slot child = new CapForest.Slot(2, 0);
        CapForest.Cap c = f.cap(child);
        KernelInstance.Verdict v = check.check(f.with(child, new CapForest.Cap(child, c.object(), c.rights(),
                c.badge(), new CapForest.Slot(-1, -1))));
        assertFalse(v.ok());
        assertTrue(v.broken().contains("EdgesBetweenLiveCaps"), v.broken().toString());
    }

    @Test
    void aCycleBreaksDerivationIsForest() throws Exception {
        CapForest f = twoCaps();
        CapForest.Slot root = new CapForest.Slot(1, 0);
        CapForest.Cap r = f.cap(root);
        KernelInstance.Verdict v = check.check(f.with(root, new CapForest.Cap(root, r.object(), Rights.R, 7,
                new CapForest.Slot(2, 0))));
        assertEquals(List.of("DerivationIsForest"), v.broken());
    }
}

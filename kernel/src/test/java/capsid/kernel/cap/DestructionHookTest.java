package capsid.kernel.cap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.kernel.KernelBug;
import capsid.kernel.call.Rights;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The destruction hook ({@link CapCalls#destroyObject}) on tables that share one
 * {@link ObjectIndex}: no call destroys objects yet (containers, pipes and sessions
 * will), so the hook is driven here directly, with a destroyable test object.
 */
class DestructionHookTest {
    /** A destroyable object, as a container or a pipe will be. */
    private record Thing(long id) implements KernelObject {
        public String kind() {
            return "thing";
        }

        public int defaultRights() {
            return Rights.R | Rights.W | Rights.DESTROY;
        }

        @Override
        public boolean destroyable() {
            return true;
        }
    }

    /** A namespace-like object that lives as long as it is named. */
    private record Lasting(long id) implements KernelObject {
        public String kind() {
            return "lasting";
        }

        public int defaultRights() {
            return Rights.R;
        }
    }

    private final ObjectIndex index = new ObjectIndex();
    private final CapTable a = new CapTable(1, 16, index);
    private final CapTable b = new CapTable(2, 16, index);
    private final Thing doomed = new Thing(1);
    private final Thing kept = new Thing(2);

    @Test
    void destructionRemovesEveryCapabilityNamingTheObjectInEveryTable() {
        int root = a.install(doomed, Rights.ALL, 0, null);
        int child = a.install(doomed, Rights.R, 0, a.get(root)); // derived
        int granted = b.install(doomed, Rights.R, 0, a.get(child)); // granted to b, a grandchild
        CapTable c = b.copyForFork(3); // a fork copy of b's grant
        int other = a.install(kept, Rights.ALL, 0, null);
        int otherChild = b.install(kept, Rights.R, 0, a.get(other));
        assertEquals(4, index.naming(doomed).size(), "a:root, a:child, b:granted and its fork copy c");
        assertEquals(2, index.objects());

        assertEquals(4, CapCalls.destroyIn(index, doomed));

        assertNull(a.get(root));
        assertNull(a.get(child));
        assertNull(b.get(granted));
        assertNull(c.get(granted));
        assertEquals(List.of(), index.naming(doomed));
        assertEquals(1, index.objects());
        assertEquals(1, a.count());
        assertEquals(1, b.count());
        assertEquals(0, c.count());
        assertSame(a.get(other), b.get(otherChild).parent(), "capabilities of another object keep their tree");
        assertEquals(List.of(b.get(otherChild)), a.get(other).children());
        assertEquals(0, a.lowestFree(), "the freed slots are free");
    }

    @Test
    void closedAndRevokedCapabilitiesLeaveTheIndex() {
        int root = a.install(doomed, Rights.ALL, 0, null);
        a.install(doomed, Rights.R, 0, a.get(root));
        b.install(doomed, Rights.R, 0, a.get(root));
        Capability r = a.get(root);
        CapCalls.removeAll(r, CapCalls.descendants(r));
        assertEquals(List.of(r), index.naming(doomed), "revoke took the two children out");
        a.close(root);
        assertEquals(List.of(), index.naming(doomed));
        assertEquals(0, index.objects(), "no entry for an object nobody names");
        assertEquals(0, CapCalls.destroyIn(index, doomed), "destroying an unnamed object removes nothing");
    }

    @Test
    void anExitClosingTheTableLeavesTheIndex() {
        a.install(doomed, Rights.ALL, 0, null);
        a.dup(0);
        a.closeAll();
        assertEquals(0, index.objects());
    }

    @Test
    void objectsThatCannotBeDestroyedAreNotListedAndDestroyingOneIsABug() {
        Lasting ns = new Lasting(7);
        a.install(ns, Rights.R, 0, null);
        assertEquals(List.of(), index.naming(ns));
        assertEquals(0, index.objects());
        KernelBug bug = assertThrows(KernelBug.class, () -> CapCalls.destroyIn(index, ns));
        assertTrue(bug.getMessage().contains("lasting#7, which cannot be destroyed"), bug.getMessage());
    }

    @Test
    void fittingRightsAreTheDefaultsAndGrant() {
        assertEquals(Rights.R | Rights.W | Rights.DESTROY | Rights.GRANT, doomed.fittingRights());
    }
}

package capsid.kernel.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * IntMap and LongMap (the pid tables and the task table) agree with a TreeMap over
 * long seeded runs of puts and removes on a small key range, so that probing runs
 * collide, wrap around the table's end, grow, shrink and are shifted back on
 * removal.
 */
class OpenAddressingMapsTest {

    private static void checkInt(IntMap<String> m, TreeMap<Integer, String> model, int keyRange) {
        assertEquals(model.size(), m.size());
        assertEquals(model.isEmpty(), m.isEmpty());
        for (int k = 0; k < keyRange; k++) {
            assertEquals(model.get(k), m.get(k), "get " + k);
            assertEquals(model.containsKey(k), m.containsKey(k), "containsKey " + k);
        }
        assertArrayEquals(model.keySet().stream().mapToInt(Integer::intValue).toArray(), m.sortedKeys());
        List<Integer> seen = new ArrayList<>();
        m.forEachKey(seen::add);
        seen.sort(null);
        assertEquals(new ArrayList<>(model.keySet()), seen);
    }

    private static void checkLong(LongMap<String> m, TreeMap<Long, String> model, int keyRange) {
        assertEquals(model.size(), m.size());
        assertEquals(model.isEmpty(), m.isEmpty());
        for (long k = 0; k < keyRange; k++) {
            assertEquals(model.get(k), m.get(k), "get " + k);
            assertEquals(model.containsKey(k), m.containsKey(k), "containsKey " + k);
        }
        assertArrayEquals(model.keySet().stream().mapToLong(Long::longValue).toArray(), m.sortedKeys());
        List<Long> seen = new ArrayList<>();
        m.forEachKey(seen::add);
        seen.sort(null);
        assertEquals(new ArrayList<>(model.keySet()), seen);
    }

    @Test
    void intMapAgreesWithATreeMap() {
        for (int keyRange : new int[] {8, 40, 300, 2000}) {
            SplittableRandom r = new SplittableRandom(keyRange);
            IntMap<String> m = new IntMap<>();
            TreeMap<Integer, String> model = new TreeMap<>();
            for (int step = 0; step < 12000; step++) {
                int k = r.nextInt(keyRange);
                // phases: mostly puts, then mostly removes, so the table grows and shrinks
                boolean put = (step / 3000) % 2 == 0 ? r.nextInt(4) != 0 : r.nextInt(4) == 0;
                if (put) {
                    String v = "v" + step;
                    assertEquals(model.put(k, v), m.put(k, v), "put " + k);
                } else {
                    assertEquals(model.remove(k), m.remove(k), "remove " + k);
                }
                if (step % 97 == 0) {
                    checkInt(m, model, keyRange);
                }
            }
            for (int k : m.sortedKeys()) {
                assertEquals(model.remove(k), m.remove(k));
            }
            checkInt(m, model, keyRange);
        }
    }

    @Test
    void longMapAgreesWithATreeMap() {
        for (int keyRange : new int[] {8, 40, 300, 2000}) {
            SplittableRandom r = new SplittableRandom(-keyRange);
            LongMap<String> m = new LongMap<>(64);
            TreeMap<Long, String> model = new TreeMap<>();
            for (int step = 0; step < 12000; step++) {
                long k = r.nextInt(keyRange);
                boolean put = (step / 3000) % 2 == 0 ? r.nextInt(4) != 0 : r.nextInt(4) == 0;
                if (put) {
                    String v = "v" + step;
                    assertEquals(model.put(k, v), m.put(k, v), "put " + k);
                } else {
                    assertEquals(model.remove(k), m.remove(k), "remove " + k);
                }
                if (step % 97 == 0) {
                    checkLong(m, model, keyRange);
                }
            }
            for (long k : m.sortedKeys()) {
                assertEquals(model.remove(k), m.remove(k));
            }
            checkLong(m, model, keyRange);
        }
    }

    @Test
    void negativeKeysAreAbsentAndRefused() {
        IntMap<String> im = new IntMap<>();
        im.put(0, "zero");
        assertNull(im.get(-1));
        assertNull(im.remove(-1));
        assertFalse(im.containsKey(-1));
        assertEquals("zero", im.get(0));
        assertThrows(IllegalArgumentException.class, () -> im.put(-1, "x"));
        assertThrows(IllegalArgumentException.class, () -> im.put(1, null));
        assertEquals(1, im.size());
        LongMap<String> lm = new LongMap<>();
        lm.put(0, "zero");
        assertNull(lm.get(-1));
        assertNull(lm.remove(-1));
        assertFalse(lm.containsKey(-1));
        assertThrows(IllegalArgumentException.class, () -> lm.put(-1, "x"));
        assertThrows(IllegalArgumentException.class, () -> lm.put(1, null));
        assertEquals(1, lm.size());
        assertTrue(new LongMap<String>().isEmpty());
        assertTrue(new IntMap<String>(100).isEmpty());
    }

    @Test
    void removingAnAbsentKeyChangesNothing() {
        IntMap<String> m = new IntMap<>();
        for (int k = 0; k < 10; k++) {
            m.put(k * 16, "v" + k);
        }
        assertNull(m.remove(5));
        assertEquals(10, m.size());
        LongMap<String> l = new LongMap<>();
        for (long k = 0; k < 10; k++) {
            l.put(k * 16, "v" + k);
        }
        assertNull(l.remove(5));
        assertEquals(10, l.size());
    }

    @Test
    void idsCountPerKindFromOne() {
        Ids ids = new Ids();
        assertEquals("", ids.describe());
        assertEquals(1, ids.next("pidns"));
        assertEquals(2, ids.next("pidns"));
        Ids.Counter uts = ids.counter("utsns");
        assertEquals(1, uts.next());
        assertEquals(java.util.Map.of("pidns", 3L, "utsns", 2L), ids.nextIds());
        assertEquals(" pidns=3 utsns=2", ids.describe());
        assertEquals(3, ids.counter("pidns").next(), "the same counter per kind");
    }
}

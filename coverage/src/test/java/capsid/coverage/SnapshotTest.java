package capsid.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Snapshots merge by id and survive a JSON round trip. */
class SnapshotTest {
    static final ProbeInfo A = new ProbeInfo("a/B", "m", "(I)V", 0, ProbeKind.ENTRY, 12,
            List.of(new ActionRef("Spec", "Act"), new ActionRef("Spec", "Other")));
    static final ProbeInfo B = new ProbeInfo("a/B", "m", "(I)V", 1, ProbeKind.TAKEN, 13, List.of());
    static final ProbeInfo C = new ProbeInfo("a/B$C", "q\"\\uote\n", "()Ljava/lang/String;", 0, ProbeKind.DEFAULT,
            -1, List.of());

    @Test
    void mergesByIdAddingCounts() {
        CoverageSnapshot x = new CoverageSnapshot.Builder().add(A, 2).add(B, 0).build();
        CoverageSnapshot y = new CoverageSnapshot.Builder().add(A, 3).add(C, 1).build();
        CoverageSnapshot m = x.merge(y);
        assertEquals(5, m.count(A.id()));
        assertEquals(0, m.count(B.id()));
        assertEquals(1, m.count(C.id()));
        assertEquals(3, m.entries().size());
        assertEquals(2, m.hit());
    }

    @Test
    void roundTripsThroughJson() {
        CoverageSnapshot x = new CoverageSnapshot.Builder().add(A, 7).add(B, 0).add(C, 1L << 40).build();
        String json = x.toJson();
        CoverageSnapshot y = CoverageSnapshot.fromJson(json);
        assertEquals(x.entries(), y.entries());
        assertEquals(json, y.toJson());
        assertTrue(json.contains("\"actions\":[\"Spec.Act\",\"Spec.Other\"]"), json);
    }

    @Test
    void badJsonIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CoverageSnapshot.fromJson("{\"format\":\"capsid-coverage/1\",\"probes\":[{\"id\":1}]}"));
        assertTrue(e.getMessage().contains("probe 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CoverageSnapshot.fromJson("{\"probes\":[}"));
        assertTrue(e.getMessage().contains("offset"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CoverageSnapshot.fromJson("{\"format\":\"x\"}"));
        assertTrue(e.getMessage().contains("not a coverage snapshot"), e.getMessage());
    }
}

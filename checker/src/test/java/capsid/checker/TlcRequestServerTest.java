package capsid.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A distributed request (a server port) is refused with deadlock checking, simulation, a dump or a bad port. */
class TlcRequestServerTest {
    private final TlcRequest base = TlcRequest.of(Path.of("Spec.tla")).withCheckDeadlock(false);

    @Test
    void aDistributedRequestKeepsItsPort() {
        assertEquals(12345, base.withServerPort(12345).serverPort());
        assertEquals(null, base.serverPort());
    }

    @Test
    void deadlockCheckingIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> base.withServerPort(12345).withCheckDeadlock(true));
        assertTrue(e.getMessage().contains("distributed TLC does not report deadlocks"), e.getMessage());
    }

    @Test
    void simulationADumpAndABadPortAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> base.withServerPort(1).withSimulation(2, 3))
                .getMessage().contains("no simulation, no state-graph dump"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> base.withServerPort(1).withDumpDot(Path.of("g.dot"))).getMessage().contains("no state-graph"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> base.withServerPort(70000))
                .getMessage().contains("server port must be 1..65535 (was 70000)"));
    }
}

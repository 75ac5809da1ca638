package capsid.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which runs get one worker (TLC 2.18 is unsound for liveness with more), decided from the model. */
class WorkerPolicyTest {
    private static String reason(String spec, String cfg) {
        return WorkerPolicy.oneWorkerReason(Specs.request(spec, cfg).withWorkers(2));
    }

    @Test
    void safetyModelsKeepTheirWorkers() {
        assertNull(reason("Counter", "Counter")); // INIT/NEXT, an invariant
        assertNull(reason("Counter", "CounterIncreasing")); // an action property [][A]_v is safety
        assertNull(reason("Ticker", "Ticker")); // tuples <<>> and comments with <> WF_ ~> are no operators
        assertEquals(2, WorkerPolicy.workers(Specs.request("Ticker", "Ticker").withWorkers(2)));
    }

    @Test
    void fairnessOrATemporalPropertyMeansOneWorker() {
        assertEquals("liveness: SPECIFICATION FairSpec has fairness", reason("Liveness", "Liveness"));
        assertEquals("liveness: PROPERTY YBecomesOne is temporal", reason("Liveness", "LivenessStutter"));
        assertEquals("liveness: SPECIFICATION Spec has fairness", reason("PingPong", "PingPong"));
        // the fairness is in a definition FairSpec uses, in the module TickerLive extends
        assertEquals("liveness: SPECIFICATION FairSpec has fairness (in Fairness)", reason("TickerLive", "TickerLive"));
        assertEquals("liveness: PROPERTY BackToZero is temporal", reason("Ticker", "TickerUnfair"));
        assertEquals(1, WorkerPolicy.workers(Specs.request("TickerLive", "TickerLive").withWorkers(2)));
    }

    @Test
    void aPropertyWithoutADefinitionMayBeTemporal(@TempDir Path dir) throws Exception {
        Files.copy(Specs.path("Counter.tla"), dir.resolve("Counter.tla"));
        Files.writeString(dir.resolve("C.cfg"), "CONSTANT N = 3\nINIT Init\nNEXT Next\nPROPERTY Elsewhere\n");
        assertEquals("liveness: PROPERTY Elsewhere has no definition in [Counter], so it may be temporal",
                WorkerPolicy.oneWorkerReason(TlcRequest.of(dir.resolve("Counter.tla"))
                        .withConfig(dir.resolve("C.cfg"))));
    }

    @Test
    void traceValidationMeansOneWorker(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("TraceFoo.tla"), "---- MODULE TraceFoo ----\nVARIABLE l\n====\n");
        Files.writeString(dir.resolve("Run.tla"), "---- MODULE Run ----\nEXTENDS Naturals, TraceFoo\nInit == l = 1\n"
                + "Next == l' = l\n====\n");
        Files.writeString(dir.resolve("Run.cfg"), "INIT Init\nNEXT Next\n");
        assertEquals("trace validation (Run extends TraceFoo)",
                WorkerPolicy.oneWorkerReason(TlcRequest.of(dir.resolve("Run.tla")).withWorkers(2)));
    }

    @Test
    void theRequestCanSaySo() {
        assertEquals("trace validation", WorkerPolicy.oneWorkerReason(Specs.request("Counter", "Counter")
                .withOneWorker("trace validation")));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Specs.request("Counter", "Counter").withOneWorker(" "));
    }

    /** The repository's own models: the liveness model gets one worker, the CI model keeps its workers. */
    @Test
    void theRepositorysModels() {
        Path spec = Path.of(System.getProperty("capsid.root", ".."), "spec");
        TlcRequest mc = TlcRequest.of(spec.resolve("MCNamespaceUnshare.tla")).withWorkers(2);
        assertNull(WorkerPolicy.oneWorkerReason(mc.withConfig(spec.resolve("MCNamespaceUnshare.cfg"))));
        assertEquals("liveness: SPECIFICATION FairSpec has fairness",
                WorkerPolicy.oneWorkerReason(mc.withConfig(spec.resolve("MCNamespaceUnshareLiveness.cfg"))));
        assertEquals("trace validation (TraceNamespaceUnshare)", WorkerPolicy.oneWorkerReason(
                TlcRequest.of(spec.resolve("TraceNamespaceUnshare.tla"))
                        .withConfig(spec.resolve("MCNamespaceUnshare.cfg"))));
    }
}

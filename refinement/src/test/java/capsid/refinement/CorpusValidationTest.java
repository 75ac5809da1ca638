package capsid.refinement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.gen.fuzz.Campaign;
import capsid.gen.fuzz.FallbackFeedback;
import capsid.gen.fuzz.FuzzStep;
import capsid.gen.fuzz.Program;
import capsid.kernel.BootConfig;
import capsid.kernel.Kernel;
import capsid.kernel.call.Call;
import capsid.kernel.call.Flags;
import capsid.kernel.call.NsType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A campaign's corpus is validated against the spec: the programs it keeps are
 * behaviours of NamespaceUnshare once what the spec does not model is projected away;
 * an unreadable entry is an error that names the file.
 */
class CorpusValidationTest {

    @Test
    void aCampaignsCorpusIsABehaviourOfTheSpec(@TempDir Path dir) throws Exception {
        Path corpus = dir.resolve("corpus");
        Campaign c = new Campaign(Campaign.Options.defaults(5).withDirs(corpus, dir.resolve("out")), Kernel::syscall,
                List.of(), new FallbackFeedback(), m -> { });
        assertTrue(c.runFor(300), "the campaign found a failure");
        Files.writeString(corpus.resolve("00-corrupt.csc"), "boot\ninit fork => \n");
        CorpusValidation.Result r = CorpusValidation.validate(corpus, 8, TraceValidationTest.SPEC,
                Duration.ofMinutes(2));
        assertEquals(8, r.validated(), r.toString());
        assertTrue(r.projected() > 0, "the generator draws ipc/net/user flags too, so some entries are projected: "
                + r);
        assertEquals(List.of(), r.rejected(), r.toString());
        assertEquals(1, r.errors().size(), r.toString());
        assertTrue(r.errors().get(0).contains("00-corrupt.csc"), r.errors().toString());
        assertTrue(r.events() > r.validated(), "logs beyond the boot event: " + r);
    }

    @Test
    void inSpecRefusesWhatTheSpecDoesNotModelAndTheProjectionRemovesIt() {
        BootConfig b = BootConfig.DEFAULT;
        assertTrue(CorpusValidation.inSpec(new Program(1, 2, b, List.of(FuzzStep.of(0, new Call.Fork(Flags.NEWPID
                | Flags.NEWUTS | Flags.NEWNS)), FuzzStep.of(0, new Call.NsOpen(1, NsType.PID.ordinal()))))));
        for (Call outside : List.of(new Call.Fork(Flags.NEWNET), new Call.Unshare(Flags.NEWIPC | Flags.NEWPID),
                new Call.NsOpen(1, NsType.USER.ordinal()))) {
            Program p = new Program(1, 1, b, List.of(FuzzStep.of(0, outside)));
            assertFalse(CorpusValidation.inSpec(p), outside.toString());
            assertTrue(CorpusValidation.inSpec(CorpusValidation.projectToSpec(p)), outside.toString());
        }
    }
}

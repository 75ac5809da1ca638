package capsid.refinement.mutants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A campaign's Alloy kernel-instance check ({@code capsid fuzz}'s sampling of states
 * into model/CapabilityConfinement.als) catches a broken kernel by itself: the bug is
 * compiled in and the kernel's own capability checks (CapInvariants, CapStepChecks)
 * are blinded, so the only check left that can see it is the Alloy one. The failure
 * is the check's, at the step of the bug's call, for the model invariant the bug
 * breaks, and it shrinks to a {@code .csc} under the failures directory. The
 * unbroken kernel passes the same check.
 */
class AlloyCampaignTest {
    static final Path MODEL = Path.of(System.getProperty("capsid.root", ".."), "model", "CapabilityConfinement.als");

    @TempDir
    Path work;

    @SuppressWarnings("unchecked")
    private List<String> campaign(ClassLoader loader, long seed, int programs) throws Exception {
        Class<?> h = Class.forName(MutantHarness.class.getName(), true, loader);
        Method m = h.getMethod("alloyCampaign", String.class, String.class, String.class, long.class, int.class);
        return (List<String>) m.invoke(null, MODEL.toString(), work.resolve("alloy").toString(),
                work.resolve("failures").toString(), seed, programs);
    }

    @ParameterizedTest
    @CsvSource({"RIGHTS_AMPLIFIED_ON_DERIVE, RightsNeverGrow, cap_derive",
        "BADGE_OVERWRITTEN_BY_DERIVE, BadgeInherited, cap_derive"})
    void theAlloyCheckAloneCatchesTheBugAndItShrinksToAScript(CapBug bug, String invariant, String call)
            throws Exception {
        List<String> f = campaign(MutantLoader.blind(getClass().getClassLoader(), bug), 1, 50);
        assertTrue(f.size() > 1, bug + " went unseen by the Alloy check (" + f.get(0) + " states checked)");
        assertEquals("KernelInstance", f.get(0), bug + ": " + f);
        String detail = f.get(2);
        assertTrue(detail.contains("breaks " + invariant + " of model/CapabilityConfinement.als"), detail);
        Path file = Path.of(f.get(3));
        assertTrue(Files.isRegularFile(file) && file.getFileName().toString().endsWith(".csc"), f.get(3));
        assertTrue(file.startsWith(work.resolve("failures")), file.toString());
        String csc = Files.readString(file);
        assertTrue(csc.contains("property: KernelInstance"), csc);
        assertTrue(Integer.parseInt(f.get(5)) <= Integer.parseInt(f.get(4)), f.get(4) + " -> " + f.get(5));
        // the failing step (the shrunk program's last) is the bug's call
        List<String> calls = csc.lines().filter(l -> !l.isBlank() && !l.startsWith("#") && !l.equals("boot")
                && !l.equals("invariants")).toList();
        assertTrue(calls.get(calls.size() - 1).matches("\\S+\\s+" + call + " .*"), csc);
    }

    @Test
    void theUnbrokenKernelPassesTheAlloyCheck() throws Exception {
        List<String> f = campaign(getClass().getClassLoader(), 1, 20);
        assertEquals(1, f.size(), "a failure on the unbroken kernel: " + f);
        assertTrue(Long.parseLong(f.get(0)) >= 10, f.get(0) + " states checked");
    }
}

package capsid.refinement.alloy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.checker.alloy.Alloy;
import capsid.kernel.Kernel;
import capsid.kernel.call.Rights;
import capsid.scenario.Parser;
import capsid.scenario.Report;
import capsid.scenario.ScenarioRunner;
import edu.mit.csail.sdg.translator.A4Solution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Alloy instance (the last state of a trace of the model) becomes a scenario that
 * builds it; the kernel after running the scenario exports the same forest.
 */
class ForestScenarioTest {
    private static final Path MODEL = Path.of("..", "model", "CapabilityConfinement.als");

    @TempDir
    Path work;

    private ForestScenario.Forest instance(String condition) throws Exception {
        Files.copy(MODEL, work.resolve(MODEL.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Path f = work.resolve("Forest.als");
        Files.writeString(f, "module Forest\nopen CapabilityConfinement\nrun Forest { traces[Correct] and "
                + condition + " } for 4 but 3 Proc, 2 Obj, 1 Badge, exactly 5 State\n");
        Alloy.Model m = Alloy.parse(f);
        A4Solution s = Alloy.solve(m, m.command("Forest"));
        assertTrue(s.satisfiable(), "no instance of " + condition);
        return ForestScenario.read(m, s, "last");
    }

    /** A forest's shape: per capability, its holder's and object's rank, rights, badge, and whether it is a root. */
    private static List<String> shape(ForestScenario.Forest f) {
        List<String> out = new ArrayList<>();
        for (ForestScenario.Node c : f.caps()) {
            int bits = 0;
            for (String r : c.rights()) {
                bits |= Rights.bit(r.toLowerCase(java.util.Locale.ROOT));
            }
            out.add(f.holders().indexOf(c.holder()) + " " + f.objects().indexOf(c.obj()) + " " + bits + " "
                    + (c.badge() == null ? 0 : c.badge()) + " " + (c.parent() == null ? "root" : "child"));
        }
        out.sort(null);
        return out;
    }

    /** The kernel's forest in the same terms (holders with a capability ranked by task id, objects by id). */
    private static List<String> shape(CapForest k) {
        TreeMap<Long, Integer> holders = new TreeMap<>();
        TreeMap<Long, Integer> objs = new TreeMap<>();
        k.caps().forEach(c -> holders.put(c.slot().proc(), 0));
        k.caps().forEach(c -> objs.put(Long.parseLong(c.object().replaceAll(".*#", "")), 0));
        List<Long> hs = new ArrayList<>(holders.keySet());
        List<Long> os = new ArrayList<>(objs.keySet());
        List<String> out = new ArrayList<>();
        for (CapForest.Cap c : k.caps()) {
            out.add(hs.indexOf(c.slot().proc()) + " " + os.indexOf(Long.parseLong(c.object().replaceAll(".*#", "")))
                    + " " + c.rights() + " " + c.badge() + " " + (c.parent() == null ? "root" : "child"));
        }
        out.sort(null);
        return out;
    }

    @Test
    void aForestOfRootsAcrossProcessesIsBuiltAsTheInstanceHasIt() throws Exception {
        ForestScenario.Forest f = instance("#last.caps = 3 and #last.caps.holder = 2 and #last.caps.obj = 2 and no last.cdt");
        assertEquals(3, f.caps().size());
        String csc = ForestScenario.script(f);
        List<Kernel> kernels = new ArrayList<>();
        Report r = ScenarioRunner.run(Parser.parse("forest.csc", csc), Kernel::syscall, kernels::add);
        assertTrue(r.ok(), csc + "\n" + r.text());
        CapForest k = CapForest.fromSnapshot(kernels.get(kernels.size() - 1).snapshot());
        assertEquals(shape(f), shape(k), csc);
    }

    @Test
    void aForestWithADerivedChildIsRefusedByName() throws Exception {
        ForestScenario.Forest f = instance("some last.cdt");
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> ForestScenario.script(f));
        assertTrue(e.getMessage().matches(".* is a child of .*: building it needs cap_(derive|grant), .*"),
                e.getMessage());
    }
}

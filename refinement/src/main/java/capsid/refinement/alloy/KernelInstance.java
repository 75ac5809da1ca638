package capsid.refinement.alloy;

import capsid.checker.alloy.Alloy;
import capsid.checker.alloy.AlloyError;
import capsid.kernel.call.Rights;
import edu.mit.csail.sdg.translator.A4Solution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The model's state invariants evaluated on a kernel state: the {@link CapForest} is
 * written as an Alloy module that opens model/CapabilityConfinement.als and pins
 * every relation of one State to the exported tuples (one atom per process, object,
 * badge and capability, each a {@code one sig}; facts equate each field to its
 * tuples; the run's scope is exact), solved once with SAT4J, and each invariant
 * predicate of the model is evaluated on that one solution with Alloy's evaluator.
 * Alloy 6 has no partial instances, so this is how an exact instance is given.
 *
 * <p>What the export cannot know is pinned to what is known: {@code born = live},
 * {@code made = objs =} the objects some capability names (so CapsNameLiveObjects
 * holds by construction until destroyed objects are visible), no {@code forkParent}
 * and no {@code origin} (the trace properties are not single-state ones).
 */
public final class KernelInstance {
    /** The model's single-state invariants, as its predicates are named. */
    public static final List<String> INVARIANTS = List.of("RightsNeverGrow", "DescendantsSameObject",
            "EdgesBetweenLiveCaps", "DerivationIsForest", "CapsNameLiveObjects", "BadgeInherited");

    private final Path model;
    private final Path work;

    /**
     * @param model model/CapabilityConfinement.als
     * @param work a scratch directory (the model is copied there beside each export)
     */
    public KernelInstance(Path model, Path work) throws IOException {
        this.model = model;
        this.work = work;
        Files.createDirectories(work);
        Files.copy(model, work.resolve(model.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The verdict on one state: each invariant, true when it holds. */
    public record Verdict(Map<String, Boolean> invariants) {
        public List<String> broken() {
            return invariants.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
        }

        public boolean ok() {
            return broken().isEmpty();
        }
    }

    /** Writes the export of {@code f}, solves it, and evaluates every invariant. */
    public Verdict check(CapForest f) throws AlloyError, IOException {
        Path file = work.resolve("KernelState.als");
        Files.writeString(file, text(f, model.getFileName().toString().replaceAll("\\.als$", "")));
        Alloy.Model m = Alloy.parse(file);
        A4Solution s = Alloy.solve(m, m.command("Exported"));
        if (!s.satisfiable()) {
            throw new AlloyError(file.toString(), 0, 0, "the exported state does not fit the model's declarations "
                    + "(a field's multiplicity)");
        }
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (String inv : INVARIANTS) {
            out.put(inv, Alloy.holds(m, s, inv + "[K]"));
        }
        return new Verdict(out);
    }

    private static String proc(long tid) {
        return tid < 0 ? "PGone" : "P" + tid;
    }

    private static String cap(CapForest.Slot s) {
        return s.proc() < 0 ? "CGone" : "C" + s.proc() + "_" + s.fd();
    }

    private static String obj(String o) {
        return "O_" + o.replaceAll("[^A-Za-z0-9]", "_");
    }

    private static String union(List<String> xs) {
        return xs.isEmpty() ? "none" : String.join(" + ", xs);
    }

    /**
     * The Alloy text of {@code f}: a module opening {@code modelModule} with one
     * State {@code K} and a command {@code Exported} whose scope is exact.
     */
    public static String text(CapForest f, String modelModule) {
        List<String> procs = new ArrayList<>();
        f.live().forEach(p -> procs.add(proc(p)));
        List<String> caps = new ArrayList<>();
        List<String> objs = new ArrayList<>();
        List<String> badges = new ArrayList<>();
        List<String> holder = new ArrayList<>();
        List<String> obj = new ArrayList<>();
        List<String> rights = new ArrayList<>();
        List<String> badge = new ArrayList<>();
        List<String> cdt = new ArrayList<>();
        boolean gone = false;
        for (CapForest.Cap c : f.caps()) {
            String n = cap(c.slot());
            caps.add(n);
            if (!procs.contains(proc(c.slot().proc()))) {
                procs.add(proc(c.slot().proc())); // a holder that is not live: the export says so
            }
            holder.add(n + "->" + proc(c.slot().proc()));
            if (!objs.contains(obj(c.object()))) {
                objs.add(obj(c.object()));
            }
            obj.add(n + "->" + obj(c.object()));
            for (int b = 0; b < 5; b++) {
                if ((c.rights() & (1 << b)) != 0) {
                    rights.add(n + "->" + List.of("R", "W", "X", "Grant", "Destroy").get(b));
                }
            }
            if (c.badge() != 0) {
                String b = "B" + c.badge();
                if (!badges.contains(b)) {
                    badges.add(b);
                }
                badge.add(n + "->" + b);
            }
            if (c.parent() != null) {
                boolean known = f.cap(c.parent()) != null;
                gone |= !known;
                cdt.add(n + "->" + (known ? cap(c.parent()) : "CGone"));
            }
        }
        List<String> allCaps = new ArrayList<>(caps);
        if (gone) {
            allCaps.add("CGone"); // a parent that is in no table
        }
        StringBuilder sb = new StringBuilder();
        sb.append("module KernelState\nopen ").append(modelModule).append("\n\n");
        sb.append("/* exported from the kernel: ").append(f.caps().size()).append(" capabilities of ")
                .append(f.live().size()).append(" live processes (rights bits ")
                .append(Rights.render(Rights.ALL)).append(") */\n");
        sb.append("one sig K extends State {}\n");
        decl(sb, procs, "Proc");
        decl(sb, objs, "Obj");
        decl(sb, badges, "Badge");
        decl(sb, allCaps, "Cap");
        List<String> goneHolder = new ArrayList<>(holder);
        List<String> goneObj = new ArrayList<>(obj);
        if (gone) {
            if (!procs.contains("PGone")) {
                procs.add("PGone");
                sb.append("one sig PGone extends Proc {}\n");
            }
            goneHolder.add("CGone->PGone");
            if (objs.isEmpty()) {
                objs.add("O_gone");
                sb.append("one sig O_gone extends Obj {}\n");
            }
            goneObj.add("CGone->" + objs.get(0));
        }
        sb.append("\nfact Pinned {\n");
        sb.append("  Proc = ").append(union(procs)).append("\n");
        sb.append("  Obj = ").append(union(objs)).append("\n");
        sb.append("  Badge = ").append(union(badges)).append("\n");
        sb.append("  Cap = ").append(union(allCaps)).append("\n");
        sb.append("  no forkParent\n");
        sb.append("  ").append(eq("holder", goneHolder)).append("\n");
        sb.append("  ").append(eq("obj", goneObj)).append("\n");
        sb.append("  ").append(eq("rights", rights)).append("\n");
        sb.append("  ").append(eq("badge", badge)).append("\n");
        List<String> live = f.live().stream().map(KernelInstance::proc).toList();
        sb.append("  K.live = ").append(union(live)).append(" and K.born = K.live\n");
        sb.append("  K.objs = ").append(union(objs)).append(" and K.made = K.objs\n");
        sb.append("  K.caps = ").append(union(caps)).append("\n");
        sb.append("  ").append(eq("K.cdt", cdt)).append("\n");
        sb.append("  no K.origin\n}\n\n");
        StringJoiner scope = new StringJoiner(", ", "run Exported {} for ", "\n");
        scope.add("exactly 1 State").add("exactly " + procs.size() + " Proc").add("exactly " + objs.size() + " Obj")
                .add("exactly " + badges.size() + " Badge").add("exactly " + allCaps.size() + " Cap");
        sb.append(scope);
        return sb.toString();
    }

    /** {@code NAME = a + b}, or {@code no NAME} for no tuple (so the arity needs no {@code none->none}). */
    private static String eq(String name, List<String> tuples) {
        return tuples.isEmpty() ? "no " + name : name + " = " + String.join(" + ", tuples);
    }

    private static void decl(StringBuilder sb, List<String> atoms, String sig) {
        if (!atoms.isEmpty()) {
            sb.append("one sig ").append(String.join(", ", atoms)).append(" extends ").append(sig).append(" {}\n");
        }
    }
}

package capsid.checker.alloy;

import edu.mit.csail.sdg.alloy4.A4Reporter;
import edu.mit.csail.sdg.alloy4.Err;
import edu.mit.csail.sdg.ast.Command;
import edu.mit.csail.sdg.ast.Expr;
import edu.mit.csail.sdg.parser.CompModule;
import edu.mit.csail.sdg.parser.CompUtil;
import edu.mit.csail.sdg.translator.A4Options;
import edu.mit.csail.sdg.translator.A4Solution;
import edu.mit.csail.sdg.translator.TranslateAlloyToKodkod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import kodkod.engine.satlab.SATFactory;

/**
 * Alloy 6 in process, with SAT4J: parse a model, run its commands, evaluate
 * expressions on a solution. Knows nothing of the kernel.
 *
 * <pre>{@code
 * Alloy.Model m = Alloy.parse(Path.of("model/CapabilityConfinement.als"));   // AlloyError: FILE:LINE:COL: message
 * List<AlloyCheck> checks = Alloy.runAll(m);          // one per command, in the file's order
 * A4Solution s = Alloy.solve(m, m.command("Exported"));
 * boolean holds = Alloy.holds(m, s, "RightsNeverGrow[State]");
 * }</pre>
 */
public final class Alloy {
    static {
        // the dist jar bundles slf4j-simple, which logs every solver step at INFO on stderr
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
    }

    /** The Alloy release this runs (the dist jar's version). */
    public static final String VERSION = "6.2.0";

    private Alloy() {
    }

    /** A parsed, type-checked model: its file name (as given) and Alloy's module. */
    public record Model(String file, CompModule module) {
        /** The commands, in the file's order. */
        public List<Command> commands() {
            return module.getAllCommands();
        }

        /** The command labelled {@code name}. */
        public Command command(String name) {
            for (Command c : commands()) {
                if (c.label.equals(name)) {
                    return c;
                }
            }
            throw new IllegalArgumentException(file + ": no command " + name);
        }
    }

    /** Parses and type-checks the model in {@code file} (modules it opens are looked up beside it). */
    public static Model parse(Path file) throws AlloyError {
        if (!Files.isRegularFile(file)) {
            throw new AlloyError(file.toString(), 0, 0, "no such file");
        }
        String name = file.toString();
        try {
            return new Model(name, CompUtil.parseEverything_fromFile(A4Reporter.NOP, new HashMap<>(), name));
        } catch (Err e) {
            throw AlloyError.of(e, name);
        }
    }

    /** Parses a model given as text; {@code name} is the file name used in error messages. */
    public static Model parse(String name, String text) throws AlloyError {
        try {
            return new Model(name, CompUtil.parseEverything_fromString(A4Reporter.NOP, text));
        } catch (Err e) {
            throw AlloyError.of(e, name);
        }
    }

    /** The options every run uses: SAT4J, in process, no skolem depth beyond Alloy's default. */
    static A4Options options() {
        A4Options opt = new A4Options();
        opt.solver = SATFactory.get("sat4j");
        return opt;
    }

    /** Solves one command of {@code m}. */
    public static A4Solution solve(Model m, Command c) throws AlloyError {
        try {
            return TranslateAlloyToKodkod.execute_command(A4Reporter.NOP, m.module().getAllReachableSigs(), c,
                    options());
        } catch (Err e) {
            throw AlloyError.of(e, m.file());
        }
    }

    /** Runs one command and times it. */
    public static AlloyCheck run(Model m, Command c) throws AlloyError {
        long t0 = System.nanoTime();
        A4Solution s = solve(m, c);
        double secs = (System.nanoTime() - t0) / 1e9;
        return new AlloyCheck(c.label, c.check, scope(c), c.expects, s.satisfiable(), secs, c.pos.y);
    }

    /** Runs every command of {@code m}, in order. */
    public static List<AlloyCheck> runAll(Model m) throws AlloyError {
        List<AlloyCheck> out = new ArrayList<>();
        for (Command c : m.commands()) {
            out.add(run(m, c));
        }
        return out;
    }

    /** The scope part of the command as Alloy prints it ({@code for 4 but exactly 6 State}). */
    static String scope(Command c) {
        String s = c.toString();
        int i = s.indexOf(" for ");
        String scope = i < 0 ? "default (3)" : s.substring(i + 1);
        return scope.replaceAll(" expect \\d+$", "");
    }

    /**
     * Evaluates the formula {@code formula} (Alloy syntax, over the model's names) on
     * {@code solution}, a satisfiable one.
     */
    public static boolean holds(Model m, A4Solution solution, String formula) throws AlloyError {
        try {
            Expr e = CompUtil.parseOneExpression_fromString(m.module(), formula);
            Object v = solution.eval(e);
            if (!(v instanceof Boolean b)) {
                throw new AlloyError(m.file(), 0, 0, "not a formula: " + formula);
            }
            return b;
        } catch (Err e) {
            throw AlloyError.of(e, m.file());
        }
    }

    /**
     * The tuples of the expression {@code expr} on {@code solution}, each as its atoms'
     * names ({@code Cap$0}); a formula is an error.
     */
    public static List<List<String>> tuples(Model m, A4Solution solution, String expr) throws AlloyError {
        try {
            Object v = solution.eval(CompUtil.parseOneExpression_fromString(m.module(), expr));
            if (!(v instanceof edu.mit.csail.sdg.translator.A4TupleSet ts)) {
                throw new AlloyError(m.file(), 0, 0, "not a relation: " + expr);
            }
            List<List<String>> out = new ArrayList<>();
            for (edu.mit.csail.sdg.translator.A4Tuple t : ts) {
                List<String> atoms = new ArrayList<>();
                for (int i = 0; i < t.arity(); i++) {
                    atoms.add(t.atom(i));
                }
                out.add(atoms);
            }
            return out;
        } catch (Err e) {
            throw AlloyError.of(e, m.file());
        }
    }
}

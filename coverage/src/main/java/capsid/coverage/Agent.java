package capsid.coverage;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;

/**
 * The coverage agent: {@code -javaagent:capsid.jar[=prefix=a/b/,prefix=c/,exclude=a/b/C,annotation=a/b/Ann]}
 * instruments every class whose internal name starts with one of the prefixes
 * (default {@code capsid/kernel/}) and with none of the exclusions as it is loaded
 * ({@link Instrumenter}).
 *
 * <p>The default exclusions are the kernel's observers ({@link #DEFAULT_EXCLUDES}):
 * the invariant checkers (full and incremental, the cap package's too), the step
 * checks, the snapshot and its fingerprints (full and incremental), the dirty set
 * the mutators mark for them, the state views. They run after every step of a campaign, never on behalf of a call, so their branches
 * say nothing about what the calls did (and every program reaches the same ones),
 * and probing them would only slow campaigns down. {@code exclude=-} instruments
 * them too.
 */
public final class Agent {
    /** The default prefix: the kernel. */
    public static final String DEFAULT_PREFIX = "capsid/kernel/";

    /** Classes (internal-name prefixes) not instrumented unless {@code exclude=} says otherwise. */
    public static final List<String> DEFAULT_EXCLUDES = List.of("capsid/kernel/process/Invariants",
            "capsid/kernel/process/StepChecks", "capsid/kernel/process/Snapshot", "capsid/kernel/process/StateViews",
            "capsid/kernel/StateView", "capsid/kernel/ProcessView", "capsid/kernel/process/IncrementalInvariants",
            "capsid/kernel/process/Fingerprint", "capsid/kernel/util/DirtySet", "capsid/kernel/cap/CapInvariants",
            "capsid/kernel/cap/CapStepChecks");

    private Agent() {
    }

    public static void premain(String args, Instrumentation inst) {
        Probes.markInstalled();
        inst.addTransformer(new Transformer(prefixes(args), excludes(args), options(args)), false);
    }

    public static void agentmain(String args, Instrumentation inst) {
        premain(args, inst);
    }

    /** The prefixes named by agent arguments {@code prefix=P[,prefix=Q…]}; the default when none. */
    static List<String> prefixes(String args) {
        List<String> out = new ArrayList<>();
        for (String v : values(args, "prefix")) {
            out.add(v.replace('.', '/'));
        }
        return out.isEmpty() ? List.of(DEFAULT_PREFIX) : out;
    }

    /** The exclusions named by {@code exclude=P[,exclude=Q…]}; the defaults when none; none for {@code exclude=-}. */
    static List<String> excludes(String args) {
        List<String> out = new ArrayList<>();
        for (String v : values(args, "exclude")) {
            if (!v.equals("-")) {
                out.add(v.replace('.', '/'));
            }
        }
        return out.isEmpty() && values(args, "exclude").isEmpty() ? DEFAULT_EXCLUDES : out;
    }

    /**
     * The annotation linking methods to spec actions: {@code annotation=a/b/Name}
     * (its container is {@code a/b/Name$List}); the kernel's SpecAction by default.
     */
    static Instrumenter.Options options(String args) {
        List<String> a = values(args, "annotation");
        if (a.isEmpty()) {
            return Instrumenter.Options.KERNEL;
        }
        String n = a.get(a.size() - 1).replace('.', '/');
        return new Instrumenter.Options("L" + n + ";", "L" + n + "$List;");
    }

    private static List<String> values(String args, String key) {
        List<String> out = new ArrayList<>();
        if (args != null) {
            for (String a : args.split(",")) {
                a = a.trim();
                if (a.isEmpty()) {
                    continue;
                }
                if (!a.startsWith("prefix=") && !a.startsWith("exclude=") && !a.startsWith("annotation=")) {
                    throw new IllegalArgumentException("capsid coverage agent: unknown argument '" + a
                            + "' (expected prefix=INTERNAL/NAME/PREFIX, exclude=INTERNAL/NAME/PREFIX or "
                            + "annotation=INTERNAL/NAME)");
                }
                if (a.startsWith(key + "=")) {
                    out.add(a.substring(key.length() + 1));
                }
            }
        }
        return out;
    }

    /** The agent's own package (never instrumented: the probes call into it). */
    static boolean isRuntime(String className) {
        return className.startsWith("capsid/coverage/") && className.indexOf('/', "capsid/coverage/".length()) < 0
                || className.startsWith("org/objectweb/asm/");
    }

    /** Instruments matching classes; leaves a class as it is (and says so) when that fails. */
    static final class Transformer implements ClassFileTransformer {
        private final List<String> prefixes;
        private final List<String> excludes;
        private final Instrumenter.Options options;

        Transformer(List<String> prefixes, List<String> excludes, Instrumenter.Options options) {
            this.prefixes = List.copyOf(prefixes);
            this.excludes = List.copyOf(excludes);
            this.options = options;
        }

        @Override
        public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain pd,
                                byte[] bytes) {
            if (className == null || redefined != null || isRuntime(className)
                    || prefixes.stream().noneMatch(className::startsWith)
                    || excludes.stream().anyMatch(className::startsWith)) {
                return null;
            }
            try {
                Instrumenter.Result r = Instrumenter.instrument(bytes, options, loader);
                return r.probes().isEmpty() ? null : r.bytes();
            } catch (Throwable t) {
                System.err.println("capsid coverage: cannot instrument " + className + ": " + t);
                return null;
            }
        }
    }
}

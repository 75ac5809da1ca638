package capsid.coverage;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;

/**
 * The coverage agent: {@code -javaagent:capsid.jar[=prefix=a/b/,prefix=c/,annotation=a/b/Ann]}
 * instruments every class whose internal name starts with one of the prefixes
 * (default {@code capsid/kernel/}) as it is loaded ({@link Instrumenter}).
 */
public final class Agent {
    /** The default prefix: the kernel. */
    public static final String DEFAULT_PREFIX = "capsid/kernel/";

    private Agent() {
    }

    public static void premain(String args, Instrumentation inst) {
        Probes.markInstalled();
        inst.addTransformer(new Transformer(prefixes(args), options(args)), false);
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
                if (!a.startsWith("prefix=") && !a.startsWith("annotation=")) {
                    throw new IllegalArgumentException("capsid coverage agent: unknown argument '" + a
                            + "' (expected prefix=INTERNAL/NAME/PREFIX or annotation=INTERNAL/NAME)");
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
        private final Instrumenter.Options options;

        Transformer(List<String> prefixes, Instrumenter.Options options) {
            this.prefixes = List.copyOf(prefixes);
            this.options = options;
        }

        @Override
        public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain pd,
                                byte[] bytes) {
            if (className == null || redefined != null || isRuntime(className)
                    || prefixes.stream().noneMatch(className::startsWith)) {
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

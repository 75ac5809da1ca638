package capsid.cli;

import capsid.kernel.SpecAction;
import capsid.refinement.SpecLinks;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The kernel method behind a spec action, read from the {@code @SpecAction}
 * annotations of the kernel's classes: {@code (NamespaceUnshare, Fork)} is {@code
 * ProcessTable#fork}. What counterexamples of Capsid's own specs name beside each step.
 */
final class SpecActions {
    private static volatile Map<String, String> methods;

    private SpecActions() {
    }

    /** (module, action) to {@code Class#method}, or {@code null} when no kernel method carries that action. */
    static BiFunction<String, String, String> kernelMethods() {
        return (module, action) -> all().get(module + "!" + action);
    }

    private static Map<String, String> all() {
        Map<String, String> m = methods;
        if (m == null) {
            m = new HashMap<>();
            try {
                for (Class<?> c : SpecLinks.kernelClasses()) {
                    for (Method x : c.getDeclaredMethods()) {
                        for (SpecAction a : x.getAnnotationsByType(SpecAction.class)) {
                            m.putIfAbsent(a.spec() + "!" + a.action(), c.getSimpleName() + "#" + x.getName());
                        }
                    }
                }
            } catch (IllegalStateException | LinkageError e) {
                // no kernel classes to read: labels go without kernel methods
            }
            methods = m;
        }
        return m;
    }
}

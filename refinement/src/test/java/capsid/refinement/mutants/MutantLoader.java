package capsid.refinement.mutants;

import java.io.IOException;
import java.io.InputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Loads the kernel and everything that drives it (generators, refinement, these
 * mutant helpers) afresh, child first, with one {@link Bug} compiled into
 * ProcessTable; everything else (checker, JUnit, the JDK) comes from the parent.
 * Code in this loader sees only the broken kernel.
 */
final class MutantLoader extends ClassLoader {
    private static final String[] CHILD_FIRST = {"capsid.kernel.", "capsid.gen.", "capsid.scenario.",
        "capsid.refinement."};

    private final Bug bug;

    MutantLoader(ClassLoader parent, Bug bug) {
        super("mutant-" + bug, parent);
        this.bug = bug;
    }

    private static boolean childFirst(String name) {
        for (String p : CHILD_FIRST) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!childFirst(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                byte[] bytes = read(name);
                if (name.equals(Bug.CLASS)) {
                    bytes = mutate(bytes);
                }
                c = defineClass(name, bytes, 0, bytes.length);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    private byte[] read(String name) throws ClassNotFoundException {
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }

    private byte[] mutate(byte[] bytes) {
        ClassNode cn = new ClassNode();
        new ClassReader(bytes).accept(cn, 0);
        int found = 0;
        for (MethodNode m : cn.methods) {
            if (m.name.equals(bug.method())) {
                bug.apply(m);
                found++;
            }
        }
        if (found != 1) {
            throw new IllegalStateException(bug + ": " + found + " methods named " + bug.method());
        }
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS | ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                return MutantLoader.this;
            }
        };
        cn.accept(w);
        return w.toByteArray();
    }
}

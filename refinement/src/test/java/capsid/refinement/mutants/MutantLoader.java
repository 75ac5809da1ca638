package capsid.refinement.mutants;

import java.io.IOException;
import java.io.InputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Loads the kernel and everything that drives it (generators, refinement, these
 * mutant helpers) afresh, child first, with one deliberate bug compiled into one
 * kernel class ({@link Bug}: ProcessTable; {@link CapBug}: the cap package);
 * everything else (checker, JUnit, the JDK) comes from the parent. Code in this
 * loader sees only the broken kernel.
 */
final class MutantLoader extends ClassLoader {
    private static final String[] CHILD_FIRST = {"capsid.kernel.", "capsid.gen.", "capsid.scenario.",
        "capsid.refinement."};

    private final String className;
    private final String method;
    private final java.util.function.Consumer<MethodNode> apply;
    private final String what;
    private boolean blindCapChecks;

    MutantLoader(ClassLoader parent, Bug bug) {
        this(parent, bug.toString(), Bug.CLASS, bug.method(), bug::apply);
    }

    MutantLoader(ClassLoader parent, CapBug bug) {
        this(parent, bug.toString(), bug.className(), bug.method(), bug::apply);
    }

    /**
     * As {@link #MutantLoader(ClassLoader, CapBug)}, and with the kernel's own
     * capability checks blinded ({@code CapInvariants.check} and {@code
     * CapStepChecks.check} return no violation), so that a test sees what a check
     * outside the kernel (the Alloy kernel-instance check) catches by itself.
     */
    static MutantLoader blind(ClassLoader parent, CapBug bug) {
        MutantLoader l = new MutantLoader(parent, bug);
        l.blindCapChecks = true;
        return l;
    }

    private MutantLoader(ClassLoader parent, String what, String className, String method,
                         java.util.function.Consumer<MethodNode> apply) {
        super("mutant-" + what, parent);
        this.what = what;
        this.className = className;
        this.method = method;
        this.apply = apply;
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
                if (name.equals(className)) {
                    bytes = mutate(bytes);
                }
                if (blindCapChecks && BLINDED.contains(name)) {
                    bytes = blindCheck(bytes);
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

    private static final java.util.Set<String> BLINDED = java.util.Set.of("capsid.kernel.cap.CapInvariants",
            "capsid.kernel.cap.CapStepChecks");

    /** The class with its static {@code check} methods answering {@code List.of()}. */
    private byte[] blindCheck(byte[] bytes) {
        ClassNode cn = new ClassNode();
        new ClassReader(bytes).accept(cn, 0);
        int found = 0;
        for (MethodNode m : cn.methods) {
            if (m.name.equals("check") && m.desc.endsWith(")Ljava/util/List;")) {
                m.instructions.clear();
                m.tryCatchBlocks.clear();
                if (m.localVariables != null) {
                    m.localVariables.clear();
                }
                m.instructions.add(new org.objectweb.asm.tree.MethodInsnNode(org.objectweb.asm.Opcodes.INVOKESTATIC,
                        "java/util/List", "of", "()Ljava/util/List;", true));
                m.instructions.add(new org.objectweb.asm.tree.InsnNode(org.objectweb.asm.Opcodes.ARETURN));
                found++;
            }
        }
        if (found == 0) {
            throw new IllegalStateException(what + ": no check method to blind in " + cn.name);
        }
        return write(cn);
    }

    private byte[] mutate(byte[] bytes) {
        ClassNode cn = new ClassNode();
        new ClassReader(bytes).accept(cn, 0);
        int found = 0;
        for (MethodNode m : cn.methods) {
            if (m.name.equals(method)) {
                apply.accept(m);
                found++;
            }
        }
        if (found != 1) {
            throw new IllegalStateException(what + ": " + found + " methods named " + method + " in " + className);
        }
        return write(cn);
    }

    private byte[] write(ClassNode cn) {
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

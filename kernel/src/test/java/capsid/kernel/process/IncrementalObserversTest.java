package capsid.kernel.process;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The incremental observers (the dirty set, the fingerprint, the invariants)
 * against their oracles on random call sequences ({@link IncrementalDriver}), and a
 * kernel whose mutator forgets its marks (a test-only ASM change: the mark calls of
 * one named method dropped) caught by the same comparison, at the step and for the
 * object the mutator wrote.
 */
class IncrementalObserversTest {

    @Test
    void marksFingerprintAndInvariantsAgreeWithTheirOraclesAfterEveryCall() {
        assertNull(IncrementalDriver.firstDisagreement(800, 60));
    }

    @Test
    void reparentingThatForgetsItsMarksIsCaught() throws Exception {
        String why = underMutant("capsid/kernel/process/ProcessTable", "reparentAll");
        assertNotNull(why, "dropping reparentAll's marks went unnoticed");
        // the reparented child's parent changed, unmarked: the audit names it, at the exit that reparented
        assertTrue(why.contains("unmarked change: [task ") && why.contains("changed but is not marked")
                && why.contains("Exit"), why);
    }

    @Test
    void aCapabilityUnlinkThatForgetsItsMarksIsCaught() throws Exception {
        String why = underMutant("capsid/kernel/cap/Capability", "unlink");
        assertNotNull(why, "dropping unlink's marks went unnoticed");
        assertTrue(why.contains("unmarked change") && why.contains("capability task "), why);
    }

    /** {@link IncrementalDriver#firstDisagreement} on a kernel whose {@code method} of {@code owner} marks nothing. */
    private static String underMutant(String owner, String method) throws Exception {
        ClassLoader l = new DroppedMarks(IncrementalObserversTest.class.getClassLoader(), owner, method);
        Class<?> driver = Class.forName(IncrementalDriver.class.getName(), true, l);
        assertTrue(driver.getClassLoader() == l, "the driver runs on the mutant kernel");
        return (String) driver.getMethod("firstDisagreement", long.class, int.class).invoke(null, 300L, 60);
    }

    /** Loads the kernel (and these tests' helpers) child first, with every mark call of one method removed. */
    private static final class DroppedMarks extends ClassLoader {
        private final String owner;
        private final String method;

        DroppedMarks(ClassLoader parent, String owner, String method) {
            super("dropped-marks", parent);
            this.owner = owner;
            this.method = method;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("capsid.kernel.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    byte[] b = bytes(name);
                    if (name.replace('.', '/').equals(owner)) {
                        b = dropMarks(b);
                    }
                    c = defineClass(name, b, 0, b.length);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        private byte[] bytes(String name) throws ClassNotFoundException {
            try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }

        /** Every call of a one-argument mark method (DirtySet.mark, ProcessTable.markIf, Capability.mark) popped. */
        private byte[] dropMarks(byte[] b) {
            ClassNode cn = new ClassNode();
            new ClassReader(b).accept(cn, 0);
            int dropped = 0;
            for (MethodNode m : cn.methods) {
                if (!m.name.equals(method)) {
                    continue;
                }
                for (AbstractInsnNode i = m.instructions.getFirst(); i != null; ) {
                    AbstractInsnNode next = i.getNext();
                    if (i instanceof MethodInsnNode call && (call.name.equals("mark") || call.name.equals("markIf"))
                            && call.desc.endsWith(";)V") && call.desc.indexOf(';') == call.desc.length() - 3) {
                        boolean isStatic = call.getOpcode() == Opcodes.INVOKESTATIC;
                        m.instructions.set(call, new InsnNode(isStatic ? Opcodes.POP : Opcodes.POP2));
                        dropped++;
                    }
                    i = next;
                }
            }
            if (dropped == 0) {
                throw new AssertionError("no mark call in " + owner + "." + method + ": the mutant would be a no-op");
            }
            ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
            cn.accept(w);
            return w.toByteArray();
        }
    }
}

package capsid.coverage;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;

/**
 * Adds edge probes to a class file (docs/coverage.md).
 *
 * <p>Probes, in bytecode order within each method: one at the entry; for every
 * conditional jump one on the taken edge and one on the fall-through edge; for
 * every switch one per case (in key order) and one for the default. The
 * fall-through probe goes right after the jump; the taken, case and default
 * probes go into small blocks appended to the method (probe, then {@code goto} the
 * original target) and the jump is pointed at them, so no code that other jumps
 * reach is touched. Frames are recomputed ({@code COMPUTE_FRAMES}); the common
 * super class of two types is found by reading class files through the loader of
 * the class being instrumented, never by loading classes.
 *
 * <p>A probe is {@code getstatic $capsidProbes; push i; dup2; iaload; iconst_1;
 * iadd; iastore}. The field is set at the very start of {@code <clinit>} (one is
 * added when missing) from {@link Probes#register}.
 */
public final class Instrumenter {
    /** The synthetic field holding a class's counters. */
    public static final String FIELD = "$capsidProbes";
    private static final String PROBES = "capsid/coverage/Probes";

    /** Which annotation links a method to spec actions: its descriptor and that of its container. */
    public record Options(String actionDesc, String actionListDesc) {
        /** The kernel's {@code @capsid.kernel.SpecAction} and {@code @SpecAction.List}. */
        public static final Options KERNEL = new Options("Lcapsid/kernel/SpecAction;",
                "Lcapsid/kernel/SpecAction$List;");
    }

    /** The instrumented class file (the input unchanged when it has no probes) and its probes. */
    public record Result(byte[] bytes, List<ProbeInfo> probes) {
    }

    private Instrumenter() {
    }

    /** Instruments with the kernel's annotation, resolving types through the system class loader. */
    public static Result instrument(byte[] classFile) {
        return instrument(classFile, Options.KERNEL, null);
    }

    /**
     * Instruments {@code classFile}; {@code loader} (null: the system class loader)
     * is where the class files of its super types are read from when frames are
     * computed. The probes' description is left with {@link Probes} for when the
     * class registers.
     */
    public static Result instrument(byte[] classFile, Options options, ClassLoader loader) {
        ClassNode cn = new ClassNode();
        new ClassReader(classFile).accept(cn, ClassReader.SKIP_FRAMES);
        if ((cn.access & Opcodes.ACC_MODULE) != 0) {
            return new Result(classFile, List.of());
        }
        List<ProbeInfo> probes = new ArrayList<>();
        boolean itf = (cn.access & Opcodes.ACC_INTERFACE) != 0;
        for (MethodNode m : cn.methods) {
            if ((m.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0 || m.instructions.size() == 0
                    || hasJsr(m)) {
                continue;
            }
            addProbes(cn.name, m, actions(m, options), probes);
        }
        if (probes.isEmpty()) {
            return new Result(classFile, List.of());
        }
        cn.fields.add(new FieldNode(Opcodes.ACC_STATIC | Opcodes.ACC_FINAL | Opcodes.ACC_SYNTHETIC
                | (itf ? Opcodes.ACC_PUBLIC : Opcodes.ACC_PRIVATE | Opcodes.ACC_TRANSIENT), FIELD, "[I", null, null));
        MethodNode clinit = cn.methods.stream().filter(m -> m.name.equals("<clinit>")).findFirst().orElse(null);
        if (clinit == null) {
            clinit = new MethodNode(Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, "<clinit>", "()V", null, null);
            clinit.instructions.add(new InsnNode(Opcodes.RETURN));
            cn.methods.add(clinit);
        }
        InsnList reg = new InsnList();
        reg.add(new LdcInsnNode(cn.name));
        reg.add(push(probes.size()));
        reg.add(new MethodInsnNode(Opcodes.INVOKESTATIC, PROBES, "register", "(Ljava/lang/String;I)[I", false));
        reg.add(new FieldInsnNode(Opcodes.PUTSTATIC, cn.name, FIELD, "[I"));
        clinit.instructions.insert(reg);

        ClassWriter cw = new LoaderClassWriter(loader);
        cn.accept(cw);
        byte[] out = cw.toByteArray();
        Probes.describe(cn.name, probes);
        return new Result(out, List.copyOf(probes));
    }

    private static boolean hasJsr(MethodNode m) {
        for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
            if (i.getOpcode() == Opcodes.JSR || i.getOpcode() == Opcodes.RET) {
                return true;
            }
        }
        return false;
    }

    private static void addProbes(String owner, MethodNode m, List<ActionRef> actions, List<ProbeInfo> probes) {
        AbstractInsnNode[] insns = m.instructions.toArray();
        int firstLine = -1;
        for (AbstractInsnNode i : insns) {
            if (i instanceof LineNumberNode ln) {
                firstLine = ln.line;
                break;
            }
        }
        int[] index = {0};
        InsnList tail = new InsnList();
        java.util.function.BiFunction<ProbeKind, Integer, InsnList> probe = (kind, line) -> {
            probes.add(new ProbeInfo(owner, m.name, m.desc, index[0]++, kind, line, actions));
            return probeCode(owner, probes.size() - 1);
        };
        m.instructions.insert(probe.apply(ProbeKind.ENTRY, firstLine));
        int line = -1;
        for (AbstractInsnNode i : insns) {
            if (i instanceof LineNumberNode ln) {
                line = ln.line;
            } else if (i instanceof JumpInsnNode j && j.getOpcode() != Opcodes.GOTO) {
                j.label = trampoline(tail, probe.apply(ProbeKind.TAKEN, line), j.label);
                m.instructions.insert(j, probe.apply(ProbeKind.FALLTHROUGH, line));
            } else if (i instanceof TableSwitchInsnNode t) {
                for (int k = 0; k < t.labels.size(); k++) {
                    if (t.labels.get(k) != t.dflt) {
                        t.labels.set(k, trampoline(tail, probe.apply(ProbeKind.CASE, line), t.labels.get(k)));
                    }
                }
                LabelNode dflt = trampoline(tail, probe.apply(ProbeKind.DEFAULT, line), t.dflt);
                for (int k = 0; k < t.labels.size(); k++) {
                    if (t.labels.get(k) == t.dflt) {
                        t.labels.set(k, dflt);
                    }
                }
                t.dflt = dflt;
            } else if (i instanceof LookupSwitchInsnNode s) {
                for (int k = 0; k < s.labels.size(); k++) {
                    s.labels.set(k, trampoline(tail, probe.apply(ProbeKind.CASE, line), s.labels.get(k)));
                }
                s.dflt = trampoline(tail, probe.apply(ProbeKind.DEFAULT, line), s.dflt);
            }
        }
        m.instructions.add(tail);
    }

    /** Appends {@code L: probe; goto target} to {@code tail}; returns L. */
    private static LabelNode trampoline(InsnList tail, InsnList probe, LabelNode target) {
        LabelNode l = new LabelNode();
        tail.add(l);
        tail.add(probe);
        tail.add(new JumpInsnNode(Opcodes.GOTO, target));
        return l;
    }

    private static InsnList probeCode(String owner, int i) {
        InsnList l = new InsnList();
        l.add(new FieldInsnNode(Opcodes.GETSTATIC, owner, FIELD, "[I"));
        l.add(push(i));
        l.add(new InsnNode(Opcodes.DUP2));
        l.add(new InsnNode(Opcodes.IALOAD));
        l.add(new InsnNode(Opcodes.ICONST_1));
        l.add(new InsnNode(Opcodes.IADD));
        l.add(new InsnNode(Opcodes.IASTORE));
        return l;
    }

    private static AbstractInsnNode push(int v) {
        if (v >= -1 && v <= 5) {
            return new InsnNode(Opcodes.ICONST_0 + v);
        }
        if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            return new IntInsnNode(Opcodes.BIPUSH, v);
        }
        if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            return new IntInsnNode(Opcodes.SIPUSH, v);
        }
        return new LdcInsnNode(v);
    }

    /** The spec actions {@code m} carries, single or in the container annotation. */
    static List<ActionRef> actions(MethodNode m, Options o) {
        List<ActionRef> out = new ArrayList<>();
        for (List<AnnotationNode> list : java.util.Arrays.asList(m.visibleAnnotations, m.invisibleAnnotations)) {
            if (list == null) {
                continue;
            }
            for (AnnotationNode a : list) {
                if (a.desc.equals(o.actionDesc())) {
                    out.add(action(a));
                } else if (a.desc.equals(o.actionListDesc()) && a.values != null) {
                    for (int k = 0; k + 1 < a.values.size(); k += 2) {
                        if ("value".equals(a.values.get(k)) && a.values.get(k + 1) instanceof List<?> inner) {
                            for (Object x : inner) {
                                out.add(action((AnnotationNode) x));
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    private static ActionRef action(AnnotationNode a) {
        String spec = "";
        String action = "";
        for (int k = 0; a.values != null && k + 1 < a.values.size(); k += 2) {
            if ("spec".equals(a.values.get(k))) {
                spec = String.valueOf(a.values.get(k + 1));
            } else if ("action".equals(a.values.get(k))) {
                action = String.valueOf(a.values.get(k + 1));
            }
        }
        return new ActionRef(spec, action);
    }

    /**
     * A ClassWriter whose common super class comes from class files read as
     * resources of a loader, so computing frames never loads (or initialises) a
     * class, and never through the wrong loader.
     */
    static final class LoaderClassWriter extends ClassWriter {
        private static final String OBJECT = "java/lang/Object";
        private final ClassLoader loader;
        private final Map<String, String[]> cache = new ConcurrentHashMap<>();

        LoaderClassWriter(ClassLoader loader) {
            super(COMPUTE_FRAMES);
            this.loader = loader != null ? loader : ClassLoader.getSystemClassLoader();
        }

        /** {super name or null, "i" when an interface}; null when the class file cannot be read. */
        private String[] info(String name) {
            return cache.computeIfAbsent(name, n -> {
                try (InputStream in = loader.getResourceAsStream(n + ".class")) {
                    if (in == null) {
                        return new String[] {OBJECT, ""};
                    }
                    ClassReader r = new ClassReader(in.readAllBytes());
                    return new String[] {r.getSuperName(), (r.getAccess() & Opcodes.ACC_INTERFACE) != 0 ? "i" : ""};
                } catch (IOException e) {
                    return new String[] {OBJECT, ""};
                }
            });
        }

        @Override
        protected String getCommonSuperClass(String a, String b) {
            if (a.equals(b)) {
                return a;
            }
            if (a.equals(OBJECT) || b.equals(OBJECT) || !info(a)[1].isEmpty() || !info(b)[1].isEmpty()) {
                return OBJECT;
            }
            List<String> supersOfA = new ArrayList<>();
            for (String t = a; t != null && supersOfA.size() < 100; t = info(t)[0]) {
                supersOfA.add(t);
                if (t.equals(OBJECT)) {
                    break;
                }
            }
            for (String t = b; t != null; t = info(t)[0]) {
                if (supersOfA.contains(t)) {
                    return t;
                }
                if (t.equals(OBJECT)) {
                    break;
                }
            }
            return OBJECT;
        }

        @Override
        protected ClassLoader getClassLoader() {
            return loader;
        }
    }
}

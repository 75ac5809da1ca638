package capsid.refinement.mutants;

import java.util.function.Function;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Deliberate kernel bugs, each one change in one named method of {@code
 * capsid.kernel.process.ProcessTable}, made by a test-only ASM transformer
 * (DESIGN.md: "deliberate bugs live in test code, never as fault switches in
 * kernel/"). Each names the kernel-side check a campaign would find it with
 * ({@link #kernelCheck()}); MutantsAreCaughtTest says, per bug, which step and
 * variable the replayer reports and which record trace validation rejects. A
 * transform that no longer finds its instruction fails loudly, so a refactoring
 * cannot turn a bug into a no-op.
 */
public enum Bug {
    /**
     * fork allocates the lowest free pid at each level instead of the next one after
     * the cursor (lastPid still tracks the pid handed out): a freed pid is handed out
     * again before the wrap.
     */
    PID_REUSE("fork", "PidsAllocatedInOrder", m -> {
        for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
            if (i instanceof MethodInsnNode call && call.owner.equals("capsid/kernel/process/PidNamespace")
                    && call.name.equals("peekNextPid")) {
                m.instructions.set(call, new MethodInsnNode(Opcodes.INVOKESTATIC,
                        "capsid/refinement/mutants/Allocation", "lowestFree",
                        "(Lcapsid/kernel/process/PidNamespace;II)I", false));
                return 1;
            }
        }
        return 0;
    }),
    /** kill resolves the pid in the root namespace, not the caller's: kill across namespaces. */
    KILL_ACROSS_NAMESPACES("kill", "NoNamingTheInvisible", m -> {
        FieldInsnNode ns = first(m, Opcodes.GETFIELD, "capsid/kernel/process/Process", "ns");
        InsnList root = new InsnList();
        root.add(new FieldInsnNode(Opcodes.GETFIELD, "capsid/kernel/process/PidNamespace", "path",
                "[Lcapsid/kernel/process/PidNamespace;"));
        root.add(new InsnNode(Opcodes.ICONST_0));
        root.add(new InsnNode(Opcodes.AALOAD));
        m.instructions.insert(ns, root);
        return 1;
    }),
    /** die gives orphans to the dying process's parent instead of its namespace's init. */
    ORPHAN_TO_GRANDPARENT("die", "OrphansGoToNamespaceInit", m -> {
        for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
            if (i instanceof FieldInsnNode f && f.getOpcode() == Opcodes.GETFIELD && f.name.equals("init")
                    && f.getNext() != null && f.getNext().getOpcode() == Opcodes.ASTORE
                    && f.getPrevious() instanceof VarInsnNode load) {
                load.var = 1; // p
                f.owner = "capsid/kernel/process/Process";
                f.name = "parent";
                f.desc = "Lcapsid/kernel/process/Process;";
                return 1;
            }
        }
        return 0;
    }),
    /** unshare newuts builds the new uts namespace but keeps the caller in the old one: hostnames leak. */
    HOSTNAME_LEAKS_TO_PARENT("unshare", "HostnamesPerUts",
            m -> replaceFieldStore(m, "capsid/kernel/process/Process", "uts")),
    /** setns's jail check is inverted: a jailed process may setns (and a free one may not). Blunt: see the next. */
    SETNS_WHEN_JAILED("setns", "JailRefusesEscapes", m -> {
        for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
            if (i instanceof JumpInsnNode j && j.getOpcode() == Opcodes.IFNULL) {
                j.setOpcode(Opcodes.IFNONNULL);
                return 1;
            }
        }
        return 0;
    }),
    /**
     * setns lets a jailed process through when its fd names a uts or mount namespace
     * (the jail is checked for pid namespaces only, say): the subtle sibling of
     * SETNS_WHEN_JAILED. Every other setns by a jailed process is EPERM as before,
     * in the same order of errors, so only a jailed setns into uts/mnt shows it.
     */
    SETNS_JAIL_PID_ONLY("setns", "JailRefusesEscapes", m -> {
        for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
            if (i instanceof JumpInsnNode j && j.getOpcode() == Opcodes.IFNULL
                    && j.getPrevious() instanceof FieldInsnNode f && f.name.equals("jail")) {
                // jailed: look at the fd first, and skip the EPERM for a uts or mount namespace
                LabelNode perm = new LabelNode();
                InsnList peek = new InsnList();
                peek.add(new VarInsnNode(Opcodes.ALOAD, 1)); // c
                peek.add(new FieldInsnNode(Opcodes.GETFIELD, "capsid/kernel/process/Process", "caps",
                        "Lcapsid/kernel/cap/CapTable;"));
                peek.add(new VarInsnNode(Opcodes.ILOAD, 2)); // fd
                peek.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, "capsid/kernel/cap/CapTable", "get",
                        "(I)Lcapsid/kernel/cap/Capability;", false));
                peek.add(new VarInsnNode(Opcodes.ASTORE, 3));
                peek.add(new VarInsnNode(Opcodes.ALOAD, 3));
                peek.add(new JumpInsnNode(Opcodes.IFNULL, perm));
                for (String ns : new String[] {"capsid/kernel/ns/UtsNamespace", "capsid/kernel/ns/MountNamespace"}) {
                    peek.add(new VarInsnNode(Opcodes.ALOAD, 3));
                    peek.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, "capsid/kernel/cap/Capability", "object",
                            "()Lcapsid/kernel/cap/KernelObject;", false));
                    peek.add(new TypeInsnNode(Opcodes.INSTANCEOF, ns));
                    peek.add(new JumpInsnNode(Opcodes.IFNE, j.label));
                }
                peek.add(perm);
                m.instructions.insert(j, peek);
                return 1;
            }
        }
        return 0;
    }),
    /**
     * die leaves the zombie its namespace for children. No event carries that field,
     * so trace validation cannot see it; the replayer, the kernel's invariants and the
     * campaigns' AbstractionWellFormed check do.
     */
    ZOMBIE_KEEPS_NS_FOR_CHILDREN("die", "ZombieHoldsNothing",
            m -> replaceFieldStore(m, "capsid/kernel/process/Process", "nsForChildren")),
    /** wait without PID reaps the zombie that exited last instead of first. */
    WAIT_NEWEST_FIRST("wait", "WaitReapsInExitOrder", m -> {
        FieldInsnNode f = first(m, Opcodes.GETFIELD, "capsid/kernel/process/Process", "firstZombie");
        f.name = "lastZombie";
        return 1;
    });

    /** The class every bug lives in. */
    public static final String CLASS = "capsid.kernel.process.ProcessTable";

    private final String method;
    private final String kernelCheck;
    private final Function<MethodNode, Integer> transform;

    Bug(String method, String kernelCheck, Function<MethodNode, Integer> transform) {
        this.method = method;
        this.kernelCheck = kernelCheck;
        this.transform = transform;
    }

    /** The ProcessTable method the bug is in. */
    public String method() {
        return method;
    }

    /** The kernel-side check (invariant or step check) expected to catch the bug in generated programs. */
    public String kernelCheck() {
        return kernelCheck;
    }

    /** Applies the bug to {@code m}; throws when the instruction it changes is not there. */
    void apply(MethodNode m) {
        int changed = transform.apply(m);
        if (changed != 1) {
            throw new IllegalStateException("bug " + this + " changed " + changed + " instructions in "
                    + m.name + " (expected 1): the kernel changed, update the transform");
        }
    }

    private static FieldInsnNode first(MethodNode m, int opcode, String owner, String name) {
        for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
            if (i instanceof FieldInsnNode f && f.getOpcode() == opcode && f.owner.equals(owner)
                    && f.name.equals(name)) {
                return f;
            }
        }
        throw new IllegalStateException("no " + owner + "." + name + " access in " + m.name);
    }

    /** Replaces the one store to {@code owner.name} by popping its operands (the store is dropped). */
    private static int replaceFieldStore(MethodNode m, String owner, String name) {
        int n = 0;
        for (AbstractInsnNode i = m.instructions.getFirst(); i != null; ) {
            AbstractInsnNode next = i.getNext();
            if (i instanceof FieldInsnNode f && f.getOpcode() == Opcodes.PUTFIELD && f.owner.equals(owner)
                    && f.name.equals(name)) {
                boolean wide = f.desc.equals("J") || f.desc.equals("D");
                InsnList pops = new InsnList();
                pops.add(new InsnNode(wide ? Opcodes.POP2 : Opcodes.POP));
                pops.add(new InsnNode(Opcodes.POP));
                m.instructions.insert(i, pops);
                m.instructions.remove(i);
                n++;
            }
            i = next;
        }
        return n;
    }
}

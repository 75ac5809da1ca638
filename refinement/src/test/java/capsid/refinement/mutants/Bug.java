package capsid.refinement.mutants;

import java.util.function.Function;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Deliberate kernel bugs, each one bytecode change in one named method of
 * {@code capsid.kernel.process.ProcessTable}, made by a test-only ASM transformer
 * (DESIGN.md: "deliberate bugs live in test code, never as fault switches in
 * kernel/"). Each names what must catch it; a transform that no longer finds its
 * instruction fails loudly, so a refactoring cannot turn a bug into a no-op.
 */
public enum Bug {
    /** fork forgets to advance the pid cursor: a freed pid is handed out again before the wrap. */
    PID_REUSE("fork", m -> replaceFieldStore(m, "capsid/kernel/process/PidNamespace", "lastPid")),
    /** kill resolves the pid in the root namespace, not the caller's: kill across namespaces. */
    KILL_ACROSS_NAMESPACES("kill", m -> {
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
    ORPHAN_TO_GRANDPARENT("die", m -> {
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
    HOSTNAME_LEAKS_TO_PARENT("unshare", m -> replaceFieldStore(m, "capsid/kernel/process/Process", "uts")),
    /** setns's jail check is inverted: a jailed process may setns (and a free one may not). */
    SETNS_WHEN_JAILED("setns", m -> {
        for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
            if (i instanceof JumpInsnNode j && j.getOpcode() == Opcodes.IFNULL) {
                j.setOpcode(Opcodes.IFNONNULL);
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
    ZOMBIE_KEEPS_NS_FOR_CHILDREN("die", m -> replaceFieldStore(m, "capsid/kernel/process/Process", "nsForChildren")),
    /** wait without PID reaps the zombie that exited last instead of first. */
    WAIT_NEWEST_FIRST("wait", m -> {
        FieldInsnNode f = first(m, Opcodes.GETFIELD, "capsid/kernel/process/Process", "firstZombie");
        f.name = "lastZombie";
        return 1;
    });

    /** The class every bug lives in. */
    public static final String CLASS = "capsid.kernel.process.ProcessTable";

    private final String method;
    private final Function<MethodNode, Integer> transform;

    Bug(String method, Function<MethodNode, Integer> transform) {
        this.method = method;
        this.transform = transform;
    }

    /** The ProcessTable method the bug is in. */
    public String method() {
        return method;
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

package capsid.refinement.mutants;

import java.util.function.Function;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Deliberate bugs in the kernel's capability package, one change in one named method
 * each, made by a test-only ASM transformer as {@link Bug} does for ProcessTable.
 * Each names the kernel-side check that should catch it ({@link #kernelCheck()});
 * CapMutantsAreCaughtTest says where the replayer of CapabilityDelegation first sees
 * each one. A transform that no longer finds its instruction fails loudly.
 */
public enum CapBug {
    /** cap_derive skips the subset check: a derived capability may have rights its source lacks. */
    RIGHTS_AMPLIFIED_ON_DERIVE(CapBug.CALLS, "derive", "RightsNeverGrow",
            m -> replaceFirstCall(m, "capsid/kernel/cap/Capability", "rights", "()I", ints(-1))),
    /**
     * cap_revoke finds the descendants of FD in FD's own table and its direct
     * children elsewhere, but misses a grandchild (or deeper) in another table: it
     * stays, with a parent that is gone.
     */
    REVOKE_MISSES_FOREIGN_GRANDCHILD(CapBug.CALLS, "revoke", "RevokeRemovesDescendants", m -> {
        for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
            if (i instanceof MethodInsnNode call && call.owner.equals("capsid/kernel/cap/CapCalls")
                    && call.name.equals("descendants")) {
                call.owner = "capsid/refinement/mutants/CapBugs";
                call.name = "descendantsMissingForeignGrandchildren";
                return 1;
            }
        }
        return 0;
    }),
    /** cap_grant does not check the grant right. */
    GRANT_WITHOUT_THE_RIGHT(CapBug.CALLS, "grant", "AuthorityConfined",
            m -> replaceFirstCall(m, "capsid/kernel/cap/Capability", "has", "(I)Z", ints(1))),
    /** cap_derive accepts a BADGE for a capability that already has one: the badge is overwritten in the child. */
    BADGE_OVERWRITTEN_BY_DERIVE(CapBug.CALLS, "derive", "BadgeInherited",
            m -> replaceFirstCall(m, "capsid/kernel/cap/Capability", "badge", "()J", longZero())),
    /** close makes the closed slot's children roots instead of moving them up to its parent (exit too: it closes). */
    CLOSE_DROPS_CHILDREN(CapBug.TABLE, "close", "CloseMovesChildrenUp", m -> {
        for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
            if (i instanceof MethodInsnNode call && call.owner.equals("capsid/kernel/cap/Capability")
                    && call.name.equals("link") && call.getPrevious() instanceof VarInsnNode k
                    && k.getPrevious() instanceof VarInsnNode up && up.getOpcode() == Opcodes.ALOAD) {
                m.instructions.set(up, new InsnNode(Opcodes.ACONST_NULL));
                return 1;
            }
        }
        return 0;
    }),
    /** dup makes a child of its source instead of a sibling: a later revoke of the source takes the copy. */
    DUP_MAKES_A_CHILD(CapBug.TABLE, "dup", "CopiesAreSiblings", m -> {
        for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
            if (i instanceof org.objectweb.asm.tree.FieldInsnNode f && f.getOpcode() == Opcodes.GETFIELD
                    && f.owner.equals("capsid/kernel/cap/Capability") && f.name.equals("parent")) {
                // c.parent -> c: drop the field read, keep c itself on the stack
                m.instructions.remove(f);
                return 1;
            }
        }
        return 0;
    });

    static final String CALLS = "capsid.kernel.cap.CapCalls";
    static final String TABLE = "capsid.kernel.cap.CapTable";

    private final String className;
    private final String method;
    private final String kernelCheck;
    private final Function<MethodNode, Integer> transform;

    CapBug(String className, String method, String kernelCheck, Function<MethodNode, Integer> transform) {
        this.className = className;
        this.method = method;
        this.kernelCheck = kernelCheck;
        this.transform = transform;
    }

    public String className() {
        return className;
    }

    public String method() {
        return method;
    }

    /** The kernel-side check (invariant or step check) expected to catch the bug in generated programs. */
    public String kernelCheck() {
        return kernelCheck;
    }

    void apply(MethodNode m) {
        int changed = transform.apply(m);
        if (changed != 1) {
            throw new IllegalStateException("bug " + this + " changed " + changed + " instructions in " + m.name
                    + " (expected 1): the kernel changed, update the transform");
        }
    }

    /** Replaces the first call of {@code owner.name desc} by popping its operands and pushing {@code value}. */
    private static int replaceFirstCall(MethodNode m, String owner, String name, String desc, InsnList value) {
        for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
            if (i instanceof MethodInsnNode call && call.owner.equals(owner) && call.name.equals(name)
                    && call.desc.equals(desc)) {
                InsnList pops = new InsnList();
                if (desc.startsWith("(I)")) {
                    pops.add(new InsnNode(Opcodes.POP)); // the int argument
                }
                pops.add(new InsnNode(Opcodes.POP)); // the receiver
                pops.add(value);
                m.instructions.insert(call, pops);
                m.instructions.remove(call);
                return 1;
            }
        }
        return 0;
    }

    private static InsnList ints(int v) {
        InsnList l = new InsnList();
        l.add(new org.objectweb.asm.tree.LdcInsnNode(v));
        return l;
    }

    private static InsnList longZero() {
        InsnList l = new InsnList();
        l.add(new InsnNode(Opcodes.LCONST_0));
        return l;
    }
}

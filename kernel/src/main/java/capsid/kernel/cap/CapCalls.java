package capsid.kernel.cap;

import static capsid.kernel.Errno.EBADF;
import static capsid.kernel.Errno.EINVAL;
import static capsid.kernel.Errno.EMFILE;
import static capsid.kernel.Errno.EPERM;
import static capsid.kernel.Errno.ESRCH;

import capsid.kernel.KernelBug;
import capsid.kernel.Result;
import capsid.kernel.SpecAction;
import capsid.kernel.call.Call;
import capsid.kernel.call.NsType;
import capsid.kernel.call.Rights;
import capsid.kernel.event.CallArgs;
import capsid.kernel.event.EventLog;
import capsid.kernel.event.Json;
import capsid.kernel.ns.Namespace;
import capsid.kernel.process.Process;
import capsid.kernel.process.ProcessTable;
import java.util.ArrayList;
import java.util.List;

/**
 * Every descriptor call (ABI.md section 3, "Capabilities (delegation)"): {@code
 * ns_open}'s slot, {@code close}, {@code dup}, {@code cap_derive}, {@code
 * cap_grant}, {@code cap_revoke}, {@code cap_rights}, {@code cap_badge}, and the
 * destruction hook that removes every capability naming an object. {@code fork}'s
 * copy and a death's closing of the table stay with the process table, which calls
 * {@link CapTable#copyForFork} and {@link CapTable#closeAll}.
 *
 * <p>Each call decodes first (every check, in the order of ABI.md's "Finer
 * points", changing nothing), then acts on a path with no error exit and emits its
 * one event. Costs: derive, grant, dup, rights, badge O(1) (amortised slot search);
 * close O(children); revoke O(descendants), iterative; destroyObject O(capabilities
 * naming the object).
 */
public final class CapCalls {
    private static final String SPEC = "CapabilityDelegation";
    private static final String NS_SPEC = "NamespaceUnshare";

    private final ProcessTable procs;
    private final EventLog log;
    private final ObjectIndex index;

    /** The calls on the tables of {@code procs}' processes, which share {@code procs.objectIndex()}. */
    public CapCalls(ProcessTable procs, EventLog log) {
        this.procs = procs;
        this.log = log;
        this.index = procs.objectIndex();
    }

    /**
     * Implements {@code ns_open PID TYPE}: a new root capability (rights r|x|grant,
     * badge 0) naming that process's namespace of TYPE (for {@code pid}, the one it
     * lives in). Errors: EINVAL (TYPE), ESRCH (PID not visible, or a zombie), EMFILE
     * (table full). Spec: NamespaceUnshare!NsOpen, CapabilityDelegation!NsOpen.
     */
    @SpecAction(spec = NS_SPEC, action = "NsOpen")
    @SpecAction(spec = SPEC, action = "NsOpen")
    public Result nsOpen(Process c, int pid, int type) {
        NsType t = NsType.of(type);
        if (t == null) {
            return EINVAL;
        }
        Process target = procs.visibleLive(c, pid);
        if (target == null) {
            return ESRCH;
        }
        CapTable caps = c.caps();
        if (!caps.hasRoom(1)) {
            return EMFILE;
        }
        Namespace ns = ProcessTable.namespaceOf(target, t);
        int fd = caps.install(ns, ns.defaultRights() | Rights.GRANT, 0, null);
        if (log.enabled()) {
            long targetTid = target.tid();
            long nsId = ns.id();
            log.emit("NsOpen", c.tid(), c.rootPid(), () -> new String[] {
                Json.obj().put("pid", pid).put("type", t.word()).toString(), Integer.toString(fd),
                Json.obj().put("target", targetTid).put("ns", nsId).toString()});
        }
        return Result.Int.of(fd);
    }

    /**
     * Installs a new root capability naming {@code object} with its fitting default
     * rights plus {@code grant}, badge 0, for the calls that create objects (open,
     * pipe, container_create, session_open, as they arrive). Returns the fd, or
     * EMFILE when the table is full. Emits no event: the creating call does.
     */
    public Result install(Process c, KernelObject object) {
        CapTable caps = c.caps();
        if (!caps.hasRoom(1)) {
            return EMFILE;
        }
        return Result.Int.of(caps.install(object, (object.defaultRights() | Rights.GRANT) & object.fittingRights(),
                0, null));
    }

    /**
     * Implements {@code close FD}: removes that slot only; its children move up to
     * its parent (roots when it has none), oldest first. Errors: EBADF.
     * Spec: NamespaceUnshare!Close, CapabilityDelegation!Close.
     */
    @SpecAction(spec = NS_SPEC, action = "Close")
    @SpecAction(spec = SPEC, action = "Close")
    public Result close(Process c, int fd) {
        CapTable caps = c.caps();
        Capability cap = caps.get(fd);
        if (cap == null) {
            return EBADF;
        }
        List<Capability> kids = log.enabled() ? List.copyOf(cap.children()) : null;
        String moved = log.enabled() ? slots(kids) : null;
        String former = log.enabled() ? slot(cap.parent()) : null;
        caps.close(fd);
        if (log.enabled()) {
            // where the children now hang, as the tree says after the close (a log reports
            // effects, so trace validation compares what was done); with none, the former parent
            String up = kids.isEmpty() ? former : slot(kids.get(0).parent());
            String kind = cap.object().kind();
            long id = cap.object().id();
            log.emit("Close", c.tid(), c.rootPid(), () -> new String[] {
                Json.obj().put("fd", fd).toString(), "0",
                Json.obj().put("kind", kind).put("object", id).raw("moved", moved).raw("to", up).toString()});
        }
        return Result.Int.ZERO;
    }

    /**
     * Implements {@code dup FD}: a sibling capability (same parent, object, rights,
     * badge) in the lowest free slot. Errors: EBADF, EMFILE.
     * Spec: NamespaceUnshare!Dup, CapabilityDelegation!Dup.
     */
    @SpecAction(spec = NS_SPEC, action = "Dup")
    @SpecAction(spec = SPEC, action = "Dup")
    public Result dup(Process c, int fd) {
        CapTable caps = c.caps();
        Capability cap = caps.get(fd);
        if (cap == null) {
            return EBADF;
        }
        if (!caps.hasRoom(1)) {
            return EMFILE;
        }
        int nfd = caps.dup(fd);
        if (log.enabled()) {
            String kind = cap.object().kind();
            long id = cap.object().id();
            String parent = slot(caps.get(nfd).parent());
            log.emit("Dup", c.tid(), c.rootPid(), () -> new String[] {
                Json.obj().put("fd", fd).toString(), Integer.toString(nfd),
                Json.obj().put("kind", kind).put("object", id).raw("parent", parent).toString()});
        }
        return Result.Int.of(nfd);
    }

    /**
     * Implements {@code cap_derive FD RIGHTS [BADGE]}: a new capability in the lowest
     * free slot, a child of FD, with RIGHTS and BADGE (without BADGE, FD's badge).
     * Errors, in this order: EBADF (FD not open), EPERM (RIGHTS not a subset of FD's;
     * a BADGE given while FD has one), EINVAL (BADGE &lt; 1), EMFILE (table full).
     * Spec: CapabilityDelegation!CapDerive.
     */
    @SpecAction(spec = SPEC, action = "CapDerive")
    public Result derive(Process c, int fd, int rights, long badge, boolean hasBadge) {
        CapTable caps = c.caps();
        Capability cap = caps.get(fd);
        if (cap == null) {
            return EBADF;
        }
        if ((rights & ~cap.rights()) != 0 || (hasBadge && cap.badge() != 0)) {
            return EPERM;
        }
        if (hasBadge && badge < 1) {
            return EINVAL;
        }
        if (!caps.hasRoom(1)) {
            return EMFILE;
        }
        long b = hasBadge ? badge : cap.badge();
        int nfd = caps.install(cap.object(), rights, b, cap);
        if (log.enabled()) {
            // the call's own args, as the call log writes them (rights as a list of words)
            String a = CallArgs.json(new Call.CapDerive(fd, rights, badge, hasBadge));
            String kind = cap.object().kind();
            long id = cap.object().id();
            log.emit("CapDerive", c.tid(), c.rootPid(), () -> new String[] {a, Integer.toString(nfd),
                Json.obj().put("kind", kind).put("object", id).put("badge", b).toString()});
        }
        return Result.Int.of(nfd);
    }

    /**
     * Implements {@code cap_grant FD PID}: a new capability in the lowest free slot
     * of PID's table, a child of FD with FD's object, rights and badge; granting to
     * oneself is allowed. Errors, in this order: EBADF, EPERM (FD lacks {@code
     * grant}), EINVAL (PID &lt;= 0), ESRCH (PID not visible to the caller, or a
     * zombie), EMFILE (the target's table full). Spec: CapabilityDelegation!CapGrant.
     */
    @SpecAction(spec = SPEC, action = "CapGrant")
    public Result grant(Process c, int fd, int pid) {
        Capability cap = c.caps().get(fd);
        if (cap == null) {
            return EBADF;
        }
        if (!cap.has(Rights.GRANT)) {
            return EPERM;
        }
        if (pid <= 0) {
            return EINVAL;
        }
        Process target = procs.visibleLive(c, pid);
        if (target == null) {
            return ESRCH;
        }
        CapTable theirs = target.caps();
        if (!theirs.hasRoom(1)) {
            return EMFILE;
        }
        int nfd = theirs.install(cap.object(), cap.rights(), cap.badge(), cap);
        if (log.enabled()) {
            long to = target.tid();
            String kind = cap.object().kind();
            long id = cap.object().id();
            log.emit("CapGrant", c.tid(), c.rootPid(), () -> new String[] {
                Json.obj().put("fd", fd).put("pid", pid).toString(), Integer.toString(nfd),
                Json.obj().put("target", to).put("kind", kind).put("object", id).toString()});
        }
        return Result.Int.of(nfd);
    }

    /**
     * Implements {@code cap_revoke FD}: removes every descendant of FD, transitively,
     * in every table, and returns how many; FD stays, with its own parent. Errors:
     * EBADF. O(descendants), iterative (a chain of any depth needs no stack).
     * Spec: CapabilityDelegation!CapRevoke.
     */
    @SpecAction(spec = SPEC, action = "CapRevoke")
    public Result revoke(Process c, int fd) {
        Capability cap = c.caps().get(fd);
        if (cap == null) {
            return EBADF;
        }
        List<Capability> gone = descendants(cap);
        String slots = log.enabled() ? slots(gone) : null;
        removeAll(cap, gone);
        int n = gone.size();
        if (log.enabled()) {
            log.emit("CapRevoke", c.tid(), c.rootPid(), () -> new String[] {
                Json.obj().put("fd", fd).toString(), Integer.toString(n),
                Json.obj().raw("removed", slots).toString()});
        }
        return Result.Int.of(n);
    }

    /** Implements {@code cap_rights FD}: the rights, {@code "r|w|x|grant|destroy"} order. Errors: EBADF. */
    @SpecAction(spec = SPEC, action = "CapRights")
    public Result rights(Process c, int fd) {
        Capability cap = c.caps().get(fd);
        return cap == null ? EBADF : new Result.Str(Rights.render(cap.rights()));
    }

    /** Implements {@code cap_badge FD}: the badge, 0 when none. Errors: EBADF. */
    @SpecAction(spec = SPEC, action = "CapBadge")
    public Result badge(Process c, int fd) {
        Capability cap = c.caps().get(fd);
        return cap == null ? EBADF : Result.Int.of(cap.badge());
    }

    /**
     * The destruction hook: removes every capability naming {@code object}, in every
     * table (whole subtrees: a descendant names the same object as its ancestor), and
     * returns how many. O(those capabilities), through the {@link ObjectIndex}. For
     * the calls that destroy objects (container_destroy, a pipe's last close, ...);
     * their event reports it. An object that cannot be destroyed is a kernel bug here.
     */
    public int destroyObject(KernelObject object) {
        return destroyIn(index, object);
    }

    /** {@link #destroyObject} on the tables sharing {@code index} (for the cap package's own tests). */
    static int destroyIn(ObjectIndex index, KernelObject object) {
        if (!object.destroyable()) {
            throw new KernelBug("destroying " + object.kind() + "#" + object.id() + ", which cannot be destroyed");
        }
        List<Capability> all = index.naming(object);
        for (Capability c : all) {
            if (c.parent != null && c.parent.object() != object) {
                throw new KernelBug("task " + c.table.owner() + " fd " + c.slot + " names " + object
                        + " but its parent names " + c.parent.object());
            }
        }
        for (Capability c : all) {
            // every capability of the subtree goes, so no child moves up: drop the links wholesale
            Capability.mark(c);
            c.parent = null;
            c.firstChild = c.lastChild = c.nextSibling = c.prevSibling = null;
            c.table.drop(c);
        }
        return all.size();
    }

    /** Every descendant of {@code root}, in pre-order (children oldest first). Iterative, O(descendants). */
    static List<Capability> descendants(Capability root) {
        List<Capability> out = new ArrayList<>();
        for (Capability d = Capability.nextInSubtree(root, root); d != null; d = Capability.nextInSubtree(root, d)) {
            out.add(d);
        }
        return out;
    }

    /** Removes {@code gone}, every descendant of {@code root}, from their tables, and unlinks them. */
    static void removeAll(Capability root, List<Capability> gone) {
        Capability.mark(root);
        for (Capability d : gone) {
            d.table.drop(d);
        }
        for (Capability d : gone) {
            d.parent = null;
            d.firstChild = d.lastChild = d.nextSibling = d.prevSibling = null;
        }
        root.firstChild = null;
        root.lastChild = null;
    }

    private String slot(Capability c) {
        if (c == null) {
            return "null";
        }
        Process p = procs.task(c.table.owner());
        return Json.obj().put("task", c.table.owner()).put("pid", p == null ? 0 : p.rootPid()).put("fd", c.slot)
                .toString();
    }

    private String slots(List<Capability> cs) {
        StringBuilder sb = new StringBuilder("[");
        for (Capability c : cs) {
            sb.append(sb.length() > 1 ? "," : "").append(slot(c));
        }
        return sb.append(']').toString();
    }
}

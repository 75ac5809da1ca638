package capsid.kernel.process;

import static capsid.kernel.Errno.EAGAIN;
import static capsid.kernel.Errno.EBADF;
import static capsid.kernel.Errno.ECHILD;
import static capsid.kernel.Errno.EINVAL;
import static capsid.kernel.Errno.ENOMEM;
import static capsid.kernel.Errno.ENOSPC;
import static capsid.kernel.Errno.EPERM;
import static capsid.kernel.Errno.ESRCH;

import capsid.kernel.BootConfig;
import capsid.kernel.KernelBug;
import capsid.kernel.Result;
import capsid.kernel.SpecAction;
import capsid.kernel.call.Flags;
import capsid.kernel.call.NsType;
import capsid.kernel.call.Rights;
import capsid.kernel.call.Signals;
import capsid.kernel.cap.CapTable;
import capsid.kernel.cap.Capability;
import capsid.kernel.cap.ObjectIndex;
import capsid.kernel.event.EventLog;
import capsid.kernel.event.Json;
import capsid.kernel.ns.MountNamespace;
import capsid.kernel.ns.Namespace;
import capsid.kernel.ns.PlainNamespace;
import capsid.kernel.ns.UtsNamespace;
import capsid.kernel.util.DirtySet;
import capsid.kernel.util.Ids;
import capsid.kernel.util.LongMap;

/**
 * Processes and pid namespaces: the process table and the calls that change it
 * (the descriptor calls live in {@code capsid.kernel.cap.CapCalls})
 * (ABI.md section 3, "Processes and pid namespaces (as Linux)").
 *
 * <p>Each call first decodes: it checks every argument and permission and
 * computes everything it will need (pid numbers included) while changing nothing,
 * and returns an errno on the first failure, in the order of ABI.md's "Finer
 * points". Only then does it act, on a path with no error exit, and emit its one
 * event. So a failed call changes nothing.
 *
 * <p>Costs: {@code fork}, {@code exit}, {@code kill}, {@code wait} and {@code
 * getpid} are O(1) in the number of processes and O(depth) in nesting, apart from
 * the work the call is about (reparenting an exiting process's children, emptying
 * a namespace whose init died, copying a capability table).
 */
public final class ProcessTable {
    private static final String SPEC = "NamespaceUnshare";
    private static final String CAP_SPEC = "CapabilityDelegation";

    private final LongMap<Process> tasks = new LongMap<>(64);
    private final PidNamespace rootNs;
    private final Process init;
    private final EventLog log;
    private final BootConfig config;
    /** The kernel's index of capabilities per destroyable object, shared by every table. */
    private final ObjectIndex objects;
    /**
     * Where every change to a process, a pid or uts namespace or a pid table entry
     * is marked (shared with the capability tables through {@code objects}): each
     * method below that writes such a field marks the object it writes, so no change
     * escapes the incremental observers (IncrementalInvariants, Fingerprint).
     */
    private final DirtySet dirty;
    private final Ids.Counter pidIds;
    private final Ids.Counter utsIds;
    private final Ids.Counter mntIds;
    private final Ids.Counter ipcIds;
    private final Ids.Counter netIds;
    private final Ids.Counter userIds;
    private long nextTid = 1;
    private long exitSeq;

    /** Boots the process table: the root namespaces and {@code init} (pid 1, task 1). */
    public ProcessTable(Ids ids, EventLog log, BootConfig config) {
        this(ids, log, config, new ObjectIndex());
    }

    /** Boots the process table; every capability table lists its capabilities in {@code objects}. */
    public ProcessTable(Ids ids, EventLog log, BootConfig config, ObjectIndex objects) {
        this.log = log;
        this.objects = objects;
        this.dirty = objects.dirty();
        this.config = config;
        pidIds = ids.counter(PidNamespace.KIND);
        utsIds = ids.counter(UtsNamespace.KIND);
        mntIds = ids.counter(MountNamespace.KIND);
        ipcIds = ids.counter(NsType.IPC.kind());
        netIds = ids.counter(NsType.NET.kind());
        userIds = ids.counter(NsType.USER.kind());
        String hostname = config.hostname();
        rootNs = new PidNamespace(pidIds.next(), null);
        UtsNamespace uts = new UtsNamespace(utsIds.next(), hostname);
        MountNamespace mnt = new MountNamespace(mntIds.next());
        PlainNamespace ipc = new PlainNamespace(ipcIds.next(), NsType.IPC);
        PlainNamespace net = new PlainNamespace(netIds.next(), NsType.NET);
        PlainNamespace user = new PlainNamespace(userIds.next(), NsType.USER);
        init = new Process(nextTid++, 0, rootNs, new int[] {1});
        init.nsForChildren = rootNs;
        init.uts = uts;
        init.mnt = mnt;
        init.ipc = ipc;
        init.net = net;
        init.user = user;
        init.caps = new CapTable(init.tid, config.fdMax(), objects);
        rootNs.procs.put(1, init);
        rootNs.lastPid = 1;
        rootNs.init = init;
        tasks.put(init.tid, init);
    }

    // ---- lookups -------------------------------------------------------------------

    public Process init() {
        return init;
    }

    public BootConfig config() {
        return config;
    }

    public PidNamespace rootNs() {
        return rootNs;
    }

    /** The process with task id {@code tid} (live or zombie), or null. */
    public Process task(long tid) {
        return tasks.get(tid);
    }

    /** Every task id (live and zombie), ascending. */
    public long[] taskIds() {
        return tasks.sortedKeys();
    }

    /** The task table itself, for allocation-free scans (Snapshot, Invariants); read only. */
    LongMap<Process> taskMap() {
        return tasks;
    }

    /** The index of capabilities per destroyable object that every table here shares. */
    public ObjectIndex objectIndex() {
        return objects;
    }

    /**
     * The live process with pid {@code pid} in {@code c}'s pid namespace, or null
     * (pid &lt;= 0, not visible there, or a zombie): whom {@code ns_open} and {@code
     * cap_grant} may name.
     */
    public Process visibleLive(Process c, int pid) {
        Process t = pid > 0 ? c.ns.procs.get(pid) : null;
        return t == null || t.state != Process.State.LIVE ? null : t;
    }

    public int taskCount() {
        return tasks.size();
    }

    long nextTid() {
        return nextTid;
    }

    long exitSeq() {
        return exitSeq;
    }

    // ---- fork ----------------------------------------------------------------------

    /**
     * Implements {@code fork [FLAGS]} (ABI.md section 3). The child goes into the
     * caller's pid namespace for children, or a new child of it with {@code
     * newpid}; the first process of a namespace is its init, pid 1. Errors: EPERM
     * (jailed, with flags), EINVAL (a flag that is no namespace flag; {@code
     * newpid} while the namespace for children differs from the caller's own, as
     * Linux's copy_pid_ns), ENOSPC (a
     * 33rd nesting level), ENOMEM (a namespace on the way whose init died), EAGAIN
     * (no free pid at some level). Spec: NamespaceUnshare!Fork.
     */
    @SpecAction(spec = SPEC, action = "Fork")
    @SpecAction(spec = CAP_SPEC, action = "Fork")
    public Result fork(Process c, int flags) {
        // decode
        if (c.jail != null && flags != 0) {
            return EPERM;
        }
        if ((flags & ~Flags.NAMESPACES) != 0) {
            return EINVAL;
        }
        PidNamespace base = c.nsForChildren;
        boolean newPid = (flags & Flags.NEWPID) != 0;
        if (newPid && base != c.ns) {
            // As Linux's copy_pid_ns: a new pid namespace only from one's own, the
            // same rule that makes a second "unshare newpid" EINVAL. Otherwise the
            // namespace for children would get a pid 1 that is not its init.
            return EINVAL;
        }
        if (newPid && base.level + 1 > config.pidNsLevels()) {
            return ENOSPC;
        }
        int[] pids = new int[base.level + (newPid ? 2 : 1)];
        for (int i = base.level; i >= 0; i--) {
            PidNamespace n = base.path[i];
            if (n.initDead) {
                return ENOMEM;
            }
            int pid = n.peekNextPid(config.pidMax(), config.pidReserved());
            if (pid < 0) {
                return EAGAIN;
            }
            pids[i] = pid;
        }
        if (newPid) {
            pids[base.level + 1] = 1;
        }
        // invoke
        PidNamespace childNs = newPid ? new PidNamespace(pidIds.next(), base) : base;
        Process p = new Process(nextTid++, c.tid, childNs, pids);
        dirty.mark(p);
        for (int i = 0; i <= childNs.level; i++) {
            PidNamespace n = childNs.path[i];
            putPid(n, pids[i], p);
            n.lastPid = pids[i];
        }
        if (childNs.init == null) {
            childNs.init = p;
        }
        p.nsForChildren = childNs;
        p.uts = (flags & Flags.NEWUTS) != 0 ? new UtsNamespace(utsIds.next(), c.uts.hostname()) : c.uts;
        p.mnt = (flags & Flags.NEWNS) != 0 ? c.mnt.copy(mntIds.next()) : c.mnt;
        p.ipc = (flags & Flags.NEWIPC) != 0 ? new PlainNamespace(ipcIds.next(), NsType.IPC) : c.ipc;
        p.net = (flags & Flags.NEWNET) != 0 ? new PlainNamespace(netIds.next(), NsType.NET) : c.net;
        p.user = (flags & Flags.NEWUSER) != 0 ? new PlainNamespace(userIds.next(), NsType.USER) : c.user;
        p.caps = c.caps.copyForFork(p.tid);
        if (c.jail != null) {
            p.jail = jailOf(p);
            p.jailTid = nextTid;
        }
        linkChild(c, p);
        tasks.put(p.tid, p);
        int seen = pids[c.ns.level];
        if (log.enabled()) {
            long child = p.tid;
            long nsId = childNs.id();
            log.emit("Fork", c.tid, c.pids[0], () -> new String[] {
                Json.obj().putStrings("flags", Flags.words(flags)).toString(), Integer.toString(seen),
                Json.obj().put("child", child).putInts("pids", toLongs(pids)).put("ns", nsId).toString()});
        }
        return Result.Int.of(seen);
    }

    // ---- exit, kill, and what dying does ------------------------------------------

    /**
     * Implements {@code exit CODE}: the caller becomes a zombie, its children are
     * reparented to the init of its own pid namespace; when it is that init, every
     * other process of the namespace is killed and reaped with it (ABI.md). The
     * root init cannot exit: EPERM (Capsid's choice where Linux would panic).
     * Spec: NamespaceUnshare!Exit.
     */
    @SpecAction(spec = SPEC, action = "Exit")
    @SpecAction(spec = CAP_SPEC, action = "Exit")
    public Result exit(Process c, int code) {
        if (c == init) {
            return EPERM;
        }
        Death d = die(c, code & 0xff, 0);
        if (log.enabled()) {
            log.emit("Exit", c.tid, c.pids[0], () -> new String[] {
                Json.obj().put("code", code).toString(), "0", d.json()});
        }
        return Result.Int.ZERO;
    }

    /**
     * Implements {@code kill PID SIG} (ABI.md section 3): 0, or EINVAL (SIG not
     * KILL, TERM or 0; PID &lt;= 0), ESRCH (PID not visible to the caller). A
     * namespace init ignores TERM, and KILL from inside its own namespace; KILL from
     * an ancestor namespace kills it. The root init is never killed; a zombie
     * stays as it is. Spec: NamespaceUnshare!Kill.
     */
    @SpecAction(spec = SPEC, action = "Kill")
    public Result kill(Process c, int pid, int sig) {
        if (!Signals.valid(sig) || pid <= 0) {
            return EINVAL;
        }
        Process t = c.ns.procs.get(pid);
        if (t == null) {
            return ESRCH;
        }
        boolean kills = sig != Signals.NONE && t.state == Process.State.LIVE && t != init
                && !(t.ns.init == t && (sig == Signals.TERM || c.ns == t.ns));
        Death d = kills ? die(t, 0, sig) : null;
        if (log.enabled()) {
            long target = t.tid;
            log.emit("Kill", c.tid, c.pids[0], () -> new String[] {
                Json.obj().put("pid", pid).put("sig", Signals.name(sig)).toString(), "0",
                Json.obj().put("target", target).put("killed", kills)
                        .raw("death", d == null ? "null" : d.json()).toString()});
        }
        return Result.Int.ZERO;
    }

    /** What a death did, for the event. */
    private record Death(long task, int[] zapped, long[] reparented, long reaper) {
        String json() {
            return Json.obj().put("task", task).putInts("zapped", toLongs(zapped))
                    .putInts("reparented", reparented).put("reaper", reaper).toString();
        }
    }

    private static final int[] NO_PIDS = new int[0];
    private static final long[] NO_TASKS = new long[0];

    /**
     * Process {@code p} (live, not the root init) dies with an exit code or a
     * signal. Never fails. Returns what it did for the event, or null when events
     * are not recorded.
     */
    private Death die(Process p, int code, int sig) {
        boolean record = log.enabled();
        PidNamespace n = p.ns;
        mark(p);
        dirty.mark(n);
        int[] zapped = NO_PIDS;
        long[] reparented = NO_TASKS;
        long reaper = 0;
        if (n.init == p) {
            // "When the init of a pid namespace dies, every other process in it is
            // killed and reaped with it" - ABI.md s3
            n.initDead = true;
            if (n.procs.size() > 1) {
                int[] victims = n.procs.sortedKeys();
                zapped = new int[victims.length - 1];
                int z = 0;
                for (int pid : victims) {
                    Process v = n.procs.get(pid);
                    if (v != p) {
                        zapped[z++] = v.pids[0];
                        removeEntirely(v);
                    }
                }
            }
            if (p.childCount != 0) {
                throw new KernelBug("init " + p + " still has children after its namespace was emptied");
            }
        } else if (p.childCount > 0) {
            // "children are reparented to the init of the exiting process's own pid
            // namespace" - ABI.md s3
            Process r = n.init;
            if (r == null || r.state != Process.State.LIVE) {
                throw new KernelBug("namespace " + n + " has live process " + p + " but no live init");
            }
            reaper = r.tid;
            if (record) {
                reparented = new long[p.childCount];
                int i = 0;
                for (Process k = p.firstChild; k != null; k = k.nextSibling) {
                    reparented[i++] = k.tid;
                }
            }
            reparentAll(p, r);
        }
        p.state = Process.State.ZOMBIE;
        p.exitCode = code;
        p.exitSignal = sig;
        p.exitSeq = ++exitSeq;
        p.caps.closeAll();
        p.caps = null;
        p.nsForChildren = null;
        p.uts = null;
        p.mnt = null;
        p.ipc = null;
        p.net = null;
        p.user = null;
        p.jail = null;
        appendZombie(p.parent, p);
        return record ? new Death(p.tid, zapped, reparented, reaper) : null;
    }

    /** Killed and reaped at once (a namespace whose init died): gone from every table. */
    private void removeEntirely(Process v) {
        mark(v);
        dirty.mark(v.ns);
        if (v.state == Process.State.LIVE) {
            v.caps.closeAll();
            v.caps = null;
        }
        unlinkChild(v);
        for (int i = 0; i <= v.ns.level; i++) {
            removePid(v.ns.path[i], v.pids[i]);
        }
        if (v.ns.init == v) {
            v.ns.initDead = true;
            v.ns.init = null;
        }
        v.state = Process.State.REAPED;
        v.firstChild = v.lastChild = v.firstZombie = v.lastZombie = null;
        v.childCount = 0;
        v.nsForChildren = null;
        v.uts = null;
        v.mnt = null;
        v.ipc = null;
        v.net = null;
        v.user = null;
        v.jail = null;
        tasks.remove(v.tid);
    }

    // ---- wait ------------------------------------------------------------------------

    /**
     * Implements {@code wait [PID]} (ABI.md section 3): the pid of the reaped zombie
     * child (without PID, the one that exited first); 0 when the caller has
     * children but none (or not PID) has exited. Errors: EINVAL (PID &lt;= 0),
     * ECHILD (no children, or PID is not a child). Spec: NamespaceUnshare!Wait.
     */
    @SpecAction(spec = SPEC, action = "Wait")
    public Result wait(Process c, boolean any, int pid) {
        if (!any && pid <= 0) {
            return EINVAL;
        }
        if (c.childCount == 0) {
            return ECHILD;
        }
        Process z;
        if (any) {
            z = c.firstZombie;
        } else {
            Process t = c.ns.procs.get(pid);
            if (t == null || t.parent != c) {
                return ECHILD;
            }
            z = t.state == Process.State.ZOMBIE ? t : null;
        }
        int seen = 0;
        long reaped = 0;
        if (z != null) {
            seen = z.pids[c.ns.level];
            reaped = z.tid;
            reap(z);
        }
        if (log.enabled()) {
            int shown = seen;
            long gone = reaped;
            log.emit("Wait", c.tid, c.pids[0], () -> new String[] {
                any ? "{}" : Json.obj().put("pid", pid).toString(), Integer.toString(shown),
                Json.obj().put("reaped", gone).toString()});
        }
        return Result.Int.of(seen);
    }

    private void reap(Process z) {
        mark(z);
        dirty.mark(z.ns);
        unlinkChild(z);
        for (int i = 0; i <= z.ns.level; i++) {
            removePid(z.ns.path[i], z.pids[i]);
        }
        if (z.ns.init == z) {
            z.ns.init = null;
        }
        z.state = Process.State.REAPED;
        tasks.remove(z.tid);
    }

    // ---- identity --------------------------------------------------------------------

    /** Implements {@code getpid}: the caller's pid in its own namespace. */
    @SpecAction(spec = SPEC, action = "Getpid")
    public Result getpid(Process c) {
        return Result.Int.of(c.pids[c.ns.level]);
    }

    /** Implements {@code getppid}: the parent's pid in the caller's namespace, 0 when it is not visible. */
    @SpecAction(spec = SPEC, action = "Getppid")
    public Result getppid(Process c) {
        Process p = c.parent;
        return Result.Int.of(p == null ? 0 : p.pidIn(c.ns));
    }

    // ---- namespaces ------------------------------------------------------------------

    /**
     * Implements {@code unshare FLAGS} (ABI.md section 3): {@code newpid} gives the
     * caller's future children a new pid namespace (a child of the caller's);
     * the others move the caller at once. Errors: EPERM (jailed), EINVAL (a flag
     * that is no namespace flag; {@code newpid} while the namespace for children
     * already differs from the caller's own), ENOSPC (a 33rd level).
     * Spec: NamespaceUnshare!Unshare.
     */
    @SpecAction(spec = SPEC, action = "Unshare")
    public Result unshare(Process c, int flags) {
        if (c.jail != null) {
            return EPERM;
        }
        if ((flags & ~Flags.NAMESPACES) != 0) {
            return EINVAL;
        }
        boolean newPid = (flags & Flags.NEWPID) != 0;
        if (newPid && c.nsForChildren != c.ns) {
            return EINVAL;
        }
        if (newPid && c.ns.level + 1 > config.pidNsLevels()) {
            return ENOSPC;
        }
        mark(c);
        if (newPid) {
            c.nsForChildren = new PidNamespace(pidIds.next(), c.ns);
        }
        if ((flags & Flags.NEWUTS) != 0) {
            c.uts = new UtsNamespace(utsIds.next(), c.uts.hostname());
        }
        if ((flags & Flags.NEWNS) != 0) {
            c.mnt = c.mnt.copy(mntIds.next());
        }
        if ((flags & Flags.NEWIPC) != 0) {
            c.ipc = new PlainNamespace(ipcIds.next(), NsType.IPC);
        }
        if ((flags & Flags.NEWNET) != 0) {
            c.net = new PlainNamespace(netIds.next(), NsType.NET);
        }
        if ((flags & Flags.NEWUSER) != 0) {
            c.user = new PlainNamespace(userIds.next(), NsType.USER);
        }
        if (log.enabled()) {
            long pidFc = c.nsForChildren.id();
            long utsId = c.uts.id();
            long mntId = c.mnt.id();
            long ipcId = c.ipc.id();
            long netId = c.net.id();
            long userId = c.user.id();
            log.emit("Unshare", c.tid, c.pids[0], () -> new String[] {
                Json.obj().putStrings("flags", Flags.words(flags)).toString(), "0",
                Json.obj().put("pidForChildren", pidFc).put("uts", utsId).put("mnt", mntId).put("ipc", ipcId)
                        .put("net", netId).put("user", userId).toString()});
        }
        return Result.Int.ZERO;
    }

    /**
     * Implements {@code setns FD}: enters the namespace FD names; a pid namespace
     * applies to future children only. Errors: EPERM (jailed; FD lacks x), EBADF,
     * EINVAL (FD is no namespace, or a pid namespace that is not the caller's own or
     * a descendant of it). Spec: NamespaceUnshare!SetNs.
     */
    @SpecAction(spec = SPEC, action = "SetNs")
    public Result setns(Process c, int fd) {
        if (c.jail != null) {
            return EPERM;
        }
        Capability cap = c.caps.get(fd);
        if (cap == null) {
            return EBADF;
        }
        if (!cap.has(Rights.X)) {
            return EPERM;
        }
        if (!(cap.object() instanceof Namespace ns)) {
            return EINVAL;
        }
        if (ns instanceof PidNamespace pidNs && !pidNs.hasAncestorOrSelf(c.ns)) {
            return EINVAL;
        }
        mark(c);
        switch (ns.type()) {
            case PID -> c.nsForChildren = (PidNamespace) ns;
            case UTS -> c.uts = (UtsNamespace) ns;
            case MNT -> c.mnt = (MountNamespace) ns;
            case IPC -> c.ipc = (PlainNamespace) ns;
            case NET -> c.net = (PlainNamespace) ns;
            case USER -> c.user = (PlainNamespace) ns;
        }
        if (log.enabled()) {
            String type = ns.type().word();
            long nsId = ns.id();
            log.emit("SetNs", c.tid, c.pids[0], () -> new String[] {
                Json.obj().put("fd", fd).toString(), "0", Json.obj().put("type", type).put("ns", nsId).toString()});
        }
        return Result.Int.ZERO;
    }

    /**
     * Implements {@code sethostname NAME}, in the caller's uts namespace. Errors:
     * EINVAL (not 1-64 characters of [A-Za-z0-9.-]). Spec: NamespaceUnshare!SetHostname.
     */
    @SpecAction(spec = SPEC, action = "SetHostname")
    public Result sethostname(Process c, String name) {
        if (!UtsNamespace.validHostname(name)) {
            return EINVAL;
        }
        dirty.mark(c.uts);
        c.uts.setHostname(name);
        if (log.enabled()) {
            long utsId = c.uts.id();
            log.emit("SetHostname", c.tid, c.pids[0], () -> new String[] {
                Json.obj().put("name", name).toString(), "0", Json.obj().put("uts", utsId).toString()});
        }
        return Result.Int.ZERO;
    }

    /** Implements {@code gethostname}: the caller's uts namespace's hostname. */
    @SpecAction(spec = SPEC, action = "Gethostname")
    public Result gethostname(Process c) {
        return new Result.Str(c.uts.hostname());
    }

    /**
     * Implements {@code jail}: a set-once flag (again: 0), inherited by children.
     * A jailed process stays in the namespaces it has now. Spec: NamespaceUnshare!Jail.
     */
    @SpecAction(spec = SPEC, action = "Jail")
    public Result jail(Process c) {
        boolean first = c.jail == null;
        if (first) {
            mark(c);
            c.jail = jailOf(c);
            c.jailTid = nextTid;
        }
        if (log.enabled()) {
            log.emit("Jail", c.tid, c.pids[0], () -> new String[] {
                "{}", "0", Json.obj().put("first", first).toString()});
        }
        return Result.Int.ZERO;
    }

    // ---- helpers --------------------------------------------------------------------------

    /** The namespace of type {@code t} that process {@code p} (live) is in (for {@code pid}, the one it lives in). */
    public static Namespace namespaceOf(Process p, NsType t) {
        return switch (t) {
            case PID -> p.ns;
            case UTS -> p.uts;
            case MNT -> p.mnt;
            case IPC -> p.ipc;
            case NET -> p.net;
            case USER -> p.user;
        };
    }

    private static Process.Jail jailOf(Process p) {
        return new Process.Jail(p.ns, p.nsForChildren, p.uts, p.mnt, p.ipc, p.net, p.user);
    }

    private static long[] toLongs(int[] a) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }

    /** Marks {@code p} and its capability table (which a change to {@code p} may drop). */
    private void mark(Process p) {
        dirty.mark(p);
        if (p.caps != null) {
            dirty.mark(p.caps);
        }
    }

    /** Marks {@code p}, if any. */
    private void markIf(Process p) {
        if (p != null) {
            dirty.mark(p);
        }
    }

    /** {@code n.procs.put(pid, p)}, marking the entry, the namespace and the process it mapped before. */
    private void putPid(PidNamespace n, int pid, Process p) {
        dirty.mark(n, pid);
        markIf(n.procs.put(pid, p));
    }

    /** {@code n.procs.remove(pid)}, marking the entry, the namespace and the process it mapped. */
    private void removePid(PidNamespace n, int pid) {
        dirty.mark(n, pid);
        markIf(n.procs.remove(pid));
    }

    private void linkChild(Process parent, Process child) {
        dirty.mark(parent);
        dirty.mark(child);
        markIf(parent.lastChild);
        child.parent = parent;
        child.prevSibling = parent.lastChild;
        child.nextSibling = null;
        if (parent.lastChild == null) {
            parent.firstChild = child;
        } else {
            parent.lastChild.nextSibling = child;
        }
        parent.lastChild = child;
        parent.childCount++;
    }

    /** Unlinks {@code child} from its parent's children (and zombie) list. */
    private void unlinkChild(Process child) {
        Process parent = child.parent;
        dirty.mark(child);
        if (parent == null) {
            return;
        }
        dirty.mark(parent);
        markIf(child.prevSibling);
        markIf(child.nextSibling);
        if (child.prevSibling == null) {
            parent.firstChild = child.nextSibling;
        } else {
            child.prevSibling.nextSibling = child.nextSibling;
        }
        if (child.nextSibling == null) {
            parent.lastChild = child.prevSibling;
        } else {
            child.nextSibling.prevSibling = child.prevSibling;
        }
        parent.childCount--;
        if (child.state == Process.State.ZOMBIE) {
            removeZombie(parent, child);
        }
        child.parent = null;
        child.nextSibling = null;
        child.prevSibling = null;
    }

    private void appendZombie(Process parent, Process z) {
        dirty.mark(parent);
        dirty.mark(z);
        markIf(parent.lastZombie);
        z.nextZombie = null;
        z.prevZombie = parent.lastZombie;
        if (parent.lastZombie == null) {
            parent.firstZombie = z;
        } else {
            parent.lastZombie.nextZombie = z;
        }
        parent.lastZombie = z;
    }

    private void removeZombie(Process parent, Process z) {
        dirty.mark(parent);
        dirty.mark(z);
        markIf(z.prevZombie);
        markIf(z.nextZombie);
        if (z.prevZombie == null) {
            parent.firstZombie = z.nextZombie;
        } else {
            z.prevZombie.nextZombie = z.nextZombie;
        }
        if (z.nextZombie == null) {
            parent.lastZombie = z.prevZombie;
        } else {
            z.nextZombie.prevZombie = z.prevZombie;
        }
        z.nextZombie = null;
        z.prevZombie = null;
    }

    /** Moves every child of {@code from} to {@code to}; zombies merge into {@code to}'s list in exit order. */
    private void reparentAll(Process from, Process to) {
        dirty.mark(from);
        dirty.mark(to);
        markIf(to.lastChild);
        // children: append the whole list (every child is marked: its parent changes)
        for (Process k = from.firstChild; k != null; k = k.nextSibling) {
            dirty.mark(k);
            k.parent = to;
        }
        if (from.firstChild != null) {
            if (to.lastChild == null) {
                to.firstChild = from.firstChild;
            } else {
                to.lastChild.nextSibling = from.firstChild;
                from.firstChild.prevSibling = to.lastChild;
            }
            to.lastChild = from.lastChild;
            to.childCount += from.childCount;
        }
        // zombies: merge two lists sorted by exitSeq
        Process a = to.firstZombie;
        Process b = from.firstZombie;
        Process head = null;
        Process tail = null;
        while (a != null || b != null) {
            Process next;
            if (b == null || (a != null && a.exitSeq < b.exitSeq)) {
                next = a;
                a = a.nextZombie;
            } else {
                next = b;
                b = b.nextZombie;
            }
            dirty.mark(next);
            next.prevZombie = tail;
            if (tail == null) {
                head = next;
            } else {
                tail.nextZombie = next;
            }
            tail = next;
        }
        if (tail != null) {
            tail.nextZombie = null;
        }
        to.firstZombie = head;
        to.lastZombie = tail;
        from.firstChild = from.lastChild = from.firstZombie = from.lastZombie = null;
        from.childCount = 0;
    }
}

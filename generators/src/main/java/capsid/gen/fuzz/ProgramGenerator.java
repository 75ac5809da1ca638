package capsid.gen.fuzz;

import capsid.gen.KernelProperties;
import capsid.kernel.BootConfig;
import capsid.kernel.Result;
import capsid.kernel.call.Call;
import capsid.kernel.call.Flags;
import capsid.kernel.call.NsType;
import capsid.kernel.call.Resource;
import capsid.kernel.call.Signals;
import capsid.kernel.call.Sys;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded generation of symbolic programs for every ABI call ({@link Sys}), the
 * unimplemented ones too (they must be ENOSYS and change nothing). Biases:
 * symbolic pids (visible or not to the actor) more than literal ones, and
 * literals at the edges (0, -1, pid_max, 2^31-1); fds bound from earlier results
 * (own or another task's) more than literals; more forks while few tasks exist and
 * more deaths when many do; {@code newpid} most often among the flags, so
 * namespaces nest deep; small boot limits for one program in four. Choices are
 * guarded by what the program has done so far (only live actors but rarely, so
 * most programs go deep).
 *
 * <p>A program is identified by (seed, size): generation watches the kernel it
 * drives, so the same seed and size on the same kernel give the same program.
 */
public final class ProgramGenerator {
    private static final String[] HOSTNAMES = {"capsid", "web", "Web", "db-1", "DB-1.Example", "a.b.c",
        "x".repeat(64), "", "x".repeat(65), "a_b", "bad name", "\u00e9"};
    private static final int[] ODD_PIDS = {0, -1, Integer.MIN_VALUE, 32767, 32768, 40000, Integer.MAX_VALUE, 16, 15};
    private static final int[] ODD_FDS = {-1, 3, 4, 1023, 1024, 1 << 20, Integer.MIN_VALUE};
    private static final String[] PATHS = {"/", "/x", "/dev/null", "/dev/mem", "/a/b", "", "rel", "/tmp/../x"};
    private static final String[] NAMES = {"c", "svc", "", "x".repeat(300), "a b"};

    private ProgramGenerator() {
    }

    /** What generation may know about the program so far. */
    public interface Context {
        int tasks();

        boolean live(int task);

        int levels(int task);

        int stepIndex();

        /** True when step {@code i} may have bound an integer (an fd). */
        boolean bindsInt(int i);
    }

    /** The boot configuration of program {@code seed}: small limits for one in four, two pid levels for one in eight. */
    public static BootConfig configFor(long seed) {
        BootConfig c = KernelProperties.configFor(seed);
        return Math.floorMod(seed, 8) == 5 ? c.withPidNsLevels(2).withFdMax(8) : c;
    }

    /** Generates program (seed, size) while running it through {@code ex}'s settings; stops at a failure. */
    public static Executor.Trace generate(long seed, int size, KernelProperties.Syscall sys, List<StepCheck> checks,
                                          Executor.StepObserver observer) {
        return generate(seed, size, sys, checks, observer, Executor.Checking.FULL);
    }

    /** As {@link #generate(long, int, KernelProperties.Syscall, List, Executor.StepObserver)}, checking as given. */
    public static Executor.Trace generate(long seed, int size, KernelProperties.Syscall sys, List<StepCheck> checks,
                                          Executor.StepObserver observer, Executor.Checking checking) {
        BootConfig config = configFor(seed);
        Executor ex = new Executor(config, sys, checks, observer, checking);
        // split(): seeds that differ by the generator's own increment would otherwise give shifted copies of one stream
        SplittableRandom rnd = new SplittableRandom(seed * 0x2545F4914F6CDD1DL + size).split();
        List<FuzzStep> steps = new ArrayList<>();
        Context ctx = new Context() {
            public int tasks() {
                return ex.tasks();
            }

            public boolean live(int t) {
                return ex.live(t);
            }

            public int levels(int t) {
                return ex.levels(t);
            }

            public int stepIndex() {
                return ex.stepsRun();
            }

            public boolean bindsInt(int i) {
                return ex.result(i) instanceof Result.Int && steps.get(i).call().sys() != Sys.FORK;
            }
        };
        for (int i = 0; i < size; i++) {
            FuzzStep s = next(rnd, ctx);
            steps.add(s);
            if (!ex.step(s)) {
                break;
            }
        }
        ex.finish();
        return ex.trace(new Program(seed, size, config, steps));
    }

    /** Generates program (seed, size) on the real kernel. */
    public static Program generate(long seed, int size) {
        return generate(seed, size, capsid.kernel.Kernel::syscall, List.of(), null).program();
    }

    /** A context read from a program without running it (for mutation): every fork may have made a task. */
    public static Context staticContext(List<FuzzStep> prefix) {
        int forks = 1;
        for (FuzzStep s : prefix) {
            if (s.call().sys() == Sys.FORK) {
                forks++;
            }
        }
        int tasks = forks;
        return new Context() {
            public int tasks() {
                return tasks;
            }

            public boolean live(int t) {
                return t < tasks;
            }

            public int levels(int t) {
                return 1;
            }

            public int stepIndex() {
                return prefix.size();
            }

            public boolean bindsInt(int i) {
                Sys s = prefix.get(i).call().sys();
                return s == Sys.NS_OPEN || s == Sys.DUP || s == Sys.OPEN || s == Sys.CAP_DERIVE
                        || s == Sys.CONTAINER_CREATE || s == Sys.SESSION_OPEN;
            }
        };
    }

    /** One step for the program so far. */
    public static FuzzStep next(SplittableRandom rnd, Context ctx) {
        int actor = actor(rnd, ctx);
        int live = 0;
        for (int t = 0; t < ctx.tasks(); t++) {
            if (ctx.live(t)) {
                live++;
            }
        }
        int forkW = live < 4 ? 30 : live < 12 ? 18 : 8;
        int exitW = live < 4 ? 3 : live < 12 ? 7 : 14;
        int[] w = {forkW, exitW, 10, 10, 5, 8, 9, 8, 5, 2, 3, 4, 5, 10};
        int total = 0;
        for (int x : w) {
            total += x;
        }
        int x = rnd.nextInt(total);
        int kind = 0;
        while ((x -= w[kind]) >= 0) {
            kind++;
        }
        switch (kind) {
            case 0:
                return FuzzStep.of(actor, new Call.Fork(flags(rnd)));
            case 1:
                return FuzzStep.of(actor, new Call.Exit(rnd.nextInt(8) == 0 ? rnd.nextInt() : rnd.nextInt(4)));
            case 2:
                return rnd.nextBoolean() ? FuzzStep.of(actor, Call.Wait.ANY) : pidStep(rnd, ctx, actor, Call.Wait.pid(0));
            case 3:
                return pidStep(rnd, ctx, actor, new Call.Kill(0, signal(rnd)));
            case 4:
                return FuzzStep.of(actor, rnd.nextBoolean() ? Call.GetPid.INSTANCE : Call.GetPpid.INSTANCE);
            case 5:
                return FuzzStep.of(actor, new Call.Unshare(flags(rnd)));
            case 6: {
                int r = rnd.nextInt(12);
                int type = r == 0 ? (rnd.nextBoolean() ? -1 : 6 + rnd.nextInt(3)) : r < 6 ? NsType.PID.ordinal()
                        : rnd.nextInt(NsType.values().length);
                return pidStep(rnd, ctx, actor, new Call.NsOpen(0, type));
            }
            case 7:
                return fdStep(rnd, ctx, actor, new Call.SetNs(0));
            case 8:
                return FuzzStep.of(actor, new Call.SetHostname(HOSTNAMES[rnd.nextInt(HOSTNAMES.length)]));
            case 9:
                return FuzzStep.of(actor, Call.GetHostname.INSTANCE);
            case 10:
                return FuzzStep.of(actor, Call.Jail.INSTANCE);
            case 11:
                return fdStep(rnd, ctx, actor, new Call.Close(0));
            case 12:
                return fdStep(rnd, ctx, actor, new Call.Dup(0));
            default:
                return other(rnd, ctx, actor);
        }
    }

    private static int actor(SplittableRandom rnd, Context ctx) {
        if (rnd.nextInt(60) == 0) {
            return rnd.nextInt(ctx.tasks() + 1); // maybe dead or not yet created: the step is skipped
        }
        int live = 0;
        for (int t = 0; t < ctx.tasks(); t++) {
            if (ctx.live(t)) {
                live++;
            }
        }
        if (live == 0) {
            return 0;
        }
        // the deepest tasks a little more often: they reach nested states
        int pick = rnd.nextInt(live);
        int best = -1;
        for (int t = 0; t < ctx.tasks(); t++) {
            if (ctx.live(t) && pick-- == 0) {
                best = t;
                break;
            }
        }
        if (rnd.nextInt(4) == 0) {
            for (int t = ctx.tasks() - 1; t >= 0; t--) {
                if (ctx.live(t) && ctx.levels(t) > ctx.levels(best)) {
                    return t;
                }
            }
        }
        return best;
    }

    private static FuzzStep pidStep(SplittableRandom rnd, Context ctx, int actor, Call c) {
        if (rnd.nextInt(10) < 7) {
            return new FuzzStep(actor, c, rnd.nextInt(ctx.tasks()), -1);
        }
        int pid = rnd.nextInt(3) == 0 ? ODD_PIDS[rnd.nextInt(ODD_PIDS.length)] : 1 + rnd.nextInt(12);
        return FuzzStep.of(actor, Calls.withPid(c, pid));
    }

    private static FuzzStep fdStep(SplittableRandom rnd, Context ctx, int actor, Call c) {
        if (rnd.nextInt(4) != 0) {
            List<Integer> bound = new ArrayList<>();
            for (int i = 0; i < ctx.stepIndex(); i++) {
                if (ctx.bindsInt(i)) {
                    bound.add(i);
                }
            }
            if (!bound.isEmpty()) {
                return new FuzzStep(actor, c, -1, bound.get(rnd.nextInt(bound.size())));
            }
        }
        int fd = rnd.nextInt(6) == 0 ? ODD_FDS[rnd.nextInt(ODD_FDS.length)] : rnd.nextInt(4);
        return FuzzStep.of(actor, Calls.withFd(c, fd));
    }

    static int flags(SplittableRandom rnd) {
        int r = rnd.nextInt(20);
        if (r < 8) {
            return 0;
        }
        if (r < 12) {
            return Flags.NEWPID;
        }
        if (r < 15) {
            return NsType.values()[rnd.nextInt(NsType.values().length)].flag();
        }
        if (r < 18) {
            return rnd.nextInt(Flags.NAMESPACES) + 1;
        }
        return r == 18 ? Flags.DESTROY_ON_CLOSE : 1 << (7 + rnd.nextInt(23));
    }

    private static int signal(SplittableRandom rnd) {
        int r = rnd.nextInt(12);
        return r < 5 ? Signals.KILL : r < 9 ? Signals.TERM : r < 11 ? Signals.NONE : rnd.nextInt(-2, 66);
    }

    private static long limit(SplittableRandom rnd) {
        int r = rnd.nextInt(5);
        return r == 0 ? Resource.MAX : r == 1 ? -2 : r == 2 ? Long.MAX_VALUE : rnd.nextInt(5);
    }

    private static String pick(SplittableRandom rnd, String[] xs) {
        return xs[rnd.nextInt(xs.length)];
    }

    /** Every other call (containers, files, capabilities, services, freezer, programs). */
    private static FuzzStep other(SplittableRandom rnd, Context ctx, int actor) {
        Sys[] all = Sys.values();
        Sys s = all[12 + (int) Math.floorMod(rnd.nextLong() >>> 11, (long) (all.length - 12))];
        int res = rnd.nextInt(7) - 1;
        switch (s) {
            case CONTAINER_CREATE:
                return FuzzStep.of(actor, new Call.ContainerCreate(pick(rnd, NAMES), flags(rnd)));
            case FORK_INTO_CONTAINER:
                return fdStep(rnd, ctx, actor, new Call.ForkIntoContainer(0));
            case CONTAINER_DESTROY:
                return fdStep(rnd, ctx, actor, new Call.ContainerDestroy(0));
            case QUOTA_SET:
                return fdStep(rnd, ctx, actor, new Call.QuotaSet(0, res, limit(rnd)));
            case QUOTA_GET:
                return fdStep(rnd, ctx, actor, new Call.QuotaGet(0, res));
            case QUOTA_DONATE:
                return fdStep(rnd, ctx, actor, new Call.QuotaDonate(0, res, limit(rnd)));
            case PROC_LIMIT:
                return FuzzStep.of(actor, new Call.ProcLimit(limit(rnd)));
            case UPCALL_SET:
                return FuzzStep.of(actor, new Call.UpcallSet(rnd.nextBoolean() ? "exit_signal" : "bogus", "spin"));
            case REQUEST_KEY:
                return FuzzStep.of(actor, new Call.RequestKey(pick(rnd, NAMES)));
            case MKDIR:
                return FuzzStep.of(actor, new Call.Mkdir(pick(rnd, PATHS)));
            case OPEN:
                return FuzzStep.of(actor, new Call.Open(pick(rnd, PATHS), rnd.nextInt(8)));
            case READ:
                return fdStep(rnd, ctx, actor, new Call.Read(0, limit(rnd)));
            case WRITE:
                return fdStep(rnd, ctx, actor, new Call.Write(0, rnd.nextBoolean() ? "hello" : ""));
            case UNLINK:
                return FuzzStep.of(actor, new Call.Unlink(pick(rnd, PATHS)));
            case MOUNT:
                return FuzzStep.of(actor, new Call.Mount("none", pick(rnd, PATHS), rnd.nextBoolean() ? "ramfs" : "bind"));
            case UMOUNT:
                return FuzzStep.of(actor, new Call.Umount(pick(rnd, PATHS), rnd.nextBoolean()));
            case PIPE:
                return FuzzStep.of(actor, Call.Pipe.INSTANCE);
            case CAP_DERIVE: {
                boolean badge = rnd.nextBoolean();
                return fdStep(rnd, ctx, actor, new Call.CapDerive(0, rnd.nextInt(32), badge ? limit(rnd) : 0, badge));
            }
            case CAP_GRANT: {
                FuzzStep f = fdStep(rnd, ctx, actor, new Call.CapGrant(0, 1 + rnd.nextInt(8)));
                return rnd.nextBoolean() ? f.withPidTask(rnd.nextInt(ctx.tasks())) : f;
            }
            case CAP_REVOKE:
                return fdStep(rnd, ctx, actor, new Call.CapRevoke(0));
            case CAP_RIGHTS:
                return fdStep(rnd, ctx, actor, new Call.CapRights(0));
            case CAP_BADGE:
                return fdStep(rnd, ctx, actor, new Call.CapBadge(0));
            case SERVICE_ANNOUNCE:
                return FuzzStep.of(actor, new Call.ServiceAnnounce(pick(rnd, NAMES)));
            case SESSION_OPEN:
                return FuzzStep.of(actor, new Call.SessionOpen(pick(rnd, NAMES), limit(rnd)));
            case SESSION_CLOSE:
                return fdStep(rnd, ctx, actor, new Call.SessionClose(0));
            case FREEZE:
                return fdStep(rnd, ctx, actor, new Call.Freeze(0));
            case THAW:
                return fdStep(rnd, ctx, actor, new Call.Thaw(0));
            case FREEZER_STATE:
                return fdStep(rnd, ctx, actor, new Call.FreezerState(0));
            case CHECKPOINT:
                return fdStep(rnd, ctx, actor, new Call.Checkpoint(0, pick(rnd, PATHS)));
            case RESTORE:
                return FuzzStep.of(actor, new Call.Restore(pick(rnd, PATHS)));
            default:
                return FuzzStep.of(actor, new Call.Exec(rnd.nextBoolean() ? "spin" : "/x.cas",
                        rnd.nextBoolean() ? List.of() : List.of("1", "a b")));
        }
    }
}

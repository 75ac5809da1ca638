package capsid.gen;

import capsid.kernel.Kernel;
import capsid.kernel.ProcessView;
import capsid.kernel.call.Call;
import capsid.kernel.call.Flags;
import capsid.kernel.call.NsType;
import capsid.kernel.call.Signals;
import capsid.kernel.call.Sys;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded generator of syscall programs for the process and namespace calls,
 * biased toward interesting arguments: pids visible and invisible to the caller,
 * own and foreign fds, namespace flags alone and together, invalid values of every
 * kind, dead callers. It watches the kernel it drives (which tasks exist, which
 * are live) so that most calls reach deep states rather than failing early.
 *
 * <p>Reproducible: the same seed against the same kernel gives the same calls.
 */
public final class CallGenerator {
    private static final String[] HOSTNAMES = {
        "capsid", "web", "Web", "db-1", "DB-1.Example", "a.b.c", "x".repeat(64), "", "x".repeat(65), "a_b", "bad name",
        "é", null
    };
    private static final int[] ODD_PIDS = {0, -1, Integer.MIN_VALUE, 32767, 32768, 40000, Integer.MAX_VALUE};
    private static final int[] BAD_TYPES = {-2, -1, 6, 7, Integer.MAX_VALUE};
    private static final int[] ODD_FDS = {-1, 1023, 1024, 1 << 20, Integer.MIN_VALUE};

    /**
     * Which calls and arguments to draw from: {@code ALL} of them, or only what
     * spec/NamespaceUnshare.tla models ({@code NAMESPACE_SPEC}: no ipc, net or user
     * namespaces), so that every successful call's event is an action of that spec
     * (trace validation). Invalid values stay in both: they fail and log nothing.
     */
    public enum Profile { ALL, NAMESPACE_SPEC }

    private final SplittableRandom rnd;
    private final Profile profile;
    private final List<Long> known = new ArrayList<>();

    public CallGenerator(long seed) {
        this(seed, Profile.ALL);
    }

    public CallGenerator(long seed, Profile profile) {
        this.rnd = new SplittableRandom(seed);
        this.profile = profile;
    }

    /** The next step for {@code k}, whose history this generator has seen (see {@link #observe}). */
    public ProgramStep next(Kernel k) {
        if (known.isEmpty()) {
            known.add(k.initTid());
        }
        long actor = pickActor(k);
        return new ProgramStep(actor, call(k, actor));
    }

    /** Tells the generator what the step did, so later steps can name the tasks it created. */
    public void observe(Kernel k, ProgramStep step, capsid.kernel.Result r) {
        Sys s = step.call().sys();
        if (!r.isError() && (s == Sys.FORK) && r instanceof capsid.kernel.Result.Int pid) {
            long child = k.resolve(step.actor(), (int) pid.value());
            if (child != 0) {
                known.add(child);
            }
        }
    }

    private long pickActor(Kernel k) {
        if (rnd.nextInt(50) == 0) {
            return known.get(rnd.nextInt(known.size())); // maybe dead: ESRCH
        }
        List<Long> live = new ArrayList<>();
        for (long t : known) {
            ProcessView v = k.process(t);
            if (v != null && v.live()) {
                live.add(t);
            }
        }
        return live.isEmpty() ? k.initTid() : live.get(rnd.nextInt(live.size()));
    }

    private Call call(Kernel k, long actor) {
        int live = 0;
        for (long t : known) {
            ProcessView v = k.process(t);
            if (v != null && v.live()) {
                live++;
            }
        }
        // more forks while the world is small, more deaths when it is large
        int forkWeight = live < 4 ? 30 : live < 12 ? 18 : 8;
        int exitWeight = live < 4 ? 3 : live < 12 ? 7 : 14;
        // the capability calls that change the derivation tree are no part of NamespaceUnshare (its
        // trace validation skips such logs whole), so its profile leaves them out
        int capWeight = profile == Profile.ALL ? 7 : 0;
        int total = forkWeight + exitWeight + 10 + 10 + 5 + 8 + 8 + 8 + 5 + 2 + 3 + 4 + 4 + capWeight + 2;
        int x = rnd.nextInt(total);
        if ((x -= forkWeight) < 0) {
            return new Call.Fork(flags());
        }
        if ((x -= exitWeight) < 0) {
            return new Call.Exit(rnd.nextInt(8) == 0 ? rnd.nextInt() : rnd.nextInt(4));
        }
        if ((x -= 10) < 0) {
            return rnd.nextBoolean() ? Call.Wait.ANY : Call.Wait.pid(pid(k, actor));
        }
        if ((x -= 10) < 0) {
            return new Call.Kill(pid(k, actor), signal());
        }
        if ((x -= 5) < 0) {
            return rnd.nextBoolean() ? Call.GetPid.INSTANCE : Call.GetPpid.INSTANCE;
        }
        if ((x -= 8) < 0) {
            return new Call.Unshare(flags());
        }
        if ((x -= 8) < 0) {
            // pid namespaces most often: descriptors to them, inherited across fork newpid,
            // are what setns's direction rules are about
            int types = profile == Profile.ALL ? 6 : 3;
            int r = rnd.nextInt(12);
            int type = r == 0 ? BAD_TYPES[rnd.nextInt(BAD_TYPES.length)] : r < 6 ? NsType.PID.ordinal()
                    : rnd.nextInt(types);
            return new Call.NsOpen(pid(k, actor), type);
        }
        if ((x -= 8) < 0) {
            return new Call.SetNs(fd(k, actor));
        }
        if ((x -= 5) < 0) {
            return new Call.SetHostname(HOSTNAMES[rnd.nextInt(HOSTNAMES.length)]);
        }
        if ((x -= 2) < 0) {
            return Call.GetHostname.INSTANCE;
        }
        if ((x -= 3) < 0) {
            return Call.Jail.INSTANCE;
        }
        if ((x -= 4) < 0) {
            return new Call.Close(fd(k, actor));
        }
        if ((x -= 4) < 0) {
            return new Call.Dup(fd(k, actor));
        }
        if ((x -= capWeight) < 0) {
            return capCall(k, actor);
        }
        return unimplemented();
    }

    /**
     * A capability call with sensible arguments: mostly an fd the actor holds, rights
     * mostly a subset of what an ns_open descriptor has (r|x|grant), a badge mostly
     * valid, a pid mostly one the actor can see.
     */
    private Call capCall(Kernel k, long actor) {
        int fd = fd(k, actor);
        return switch (rnd.nextInt(10)) {
            case 0, 1, 2 -> {
                boolean badge = rnd.nextInt(3) == 0;
                yield new Call.CapDerive(fd, capRights(), badge ? badge() : 0, badge);
            }
            case 3, 4, 5, 6 -> new Call.CapGrant(fd, pid(k, actor));
            case 7 -> new Call.CapRevoke(fd);
            case 8 -> new Call.CapRights(fd);
            default -> new Call.CapBadge(fd);
        };
    }

    private int capRights() {
        int some = capsid.kernel.call.Rights.R | capsid.kernel.call.Rights.X | capsid.kernel.call.Rights.GRANT;
        return rnd.nextInt(8) < 6 ? rnd.nextInt(some + 1) & some : rnd.nextInt(1 << 6);
    }

    private long badge() {
        return rnd.nextInt(3) == 0 ? rnd.nextInt(-2, 1) : 1 + rnd.nextInt(5);
    }

    private int flags() {
        int r = rnd.nextInt(20);
        if (r < 8) {
            return 0;
        }
        int kinds = profile == Profile.ALL ? 6 : 3;
        if (r < 11) {
            return Flags.NEWPID; // the flag that nests, most often
        }
        if (r < 15) {
            return NsType.values()[rnd.nextInt(kinds)].flag();
        }
        if (r < 18) {
            return rnd.nextInt((1 << kinds) - 1) + 1;
        }
        if (r == 18) {
            return Flags.DESTROY_ON_CLOSE;
        }
        // arbitrary bits; in the spec profile never an ipc/net/user bit alone with valid ones
        int bits = rnd.nextInt();
        return profile == Profile.ALL || (bits & ~Flags.NAMESPACES) != 0 ? bits : Flags.UNKNOWN;
    }

    private int signal() {
        int r = rnd.nextInt(12);
        if (r < 5) {
            return Signals.KILL;
        }
        if (r < 9) {
            return Signals.TERM;
        }
        if (r < 11) {
            return Signals.NONE;
        }
        return rnd.nextInt(-2, 66);
    }

    /** A pid: mostly one a known task has as the actor sees it, else its root pid, else an odd number. */
    private int pid(Kernel k, long actor) {
        int r = rnd.nextInt(10);
        ProcessView target = k.process(known.get(rnd.nextInt(known.size())));
        ProcessView self = k.process(actor);
        if (r < 6 && target != null && self != null) {
            int seen = target.pidIn(self.pidNamespace());
            if (seen != 0) {
                return seen;
            }
        }
        if (r < 8 && target != null) {
            return target.rootPid();
        }
        return r == 8 ? 1 + rnd.nextInt(40) : ODD_PIDS[rnd.nextInt(ODD_PIDS.length)];
    }

    /** An fd: mostly one the actor holds, else a small or odd number. */
    private int fd(Kernel k, long actor) {
        ProcessView self = k.process(actor);
        if (self != null && !self.fds().isEmpty() && rnd.nextInt(4) != 0) {
            return self.fds().get(rnd.nextInt(self.fds().size()));
        }
        return fd();
    }

    private int fd() {
        return rnd.nextInt(10) < 9 ? rnd.nextInt(6) : ODD_FDS[rnd.nextInt(ODD_FDS.length)];
    }

    /** A call the kernel does not implement yet, with arbitrary arguments: must be ENOSYS and change nothing. */
    private Call unimplemented() {
        return switch (rnd.nextInt(6)) {
            case 0 -> Call.Pipe.INSTANCE;
            case 1 -> new Call.ContainerCreate(rnd.nextBoolean() ? "c" : null, flags());
            case 2 -> new Call.Freeze(fd());
            case 3 -> new Call.Exec("spin", List.of());
            case 4 -> new Call.SessionClose(fd());
            default -> new Call.Open("/x", rnd.nextInt(8));
        };
    }
}

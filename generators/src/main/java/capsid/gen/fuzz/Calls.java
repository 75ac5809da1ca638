package capsid.gen.fuzz;

import capsid.kernel.call.Call;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;

/** Which argument of a call is a pid or an fd, and copies of a call with it replaced. */
public final class Calls {
    private Calls() {
    }

    /** The index of the pid argument among the call's script arguments, or -1. */
    public static int pidIndex(Call c) {
        if (c instanceof Call.Wait w) {
            return w.any() ? -1 : 0;
        }
        if (c instanceof Call.Kill || c instanceof Call.NsOpen) {
            return 0;
        }
        return c instanceof Call.CapGrant ? 1 : -1;
    }

    /** The index of the fd argument among the call's script arguments (always the first), or -1. */
    public static int fdIndex(Call c) {
        return FD_ARGS.containsKey(c.getClass()) ? 0 : -1;
    }

    /** {@code c} with its pid argument set to {@code pid} ({@code c} itself when it has none). */
    public static Call withPid(Call c, int pid) {
        if (c instanceof Call.Wait w && !w.any()) {
            return Call.Wait.pid(pid);
        }
        if (c instanceof Call.Kill k) {
            return new Call.Kill(pid, k.sig());
        }
        if (c instanceof Call.NsOpen o) {
            return new Call.NsOpen(pid, o.type());
        }
        if (c instanceof Call.CapGrant g) {
            return new Call.CapGrant(g.fd(), pid);
        }
        return c;
    }

    /** The literal pid argument of {@code c}, or 0. */
    public static int pid(Call c) {
        if (c instanceof Call.Wait w) {
            return w.pid();
        }
        if (c instanceof Call.Kill k) {
            return k.pid();
        }
        if (c instanceof Call.NsOpen o) {
            return o.pid();
        }
        return c instanceof Call.CapGrant g ? g.pid() : 0;
    }

    /** The literal fd argument of {@code c}, or 0. */
    public static int fd(Call c) {
        FdArg<?> a = FD_ARGS.get(c.getClass());
        return a == null ? 0 : a.fd(c);
    }

    /** {@code c} with its fd argument set to {@code fd} ({@code c} itself when it has none). */
    public static Call withFd(Call c, int fd) {
        FdArg<?> a = FD_ARGS.get(c.getClass());
        return a == null ? c : a.with(c, fd);
    }

    /** How to read and replace the fd argument of one kind of call. */
    private record FdArg<C extends Call>(Class<C> type, ToIntFunction<C> read, BiFunction<C, Integer, Call> replace) {
        int fd(Call c) {
            return read.applyAsInt(type.cast(c));
        }

        Call with(Call c, int fd) {
            return replace.apply(type.cast(c), fd);
        }
    }

    /** Every call whose first argument is an fd: the one list {@link #fdIndex}, {@link #fd} and {@link #withFd} read. */
    private static final Map<Class<?>, FdArg<?>> FD_ARGS = table(
            new FdArg<>(Call.SetNs.class, Call.SetNs::fd, (x, fd) -> new Call.SetNs(fd)),
            new FdArg<>(Call.Close.class, Call.Close::fd, (x, fd) -> new Call.Close(fd)),
            new FdArg<>(Call.Dup.class, Call.Dup::fd, (x, fd) -> new Call.Dup(fd)),
            new FdArg<>(Call.ForkIntoContainer.class, Call.ForkIntoContainer::fd,
                    (x, fd) -> new Call.ForkIntoContainer(fd)),
            new FdArg<>(Call.ContainerDestroy.class, Call.ContainerDestroy::fd,
                    (x, fd) -> new Call.ContainerDestroy(fd)),
            new FdArg<>(Call.QuotaSet.class, Call.QuotaSet::fd,
                    (x, fd) -> new Call.QuotaSet(fd, x.resource(), x.limit())),
            new FdArg<>(Call.QuotaGet.class, Call.QuotaGet::fd, (x, fd) -> new Call.QuotaGet(fd, x.resource())),
            new FdArg<>(Call.QuotaDonate.class, Call.QuotaDonate::fd,
                    (x, fd) -> new Call.QuotaDonate(fd, x.resource(), x.amount())),
            new FdArg<>(Call.Read.class, Call.Read::fd, (x, fd) -> new Call.Read(fd, x.count())),
            new FdArg<>(Call.Write.class, Call.Write::fd, (x, fd) -> new Call.Write(fd, x.data())),
            new FdArg<>(Call.CapDerive.class, Call.CapDerive::fd,
                    (x, fd) -> new Call.CapDerive(fd, x.rights(), x.badge(), x.hasBadge())),
            new FdArg<>(Call.CapGrant.class, Call.CapGrant::fd, (x, fd) -> new Call.CapGrant(fd, x.pid())),
            new FdArg<>(Call.CapRevoke.class, Call.CapRevoke::fd, (x, fd) -> new Call.CapRevoke(fd)),
            new FdArg<>(Call.CapRights.class, Call.CapRights::fd, (x, fd) -> new Call.CapRights(fd)),
            new FdArg<>(Call.CapBadge.class, Call.CapBadge::fd, (x, fd) -> new Call.CapBadge(fd)),
            new FdArg<>(Call.SessionClose.class, Call.SessionClose::fd, (x, fd) -> new Call.SessionClose(fd)),
            new FdArg<>(Call.Freeze.class, Call.Freeze::fd, (x, fd) -> new Call.Freeze(fd)),
            new FdArg<>(Call.Thaw.class, Call.Thaw::fd, (x, fd) -> new Call.Thaw(fd)),
            new FdArg<>(Call.FreezerState.class, Call.FreezerState::fd, (x, fd) -> new Call.FreezerState(fd)),
            new FdArg<>(Call.Checkpoint.class, Call.Checkpoint::fd, (x, fd) -> new Call.Checkpoint(fd, x.path())));

    private static Map<Class<?>, FdArg<?>> table(FdArg<?>... args) {
        Map<Class<?>, FdArg<?>> m = new HashMap<>();
        for (FdArg<?> a : args) {
            m.put(a.type(), a);
        }
        return Map.copyOf(m);
    }
}

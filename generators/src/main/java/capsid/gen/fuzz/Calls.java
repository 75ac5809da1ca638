package capsid.gen.fuzz;

import capsid.kernel.call.Call;

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
        return c instanceof Call.SetNs || c instanceof Call.Close || c instanceof Call.Dup
                || c instanceof Call.ForkIntoContainer || c instanceof Call.ContainerDestroy
                || c instanceof Call.QuotaSet || c instanceof Call.QuotaGet || c instanceof Call.QuotaDonate
                || c instanceof Call.Read || c instanceof Call.Write || c instanceof Call.CapDerive
                || c instanceof Call.CapGrant || c instanceof Call.CapRevoke || c instanceof Call.CapRights
                || c instanceof Call.CapBadge || c instanceof Call.SessionClose || c instanceof Call.Freeze
                || c instanceof Call.Thaw || c instanceof Call.FreezerState || c instanceof Call.Checkpoint ? 0 : -1;
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
        if (c instanceof Call.SetNs x) {
            return x.fd();
        }
        if (c instanceof Call.Close x) {
            return x.fd();
        }
        if (c instanceof Call.Dup x) {
            return x.fd();
        }
        if (c instanceof Call.ForkIntoContainer x) {
            return x.fd();
        }
        if (c instanceof Call.ContainerDestroy x) {
            return x.fd();
        }
        if (c instanceof Call.QuotaSet x) {
            return x.fd();
        }
        if (c instanceof Call.QuotaGet x) {
            return x.fd();
        }
        if (c instanceof Call.QuotaDonate x) {
            return x.fd();
        }
        if (c instanceof Call.Read x) {
            return x.fd();
        }
        if (c instanceof Call.Write x) {
            return x.fd();
        }
        if (c instanceof Call.CapDerive x) {
            return x.fd();
        }
        if (c instanceof Call.CapGrant x) {
            return x.fd();
        }
        if (c instanceof Call.CapRevoke x) {
            return x.fd();
        }
        if (c instanceof Call.CapRights x) {
            return x.fd();
        }
        if (c instanceof Call.CapBadge x) {
            return x.fd();
        }
        if (c instanceof Call.SessionClose x) {
            return x.fd();
        }
        if (c instanceof Call.Freeze x) {
            return x.fd();
        }
        if (c instanceof Call.Thaw x) {
            return x.fd();
        }
        if (c instanceof Call.FreezerState x) {
            return x.fd();
        }
        if (c instanceof Call.Checkpoint x) {
            return x.fd();
        }
        return 0;
    }

    /** {@code c} with its fd argument set to {@code fd} ({@code c} itself when it has none). */
    public static Call withFd(Call c, int fd) {
        if (c instanceof Call.SetNs x) {
            return new Call.SetNs(fd);
        }
        if (c instanceof Call.Close x) {
            return new Call.Close(fd);
        }
        if (c instanceof Call.Dup x) {
            return new Call.Dup(fd);
        }
        if (c instanceof Call.ForkIntoContainer x) {
            return new Call.ForkIntoContainer(fd);
        }
        if (c instanceof Call.ContainerDestroy x) {
            return new Call.ContainerDestroy(fd);
        }
        if (c instanceof Call.QuotaSet x) {
            return new Call.QuotaSet(fd, x.resource(), x.limit());
        }
        if (c instanceof Call.QuotaGet x) {
            return new Call.QuotaGet(fd, x.resource());
        }
        if (c instanceof Call.QuotaDonate x) {
            return new Call.QuotaDonate(fd, x.resource(), x.amount());
        }
        if (c instanceof Call.Read x) {
            return new Call.Read(fd, x.count());
        }
        if (c instanceof Call.Write x) {
            return new Call.Write(fd, x.data());
        }
        if (c instanceof Call.CapDerive x) {
            return new Call.CapDerive(fd, x.rights(), x.badge(), x.hasBadge());
        }
        if (c instanceof Call.CapGrant x) {
            return new Call.CapGrant(fd, x.pid());
        }
        if (c instanceof Call.CapRevoke x) {
            return new Call.CapRevoke(fd);
        }
        if (c instanceof Call.CapRights x) {
            return new Call.CapRights(fd);
        }
        if (c instanceof Call.CapBadge x) {
            return new Call.CapBadge(fd);
        }
        if (c instanceof Call.SessionClose x) {
            return new Call.SessionClose(fd);
        }
        if (c instanceof Call.Freeze x) {
            return new Call.Freeze(fd);
        }
        if (c instanceof Call.Thaw x) {
            return new Call.Thaw(fd);
        }
        if (c instanceof Call.FreezerState x) {
            return new Call.FreezerState(fd);
        }
        if (c instanceof Call.Checkpoint x) {
            return new Call.Checkpoint(fd, x.path());
        }
        return c;
    }
}

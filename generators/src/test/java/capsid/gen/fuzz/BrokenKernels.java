package capsid.gen.fuzz;

import capsid.gen.KernelProperties;
import capsid.kernel.Errno;
import capsid.kernel.Kernel;
import capsid.kernel.ProcessView;
import capsid.kernel.Result;
import capsid.kernel.call.Call;
import capsid.kernel.call.Signals;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;

/** Deliberately broken kernels (test code only): each wraps the syscall path and names the property that must catch it. */
final class BrokenKernels {
    record Bug(String name, String property, KernelProperties.Syscall sys) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Bug> all() {
        return List.of(
                new Bug("refused wait forks", "FailedCallChangesNothing", (k, tid, c) -> {
                    Result r = k.syscall(tid, c);
                    if (r == Errno.ECHILD) {
                        k.syscall(k.initTid(), new Call.Fork(0));
                    }
                    return r;
                }),
                new Bug("getpid renames the host", "OneEventPerChange", (k, tid, c) -> {
                    Result r = k.syscall(tid, c);
                    if (c instanceof Call.GetPid) {
                        k.syscall(tid, new Call.SetHostname("leak"));
                    }
                    return r;
                }),
                new Bug("exit reparents to the root init", "InvariantsHold", BrokenKernels::wrongReparent),
                new Bug("exit gives orphans to the grandparent, linked", "OrphansGoToNamespaceInit",
                        capsid.gen.WrongReaper::toGrandparent),
                new Bug("TERM two namespaces deep throws", "NoThrow", (k, tid, c) -> {
                    if (c instanceof Call.Kill kill && kill.sig() == Signals.TERM && k.process(tid).pids().size() >= 3) {
                        throw new IllegalStateException("bug: deep TERM path");
                    }
                    return k.syscall(tid, c);
                }));
    }

    /** exit: the children of a process in a nested pid namespace get the root init as parent, unlinked. */
    private static Result wrongReparent(Kernel k, long tid, Call c) {
        ProcessView before = c instanceof Call.Exit ? k.process(tid) : null;
        Result r = k.syscall(tid, c);
        if (before != null && !r.isError() && before.pids().size() >= 2) {
            try {
                Field procs = Kernel.class.getDeclaredField("procs");
                procs.setAccessible(true);
                Object table = procs.get(k);
                Method task = table.getClass().getMethod("task", long.class);
                Object init = task.invoke(table, k.initTid());
                for (long child : before.children()) {
                    Object p = task.invoke(table, child);
                    if (p != null) {
                        Field parent = p.getClass().getDeclaredField("parent");
                        parent.setAccessible(true);
                        parent.set(p, init);
                    }
                }
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        return r;
    }

    private BrokenKernels() {
    }
}

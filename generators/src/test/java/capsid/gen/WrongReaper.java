package capsid.gen;

import capsid.kernel.Kernel;
import capsid.kernel.ProcessView;
import capsid.kernel.Result;
import capsid.kernel.call.Call;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * A deliberately broken kernel (test code only): after a successful exit, each live
 * child the kernel gave to the namespace's init is moved to the dying process's
 * parent (its grandparent) instead, through the process table's own list helpers,
 * so every link, count and list is consistent: only the orphan rule is broken.
 */
public final class WrongReaper {
    private WrongReaper() {
    }

    /** The broken syscall path. */
    public static Result toGrandparent(Kernel k, long tid, Call c) {
        ProcessView before = c instanceof Call.Exit ? k.process(tid) : null;
        Result r = k.syscall(tid, c);
        if (before == null || r.isError() || before.parent() == 0) {
            return r;
        }
        try {
            Field procs = Kernel.class.getDeclaredField("procs");
            procs.setAccessible(true);
            Object table = procs.get(k);
            Class<?> pt = table.getClass();
            Class<?> process = Class.forName("capsid.kernel.process.Process");
            Method task = pt.getMethod("task", long.class);
            Method unlink = pt.getDeclaredMethod("unlinkChild", process);
            Method link = pt.getDeclaredMethod("linkChild", process, process);
            unlink.setAccessible(true);
            link.setAccessible(true);
            Object grandparent = task.invoke(table, before.parent());
            for (long child : before.children()) {
                Object p = task.invoke(table, child);
                if (p != null && k.isLive(child) && k.process(child).parent() != before.parent()) {
                    unlink.invoke(table, p);
                    link.invoke(table, grandparent, p);
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        return r;
    }
}

package capsid.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Two threads that use {@code Result} and {@code Result.Int} first, at the same
 * time, must both finish: class initialisation may not wait in a circle. Each
 * round loads the kernel's classes afresh in its own class loader, so each round
 * initialises them again. (With {@code Result.Int.ZERO} an Int constant of the
 * interface, this hung within a few hundred rounds.)
 */
class ResultInitRaceTest {
    @Test
    void resultAndIntInitialiseConcurrentlyWithoutDeadlock() throws Exception {
        URL classes = Result.class.getProtectionDomain().getCodeSource().getLocation();
        for (int round = 0; round < 300; round++) {
            try (URLClassLoader loader = new URLClassLoader(new URL[] {classes}, null)) {
                CountDownLatch go = new CountDownLatch(1);
                Thread a = starter(go, () -> Class.forName("capsid.kernel.Result", true, loader));
                Thread b = starter(go, () -> Class.forName("capsid.kernel.Result$Int", true, loader)
                        .getMethod("of", long.class).invoke(null, 0L));
                go.countDown();
                a.join(10_000);
                b.join(10_000);
                assertTrue(!a.isAlive() && !b.isAlive(), "class initialisation deadlocked in round " + round);
            }
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    private static Thread starter(CountDownLatch go, Action action) {
        Thread t = new Thread(() -> {
            try {
                go.await();
                action.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }
}

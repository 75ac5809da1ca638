package capsid.checker;

import java.io.IOException;
import java.io.InputStream;
import tlc2.TLCGlobals;
import tlc2.tool.AbstractChecker;
import tlc2.tool.ModelChecker;

/**
 * The main class of the TLC child process: {@code TlcChild MILLIS TLC-ARGS...} runs
 * {@code tlc2.TLC.main(TLC-ARGS)} unchanged, in the same JVM, plus two daemon threads:
 *
 * <ul>
 * <li>every {@code MILLIS} (0: never) it prints one line {@code @capsid-progress GENERATED
 *     DISTINCT QUEUE DEPTH} to stderr, read from TLC's public model-checker getters (the
 *     ones TLC's own JMX bean uses), because TLC 2.18 prints progress only once a minute
 *     and its interval is a compile-time constant;
 * <li>it reads stdin and halts the JVM when stdin closes: the parent holds the other
 *     end of that pipe, so a parent that dies (even by SIGKILL) takes TLC with it instead
 *     of leaving an orphan that runs for hours.
 * </ul>
 *
 * TLC's stdout, exit code and behaviour are exactly those of {@code java tlc2.TLC}. With
 * {@link #SERVER} or {@link #WORKER} first among TLC-ARGS it runs TLC's distributed
 * server or a worker instead (docs/scaling.md).
 */
public final class TlcChild {
    /** After MILLIS: run TLC's distributed server ({@code tlc2.tool.distributed.TLCServer}) instead of TLC. */
    public static final String SERVER = "--tlc-server";
    /** After MILLIS: run a distributed TLC worker ({@code tlc2.tool.distributed.TLCWorker HOST}). */
    public static final String WORKER = "--tlc-worker";
    /** The system property both read for the server's RMI port. */
    public static final String PORT_PROPERTY = "tlc2.tool.distributed.TLCServer.port";

    private TlcChild() {
    }

    /** Runs TLC; see the class comment. */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: TlcChild PROGRESS_MILLIS TLC-ARGS...");
            System.exit(2);
        }
        long millis = Long.parseLong(args[0]);
        String[] tlcArgs = new String[args.length - 1];
        System.arraycopy(args, 1, tlcArgs, 0, tlcArgs.length);
        Thread watch = new Thread(TlcChild::watchParent, "capsid-parent-watch");
        watch.setDaemon(true);
        watch.start();
        if (millis > 0) {
            Thread progress = new Thread(() -> progress(millis), "capsid-progress");
            progress.setDaemon(true);
            progress.start();
        }
        if (tlcArgs.length > 0 && tlcArgs[0].equals(SERVER)) {
            tlc2.tool.distributed.TLCServer.main(java.util.Arrays.copyOfRange(tlcArgs, 1, tlcArgs.length));
        } else if (tlcArgs.length > 0 && tlcArgs[0].equals(WORKER)) {
            tlc2.tool.distributed.TLCWorker.main(java.util.Arrays.copyOfRange(tlcArgs, 1, tlcArgs.length));
        } else {
            tlc2.TLC.main(tlcArgs);
        }
    }

    private static void watchParent() {
        InputStream in = System.in;
        byte[] buf = new byte[256];
        try {
            while (in.read(buf) >= 0) {
                // the parent never writes; anything read is ignored
            }
        } catch (IOException e) {
            // a broken pipe means the same as end of stream
        }
        System.err.println("capsid: parent process gone (stdin closed); stopping TLC");
        Runtime.getRuntime().halt(143);
    }

    private static void progress(long millis) {
        while (true) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                return;
            }
            try {
                AbstractChecker c = TLCGlobals.mainChecker;
                if (c instanceof ModelChecker mc) {
                    long generated = mc.getStatesGenerated();
                    long distinct = mc.getDistinctStatesGenerated();
                    long queue = mc.getStateQueueSize();
                    int depth = mc.getProgress();
                    System.err.println(ToolOutput.PROGRESS_PREFIX + generated + " " + distinct + " " + queue + " "
                            + depth);
                }
            } catch (RuntimeException | LinkageError e) {
                // TLC not ready yet (or its internals differ): skip this snapshot
            }
        }
    }
}

package capsid.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Progress for phases that say nothing while they work (a state-graph dump, a
 * trace validation, a JMH fork): while a command runs inside {@link #watch}, a line
 * goes to stderr whenever neither stdout nor stderr has printed anything for the
 * period, naming how long the command has run and the last thing it said, e.g.
 * {@code capsid refine: 0:00:45, still at: refine: dumping the state graph of
 * MCNamespaceUnshareGraph.cfg ...}. The period is 5 s (the system property {@code
 * capsid.progress.seconds} changes it, for tests). Closing restores the streams.
 */
final class Heartbeat implements AutoCloseable {
    private final String command;
    private final PrintStream origOut;
    private final PrintStream origErr;
    private final long periodNanos;
    private final long start = System.nanoTime();
    private final Thread thread;
    private final Object lock = new Object();
    private volatile long lastOutput = System.nanoTime();
    private volatile boolean closed;
    private final StringBuilder current = new StringBuilder();
    private String lastLine = "";

    private Heartbeat(String command, long periodMillis) {
        this.command = command;
        this.origOut = System.out;
        this.origErr = System.err;
        this.periodNanos = periodMillis * 1_000_000L;
        System.setOut(new PrintStream(new Tap(origOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tap(origErr), true, StandardCharsets.UTF_8));
        thread = new Thread(this::beat, "capsid-heartbeat");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts watching for {@code capsid COMMAND}, with the period of {@link #periodMillis()}. */
    static Heartbeat watch(String command) {
        return new Heartbeat(command, periodMillis());
    }

    /** The period: 5 s, or the system property {@code capsid.progress.seconds}. */
    static long periodMillis() {
        try {
            double s = Double.parseDouble(System.getProperty("capsid.progress.seconds", "5"));
            return Math.max(100, (long) (s * 1000));
        } catch (NumberFormatException e) {
            return 5000;
        }
    }

    /** h:mm:ss. */
    static String clock(double seconds) {
        long s = (long) seconds;
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    private void beat() {
        while (!closed) {
            try {
                Thread.sleep(Math.min(1000, Math.max(50, periodNanos / 1_000_000 / 4)));
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            if (!closed && now - lastOutput >= periodNanos) {
                String last;
                synchronized (lock) {
                    last = lastLine;
                }
                lastOutput = now;
                synchronized (origErr) {
                    origErr.println("capsid " + command + ": " + clock((now - start) / 1e9)
                            + (last.isEmpty() ? ", working" : ", still at: " + last));
                    origErr.flush();
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        System.out.flush();
        System.err.flush();
        System.setOut(origOut);
        System.setErr(origErr);
    }

    /** Passes bytes through and notes when, and the last whole line. */
    private final class Tap extends OutputStream {
        private final PrintStream target;

        Tap(PrintStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            target.write(b);
            seen(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            target.write(b, off, len);
            seen(b, off, len);
        }

        @Override
        public void flush() {
            target.flush();
        }

        private void seen(byte[] b, int off, int len) {
            lastOutput = System.nanoTime();
            synchronized (lock) {
                String s = new String(b, off, len, StandardCharsets.UTF_8);
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (c == '\n') {
                        if (!current.toString().isBlank()) {
                            lastLine = current.length() > 160 ? current.substring(0, 160) + "..." : current.toString();
                        }
                        current.setLength(0);
                    } else if (current.length() < 400) {
                        current.append(c);
                    }
                }
            }
        }
    }
}

package capsid.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A child JVM running a main class of this code base: {@code java} from {@code
 * java.home}, the class path this JVM runs from (the capsid jar, or the class path
 * of a test run), optionally {@code -javaagent:} the capsid jar (the coverage
 * agent, docs/coverage.md), extra JVM arguments, the main class and its arguments.
 *
 * <pre>{@code
 * ChildJvm.Captured c = new ChildJvm("capsid.cli.CoverageWorker").withAgent(true)
 *         .jvmArgs("-Xmx512m").args("--bench", "20000").capture(Duration.ofMinutes(5));
 * }</pre>
 */
public final class ChildJvm {
    private final String mainClass;
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private String classPath = selfClassPath();
    private Path agentJar;
    private String agentArgs;
    private Path directory;

    /** What a finished child printed and how it ended ({@code timedOut}: killed at the time limit). */
    public record Captured(int exitCode, String stdout, String stderr, boolean timedOut) {
    }

    public ChildJvm(String mainClass) {
        this.mainClass = mainClass;
    }

    /**
     * The jar this code runs from (the shaded capsid jar when started through
     * {@code ./capsid}), or null when it runs from a class directory (tests).
     */
    public static Path selfJar() {
        try {
            Path p = Path.of(ChildJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p : null;
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return null;
        }
    }

    /** The class path for children: {@link #selfJar()} when there is one, else this JVM's class path. */
    public static String selfClassPath() {
        Path jar = selfJar();
        if (jar != null) {
            return jar.toString();
        }
        List<String> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                out.add(Path.of(e).toAbsolutePath().normalize().toString());
            }
        }
        return String.join(File.pathSeparator, out);
    }

    /** With the coverage agent from {@link #selfJar()} (default arguments: the kernel), or without. */
    public ChildJvm withAgent(boolean on) {
        if (!on) {
            agentJar = null;
            return this;
        }
        Path jar = selfJar();
        if (jar == null) {
            throw new IllegalStateException("no agent jar: this code does not run from capsid.jar "
                    + "(build it with ./capsid or mvn package)");
        }
        return withAgent(jar, null);
    }

    /** With {@code -javaagent:jar[=agentArgs]}. */
    public ChildJvm withAgent(Path jar, String agentArgs) {
        this.agentJar = jar;
        this.agentArgs = agentArgs;
        return this;
    }

    public ChildJvm classPath(String cp) {
        this.classPath = cp;
        return this;
    }

    public ChildJvm jvmArgs(String... a) {
        jvmArgs.addAll(List.of(a));
        return this;
    }

    public ChildJvm args(String... a) {
        args.addAll(List.of(a));
        return this;
    }

    public ChildJvm args(List<String> a) {
        args.addAll(a);
        return this;
    }

    /** The working directory (default: this JVM's). */
    public ChildJvm directory(Path dir) {
        this.directory = dir;
        return this;
    }

    /** The command line. {@code capsid.root} is passed on when set. */
    public List<String> command() {
        List<String> cmd = new ArrayList<>();
        Path bin = Path.of(System.getProperty("java.home"), "bin", "java");
        cmd.add(Files.isExecutable(bin) ? bin.toString() : "java");
        if (agentJar != null) {
            cmd.add("-javaagent:" + agentJar + (agentArgs == null || agentArgs.isEmpty() ? "" : "=" + agentArgs));
        }
        String root = System.getProperty("capsid.root");
        if (root != null && !root.isBlank()) {
            cmd.add("-Dcapsid.root=" + root);
        }
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    /**
     * Runs the child, handing each line of its stdout and stderr to {@code out} and
     * {@code err} as it comes; returns its exit code, or -1 when it was killed at
     * {@code timeout}.
     */
    public int run(Duration timeout, Consumer<String> out, Consumer<String> err) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command());
        if (directory != null) {
            pb.directory(directory.toFile());
        }
        Process p = pb.start();
        p.getOutputStream().close();
        Thread to = pump(p.getInputStream(), out);
        Thread te = pump(p.getErrorStream(), err);
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                to.join(5000);
                te.join(5000);
                return -1;
            }
            to.join();
            te.join();
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + mainClass);
        }
        return p.exitValue();
    }

    /** Runs the child and keeps what it prints. */
    public Captured capture(Duration timeout) throws IOException {
        StringBuilder o = new StringBuilder();
        StringBuilder e = new StringBuilder();
        int code = run(timeout, l -> {
            synchronized (o) {
                o.append(l).append('\n');
            }
        }, l -> {
            synchronized (e) {
                e.append(l).append('\n');
            }
        });
        synchronized (o) {
            synchronized (e) {
                return new Captured(code, o.toString(), e.toString(), code == -1);
            }
        }
    }

    private static Thread pump(InputStream in, Consumer<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    sink.accept(l);
                }
            } catch (IOException e) {
                // the child is gone
            }
        }, "child-jvm-pump");
        t.setDaemon(true);
        t.start();
        return t;
    }
}

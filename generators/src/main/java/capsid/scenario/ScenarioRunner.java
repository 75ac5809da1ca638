package capsid.scenario;

import capsid.kernel.Kernel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs scenario scripts (ABI.md section 1): parses a script, runs every step in
 * line order against a fresh kernel per {@code boot}, and reports one {@link
 * Outcome} per step or malformed line. Used by {@code capsid run} (ABI.md section
 * 5), the test suite and {@code capsid verify}. Never throws on any script text.
 */
public final class ScenarioRunner {
    private ScenarioRunner() {
    }

    /**
     * Runs the script in {@code file}, read one byte per character (so string
     * bytes pass through unchanged and columns count bytes). An unreadable file is
     * one failed outcome saying why.
     */
    public static Report run(Path file) {
        return run(file, k -> { });
    }

    /**
     * As {@link #run(Path)}, telling {@code booted} about every kernel the script
     * boots, right after its boot and before any call ({@code capsid run
     * --event-log} turns the call log on there and writes both logs afterwards).
     */
    public static Report run(Path file, Consumer<Kernel> booted) {
        String name = file.toString();
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException | SecurityException e) {
            Outcome o = new Outcome(0, Outcome.Status.SCRIPT_ERROR, name + ": cannot read: " + reason(e), "", null);
            return new Report(name, List.of(o));
        }
        return run(Parser.parse(name, text), Kernel::syscall, booted);
    }

    private static String reason(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Runs script {@code text}; {@code file} names it in errors. */
    public static Report run(String file, String text) {
        return run(Parser.parse(file, text));
    }

    /** Runs a parsed script: its steps and its malformed lines, merged in line order. */
    public static Report run(ParsedScript parsed) {
        return run(parsed, capsid.kernel.Kernel::syscall);
    }

    /**
     * How a call step reaches the kernel: normally {@code Kernel::syscall}; tests
     * replay a scenario through a deliberately broken one.
     */
    @FunctionalInterface
    public interface SyscallHook {
        capsid.kernel.Result call(capsid.kernel.Kernel k, long tid, capsid.kernel.call.Call c);
    }

    /** As {@link #run(ParsedScript)}, with every call step made through {@code hook}. */
    public static Report run(ParsedScript parsed, SyscallHook hook) {
        return run(parsed, hook, k -> { });
    }

    /** As {@link #run(ParsedScript, SyscallHook)}, telling {@code booted} about every kernel the script boots. */
    public static Report run(ParsedScript parsed, SyscallHook hook, Consumer<Kernel> booted) {
        Execution exec = new Execution(parsed.file(), hook, booted);
        List<Outcome> out = new ArrayList<>();
        List<Step> steps = parsed.script().steps();
        List<ScriptError> errors = parsed.errors();
        int s = 0;
        int e = 0;
        while (s < steps.size() || e < errors.size()) {
            boolean errorFirst = s == steps.size()
                    || (e < errors.size() && errors.get(e).pos().line() < steps.get(s).pos().line());
            if (errorFirst) {
                ScriptError err = errors.get(e++);
                out.add(new Outcome(err.pos().line(), Outcome.Status.SCRIPT_ERROR, err.render(parsed.file()), "",
                        null));
            } else {
                out.add(exec.run(steps.get(s++)));
            }
        }
        return new Report(parsed.file(), out);
    }
}

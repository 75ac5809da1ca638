package capsid.gen.fuzz;

import capsid.gen.KernelProperties;
import capsid.kernel.BootConfig;
import capsid.kernel.Errno;
import capsid.kernel.Result;
import capsid.kernel.call.Call;
import capsid.kernel.call.Sys;
import capsid.scenario.CallSyntax;
import capsid.scenario.Checked;
import capsid.scenario.ParsedScript;
import capsid.scenario.Parser;
import capsid.scenario.Pos;
import capsid.scenario.Printer;
import capsid.scenario.Step;
import capsid.scenario.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Programs as scenario scripts ({@code *.csc}, ABI.md section 1) and back. Task
 * {@code N} is the name {@code tN} ({@code init} for task 0), a symbolic pid
 * {@code @tN}, the result of step K {@code $fK}; each step that ran asserts the
 * result it got ({@code exit} asserts nothing); skipped steps are left out.
 */
public final class Scenarios {
    private Scenarios() {
    }

    static String task(int t) {
        return t == 0 ? "init" : "t" + t;
    }

    /** The boot line of {@code config}. */
    static String boot(BootConfig config) {
        StringBuilder sb = new StringBuilder("boot seed=").append(config.seed());
        BootConfig d = BootConfig.DEFAULT.withSeed(config.seed());
        if (!config.equals(d)) {
            sb.append(" pid_max=").append(config.pidMax()).append(" pid_reserved=").append(config.pidReserved())
                    .append(" pidns_levels=").append(config.pidNsLevels()).append(" fd_max=").append(config.fdMax());
        }
        return sb.toString();
    }

    static Value expected(Result r) {
        if (r instanceof Result.Int i) {
            return Value.Int.of(i.value());
        }
        if (r instanceof Result.Ints l) {
            return new Value.IntList(l.values(), Pos.NONE);
        }
        if (r instanceof Result.Str s) {
            return new Value.Str(s.value(), Pos.NONE);
        }
        return new Value.Word(r.render(), Pos.NONE);
    }

    /** The script line of step {@code i} of {@code trace}, asserting {@code expect} (null: no assertion). */
    static String line(Executor.Trace trace, int i, Result expect, Set<Integer> referenced, int createdTask) {
        FuzzStep s = trace.program().steps().get(i);
        List<Value> args = new ArrayList<>(CallSyntax.values(s.call()));
        if (s.pidTask() >= 0) {
            args.set(Calls.pidIndex(s.call()), new Value.PidOf(task(s.pidTask()), Pos.NONE));
        }
        if (s.fdStep() >= 0) {
            args.set(Calls.fdIndex(s.call()), new Value.Ref("f" + s.fdStep(), Pos.NONE));
        }
        String bind = null;
        if (createdTask > 0) {
            bind = task(createdTask);
        } else if (referenced.contains(i) && expect instanceof Result.Int) {
            bind = "f" + i;
        }
        Value exp = expect == null || s.call().sys() == Sys.EXIT ? null : expected(expect);
        return Printer.print(new Step.Syscall(new capsid.scenario.Actor.Named(task(s.actor()), Pos.NONE),
                s.call().sys().word(), Pos.NONE, args, exp, bind));
    }

    /**
     * The script of {@code trace}'s steps {@code 0..last}, each asserting the result
     * it got, after the comment lines {@code header}.
     */
    public static String write(Executor.Trace trace, int last, List<String> header) {
        StringBuilder sb = new StringBuilder();
        for (String h : header) {
            sb.append("# ").append(h.replace("\n", "\n# ")).append('\n');
        }
        sb.append(boot(trace.program().config())).append('\n');
        Set<Integer> referenced = new HashSet<>();
        for (FuzzStep s : trace.program().steps()) {
            if (s.fdStep() >= 0) {
                referenced.add(s.fdStep());
            }
        }
        Map<Integer, Integer> created = new HashMap<>();
        for (int t = 1; t < trace.tasks(); t++) {
            created.put(trace.creator(t), t);
        }
        for (int i = 0; i <= last && i < trace.results().size(); i++) {
            Result r = trace.results().get(i);
            boolean failed = trace.failure() != null && trace.failure().step() == i;
            if (r == null && !failed) {
                continue; // skipped
            }
            sb.append(line(trace, i, r, referenced, created.getOrDefault(i, 0))).append('\n');
        }
        return sb.toString();
    }

    /** A corpus entry: the whole run, with a header naming its origin and coverage. */
    public static String corpusEntry(Executor.Trace trace, int features) {
        return write(trace, Integer.MAX_VALUE, List.of("capsid fuzz corpus entry", "seed=" + trace.program().seed()
                + " size=" + trace.program().size() + " features=" + features));
    }

    /**
     * The script of a failing program: the steps up to the failing one (asserting the
     * results the kernel gave), then {@code invariants}; when the property says a
     * call should have changed nothing, probes (getpid, getppid, gethostname of every
     * live task, then {@code init wait} and {@code init fork}) assert what the same
     * program without that call gives, which exposes the change.
     */
    public static String failure(Executor.Trace trace, KernelProperties.Syscall sys, List<StepCheck> checks,
                                 String extraHeader) {
        Executor.Failure f = trace.failure();
        Program p = trace.program();
        List<String> header = new ArrayList<>();
        header.add("capsid fuzz: shrunk failing program");
        header.add("seed=" + p.seed() + " size=" + p.size() + " steps=" + p.steps().size());
        header.add("property: " + f.property());
        header.add("step " + f.step() + ": " + f.detail().strip());
        if (extraHeader != null) {
            header.add(extraHeader);
        }
        header.add("replay: capsid run FILE (expected: not ok on the kernel that failed)");
        StringBuilder sb = new StringBuilder(write(trace, f.step(), header));
        boolean stateProperty = f.property().equals("FailedCallChangesNothing") || f.property().equals("OneEventPerChange");
        if (stateProperty && trace.results().get(f.step()) != null) {
            List<FuzzStep> before = new ArrayList<>(p.steps().subList(0, f.step()));
            // the oracle: the program without the failing call, on the same kernel
            Executor oracle = new Executor(p.config(), sys, List.of(), null);
            for (FuzzStep s : before) {
                oracle.step(s);
            }
            List<FuzzStep> probes = new ArrayList<>();
            for (Call probe : List.of(Call.GetHostname.INSTANCE, Call.GetPpid.INSTANCE, Call.GetPid.INSTANCE)) {
                for (int t = 0; t < oracle.tasks(); t++) {
                    if (oracle.live(t)) {
                        probes.add(FuzzStep.of(t, probe));
                    }
                }
            }
            probes.add(FuzzStep.of(0, Call.Wait.ANY));
            probes.add(FuzzStep.of(0, new Call.Fork(0)));
            sb.append("# probes: what the program gives without step ").append(f.step()).append('\n');
            for (FuzzStep s : probes) {
                Call c = oracle.resolve(s);
                Result r;
                try {
                    r = c == null ? null : sys.call(oracle.kernel(), oracle.tid(s.actor()), c);
                } catch (RuntimeException e) {
                    r = null;
                }
                if (r == null) {
                    break;
                }
                sb.append(Printer.print(new Step.Syscall(new capsid.scenario.Actor.Named(task(s.actor()), Pos.NONE),
                        s.call().sys().word(), Pos.NONE, CallSyntax.values(s.call()), expected(r), null))).append('\n');
            }
        }
        sb.append("invariants\n");
        return sb.toString();
    }

    /**
     * Reads a script {@link #write} wrote back into a program. The header's
     * {@code seed=} and {@code size=} are kept when present.
     *
     * @throws IllegalArgumentException {@code FILE:LINE:COL: problem} when the text is
     *         no such script (malformed, foreign names, more than one boot); nothing is
     *         returned half-read
     */
    public static Program read(String file, String text) {
        ParsedScript parsed = Parser.parse(file, text);
        if (!parsed.errors().isEmpty()) {
            throw new IllegalArgumentException(parsed.errors().get(0).render(file));
        }
        long seed = 0;
        int size = -1;
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (line.startsWith("#")) {
                for (String w : line.substring(1).trim().split("\\s+")) {
                    if (w.startsWith("seed=")) {
                        seed = parseLong(w.substring(5), file, n + 1, line.indexOf(w) + 1);
                    } else if (w.startsWith("size=")) {
                        long v = parseLong(w.substring(5), file, n + 1, line.indexOf(w) + 1);
                        if (v < 0 || v > Integer.MAX_VALUE) {
                            throw new IllegalArgumentException(file + ":" + (n + 1) + ":" + (line.indexOf(w) + 1)
                                    + ": header size=" + v + " is no program size");
                        }
                        size = (int) v;
                    }
                }
            }
        }
        BootConfig config = null;
        Map<String, Integer> tasks = new HashMap<>();
        tasks.put("init", 0);
        Map<String, Integer> values = new HashMap<>();
        List<FuzzStep> steps = new ArrayList<>();
        for (Step st : parsed.script().steps()) {
            String at = file + ":" + st.pos().line() + ":" + st.pos().col();
            if (st instanceof Step.Boot b) {
                if (config != null) {
                    throw new IllegalArgumentException(at + ": a corpus entry boots once");
                }
                Map<String, Integer> l = b.limits();
                BootConfig c = BootConfig.DEFAULT.withSeed(b.seed() == null ? 0 : b.seed());
                config = c.withPidMax(l.getOrDefault("pid_max", c.pidMax()), l.getOrDefault("pid_reserved",
                                Math.min(c.pidReserved(), l.getOrDefault("pid_max", c.pidMax()) - 1)))
                        .withPidNsLevels(l.getOrDefault("pidns_levels", c.pidNsLevels()))
                        .withFdMax(l.getOrDefault("fd_max", c.fdMax()));
                if (!config.problems().isEmpty()) {
                    throw new IllegalArgumentException(at + ": cannot boot: " + String.join("; ", config.problems()));
                }
                continue;
            }
            if (!(st instanceof Step.Syscall s)) {
                continue;
            }
            if (config == null) {
                throw new IllegalArgumentException(at + ": a call before boot");
            }
            if (!(s.actor() instanceof capsid.scenario.Actor.Named a) || !tasks.containsKey(a.name())) {
                throw new IllegalArgumentException(at + ": actor " + Printer.actor(s.actor())
                        + " is no task of this program");
            }
            int actor = tasks.get(((capsid.scenario.Actor.Named) s.actor()).name());
            int pidTask = -1;
            int fdStep = -1;
            List<Value> args = new ArrayList<>();
            for (int k = 0; k < s.args().size(); k++) {
                Value v = s.args().get(k);
                if (v instanceof Value.PidOf po) {
                    Integer t = tasks.get(po.name());
                    if (t == null) {
                        throw new IllegalArgumentException(file + ":" + v.pos().line() + ":" + v.pos().col() + ": @"
                                + po.name() + " names no task");
                    }
                    pidTask = t;
                    args.add(new Value.Int("0", v.pos())); // where it was written, for errors about it
                } else if (v instanceof Value.Ref r) {
                    Integer i = values.get(r.name());
                    if (i == null) {
                        throw new IllegalArgumentException(file + ":" + v.pos().line() + ":" + v.pos().col() + ": $"
                                + r.name() + " is bound by no step");
                    }
                    fdStep = i;
                    args.add(new Value.Int("0", v.pos()));
                } else {
                    args.add(v);
                }
            }
            Checked<Call> call = CallSyntax.toCall(s.call(), args, s.callPos());
            if (!call.isOk()) {
                throw new IllegalArgumentException(call.error().render(file));
            }
            FuzzStep fs;
            try {
                fs = new FuzzStep(actor, call.value(), pidTask, fdStep);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + ": " + e.getMessage());
            }
            if (s.bind() != null) {
                if (call.value().sys() == Sys.FORK) {
                    tasks.put(s.bind(), tasks.size());
                } else {
                    values.put(s.bind(), steps.size());
                }
            }
            steps.add(fs);
        }
        if (config == null) {
            throw new IllegalArgumentException(file + ":1:1: no boot line (a corpus entry boots once, first)");
        }
        return new Program(seed, size < 0 ? steps.size() : size, config, steps);
    }

    private static long parseLong(String s, String file, int line, int col) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ":" + line + ":" + col + ": header value " + s
                    + " is no number");
        }
    }

    static boolean isErrno(Result r) {
        return r instanceof Errno;
    }
}

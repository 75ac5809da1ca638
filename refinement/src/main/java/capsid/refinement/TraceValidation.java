package capsid.refinement;

import capsid.checker.Outcome;
import capsid.checker.State;
import capsid.checker.Tlc;
import capsid.checker.TlcRequest;
import capsid.checker.TlcResult;
import capsid.checker.value.Value;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Trace validation of NamespaceUnshare (spec/TraceNamespaceUnshare.tla): a kernel
 * event log becomes the constant {@code TraceLog} of a generated module, and TLC
 * decides whether the run is a behaviour of the spec, event by event.
 */
public final class TraceValidation {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TraceValidation() {
    }

    /**
     * The verdict on one log.
     *
     * @param accepted whether every event matched an enabled action of the spec
     * @param events   events after Boot
     * @param matched  events matched before the first that matched nothing
     * @param rejected the first event that matched nothing (its JSON line), or null
     * @param error    why there is no verdict (bad log, TLC error), or null
     * @param tlc      TLC's result record
     */
    public record Verdict(boolean accepted, int events, int matched, String rejected, String error, TlcResult tlc,
                          double seconds) {
    }

    /** Validates the JSON Lines of one boot's log (the Boot event first) against the spec in {@code specDir}. */
    public static Verdict validate(List<String> lines, Path specDir, Duration timeout) {
        long t0 = System.nanoTime();
        List<JsonNode> events = new ArrayList<>();
        try {
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).trim();
                if (line.isEmpty()) {
                    continue;
                }
                try {
                    events.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new IllegalArgumentException("event log line " + (i + 1) + " is not JSON: "
                            + e.getMessage().lines().findFirst().orElse(""));
                }
            }
            if (events.isEmpty() || !"Boot".equals(events.get(0).path("action").asText())) {
                throw new IllegalArgumentException("event log line 1: the first event must be Boot");
            }
        } catch (IllegalArgumentException e) {
            return new Verdict(false, 0, 0, null, e.getMessage(), null, secs(t0));
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("capsid-tv");
            Files.copy(specDir.resolve("NamespaceUnshare.tla"), dir.resolve("NamespaceUnshare.tla"));
            Files.copy(specDir.resolve("TraceNamespaceUnshare.tla"), dir.resolve("TraceNamespaceUnshare.tla"));
            Model m = model(events);
            Files.writeString(dir.resolve("TraceRun.tla"), m.module());
            Files.writeString(dir.resolve("TraceRun.cfg"), m.config());
            TlcResult r = Tlc.check(TlcRequest.of(dir.resolve("TraceRun.tla")).withConfig(dir.resolve("TraceRun.cfg"))
                    .withWorkers(1).withCheckDeadlock(true).withTimeout(timeout));
            int n = events.size() - 1;
            if (r.result() == Outcome.VIOLATION && "TraceAccepted".equals(r.property())) {
                return new Verdict(true, n, n, null, null, r, secs(t0));
            }
            if (r.result() == Outcome.DEADLOCK && r.trace() != null && !r.trace().states().isEmpty()) {
                State last = r.trace().states().get(r.trace().states().size() - 1);
                int l = ((Value.IntValue) last.vars().get("l")).value().intValueExact();
                return new Verdict(false, n, l - 1, lines.get(lineOf(lines, l)), null, r, secs(t0));
            }
            return new Verdict(false, n, 0, null, "TLC gave no verdict: " + r.result() + " "
                    + (r.reason() == null ? "" : r.reason()), r, secs(t0));
        } catch (IOException | IllegalArgumentException e) {
            return new Verdict(false, events.size() - 1, 0, null, e.toString(), null, secs(t0));
        } finally {
            delete(dir);
        }
    }

    /** The index in {@code lines} of the l-th event after Boot (skipping blank lines). */
    private static int lineOf(List<String> lines, int l) {
        int seen = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank() && ++seen == l) {
                return i;
            }
        }
        return lines.size() - 1;
    }

    /** The generated module and its model. */
    record Model(String module, String config) {
    }

    /** The log as the TLA+ module TraceRun, and the model's constants, sized to what the log needs. */
    static Model model(List<JsonNode> events) {
        JsonNode boot = events.get(0).path("args");
        StringBuilder log = new StringBuilder();
        int forks = 0;
        int pidNs = 0;
        int utsNs = 0;
        int mntNs = 0;
        for (int i = 1; i < events.size(); i++) {
            JsonNode e = events.get(i);
            String action = e.path("action").asText();
            JsonNode args = e.path("args");
            JsonNode out = e.path("out");
            List<String> f = new ArrayList<>();
            f.add("action |-> " + str(action));
            f.add("task |-> " + e.path("task").asLong());
            switch (action) {
                case "Fork" -> {
                    forks++;
                    List<String> words = words(args.path("flags"), "event " + i + " flags");
                    pidNs += words.contains("newpid") ? 1 : 0;
                    utsNs += words.contains("newuts") ? 1 : 0;
                    mntNs += words.contains("newns") ? 1 : 0;
                    f.add("flags |-> " + set(words));
                    f.add("ret |-> " + e.path("ret").asLong());
                    f.add("child |-> " + out.path("child").asLong());
                    List<String> pids = new ArrayList<>();
                    out.path("pids").forEach(p -> pids.add(Long.toString(p.asLong())));
                    f.add("pids |-> <<" + String.join(", ", pids) + ">>");
                    f.add("ns |-> " + out.path("ns").asLong());
                }
                case "Unshare" -> {
                    List<String> words = words(args.path("flags"), "event " + i + " flags");
                    pidNs += words.contains("newpid") ? 1 : 0;
                    utsNs += words.contains("newuts") ? 1 : 0;
                    mntNs += words.contains("newns") ? 1 : 0;
                    f.add("flags |-> " + set(words));
                    f.add("pidForChildren |-> " + out.path("pidForChildren").asLong());
                    f.add("uts |-> " + out.path("uts").asLong());
                    f.add("mnt |-> " + out.path("mnt").asLong());
                }
                case "Exit" -> death(out, f);
                case "Jail" -> {
                }
                case "Kill" -> {
                    f.add("pid |-> " + args.path("pid").asLong());
                    f.add("sig |-> " + str(args.path("sig").asText()));
                    f.add("target |-> " + out.path("target").asLong());
                    f.add("killed |-> " + (out.path("killed").asBoolean() ? "TRUE" : "FALSE"));
                    death(out.path("death"), f);
                }
                case "Wait" -> {
                    boolean any = !args.has("pid");
                    f.add("any |-> " + (any ? "TRUE" : "FALSE"));
                    f.add("pid |-> " + (any ? 0 : args.path("pid").asLong()));
                    f.add("ret |-> " + e.path("ret").asLong());
                    f.add("reaped |-> " + out.path("reaped").asLong());
                }
                case "NsOpen" -> {
                    f.add("pid |-> " + args.path("pid").asLong());
                    f.add("type |-> " + str(args.path("type").asText()));
                    f.add("ret |-> " + e.path("ret").asLong());
                    f.add("target |-> " + out.path("target").asLong());
                    f.add("ns |-> " + out.path("ns").asLong());
                }
                case "SetNs" -> {
                    f.add("fd |-> " + args.path("fd").asLong());
                    f.add("type |-> " + str(out.path("type").asText()));
                    f.add("ns |-> " + out.path("ns").asLong());
                }
                case "Close", "Dup" -> {
                    f.add("fd |-> " + args.path("fd").asLong());
                    f.add("ret |-> " + e.path("ret").asLong());
                    f.add("kind |-> " + str(NamespaceAbstraction.kindWord(out.path("kind").asText())));
                    f.add("object |-> " + out.path("object").asLong());
                }
                case "SetHostname" -> {
                    f.add("name |-> " + str(args.path("name").asText()));
                    f.add("uts |-> " + out.path("uts").asLong());
                }
                default -> throw new IllegalArgumentException("event log line " + (i + 1) + ": action " + action
                        + " is not an action of NamespaceUnshare");
            }
            log.append(log.length() == 0 ? "    " : ",\n    ").append('[').append(String.join(", ", f)).append(']');
        }
        log.append(log.length() == 0 ? "    " : ",\n    ").append("[action |-> \"end\"]");
        String module = "---- MODULE TraceRun ----\nEXTENDS TraceNamespaceUnshare\nLog == <<\n" + log + "\n>>\n====\n";
        String cfg = "INIT TraceInit\nNEXT TraceNext\nINVARIANT TraceAccepted\nCONSTANTS\n"
                + "    MaxTasks = " + (forks + 1) + "\n"
                + "    MaxPidNs = " + (pidNs + 1) + "\n"
                + "    MaxUts = " + (utsNs + 1) + "\n"
                + "    MaxMnt = " + (mntNs + 1) + "\n"
                + "    PidMax = " + boot.path("pid_max").asInt(32768) + "\n"
                + "    PidReserved = " + boot.path("pid_reserved").asInt(300) + "\n"
                + "    PidNsLevels = " + boot.path("pidns_levels").asInt(32) + "\n"
                + "    FdMax = " + boot.path("fd_max").asInt(1024) + "\n"
                + "    BootHostname = " + str(boot.path("hostname").asText("capsid")) + "\n"
                + "    FlagSets = {}\n    PidArgs = {}\n    FdArgs = {}\n    SigArgs = {}\n    TypeArgs = {}\n"
                + "    HostArgs = {}\n"
                + "    TraceLog <- Log\n";
        return new Model(module, cfg);
    }

    /** The death record's fields (docs/event-log.md): reparented tasks, their reaper, zapped root pids. */
    private static void death(JsonNode d, List<String> f) {
        List<String> moved = new ArrayList<>();
        d.path("reparented").forEach(t -> moved.add(Long.toString(t.asLong())));
        List<String> zapped = new ArrayList<>();
        d.path("zapped").forEach(p -> zapped.add(Long.toString(p.asLong())));
        f.add("reparented |-> {" + String.join(", ", moved) + "}");
        f.add("reaper |-> " + d.path("reaper").asLong(0));
        f.add("zapped |-> {" + String.join(", ", zapped) + "}");
    }

    private static List<String> words(JsonNode arr, String what) {
        if (!arr.isArray()) {
            throw new IllegalArgumentException(what + " should be a list of flag words");
        }
        List<String> out = new ArrayList<>();
        for (Iterator<JsonNode> it = arr.elements(); it.hasNext(); ) {
            out.add(it.next().asText());
        }
        return out;
    }

    private static String set(List<String> words) {
        List<String> q = new ArrayList<>();
        for (String w : words) {
            q.add(str(w));
        }
        return "{" + String.join(", ", q) + "}";
    }

    private static String str(String s) {
        return Value.str(s).toTla();
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}

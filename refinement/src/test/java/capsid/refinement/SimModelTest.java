package capsid.refinement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import capsid.checker.ModelConfig;
import capsid.checker.Outcome;
import capsid.checker.Outcomes;
import capsid.checker.State;
import capsid.checker.Tlc;
import capsid.checker.TlcRequest;
import capsid.checker.Trace;
import capsid.checker.value.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulation model's traces (as capsid refine draws them: 300 of 60 steps) hold
 * every kind of argument and every boundary, replay on the kernel, and reach every
 * outcome TLC's recorder saw in them (the model's arguments were narrowed once and
 * nothing noticed: kill with TERM, 0, a bad signal or a pid <= 0, ns_open of uts, mnt
 * or a bad type, setns into uts and mnt, newns and combined flags, bad flags, invalid
 * and uppercase hostnames, EAGAIN and the pid wrap were in no trace).
 */
class SimModelTest {
    static final Path SPEC = Path.of(System.getProperty("capsid.root", ".."), "spec");

    @Test
    void simulatedTracesHoldEveryKindOfArgumentAndReplay(@TempDir Path dir) throws Exception {
        Path cfg = SPEC.resolve("MCNamespaceUnshareSim.cfg");
        Tlc.Simulation sim = Tlc.simulate(Outcomes.withRecorder(TlcRequest.of(SPEC.resolve("MCNamespaceUnshare.tla"))
                .withConfig(cfg).withSeed(1L).withTimeout(Duration.ofMinutes(5)), true, dir), 300, 60);
        assertEquals(Outcome.PASS, sim.result().result(), () -> String.valueOf(sim.result()));
        List<Trace> traces = sim.traces();
        assertEquals(300, traces.size());
        Map<String, Predicate<Step>> wanted = new java.util.LinkedHashMap<>();
        wanted.put("kill TERM", s -> s.is("Kill") && s.arg("sig").equals("\"TERM\""));
        wanted.put("kill 0", s -> s.is("Kill") && s.arg("sig").equals("\"0\""));
        wanted.put("kill HUP", s -> s.is("Kill") && s.arg("sig").equals("\"HUP\""));
        wanted.put("kill pid <= 0", s -> s.is("Kill") && s.num("pid") <= 0);
        wanted.put("kill ignored by a live init", s -> s.is("Kill") && s.ok() && s.targetLive());
        wanted.put("wait pid <= 0", s -> s.is("Wait") && s.has("pid") && s.num("pid") <= 0);
        wanted.put("ns_open uts", s -> s.is("NsOpen") && s.ok() && s.arg("type").equals("\"uts\""));
        wanted.put("ns_open mnt", s -> s.is("NsOpen") && s.ok() && s.arg("type").equals("\"mnt\""));
        wanted.put("ns_open bad type", s -> s.is("NsOpen") && s.err().equals("EINVAL"));
        wanted.put("setns into uts", s -> s.is("SetNs") && s.ok() && s.fdKind().equals("\"uts\""));
        wanted.put("setns into mnt", s -> s.is("SetNs") && s.ok() && s.fdKind().equals("\"mnt\""));
        wanted.put("fork newns", s -> s.is("Fork") && s.ok() && s.arg("flags").equals("{\"newns\"}"));
        wanted.put("unshare newns", s -> s.is("Unshare") && s.ok() && s.arg("flags").contains("newns"));
        wanted.put("fork newpid|newuts", s -> s.is("Fork") && s.ok()
                && s.arg("flags").equals("{\"newpid\", \"newuts\"}"));
        wanted.put("bad flags", s -> (s.is("Fork") || s.is("Unshare")) && s.arg("flags").contains("bad"));
        wanted.put("invalid hostname", s -> s.is("SetHostname") && s.err().equals("EINVAL"));
        wanted.put("uppercase hostname", s -> s.is("SetHostname") && s.ok() && s.arg("name").equals("\"Web\""));
        wanted.put("fork EAGAIN", s -> s.is("Fork") && s.err().equals("EAGAIN"));
        wanted.put("fork ENOSPC", s -> s.is("Fork") && s.err().equals("ENOSPC"));
        wanted.put("ns_open EMFILE", s -> s.is("NsOpen") && s.err().equals("EMFILE"));
        wanted.put("dup", s -> s.is("Dup") && s.ok());
        wanted.put("the pid wrap", Step::wraps);
        TreeSet<String> seen = new TreeSet<>();
        for (Trace t : traces) {
            for (int i = 1; i < t.size(); i++) {
                Step s = new Step(t.states().get(i - 1), t.states().get(i));
                wanted.forEach((name, p) -> {
                    if (p.test(s)) {
                        seen.add(name);
                    }
                });
            }
        }
        TreeSet<String> missing = new TreeSet<>(wanted.keySet());
        missing.removeAll(seen);
        assertEquals(new TreeSet<>(), missing, "in no simulated trace");
        NamespaceReplayer.Report r = new NamespaceReplayer(ModelConfig.read(cfg).constants()).replay(traces);
        assertEquals(List.of(), r.mismatches());
        assertEquals(new TreeSet<>(sim.outcomes()), r.outcomes(), "the recorder saw exactly the replayed outcomes");
    }

    /** One step of a trace, read through the spec's history variable. */
    private record Step(Map<String, Value> before, Map<String, Value> after, Map<String, Value> la,
                        Map<String, Value> arg) {
        Step(State b, State a) {
            this(b.vars(), a.vars(), NamespaceAbstraction.fields(a.vars().get("lastAction"), "lastAction"),
                    NamespaceAbstraction.fields(NamespaceAbstraction.fields(a.vars().get("lastAction"), "lastAction")
                            .get("arg"), "arg"));
        }

        boolean is(String act) {
            return NamespaceAbstraction.str(la.get("act"), "act").equals(act);
        }

        String err() {
            return NamespaceAbstraction.str(la.get("err"), "err");
        }

        boolean ok() {
            return err().equals("OK");
        }

        boolean has(String name) {
            return arg.containsKey(name);
        }

        String arg(String name) {
            return arg.containsKey(name) ? arg.get(name).toTla() : "";
        }

        long num(String name) {
            return NamespaceAbstraction.num(arg.get(name), name);
        }

        boolean targetLive() {
            int t = Math.toIntExact(NamespaceAbstraction.num(la.get("target"), "target"));
            return NamespaceAbstraction.mappingValues(after.get("st")).get(t - 1).toTla().equals("\"live\"");
        }

        /** The kind of namespace the setns descriptor names (in the caller's table before the call), or "". */
        String fdKind() {
            int t = Math.toIntExact(NamespaceAbstraction.num(la.get("t"), "t"));
            Value table = NamespaceAbstraction.mappingValues(before.get("fds")).get(t - 1);
            long fd = num("fd");
            Value obj = null;
            if (table instanceof Value.FunctionValue f) { // a domain that is not 1..n: fd 0 :> ...
                obj = f.mapping().get(Value.of(fd));
            } else if (table instanceof Value.SeqValue q && fd >= 1 && fd <= q.elements().size()) { // domain 1..n
                obj = q.elements().get((int) fd - 1);
            }
            return obj == null ? "" : NamespaceAbstraction.fields(obj, "fd").get("kind").toTla();
        }

        /** A successful fork that took a pid below the level's last one (the cursor wrapped). */
        boolean wraps() {
            if (!is("Fork") || !ok()) {
                return false;
            }
            List<Value> b = NamespaceAbstraction.mappingValues(before.get("lastPid"));
            List<Value> a = NamespaceAbstraction.mappingValues(after.get("lastPid"));
            for (int n = 0; n < b.size(); n++) {
                long x = NamespaceAbstraction.num(b.get(n), "lastPid");
                long y = NamespaceAbstraction.num(a.get(n), "lastPid");
                if (y < x && y > 1) {
                    return true;
                }
            }
            return false;
        }
    }
}

package capsid.refinement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import capsid.checker.Outcome;
import capsid.checker.Tlc;
import capsid.checker.TlcRequest;
import capsid.checker.TlcResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every invariant and property of spec/NamespaceUnshare.tla can fail: a copy of the
 * spec with one guard removed or one update changed makes TLC report exactly the
 * property that protects against it (with every invariant checked, so no other one
 * catches it first).
 */
class SpecMutationsTest {
    static final Path SPEC = Path.of(System.getProperty("capsid.root", ".."), "spec");

    /**
     * Which model a mutation runs on: the CI model; the liveness model's process
     * calls with four tasks and three pid namespaces (an orphan whose grandparent is
     * not its reaper, a second level of namespaces), checked for safety; or the
     * liveness model itself.
     */
    enum Model { CI, FOUR_TASKS, LIVENESS }

    /** One mutation: the text it replaces (which must occur exactly once), by what, and what must catch it. */
    enum Mutation {
        TYPE("TypeOK", Model.CI,
                "          /\\ parent' = [parent EXCEPT ![c] = t]",
                "          /\\ parent' = [parent EXCEPT ![c] = MaxTasks + 1]"),
        PID_TWICE("PidsUniquePerNamespace", Model.CI,
                "                             IN (cpids[i] :> c) @@ pmap[n]",
                "                             IN (cpids[i] :> c) @@ ((cpids[i] + 1) :> c) @@ pmap[n]"),
        ONLY_OWN_LEVEL("VisibleExactlyInOwnAndAncestors", Model.CI,
                "          /\\ pmap' = [n \\in PidNsIds |->\n                        IF \\E i \\in 1..Len(cpath) : cpath[i] = n",
                "          /\\ pmap' = [n \\in PidNsIds |->\n                        IF n = cns"),
        EVERY_CHILD_INIT("PidOneIsInit", Model.CI,
                "          /\\ pinit' = IF pinit[cns] = 0 THEN [pinit EXCEPT ![cns] = c] ELSE pinit",
                "          /\\ pinit' = [pinit EXCEPT ![cns] = c]"),
        SETNS_ABOVE("SetnsOnlyBelow", Model.CI,
                "       ELSE IF o.kind = \"pid\" /\\ ~AncOrSelf(pidns[t], o.id) THEN Fail(t, \"SetNs\", arg, \"EINVAL\")",
                "       ELSE IF FALSE THEN Fail(t, \"SetNs\", arg, \"EINVAL\")"),
        KILL_BY_ROOT_PID("NoNamingTheInvisible", Model.CI,
                "    LET arg == [pid |-> k, sig |-> sig]\n        u == IF k > 0 THEN Lookup(pidns[t], k) ELSE 0",
                "    LET arg == [pid |-> k, sig |-> sig]\n        u == IF k > 0 THEN Lookup(1, k) ELSE 0"),
        INIT_DEATH_SPARES_OTHERS("DeadNamespaceEmpty", Model.CI,
                "        victims == IF isInit THEN {u \\in Tids : u # p /\\ Exists(u) /\\ AncOrSelf(n, pidns[u])} ELSE {}",
                "        victims == {}"),
        NO_DEPTH_CHECK("DepthBound", Model.FOUR_TASKS,
                "ELSE IF \"newpid\" \\in F /\\ pnLevel[pidns[t]] + 1 > PidNsLevels THEN Fail(t, \"Unshare\", arg, \"ENOSPC\")",
                "ELSE IF FALSE THEN Fail(t, \"Unshare\", arg, \"ENOSPC\")"),
        SETNS_WHEN_JAILED("JailHolds", Model.CI,
                "    /\\ IF jail[t] # NoJail THEN Fail(t, \"SetNs\", arg, \"EPERM\")",
                "    /\\ IF FALSE THEN Fail(t, \"SetNs\", arg, \"EPERM\")"),
        NO_REPARENTING("EveryOrphanAdopted", Model.CI,
                "    /\\ parent' = [u \\in Tids |-> IF ~isInit /\\ Exists(u) /\\ parent[u] = p THEN reaper ELSE parent[u]]",
                "    /\\ parent' = parent"),
        ORPHAN_TO_GRANDPARENT("OrphansGoToNamespaceInit", Model.FOUR_TASKS,
                "        reaper == pinit[n]",
                "        reaper == parent[p]"),
        DEAD_NAMESPACE_REVIVES("DeadStaysDead", Model.CI,
                "    /\\ pinit' = [m \\in PidNsIds |-> IF pinit[m] = z THEN 0 ELSE pinit[m]]\n"
                        + "    /\\ UNCHANGED <<parent, pids, pidns, nsfc, uts, mnt, jail, fds, exitSeq, clock, nextTid,\n"
                        + "                   pnParent, pnLevel, lastPid, pdead, nextPn, otherVars>>",
                "    /\\ pinit' = [m \\in PidNsIds |-> IF pinit[m] = z THEN 0 ELSE pinit[m]]\n"
                        + "    /\\ pdead' = [m \\in PidNsIds |-> IF pinit[m] = z THEN FALSE ELSE pdead[m]]\n"
                        + "    /\\ UNCHANGED <<parent, pids, pidns, nsfc, uts, mnt, jail, fds, exitSeq, clock, nextTid,\n"
                        + "                   pnParent, pnLevel, lastPid, nextPn, otherVars>>"),
        JAIL_LIFTED("JailIsForever", Model.CI,
                "JailOf(pidns[t], nsfc[t], uts[t], mnt[t])] ELSE jail",
                "JailOf(pidns[t], nsfc[t], uts[t], mnt[t])] ELSE [jail EXCEPT ![t] = NoJail]"),
        WAIT_NEVER_REAPS("ZombieReaped", Model.LIVENESS,
                "             THEN IF zs = {} THEN 0 ELSE CHOOSE u \\in zs : \\A v \\in zs : exitSeq[u] <= exitSeq[v]",
                "             THEN 0");

        final String property;
        final Model model;
        final String find;
        final String replace;

        Mutation(String property, Model model, String find, String replace) {
            this.property = property;
            this.model = model;
            this.find = find;
            this.replace = replace;
        }
    }

    private static final List<String> INVARIANTS = List.of("TypeOK", "PidsUniquePerNamespace",
            "VisibleExactlyInOwnAndAncestors", "PidOneIsInit", "SetnsOnlyBelow", "DeadNamespaceEmpty",
            "DepthBound", "JailHolds", "EveryOrphanAdopted");
    private static final List<String> ACTION_PROPERTIES = List.of("NoNamingTheInvisible", "OrphansGoToNamespaceInit",
            "DeadStaysDead", "JailIsForever");

    /** The mutation's model: its constants, every invariant, and only the property under test. */
    private static String config(Mutation m) throws IOException {
        String base = Files.readString(SPEC.resolve(m.model == Model.CI ? "MCNamespaceUnshare.cfg"
                : "MCNamespaceUnshareLiveness.cfg"));
        String constants = base.substring(base.indexOf("CONSTANTS"), base.indexOf("VIEW"));
        if (m.model == Model.FOUR_TASKS) {
            // room for four generations in the root namespace
            constants = constants.replace("PidMax = 4", "PidMax = 6");
        }
        if (m.model == Model.LIVENESS) {
            return "SPECIFICATION FairSpec\n" + constants + "VIEW stateVars\nPROPERTIES\n    ZombieReaped\n";
        }
        StringBuilder cfg = new StringBuilder("SPECIFICATION Spec\n").append(constants).append("VIEW stateVars\n");
        cfg.append("INVARIANTS\n");
        INVARIANTS.forEach(i -> cfg.append("    ").append(i).append('\n'));
        if (ACTION_PROPERTIES.contains(m.property)) {
            cfg.append("PROPERTIES\n    ").append(m.property).append('\n');
        }
        return cfg.toString();
    }

    @ParameterizedTest
    @EnumSource(Mutation.class)
    void tlcReportsExactlyTheProtectingProperty(Mutation m, @TempDir Path dir) throws Exception {
        String spec = Files.readString(SPEC.resolve("NamespaceUnshare.tla"));
        int at = spec.indexOf(m.find);
        assertEquals(true, at >= 0 && spec.indexOf(m.find, at + 1) < 0,
                m + ": the text to mutate must occur exactly once in the spec (it changed?)");
        Files.writeString(dir.resolve("NamespaceUnshare.tla"), spec.replace(m.find, m.replace));
        Files.copy(SPEC.resolve("MCNamespaceUnshare.tla"), dir.resolve("MCNamespaceUnshare.tla"));
        Files.writeString(dir.resolve("Mutant.cfg"), config(m));
        TlcResult r = Tlc.check(TlcRequest.of(dir.resolve("MCNamespaceUnshare.tla")).withConfig(dir.resolve("Mutant.cfg"))
                .withWorkers(2).withTimeout(Duration.ofMinutes(4)));
        if (m.model == Model.LIVENESS) {
            assertEquals(Outcome.LIVENESS, r.result(), m + ": " + r.result() + " " + r.reason());
        } else if (ACTION_PROPERTIES.contains(m.property)) {
            assertEquals(Outcome.VIOLATION, r.result(), m + ": " + r.result() + " " + r.reason());
            assertEquals("action property", r.propertyKind(), m + ": caught by " + r.property());
        } else {
            assertEquals(Outcome.VIOLATION, r.result(), m + ": " + r.result() + " " + r.reason());
            assertEquals(m.property, r.property(), m + " should be caught by " + m.property);
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
        }
    }
}

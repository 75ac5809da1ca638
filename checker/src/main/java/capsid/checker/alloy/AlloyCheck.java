package capsid.checker.alloy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The outcome of one command of an Alloy model.
 *
 * @param name the command's label ({@code RightsNeverGrow}, or {@code run$3} for an unnamed one)
 * @param check true for {@code check}, false for {@code run}
 * @param scope the command's scope as Alloy prints it ({@code for 4 but exactly 6 State})
 * @param expect the {@code expect} of the command: 0, 1, or -1 when it has none
 * @param instanceFound whether the solver found an instance (for a check: a counterexample)
 * @param seconds wall-clock seconds of translation and solving
 * @param line the command's line in the model
 */
public record AlloyCheck(String name, boolean check, String scope, int expect, boolean instanceFound,
        double seconds, int line) {

    /**
     * Whether the outcome is what the model says it should be: with {@code expect 0}
     * no instance, with {@code expect 1} an instance; a command without {@code
     * expect} meets it when a check finds no counterexample or a run finds an instance.
     */
    public boolean expectationMet() {
        if (expect == 0) {
            return !instanceFound;
        }
        if (expect == 1) {
            return instanceFound;
        }
        return check != instanceFound;
    }

    /** What was found, in words: {@code counterexample}, {@code no counterexample}, {@code instance}, {@code no instance}. */
    public String found() {
        return check ? (instanceFound ? "counterexample" : "no counterexample")
                : (instanceFound ? "instance" : "no instance");
    }

    /** {@code expect 0}, {@code expect 1} or {@code no expect}. */
    public String expectation() {
        return expect < 0 ? "no expect" : "expect " + expect;
    }

    /**
     * The fields of this check's {@code alloy} record (docs/proofs-log.md): {@code
     * result} {@code pass} when the expectation was met, else {@code violation}.
     *
     * @param model the model file, relative to the repository when inside it
     */
    public ObjectNode record(String model) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("result", expectationMet() ? "pass" : "violation");
        r.put("reason", expectationMet() ? null : name + ": " + expectation() + ", found " + found());
        r.put("model", model);
        r.put("check", name);
        r.put("command_kind", check ? "check" : "run");
        r.put("scope", scope);
        r.put("expect", expect < 0 ? null : expect);
        r.put("instance_found", instanceFound);
        r.put("seconds", Math.round(seconds * 1000) / 1000.0);
        r.put("alloy_version", Alloy.VERSION);
        return r;
    }

    /** The {@code alloy} record of a model that could not be parsed or run: result {@code error}. */
    public static ObjectNode errorRecord(String model, AlloyError e) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("result", "error");
        r.put("reason", e.getMessage());
        r.put("model", model);
        r.putNull("check");
        r.putNull("command_kind");
        r.putNull("scope");
        r.putNull("expect");
        r.putNull("instance_found");
        r.put("seconds", 0.0);
        r.put("alloy_version", Alloy.VERSION);
        return r;
    }
}

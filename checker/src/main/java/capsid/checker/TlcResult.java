package capsid.checker;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one TLC run established: the record that {@code capsid check --json} prints
 * and {@code proofs-log/runs.jsonl} keeps (see {@link #toJson(boolean)} for the JSON
 * names). Counts are {@code null} when TLC did not report them (e.g. a violation
 * in an initial state, or a run that never started).
 *
 * @param result what the run established
 * @param reason for {@code error}: why (never empty); for an {@code Assert} or {@code ASSUME}
 *     failure: TLC's message; else {@code null}
 * @param distinctStates distinct states found (TLC's final count; {@code null} in simulation)
 * @param generatedStates states generated
 * @param statesLeft states left on the queue at the end
 * @param depth depth of the state graph search (simulation: the longest trace read)
 * @param seconds wall-clock seconds of the child process
 * @param tlcSeconds TLC's own "Finished in" time
 * @param tlcVersion e.g. {@code 2.18}
 * @param mode {@code bfs} or {@code simulate}
 * @param spec the spec file
 * @param model the model file
 * @param constants the model's constants ({@link ModelConfig#constants()})
 * @param workers TLC workers
 * @param seed TLC's seed (as TLC reported it)
 * @param commit {@code git rev-parse HEAD} of the spec's repository, or {@code null}
 * @param dirty whether the spec or model file differs from that commit (or is untracked)
 * @param exitCode the child's exit code ({@code null} if it could not be started)
 * @param property the failed property: invariant or action-property name, {@code deadlock},
 *     the temporal properties of the model, {@code Assert}, or the {@code ASSUME}'s location
 * @param propertyKind {@code invariant}, {@code action property}, {@code deadlock},
 *     {@code temporal}, {@code assert}, {@code assumption}, or {@code null}
 * @param trace the error trace (counterexample, or the behaviour up to an evaluation error)
 * @param location where SANY or TLC located an error in the spec, if it did
 * @param errors TLC's error messages, as text
 * @param warnings TLC's warnings, as text
 * @param modules every module TLC loaded, in the order SANY read them (empty when TLC never parsed)
 * @param modelSha256 SHA-256 of the model file's bytes, or {@code null} when it could not be read
 */
public record TlcResult(Outcome result, String reason, Long distinctStates, Long generatedStates, Long statesLeft,
                        Integer depth, double seconds, Double tlcSeconds, String tlcVersion, String mode, String spec,
                        String model, Map<String, String> constants, int workers, Long seed, String commit,
                        Boolean dirty, Integer exitCode, String property, String propertyKind, Trace trace,
                        SourceLocation location, List<String> errors, List<String> warnings,
                        List<ModuleFile> modules, String modelSha256) {

    public TlcResult {
        Objects.requireNonNull(result, "result");
        if (result == Outcome.ERROR && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("an error result needs a reason");
        }
        constants = constants == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(constants));
        errors = errors == null ? List.of() : List.copyOf(errors);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        modules = modules == null ? List.of() : List.copyOf(modules);
    }

    /** A result without module hashes (the form before they were recorded). */
    public TlcResult(Outcome result, String reason, Long distinctStates, Long generatedStates, Long statesLeft,
                     Integer depth, double seconds, Double tlcSeconds, String tlcVersion, String mode, String spec,
                     String model, Map<String, String> constants, int workers, Long seed, String commit,
                     Boolean dirty, Integer exitCode, String property, String propertyKind, Trace trace,
                     SourceLocation location, List<String> errors, List<String> warnings) {
        this(result, reason, distinctStates, generatedStates, statesLeft, depth, seconds, tlcSeconds, tlcVersion, mode,
                spec, model, constants, workers, seed, commit, dirty, exitCode, property, propertyKind, trace,
                location, errors, warnings, List.of(), null);
    }

    /** Generated states per wall-clock second, or {@code null}. */
    public Double statesPerSecond() {
        if (generatedStates == null || seconds <= 0) {
            return null;
        }
        return generatedStates / seconds;
    }

    /** A copy that is an {@code error} with the given reason (counts, trace and the rest kept). */
    public TlcResult asError(String why) {
        return new TlcResult(Outcome.ERROR, why, distinctStates, generatedStates, statesLeft, depth, seconds,
                tlcSeconds, tlcVersion, mode, spec, model, constants, workers, seed, commit, dirty, exitCode,
                property, propertyKind, trace, location, errors, warnings, modules, modelSha256);
    }

    /** A copy with another depth. */
    public TlcResult withDepth(Integer d) {
        return new TlcResult(result, reason, distinctStates, generatedStates, statesLeft, d, seconds, tlcSeconds,
                tlcVersion, mode, spec, model, constants, workers, seed, commit, dirty, exitCode, property,
                propertyKind, trace, location, errors, warnings, modules, modelSha256);
    }

    /** A copy with other errors (TLC's raw text). */
    public TlcResult withErrors(List<String> e) {
        return new TlcResult(result, reason, distinctStates, generatedStates, statesLeft, depth, seconds, tlcSeconds,
                tlcVersion, mode, spec, model, constants, workers, seed, commit, dirty, exitCode, property,
                propertyKind, trace, location, e, warnings, modules, modelSha256);
    }

    /**
     * The record as JSON, keys in this order: {@code result}, {@code reason},
     * {@code distinct_states}, {@code generated_states}, {@code depth}, {@code seconds},
     * {@code tlc_version}, {@code states_left}, {@code states_per_second},
     * {@code tlc_seconds}, {@code mode}, {@code spec}, {@code model}, {@code constants},
     * {@code workers}, {@code seed}, {@code commit}, {@code dirty}, {@code exit_code},
     * {@code property}, {@code property_kind}, {@code trace_length}, {@code location}
     * ({@code {file, line, column}}), {@code errors}, {@code warnings}, {@code modules}
     * ({@code [{module, file, sha256, standard}]}), {@code model_sha256}, and with
     * {@code includeTrace} {@code trace} (the ITF object). Unknown values are JSON {@code null}.
     */
    public ObjectNode toJson(boolean includeTrace) {
        ObjectNode o = Itf.JSON.createObjectNode();
        o.put("result", result.json());
        o.put("reason", reason);
        o.put("distinct_states", distinctStates);
        o.put("generated_states", generatedStates);
        o.put("depth", depth);
        o.put("seconds", Math.round(seconds * 1000) / 1000.0);
        o.put("tlc_version", tlcVersion);
        o.put("states_left", statesLeft);
        Double sps = statesPerSecond();
        o.put("states_per_second", sps == null ? null : (double) Math.round(sps));
        o.put("tlc_seconds", tlcSeconds);
        o.put("mode", mode);
        o.put("spec", spec);
        o.put("model", model);
        ObjectNode c = o.putObject("constants");
        constants.forEach(c::put);
        o.put("workers", workers);
        o.put("seed", seed);
        o.put("commit", commit);
        o.put("dirty", dirty);
        o.put("exit_code", exitCode);
        o.put("property", property);
        o.put("property_kind", propertyKind);
        o.put("trace_length", trace == null ? null : trace.size());
        if (location == null) {
            o.putNull("location");
        } else {
            ObjectNode l = o.putObject("location");
            l.put("file", location.file());
            l.put("line", location.line());
            l.put("column", location.column());
        }
        ArrayNode e = o.putArray("errors");
        errors.forEach(e::add);
        ArrayNode w = o.putArray("warnings");
        warnings.forEach(w::add);
        ArrayNode ms = o.putArray("modules");
        for (ModuleFile m : modules) {
            ObjectNode mo = ms.addObject();
            mo.put("module", m.module());
            mo.put("file", m.file());
            mo.put("sha256", m.sha256());
            mo.put("standard", m.standard());
        }
        o.put("model_sha256", modelSha256);
        if (includeTrace) {
            if (trace == null) {
                o.putNull("trace");
            } else {
                o.set("trace", Itf.toJson(trace, Map.of("source", spec == null ? "" : spec)));
            }
        }
        return o;
    }
}

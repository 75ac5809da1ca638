package capsid.scenario;

import java.util.List;

/**
 * What {@link Parser#parse} returns: the steps of every well-formed line and one
 * error per malformed line (ABI.md section 1: "A malformed line is not ok with
 * FILE:LINE:COL and what was expected there"). Immutable.
 *
 * @param file   the file name errors are reported against
 * @param script the well-formed steps
 * @param errors one error per malformed line, in line order
 */
public record ParsedScript(String file, Script script, List<ScriptError> errors) {
    public ParsedScript {
        errors = List.copyOf(errors);
    }
}

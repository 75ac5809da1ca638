package capsid.scenario;

import java.util.List;

/**
 * A scenario script (ABI.md section 1): its steps, top to bottom. Immutable.
 * Lines that did not parse are not here: {@link ParsedScript} carries them.
 */
public record Script(List<Step> steps) {
    public Script {
        steps = List.copyOf(steps);
    }
}

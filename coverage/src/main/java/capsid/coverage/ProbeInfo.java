package capsid.coverage;

import java.util.List;

/**
 * One probe. Its stable id is (class internal name, method name and descriptor,
 * index of the probe within the method in bytecode order); the same class file
 * always gives the same ids.
 *
 * @param className  internal name, e.g. {@code capsid/kernel/process/ProcessTable}
 * @param methodName the method's name
 * @param methodDesc the method's descriptor
 * @param index      the probe's position among the method's probes (0 is the entry)
 * @param kind       what the probe counts
 * @param line       source line of the method's first line (entry) or of the branch, or -1
 * @param actions    the spec actions the method carries ({@code @SpecAction})
 */
public record ProbeInfo(String className, String methodName, String methodDesc, int index, ProbeKind kind,
                        int line, List<ActionRef> actions) {

    public ProbeInfo {
        actions = List.copyOf(actions);
    }

    /** The method part of the id: {@code name(desc)ret}. */
    public String method() {
        return methodName + methodDesc;
    }

    /** The stable id: {@code class.name(desc)ret#index}. */
    public String id() {
        return className + "." + methodName + methodDesc + "#" + index;
    }

    /** The method's key: {@code class.name(desc)ret}. */
    public String methodKey() {
        return className + "." + methodName + methodDesc;
    }
}

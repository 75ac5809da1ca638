package capsid.kernel;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Links a kernel method to the TLA+ action it implements (DESIGN.md, "one spec
 * action, one kernel method, linked both ways"). The spec's comment on the action
 * names this method back; tools read both sides to check the link and to report
 * coverage per action.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(SpecAction.List.class)
public @interface SpecAction {
    /** The spec module, e.g. {@code "NamespaceUnshare"}. */
    String spec();

    /** The action's name in that module, e.g. {@code "Fork"}. */
    String action();

    /** Several actions implemented by one method (e.g. a call with distinct outcomes). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {
        SpecAction[] value();
    }
}

package capsid.coverage.sample;

import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** A stand-in for capsid.kernel.SpecAction (same shape, another descriptor: the Instrumenter is told which). */
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(Act.List.class)
public @interface Act {
    String spec();

    String action();

    @Retention(RetentionPolicy.RUNTIME)
    @interface List {
        Act[] value();
    }
}

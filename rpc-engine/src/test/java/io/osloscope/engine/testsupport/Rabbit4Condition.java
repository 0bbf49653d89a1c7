package io.osloscope.engine.testsupport;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Skips (or, under CI, fails) RabbitMQ 4.x tests when no 4.x broker answers. */
public final class Rabbit4Condition implements ExecutionCondition {
    private static volatile Boolean reachable;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (reachable == null) {
            reachable = Rabbit4TestSupport.reachable();
        }
        if (reachable) {
            return ConditionEvaluationResult.enabled("RabbitMQ 4.x reachable at "
                    + Rabbit4TestSupport.host() + ":" + Rabbit4TestSupport.port());
        }
        String why = "no RabbitMQ 4.x at " + Rabbit4TestSupport.host() + ":" + Rabbit4TestSupport.port()
                + " (start one with '.ci/rabbit4 start trixie' as root, see README 'RabbitMQ 4.x')";
        if (RabbitTestSupport.required()) {
            throw new IllegalStateException("CI=true and " + why);
        }
        return ConditionEvaluationResult.disabled(why);
    }
}

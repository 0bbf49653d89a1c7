package io.osloscope.engine.testsupport;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Skips (or, under CI, fails) RabbitMQ tests when no broker answers. */
public final class RabbitCondition implements ExecutionCondition {
    private static volatile Boolean reachable;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (reachable == null) {
            reachable = RabbitTestSupport.reachable();
        }
        if (reachable) {
            return ConditionEvaluationResult.enabled("RabbitMQ reachable at "
                    + RabbitTestSupport.host() + ":" + RabbitTestSupport.port());
        }
        String why = "no RabbitMQ at " + RabbitTestSupport.host() + ":" + RabbitTestSupport.port()
                + " (start one with 'rabbitmq-server -detached', or set OSLOSCOPE_RABBIT_HOST/PORT)";
        if (RabbitTestSupport.required()) {
            throw new IllegalStateException("CI=true and " + why);
        }
        return ConditionEvaluationResult.disabled(why);
    }
}

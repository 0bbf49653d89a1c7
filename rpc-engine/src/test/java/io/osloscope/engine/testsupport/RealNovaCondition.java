package io.osloscope.engine.testsupport;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips tests against the real-nova test bed unless it runs; with {@code CI=true} and
 * {@code OSLOSCOPE_NOVA_REQUIRED=true} a missing bed fails them instead.
 */
public final class RealNovaCondition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        RealNova nova = RealNova.find();
        String why;
        if (nova == null) {
            why = "the real-nova test bed is not running (no " + RealNova.stateDir().resolve("env")
                    + ", no OSLOSCOPE_NOVA_URL): " + RealNova.HOW_TO;
        } else if (!nova.answers()) {
            why = "the real-nova test bed's nova-api does not answer at " + nova.apiUrl() + ": " + RealNova.HOW_TO;
        } else {
            return ConditionEvaluationResult.enabled("real nova at " + nova.apiUrl() + ", vhost " + nova.vhost());
        }
        if (RealNova.required()) {
            throw new IllegalStateException("CI=true, OSLOSCOPE_NOVA_REQUIRED=true and " + why);
        }
        return ConditionEvaluationResult.disabled(why);
    }
}

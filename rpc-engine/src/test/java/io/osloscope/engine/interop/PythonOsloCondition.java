package io.osloscope.engine.interop;

import io.osloscope.engine.testsupport.RabbitTestSupport;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Skips (or, under CI, fails) interop tests when real oslo.messaging cannot be imported. */
public final class PythonOsloCondition implements ExecutionCondition {
    private static volatile String problem;
    private static volatile boolean checked;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!checked) {
            problem = PythonPeer.probeOslo();
            checked = true;
        }
        if (problem == null) {
            return ConditionEvaluationResult.enabled("oslo.messaging importable by " + PythonPeer.PYTHON);
        }
        String why = problem + " (install it with 'apt-get install python3-oslo.messaging')";
        if (RabbitTestSupport.required()) {
            throw new IllegalStateException("CI=true and " + why);
        }
        return ConditionEvaluationResult.disabled(why);
    }
}

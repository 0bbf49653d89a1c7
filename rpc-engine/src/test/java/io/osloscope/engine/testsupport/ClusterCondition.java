package io.osloscope.engine.testsupport;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Skips (or, when the CI run started the cluster, fails) cluster tests when not all three nodes answer. */
public final class ClusterCondition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String down = ClusterSupport.nodesDown();
        if (down.isEmpty()) {
            return ConditionEvaluationResult.enabled("RabbitMQ cluster on 127.0.0.1:5681-5683");
        }
        String why = "the RabbitMQ cluster is not running (no answer from node " + down
                + "): start it with '.ci/cluster start' as root (README 'A RabbitMQ cluster on one machine')";
        if (ClusterSupport.required()) {
            throw new IllegalStateException("OSLOSCOPE_CLUSTER_REQUIRED=1 and " + why);
        }
        return ConditionEvaluationResult.disabled(why);
    }
}

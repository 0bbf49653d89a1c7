package io.osloscope.engine.testsupport;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class that needs the three-node RabbitMQ cluster of {@code .ci/cluster start} (AMQP 5681-5683,
 * management 15681-15683). Without it the tests are skipped with a message saying how to start it; they fail
 * instead only when {@code OSLOSCOPE_CLUSTER_REQUIRED=1} (set by {@code .ci/run}, which starts the cluster).
 * The tests stop and start a node through {@code .ci/cluster}, so they need to run as root.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(ClusterCondition.class)
public @interface RequiresCluster {
}

package io.osloscope.engine.testsupport;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class that needs RabbitMQ. Without a reachable broker the tests are skipped with
 * a message saying how to start one; under {@code CI=true} they fail instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(RabbitCondition.class)
public @interface RequiresRabbit {
}

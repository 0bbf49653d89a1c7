package io.osloscope.engine.testsupport;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class that needs RabbitMQ 4.x on 127.0.0.1:5673 ({@code .ci/rabbit4 start trixie}). Without one
 * the tests are skipped with a message saying how to start it; under {@code CI=true} they fail instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(Rabbit4Condition.class)
public @interface RequiresRabbit4 {
}

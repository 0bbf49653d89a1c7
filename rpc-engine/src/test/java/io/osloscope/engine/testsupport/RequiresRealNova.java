package io.osloscope.engine.testsupport;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class that drives the real-nova test bed ({@code .ci/nova start}). Skipped with a how-to
 * when the bed is not running; fails instead only under {@code CI=true} with {@code OSLOSCOPE_NOVA_REQUIRED=true}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(RealNovaCondition.class)
public @interface RequiresRealNova {
}

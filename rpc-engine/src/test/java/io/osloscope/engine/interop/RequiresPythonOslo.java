package io.osloscope.engine.interop;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class that runs Python peers on real oslo.messaging. Without
 * {@code /usr/bin/python3} able to import {@code oslo_messaging} the tests are skipped with a
 * message saying what to install; under {@code CI=true} they fail instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(PythonOsloCondition.class)
public @interface RequiresPythonOslo {
}

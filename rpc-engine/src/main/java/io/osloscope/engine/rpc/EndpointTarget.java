package io.osloscope.engine.rpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/**
 * The namespace and version an endpoint class serves (oslo's {@code endpoint.target}). Without
 * it an endpoint has the null namespace and version {@code 1.0}. {@code legacyNamespaces} are
 * further namespaces accepted too (oslo's {@code Target.legacy_namespaces}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@java.lang.annotation.Target(ElementType.TYPE)
public @interface EndpointTarget {
    /** The namespace; {@code ""} means none (null). */
    String namespace() default "";

    /** The highest version served, {@code X.Y[.Z]}. */
    String version() default "1.0";

    /** Other namespaces accepted; {@code "null"} stands for the null namespace. */
    String[] legacyNamespaces() default {};
}

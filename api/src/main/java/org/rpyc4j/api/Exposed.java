package org.rpyc4j.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method or field of a service as reachable by the peer, like rpyc's {@code exposed_} prefix.
 *
 * <p>{@code @Exposed public int add(int a, int b)} is what a Python client reaches as {@code root.add} (and
 * {@code root.exposed_add}). A public method whose name starts with {@code exposed_} is exposed too, under
 * both names. Nothing else of a service is reachable under the default configuration.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD})
public @interface Exposed {
    /** The name the peer uses, when it differs from the Java name. */
    String value() default "";
}

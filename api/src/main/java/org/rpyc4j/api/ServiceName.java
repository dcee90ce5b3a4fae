package org.rpyc4j.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The names a service is known by (rpyc's {@code ALIASES}); the first is its name. Without this annotation
 * the name is the upper-cased class name less a trailing {@code Service} ({@code CalculatorService} is
 * {@code CALCULATOR}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ServiceName {
    /** The aliases, first one the service name; upper-cased when used. */
    String[] value();
}

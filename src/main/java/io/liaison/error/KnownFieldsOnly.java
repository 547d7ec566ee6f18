package io.liaison.error;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A request body whose unknown fields are refused (422 naming the field) instead of ignored: a field
 * HighLevel defines that Liaison did not keep would otherwise be accepted and silently lost.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface KnownFieldsOnly {
}

package io.liaison.location;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The endpoint's answer carries a secret shown once (a new API key, a rotated agency token, a new
 * webhook's signing secret). With an {@code Idempotency-Key}, its answer is remembered without the
 * secret: the named fields (dotted paths into the JSON answer) are stored as {@code null}, and a
 * replay answers them so, with {@code Idempotent-Secret-Withheld} naming them. No secret is ever
 * stored in clear.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SecretInAnswer {

    /** The header a replay carries, naming the withheld fields. */
    String WITHHELD_HEADER = "Idempotent-Secret-Withheld";

    /** Dotted paths of the answer's secret fields, such as {@code apiKey} or {@code webhook.secret}. */
    String[] value();
}

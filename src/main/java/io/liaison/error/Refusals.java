package io.liaison.error;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code liaison_refusals_total{code}}: every request refused by a rule (a 4xx), by the stable code of
 * its error body. The tag takes only error codes, a fixed set, so the number of series stays bounded.
 */
@ApplicationScoped
public class Refusals {

    private final MeterRegistry registry;

    public Refusals(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(String code) {
        Counter.builder("liaison.refusals").description("Requests refused, by the error code answered")
                .tag("code", code == null ? "NONE" : code).register(registry).increment();
    }
}

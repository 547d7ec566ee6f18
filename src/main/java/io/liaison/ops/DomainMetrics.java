package io.liaison.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Liaison's own counters, next to the HTTP and driver metrics at /q/metrics:
 * {@code liaison_links_created_total} and {@code liaison_webhook_deliveries_total{outcome}} (the refusals
 * are counted where errors are answered, error/Refusals). Tags take only values from fixed sets, so
 * the number of series stays bounded.
 * Created at start-up so that the counters are exported (at 0) before anything happens.
 */
@Startup
@ApplicationScoped
public class DomainMetrics {

    private final MeterRegistry registry;
    private final Counter linksCreated;

    public DomainMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.linksCreated = Counter.builder("liaison.links.created").description("Links created between records").register(registry);
    }

    public void linkCreated() {
        linksCreated.increment();
    }

    /** Links a bulk request or an import created, counted once committed. */
    public void linksCreated(long count) {
        if (count > 0) {
            linksCreated.increment(count);
        }
    }

    /** One webhook delivery attempt; {@code outcome} from a fixed set such as delivered, failed, dropped. */
    public void webhookDelivery(String outcome) {
        Counter.builder("liaison.webhook.deliveries").description("Webhook delivery attempts, by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }
}

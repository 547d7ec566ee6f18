package io.liaison.event;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The settings of webhook subscriptions and of the dispatcher that delivers them (LIAISON_WEBHOOKS_*). */
@ConfigMapping(prefix = "liaison.webhooks")
public interface WebhooksConfig {

    /**
     * LIAISON_WEBHOOKS_ALLOW_PRIVATE_TARGETS: accept URLs whose host resolves to a loopback, private
     * or link-local address. Off by default, so a key holder cannot make the service call into its
     * own network; turn it on for local development and tests.
     */
    @WithDefault("false")
    boolean allowPrivateTargets();

    /** Subscriptions one location may hold. */
    @WithDefault("10")
    int maxSubscriptionsPerLocation();

    /** LIAISON_WEBHOOKS_DISPATCH: run the background dispatcher in this instance. */
    @WithDefault("true")
    boolean dispatch();

    /** How often the dispatcher looks for new events and due deliveries. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Attempts before a delivery is dead-lettered. */
    @WithDefault("10")
    int maxAttempts();

    /** The wait after the first failed attempt; it doubles after each further failure... */
    @WithDefault("10s")
    Duration backoffBase();

    /** ...up to this. */
    @WithDefault("1h")
    Duration backoffMax();

    /** Connect and response timeout of one delivery: a receiver slower than this has failed the attempt. */
    @WithDefault("5s")
    Duration timeout();

    /** Deliveries sent at once by one instance. */
    @WithDefault("32")
    int concurrency();

    /**
     * A location's share of one instance's senders: always available to it. Beyond it a location may use
     * senders no other location needs, as long as this many stay free, so a location whose receivers hang
     * never holds every sender, and a location alone is not held to its share.
     */
    @WithDefault("4")
    int concurrencyPerLocation();

    /** Deliveries leased per round. */
    @WithDefault("200")
    int batchSize();

    /**
     * Events numbered per batch (one transaction), shared out equally between the locations that have new
     * events. A stop waits for the batch in progress, so it is kept small (see docs/design/events.md, Measured).
     */
    @WithDefault("250")
    int numberingBatchSize();
}

package io.liaison.event;

import io.liaison.neo4j.CooperativeStop;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Ids;
import io.liaison.neo4j.Locks;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Delivers the outbox to webhook subscriptions, at least once. Every round it numbers new events
 * and turns them into deliveries, then leases due deliveries (lock-and-mark in Neo4j, so several
 * instances sharing the database never send one delivery at the same time) and sends them on a
 * bounded pool with short timeouts, so a slow receiver holds one sender, never the API or the others.
 * All state lives in the graph: an instance that dies mid-delivery leaves a lease that expires, and
 * any instance (or the restarted one) sends it again.
 */
public class WebhookDispatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final int MAX_NUMBERING_BATCHES_PER_ROUND = 20;

    /** The dispatcher's knobs; {@link #from} reads them from the configuration. */
    public record Settings(int maxAttempts, Duration backoffBase, Duration backoffMax, Duration timeout, int concurrency,
            int batchSize, boolean allowPrivateTargets) {

        public static Settings from(WebhooksConfig config) {
            return new Settings(config.maxAttempts(), config.backoffBase(), config.backoffMax(), config.timeout(),
                    config.concurrency(), config.batchSize(), config.allowPrivateTargets());
        }

        /** A lease outlives any attempt (connect plus response timeouts) with room to record the outcome. */
        Duration lease() {
            return timeout.multipliedBy(2).plusSeconds(30);
        }

        /** The wait after the {@code attempts}-th failure: base, then doubling, capped. */
        Duration backoffAfter(int attempts) {
            Duration wait = backoffBase;
            for (int i = 1; i < attempts && wait.compareTo(backoffMax) < 0; i++) {
                wait = wait.multipliedBy(2);
            }
            return wait.compareTo(backoffMax) > 0 ? backoffMax : wait;
        }
    }

    /** What one round did. */
    public record Round(int numbered, int sent) {
    }

    private final GraphDatabase db;
    private final EventRepository events;
    private final DeliveryRepository deliveries;
    private final Settings settings;
    private final Clock clock;
    private final String owner = "dispatcher-" + Ids.newId();
    private final WebhookSender sender;
    private final ExecutorService senders;
    private final Semaphore freeSenders;
    /** Set by {@link #close}: no new batch is numbered, leased or sent; the one in progress finishes. */
    private volatile boolean closing;

    public WebhookDispatcher(GraphDatabase db, Locks locks, Settings settings, Clock clock) {
        this.db = db;
        this.events = new EventRepository(db, locks);
        this.deliveries = new DeliveryRepository(db, locks);
        this.settings = settings;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(settings.concurrency(), task -> {
            Thread thread = new Thread(task, "liaison-webhook-sender-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.freeSenders = new Semaphore(settings.concurrency());
        // Redirects are not followed: a public URL must not bounce a delivery into a private network.
        this.sender = new WebhookSender();
    }

    /**
     * One round. With {@code waitForSends} it returns when every delivery it started has been tried
     * (tests drive the dispatcher this way); otherwise it leases only as many as there are free
     * senders and returns at once.
     */
    public Round runOnce(boolean waitForSends) {
        if (closing) {
            return new Round(0, 0);
        }
        int numbered = numberNewEvents();
        List<DeliveryRepository.Leased> leased = lease(waitForSends ? settings.batchSize()
                : Math.min(settings.batchSize(), freeSenders.availablePermits()));
        List<Future<?>> sends = new ArrayList<>();
        for (DeliveryRepository.Leased delivery : leased) {
            freeSenders.acquireUninterruptibly();
            sends.add(CompletableFuture.runAsync(() -> {
                try {
                    send(delivery);
                } finally {
                    freeSenders.release();
                }
            }, senders));
        }
        if (waitForSends) {
            for (Future<?> send : sends) {
                try {
                    send.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (ExecutionException e) {
                    LOG.warn("A webhook delivery failed unexpectedly", e.getCause());
                }
            }
        }
        return new Round(numbered, leased.size());
    }

    /** Numbers the new events for the feed and creates their deliveries, in one transaction per batch. */
    int numberNewEvents() {
        int total = 0;
        for (int batch = 0; batch < MAX_NUMBERING_BATCHES_PER_ROUND && !closing; batch++) {
            int numbered = db.write(tx -> {
                var fresh = events.numberNewEvents(tx, settings.batchSize());
                deliveries.fanOut(tx, fresh, now());
                return fresh.size();
            });
            total += numbered;
            if (numbered < settings.batchSize()) {
                break;
            }
        }
        return total;
    }

    /** Leases due deliveries to this instance; package-visible so a test can lease and then "die". */
    List<DeliveryRepository.Leased> lease(int limit) {
        if (limit <= 0 || closing) {
            return List.of();
        }
        ZonedDateTime now = now();
        return deliveries.lease(owner, now, now.plus(settings.lease()), limit);
    }

    private void send(DeliveryRepository.Leased delivery) {
        Attempt attempt = attempt(delivery);
        int attempts = delivery.attempts() + 1;
        ZonedDateTime now = now();
        Map<String, Object> outcome = new HashMap<>();
        outcome.put("attempts", attempts);
        outcome.put("lastAttemptAt", now);
        outcome.put("lastStatusCode", attempt.statusCode());
        outcome.put("lastError", attempt.error());
        if (attempt.delivered()) {
            outcome.put("status", Delivery.DELIVERED);
            outcome.put("deliveredAt", now);
            outcome.put("nextAttemptAt", null);
        } else if (attempts >= settings.maxAttempts()) {
            outcome.put("status", Delivery.DEAD);
            outcome.put("nextAttemptAt", null);
        } else {
            outcome.put("status", Delivery.PENDING);
            outcome.put("nextAttemptAt", now.plus(settings.backoffAfter(attempts)));
        }
        if (!deliveries.recordAttempt(delivery.id(), owner, outcome)) {
            LOG.debugf("Delivery %s was leased again or redelivered meanwhile; its outcome is not recorded", delivery.id());
        }
    }

    private record Attempt(boolean delivered, Integer statusCode, String error) {
    }

    private Attempt attempt(DeliveryRepository.Leased delivery) {
        URI uri;
        try {
            uri = URI.create(delivery.url());
        } catch (IllegalArgumentException e) {
            return new Attempt(false, null, "the URL is not valid");
        }
        WebhookTargets.Resolved target;
        try {
            // Resolved once: the sender connects to the address checked here, never to a second DNS answer.
            target = WebhookTargets.resolve(uri, settings.allowPrivateTargets());
        } catch (WebhookTargets.Refused refused) {
            return new Attempt(false, null, "not sent: the " + refused.getMessage());
        }
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "Liaison-Webhooks/1");
        headers.put("webhook-id", delivery.eventId());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", WebhookSignature.sign(delivery.secret(), delivery.eventId(), timestamp, delivery.payload()));
        try {
            int status = sender.post(target, headers, delivery.payload().getBytes(StandardCharsets.UTF_8), settings.timeout());
            return status >= 200 && status < 300 ? new Attempt(true, status, null) : new Attempt(false, status, "HTTP " + status);
        } catch (WebhookSender.Failed failed) {
            return new Attempt(false, null, failed.getMessage());
        }
    }

    private ZonedDateTime now() {
        return ZonedDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }

    /**
     * Stops sending: a sender in the middle of a delivery finishes it and records the outcome (bounded
     * by the attempt's own timeouts), and is never interrupted, since it records in a transaction.
     * Deliveries leased but not yet started are left to their lease, which expires, and are sent again.
     */
    /** Signals the stop without waiting: the round in progress ends after its current transaction. */
    void closing() {
        closing = true;
    }

    @Override
    public void close() {
        closing = true;
        CooperativeStop.stop(senders, settings.timeout().multipliedBy(2).plusSeconds(2), "Webhook senders");
    }
}

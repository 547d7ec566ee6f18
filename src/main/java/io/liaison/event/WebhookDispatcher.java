package io.liaison.event;

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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.neo4j.driver.TransactionContext;

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
            int concurrencyPerLocation, int batchSize, int numberingBatchSize, boolean allowPrivateTargets) {

        /** Tests' and tools' settings: a quarter of the senders (at least two) per location, numbering 250 events a batch. */
        public Settings(int maxAttempts, Duration backoffBase, Duration backoffMax, Duration timeout, int concurrency, int batchSize,
                boolean allowPrivateTargets) {
            this(maxAttempts, backoffBase, backoffMax, timeout, concurrency, Math.max(2, concurrency / 4), batchSize, 250,
                    allowPrivateTargets);
        }

        public static Settings from(WebhooksConfig config) {
            return new Settings(config.maxAttempts(), config.backoffBase(), config.backoffMax(), config.timeout(),
                    config.concurrency(), config.concurrencyPerLocation(), config.batchSize(), config.numberingBatchSize(),
                    config.allowPrivateTargets());
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

    /** How long the loop, woken by a sender that freed up, waits for others before it leases again. */
    private static final Duration COALESCE = Duration.ofMillis(10);
    /** Locations numbered per batch at most; more take their turn in the next batch. */
    static final int MAX_LOCATIONS_PER_NUMBERING_BATCH = 100;

    private final GraphDatabase db;
    private final Locks locks;
    private final EventRepository events;
    private final DeliveryRepository deliveries;
    private final Settings settings;
    private final Clock clock;
    private final String owner = "dispatcher-" + Ids.newId();
    private final WebhookSender sender;
    private final LocationSenders senders;
    /** Woken when a sender finishes (room for the next delivery) or the dispatcher closes. */
    private final Semaphore wakeUp = new Semaphore(0);
    /** Outcomes of attempts, recorded together by {@link #recordOutcomes}. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Map<String, Object>> outcomes = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Set by {@link #closing}: no new batch is numbered, leased or sent; the one in progress finishes. */
    private volatile boolean closing;
    /** The last location numbered, and the first one leased: the next batch starts after it (turns). */
    private String lastNumbered;
    private volatile String firstLeased;

    public WebhookDispatcher(GraphDatabase db, Locks locks, Settings settings, Clock clock) {
        this.db = db;
        this.locks = locks;
        this.events = new EventRepository(locks);
        this.deliveries = new DeliveryRepository(locks);
        this.settings = settings;
        this.clock = clock;
        this.senders = new LocationSenders(settings.concurrency(), settings.concurrencyPerLocation(), wakeUp::release);
        // Redirects are not followed: a public URL must not bounce a delivery into a private network.
        this.sender = new WebhookSender();
    }

    /**
     * One round. With {@code waitForSends} it leases up to a batch and returns when every delivery it
     * started has been tried (tests drive the dispatcher this way); otherwise it leases only as many as
     * there are free senders and returns at once.
     */
    public Round runOnce(boolean waitForSends) {
        if (closing) {
            return new Round(0, 0);
        }
        recordOutcomes();
        int numbered = numberNewEvents();
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        int leased = leaseAndSend(waitForSends, sends);
        if (waitForSends) {
            for (CompletableFuture<Void> send : sends) {
                try {
                    send.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (ExecutionException e) {
                    LOG.warn("A webhook delivery failed unexpectedly", e.getCause());
                }
            }
            recordOutcomes();
        }
        return new Round(numbered, leased);
    }

    /**
     * The service's loop, until {@link #closing}: one numbering batch, then as many deliveries leased as
     * there are free senders, again and again while there is work; when there is none it waits for the
     * poll interval, or less when a sender frees up. Delivery does not wait for a whole backlog to be
     * numbered, nor numbering for deliveries. A failed step (the database away) is logged and retried
     * after the poll interval. {@code send} false: numbering only (LIAISON_WEBHOOKS_DISPATCH=false).
     */
    public void run(Duration pollInterval, boolean send) {
        while (!closing) {
            boolean moreToNumber;
            int leased = 0;
            try {
                recordOutcomes();
                moreToNumber = numberOneBatch() > 0;
                if (send && !closing) {
                    leased = leaseAndSend(false, null);
                }
            } catch (RuntimeException e) {
                // The database may be away for a while; the next round tries again, and nothing is lost meanwhile.
                LOG.warnf("Webhook dispatch round failed: %s", e.getMessage());
                moreToNumber = false;
            }
            if (!moreToNumber && (leased == 0 || senders.free() == 0)) {
                try {
                    if (wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS) && !closing) {
                        // A sender freed up: let a few more finish, so one lease and one record serve several.
                        Thread.sleep(Math.min(COALESCE.toMillis(), pollInterval.toMillis()));
                    }
                    wakeUp.drainPermits();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Numbers the new events for the feed and creates their deliveries, one transaction per batch, until none is left (bounded). */
    public int numberNewEvents() {
        int total = 0;
        for (int batch = 0; batch < MAX_NUMBERING_BATCHES_PER_ROUND && !closing; batch++) {
            int numbered = numberOneBatch();
            total += numbered;
            if (numbered == 0) {
                break;
            }
        }
        return total;
    }

    /** One numbering batch, taking turns per location, with its fan-out, in one transaction. */
    int numberOneBatch() {
        if (closing) {
            return 0;
        }
        NumberingBatch batch = db.write(tx -> {
            var numbered = numberInTurns(tx, lastNumbered, MAX_LOCATIONS_PER_NUMBERING_BATCH, settings.numberingBatchSize());
            deliveries.fanOut(tx, numbered.numbered(), now());
            return numbered;
        });
        lastNumbered = batch.lastLocation();
        return batch.numbered().size();
    }

    /**
     * Numbers new events, taking turns per location: up to {@code maxLocations} locations with new events,
     * from the one after {@code after} in id order (wrapping around), each given an equal share of
     * {@code limit}, its oldest events first. The feed pages by this number: it is given when an event
     * becomes visible, so a cursor never skips an event that committed late with an older id. A location
     * with a large backlog gets its share each batch and no more, so another location's new event is
     * numbered in the next batch whatever the backlog.
     */
    private NumberingBatch numberInTurns(TransactionContext tx, String after, int maxLocations, int limit) {
        events.lockSequencer(tx);
        List<String> turn = locationsWithNewEvents(tx, after, maxLocations);
        if (turn.isEmpty()) {
            return new NumberingBatch(List.of(), after);
        }
        int share = Math.max(1, limit / turn.size());
        return new NumberingBatch(events.numberNewEvents(tx, turn, share), turn.get(turn.size() - 1));
    }

    /** A numbering batch: the events numbered, and the last location served (the next batch starts after it). */
    private record NumberingBatch(List<EventRepository.Numbered> numbered, String lastLocation) {
    }

    /** Up to {@code max} locations with new events, in id order from the one after {@code after}, wrapping around once. */
    private List<String> locationsWithNewEvents(TransactionContext tx, String after, int max) {
        String start = after == null ? "" : after;
        List<String> found = new ArrayList<>();
        // Those after the last one served, then from the first up to it.
        for (String from = start; found.size() < max; ) {
            String next = events.nextLocationWithNewEvents(tx, from);
            if (next == null) {
                break;
            }
            found.add(next);
            from = next;
        }
        for (String from = ""; found.size() < max && !start.isEmpty(); ) {
            String next = events.nextLocationWithNewEvents(tx, from);
            if (next == null || next.compareTo(start) > 0) {
                break;
            }
            found.add(next);
            from = next;
        }
        return found;
    }

    /**
     * Leases due deliveries and hands them to the senders. Not waiting: no more than there are free
     * senders, and no more of one location than its share of them. Waiting (tests): up to a batch, each
     * location's beyond its share queued behind its own.
     */
    private int leaseAndSend(boolean waiting, List<CompletableFuture<Void>> started) {
        int limit = waiting ? settings.batchSize() : Math.min(settings.batchSize(), senders.free());
        if (limit <= 0 || closing) {
            return 0;
        }
        Map<String, Integer> room = new HashMap<>();
        int defaultRoom = waiting ? limit : senders.perLocation();
        if (!waiting) {
            senders.outstandingByLocation().forEach((location, count) -> room.put(location, Math.max(0, defaultRoom - count)));
        }
        // Past their shares, locations may take the free senders but one share's worth, which stays free for
        // a location with nothing in flight: a lone busy location is not held to its share, and a location
        // whose receivers hang still leaves room for the others' next deliveries.
        int beyondShares = waiting ? 0 : Math.max(0, senders.free() - senders.perLocation());
        ZonedDateTime now = now();
        List<DeliveryRepository.Leased> leased = lease(now, now.plus(settings.lease()), limit, room, defaultRoom, beyondShares,
                firstLeased);
        if (!leased.isEmpty()) {
            firstLeased = leased.get(0).locationId();
        }
        for (DeliveryRepository.Leased delivery : leased) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            senders.submit(delivery.locationId(), () -> {
                try {
                    send(delivery);
                } finally {
                    done.complete(null);
                }
            });
            if (started != null) {
                started.add(done);
            }
        }
        return leased.size();
    }

    /** Leases due deliveries to this instance; package-visible so a test can lease and then "die". */
    List<DeliveryRepository.Leased> lease(int limit) {
        if (limit <= 0 || closing) {
            return List.of();
        }
        ZonedDateTime now = now();
        return lease(now, now.plus(settings.lease()), limit, Map.of(), limit, 0, null);
    }

    /**
     * Lock-and-mark, in one transaction: leases due deliveries to this instance until {@code leaseUntil}, at
     * most {@code limit} in all, taking turns between locations ({@link DeliveryTurns#take}) from the one after
     * {@code after}: first up to each location's share ({@code room.get(location)}, else {@code defaultRoom}),
     * then, with what is left of {@code limit}, up to {@code beyondShares} more in all for locations that have
     * more due.
     */
    private List<DeliveryRepository.Leased> lease(ZonedDateTime now, ZonedDateTime leaseUntil, int limit, Map<String, Integer> room,
            int defaultRoom, int beyondShares, String after) {
        Map<String, Integer> roomWithBeyond = new HashMap<>();
        room.forEach((location, share) -> roomWithBeyond.put(location, share + beyondShares));
        return db.write(tx -> {
            Map<String, List<String>> dueByLocation = deliveries.due(tx, now, Math.min(limit, defaultRoom + beyondShares), roomWithBeyond,
                    defaultRoom + beyondShares);
            List<String> due = DeliveryTurns.take(dueByLocation, location -> room.getOrDefault(location, defaultRoom), after, limit,
                    beyondShares);
            if (due.isEmpty()) {
                return List.of();
            }
            // One order for every instance, so two claiming together wait for each other instead of deadlocking.
            return deliveries.lease(tx, locks.lockOrder(due), owner, now, leaseUntil);
        });
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
        Map<String, Object> recorded = new HashMap<>();
        recorded.put("id", delivery.id());
        recorded.put("outcome", outcome);
        outcomes.add(recorded);
    }

    /**
     * Records the outcomes the senders queued, in one transaction: one commit for many deliveries instead
     * of one each, which is what a high delivery rate needs. Until then the delivery's lease keeps it from
     * being sent again.
     */
    void recordOutcomes() {
        List<Map<String, Object>> batch = new ArrayList<>();
        Map<String, Object> next;
        while (batch.size() < 1000 && (next = outcomes.poll()) != null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return;
        }
        batch.sort(java.util.Comparator.comparing(attempt -> (String) attempt.get("id")));
        long recorded = db.write(tx -> deliveries.recordAttempts(tx, owner, batch));
        if (recorded < batch.size()) {
            LOG.debugf("%d deliveries were leased again or redelivered meanwhile; their outcomes are not recorded", batch.size() - recorded);
        }
        if (!outcomes.isEmpty()) {
            recordOutcomes();
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
    public void closing() {
        closing = true;
        wakeUp.release();
    }

    @Override
    public void close() {
        closing();
        senders.close(settings.timeout().multipliedBy(2).plusSeconds(2));
        try {
            recordOutcomes();
        } catch (RuntimeException e) {
            // The database is closing or away: those leases expire and the deliveries are sent again (at least once).
            LOG.warnf("Could not record the last webhook attempts: %s", e.getMessage());
        }
    }
}

package io.liaison.event;

import io.liaison.error.QuotedValues;
import io.liaison.error.Errors;
import io.liaison.error.Problems;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Ids;
import io.liaison.neo4j.Locks;
import io.liaison.neo4j.SearchWindow;
import io.liaison.neo4j.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of webhook subscriptions: where they may point, which events they name, how many a location has.
 * Each operation is one transaction, opened here; {@link WebhookRepository} runs its statements in it.
 */
@ApplicationScoped
class WebhookService {

    private static final Set<String> STATUSES = Set.of(Delivery.PENDING, Delivery.DELIVERED, Delivery.DEAD);

    private final GraphDatabase db;
    private final Locks locks;
    private final WebhookRepository repository;
    private final WebhooksConfig config;

    public WebhookService(GraphDatabase db, Locks locks, WebhookRepository repository, WebhooksConfig config) {
        this.db = db;
        this.locks = locks;
        this.repository = repository;
        this.config = config;
    }

    /** The answer carries the signing secret; it is never shown again. */
    public Webhook create(String locationId, WebhookRequest request) {
        List<String> events = eventNames(request.events());
        String url = WebhookTargets.check(request.url(), config.allowPrivateTargets()).toString();
        Map<String, Object> properties = new HashMap<>();
        properties.put("id", Ids.newId());
        properties.put("locationId", locationId);
        properties.put("url", url);
        properties.put("events", events);
        properties.put("secret", WebhookSignature.newSecret());
        properties.put("createdAt", Timestamps.now());
        int maximum = config.maxSubscriptionsPerLocation();
        return db.write(tx -> {
            // Creating a subscription counts the location's, so it holds the location's lock first.
            if (!locks.location(tx, locationId)) {
                throw new Errors.NotFound("Location", locationId);
            }
            long current = repository.subscriptions(tx, locationId);
            if (current >= maximum) {
                throw new Errors.LimitExceeded("webhooksPerLocation", maximum, current,
                        "This location already has " + current + " webhooks; the limit is " + maximum, null);
            }
            return repository.create(tx, properties);
        });
    }

    public List<Webhook> list(String locationId) {
        return db.read(tx -> repository.list(tx, locationId));
    }

    public Webhook get(String locationId, String id) {
        if (!Ids.looksLikeId(id)) {
            throw new Errors.NotFound("Webhook", id);
        }
        return db.read(tx -> repository.find(tx, locationId, id)).orElseThrow(() -> new Errors.NotFound("Webhook", id));
    }

    /** Its deliveries go with it, pending ones included. */
    public void delete(String locationId, String id) {
        if (!Ids.looksLikeId(id) || !db.write(tx -> repository.delete(tx, locationId, id))) {
            throw new Errors.NotFound("Webhook", id);
        }
    }

    /** Newest event first; {@code before} is the last eventId of the previous page. */
    public List<Delivery> deliveries(String locationId, String id, String status, String before, Integer limit) {
        int size = SearchWindow.pageSize(limit, "limit");
        if (status != null && !STATUSES.contains(status)) {
            throw Errors.ValidationFailed.of("status", "must be one of PENDING, DELIVERED, DEAD");
        }
        if (before != null && !EventIds.looksLikeEventId(before)) {
            throw Errors.ValidationFailed.of("before", "must be the eventId of a delivery of the previous page");
        }
        if (!Ids.looksLikeId(id)) {
            throw new Errors.NotFound("Webhook", id);
        }
        // Empty when the subscription is not the location's: its deliveries are read in the same transaction.
        Optional<List<Delivery>> deliveries = db.read(tx -> repository.find(tx, locationId, id).isEmpty() ? Optional.empty()
                : Optional.of(repository.deliveries(tx, locationId, id, status, before, size)));
        return deliveries.orElseThrow(() -> new Errors.NotFound("Webhook", id));
    }

    /** Sends the event again, with a fresh attempt budget, whatever became of it before. */
    public Delivery redeliver(String locationId, String id, String eventId) {
        if (!Ids.looksLikeId(id)) {
            throw new Errors.NotFound("Webhook", id);
        }
        if (!EventIds.looksLikeEventId(eventId)) {
            throw new Errors.NotFound("Webhook delivery", "eventId", QuotedValues.abbreviate(eventId));
        }
        // One answer for an unknown webhook and an unknown event, so no other location's ids can be probed.
        java.time.ZonedDateTime now = Timestamps.now();
        return db.write(tx -> repository.redeliver(tx, locationId, id, eventId, now))
                .orElseThrow(() -> new Errors.NotFound("Webhook delivery", "eventId", eventId));
    }

    private static List<String> eventNames(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw Errors.ValidationFailed.of("events", "must name at least one event type, such as ContactCreate");
        }
        if (requested.size() > EventType.values().length) {
            throw Errors.ValidationFailed.of("events", "must name at most " + EventType.values().length + " event types");
        }
        Problems problems = new Problems();
        var names = new LinkedHashSet<String>();
        for (int i = 0; i < requested.size(); i++) {
            String name = requested.get(i);
            if (name == null || EventType.named(name).isEmpty()) {
                problems.add("events[" + i + "]", (name == null ? "is null" : "'" + QuotedValues.abbreviate(name) + "' is not an event type") + "; use one of " + String.join(", ", EventType.NAMES));
            } else {
                names.add(name);
            }
        }
        if (!problems.isEmpty()) {
            // The param names the body's field, as it always has; each problem names the element at fault.
            throw new Errors.ValidationFailed(problems.texts(), "events");
        }
        return List.copyOf(names);
    }

}

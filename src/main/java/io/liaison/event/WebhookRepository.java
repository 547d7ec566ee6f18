package io.liaison.event;

import io.liaison.location.LocationRepository;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.neo4j.driver.Values;
import org.neo4j.driver.types.Node;

/**
 * The Cypher of webhook subscriptions and deliveries: {@code (:WebhookSubscription)-[:HAS_DELIVERY]->(:WebhookDelivery)},
 * one delivery per subscription and event, with its id {@code <subscriptionId>_<eventId>}.
 */
@ApplicationScoped
public class WebhookRepository {

    private static final String COUNT_SUBSCRIPTIONS = """
            RETURN COUNT { MATCH (s:WebhookSubscription {locationId: $locationId}) } AS subscriptions""";
    private static final String CREATE_SUBSCRIPTION = """
            CREATE (s:WebhookSubscription)
            SET s = $properties
            RETURN s""";
    private static final String SUBSCRIPTIONS_OF_LOCATION = """
            MATCH (s:WebhookSubscription {locationId: $locationId})
            RETURN s ORDER BY s.createdAt, s.id""";
    private static final String SUBSCRIPTION_BY_ID = """
            MATCH (s:WebhookSubscription {id: $id, locationId: $locationId}) RETURN s""";
    private static final String DELETE_SUBSCRIPTION = """
            MATCH (s:WebhookSubscription {id: $id, locationId: $locationId})
            CALL (s) {
              OPTIONAL MATCH (s)-[:HAS_DELIVERY]->(d:WebhookDelivery)
              DETACH DELETE d
            }
            DETACH DELETE s
            RETURN count(*) AS deleted""";
    private static final String DELIVERIES_OF_SUBSCRIPTION = """
            MATCH (:WebhookSubscription {id: $id, locationId: $locationId})-[:HAS_DELIVERY]->(d:WebhookDelivery)
            WHERE ($status IS NULL OR d.status = $status) AND ($before IS NULL OR d.eventId < $before)
            RETURN d ORDER BY d.eventId DESC LIMIT $limit""";
    private static final String REDELIVER = """
            MATCH (:WebhookSubscription {id: $id, locationId: $locationId})-[:HAS_DELIVERY]->(d:WebhookDelivery {eventId: $eventId})
            SET d.status = 'PENDING', d.attempts = 0, d.nextAttemptAt = $now, d.redeliveredAt = $now
            REMOVE d.leaseOwner, d.leaseUntil, d.deliveredAt
            RETURN d""";
    /** Each numbered event becomes a delivery to every subscription of its location that asked for its type. */
    private static final String FAN_OUT = """
            UNWIND $events AS event
            MATCH (s:WebhookSubscription {locationId: event.locationId}) WHERE event.type IN s.events
            CREATE (s)-[:HAS_DELIVERY]->(:WebhookDelivery {id: s.id + '_' + event.id, subscriptionId: s.id, eventId: event.id,
              eventType: event.type, aggregateId: event.aggregateId, locationId: event.locationId, status: 'PENDING',
              attempts: 0, nextAttemptAt: $now, createdAt: $now})""";
    /**
     * Due deliveries, oldest first. One whose record has an earlier event still pending for the
     * same subscription waits (per-record order), as does one whose record has an earlier event
     * not numbered yet.
     */
    private static final String DUE_DELIVERIES = """
            MATCH (d:WebhookDelivery {status: 'PENDING'})
            WHERE d.nextAttemptAt <= $now AND (d.leaseUntil IS NULL OR d.leaseUntil <= $now)
              AND NOT EXISTS {
                MATCH (earlier:WebhookDelivery {subscriptionId: d.subscriptionId, aggregateId: d.aggregateId})
                WHERE earlier.status = 'PENDING' AND earlier.eventId < d.eventId }
              AND NOT EXISTS {
                MATCH (unnumbered:Event:NewEvent {aggregateId: d.aggregateId}) WHERE unnumbered.id < d.eventId }
            RETURN d.id AS id ORDER BY d.nextAttemptAt, d.eventId LIMIT $limit""";
    /** The lock half of lock-and-mark: after it, no other instance can change these deliveries until we commit. */
    private static final String LOCK_DELIVERIES = """
            UNWIND $ids AS id
            MATCH (d:WebhookDelivery {id: id})
            SET d._lock = true REMOVE d._lock""";
    /** The mark half, re-checked under the lock: a delivery another instance leased meanwhile is skipped. */
    private static final String LEASE_DELIVERIES = """
            UNWIND $ids AS id
            MATCH (s:WebhookSubscription)-[:HAS_DELIVERY]->(d:WebhookDelivery {id: id})
            WHERE d.status = 'PENDING' AND d.nextAttemptAt <= $now AND (d.leaseUntil IS NULL OR d.leaseUntil <= $now)
            MATCH (e:Event {id: d.eventId})
            SET d.leaseOwner = $owner, d.leaseUntil = $leaseUntil
            RETURN d.id AS id, d.eventId AS eventId, d.attempts AS attempts, s.url AS url, s.secret AS secret,
                   e.payload AS payload""";
    /** Only the holder of the lease records the outcome; a lease that expired or was redelivered meanwhile is not ours. */
    private static final String RECORD_ATTEMPT = """
            MATCH (d:WebhookDelivery {id: $id}) WHERE d.leaseOwner = $owner
            SET d += $outcome
            REMOVE d.leaseOwner, d.leaseUntil
            RETURN d.id AS id""";

    private final GraphDatabase db;

    public WebhookRepository(GraphDatabase db) {
        this.db = db;
    }

    /** Subscription writes, in one transaction. */
    public <T> T write(java.util.function.Function<SubscriptionWrites, T> work) {
        return db.write(tx -> work.apply(new SubscriptionWrites(tx)));
    }

    public static final class SubscriptionWrites {
        private final TransactionContext tx;

        SubscriptionWrites(TransactionContext tx) {
            this.tx = tx;
        }

        /** Creating a subscription counts the location's, so it holds the location's lock first. */
        public boolean lockLocation(String locationId) {
            return LocationRepository.lock(tx, locationId);
        }

        public long subscriptions(String locationId) {
            return tx.run(COUNT_SUBSCRIPTIONS, Values.parameters("locationId", locationId)).single().get("subscriptions").asLong();
        }

        public Webhook create(Map<String, Object> properties) {
            return toWebhook(tx.run(CREATE_SUBSCRIPTION, Values.parameters("properties", properties)).single().get("s").asNode());
        }
    }

    public List<Webhook> list(String locationId) {
        return db.read(tx -> tx.run(SUBSCRIPTIONS_OF_LOCATION, Values.parameters("locationId", locationId))
                .list(r -> toWebhook(r.get("s").asNode()).withoutSecret()));
    }

    public Optional<Webhook> find(String locationId, String id) {
        return db.read(tx -> tx.run(SUBSCRIPTION_BY_ID, Values.parameters("id", id, "locationId", locationId)).stream()
                .findFirst().map(r -> toWebhook(r.get("s").asNode()).withoutSecret()));
    }

    public boolean delete(String locationId, String id) {
        return db.write(tx -> tx.run(DELETE_SUBSCRIPTION, Values.parameters("id", id, "locationId", locationId))
                .single().get("deleted").asLong() > 0);
    }

    /** Empty when the subscription is not the location's. */
    public Optional<List<Delivery>> deliveries(String locationId, String id, String status, String beforeEventId, int limit) {
        return db.read(tx -> {
            if (!tx.run(SUBSCRIPTION_BY_ID, Values.parameters("id", id, "locationId", locationId)).hasNext()) {
                return Optional.empty();
            }
            return Optional.of(tx.run(DELIVERIES_OF_SUBSCRIPTION, Values.parameters("id", id, "locationId", locationId,
                    "status", status, "before", beforeEventId, "limit", limit)).list(r -> toDelivery(r.get("d").asNode())));
        });
    }

    public Optional<Delivery> redeliver(String locationId, String id, String eventId, ZonedDateTime now) {
        return db.write(tx -> tx.run(REDELIVER, Values.parameters("id", id, "locationId", locationId, "eventId", eventId, "now", now))
                .stream().findFirst().map(r -> toDelivery(r.get("d").asNode())));
    }

    static void fanOut(TransactionContext tx, List<EventRepository.Numbered> events, ZonedDateTime now) {
        if (!events.isEmpty()) {
            tx.run(FAN_OUT, Values.parameters("events", events.stream().map(EventRepository.Numbered::asParameters).toList(),
                    "now", now)).consume();
        }
    }

    /** A delivery this instance leased: everything needed to send it. */
    record Leased(String id, String eventId, int attempts, String url, String secret, String payload) {
    }

    /** Lock-and-mark: leases up to {@code limit} due deliveries to {@code owner} until {@code leaseUntil}. */
    List<Leased> lease(String owner, ZonedDateTime now, ZonedDateTime leaseUntil, int limit) {
        return db.write(tx -> {
            List<String> due = tx.run(DUE_DELIVERIES, Values.parameters("now", now, "limit", limit))
                    .list(r -> r.get("id").asString());
            if (due.isEmpty()) {
                return List.of();
            }
            // One order for every instance, so two claiming together wait for each other instead of deadlocking.
            List<String> ids = due.stream().sorted().toList();
            tx.run(LOCK_DELIVERIES, Values.parameters("ids", ids)).consume();
            return tx.run(LEASE_DELIVERIES, Values.parameters("ids", ids, "now", now, "owner", owner, "leaseUntil", leaseUntil))
                    .list(r -> new Leased(r.get("id").asString(), r.get("eventId").asString(), r.get("attempts").asInt(),
                            r.get("url").asString(), r.get("secret").asString(), r.get("payload").asString()));
        });
    }

    /** False when the lease was no longer ours (it expired, or the delivery was redelivered meanwhile). */
    boolean recordAttempt(String id, String owner, Map<String, Object> outcome) {
        return db.write(tx -> tx.run(RECORD_ATTEMPT, Values.parameters("id", id, "owner", owner, "outcome", outcome)).hasNext());
    }

    static Webhook toWebhook(Node node) {
        return new Webhook(node.get("id").asString(), node.get("url").asString(), node.get("events").asList(Value::asString),
                node.get("secret").asString(null), iso(node.get("createdAt")));
    }

    static Delivery toDelivery(Node node) {
        Value code = node.get("lastStatusCode");
        String status = node.get("status").asString();
        return new Delivery(node.get("eventId").asString(), node.get("eventType").asString(), status,
                node.get("attempts").asInt(), Delivery.PENDING.equals(status) ? iso(node.get("nextAttemptAt")) : null,
                iso(node.get("lastAttemptAt")), code.isNull() ? null : code.asInt(), node.get("lastError").asString(null),
                iso(node.get("deliveredAt")), iso(node.get("createdAt")));
    }

    private static String iso(Value value) {
        return value.isNull() ? null : Timestamps.iso(value.asZonedDateTime());
    }
}

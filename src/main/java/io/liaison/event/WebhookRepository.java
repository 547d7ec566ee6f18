package io.liaison.event;

import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Locks;
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
class WebhookRepository {

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

    private final GraphDatabase db;
    private final Locks locks;

    public WebhookRepository(GraphDatabase db, Locks locks) {
        this.db = db;
        this.locks = locks;
    }

    /** Subscription writes, in one transaction. */
    public <T> T write(java.util.function.Function<SubscriptionWrites, T> work) {
        return db.write(tx -> work.apply(new SubscriptionWrites(tx)));
    }

    public final class SubscriptionWrites {
        private final TransactionContext tx;

        SubscriptionWrites(TransactionContext tx) {
            this.tx = tx;
        }

        /** Creating a subscription counts the location's, so it holds the location's lock first. */
        public boolean lockLocation(String locationId) {
            return locks.location(tx, locationId);
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

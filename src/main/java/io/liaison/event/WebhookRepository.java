package io.liaison.event;

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
 * one delivery per subscription and event, with its id {@code <subscriptionId>_<eventId>}. Each method runs
 * one statement in the transaction its caller ({@link WebhookService}) opened.
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

    public long subscriptions(TransactionContext tx, String locationId) {
        return tx.run(COUNT_SUBSCRIPTIONS, Values.parameters("locationId", locationId)).single().get("subscriptions").asLong();
    }

    public Webhook create(TransactionContext tx, Map<String, Object> properties) {
        return toWebhook(tx.run(CREATE_SUBSCRIPTION, Values.parameters("properties", properties)).single().get("s").asNode());
    }

    public List<Webhook> list(TransactionContext tx, String locationId) {
        return tx.run(SUBSCRIPTIONS_OF_LOCATION, Values.parameters("locationId", locationId))
                .list(r -> toWebhook(r.get("s").asNode()).withoutSecret());
    }

    public Optional<Webhook> find(TransactionContext tx, String locationId, String id) {
        return tx.run(SUBSCRIPTION_BY_ID, Values.parameters("id", id, "locationId", locationId)).stream()
                .findFirst().map(r -> toWebhook(r.get("s").asNode()).withoutSecret());
    }

    public boolean delete(TransactionContext tx, String locationId, String id) {
        return tx.run(DELETE_SUBSCRIPTION, Values.parameters("id", id, "locationId", locationId))
                .single().get("deleted").asLong() > 0;
    }

    /** The subscription's deliveries; empty when it has none, and when it is not the location's (see {@link #find}). */
    public List<Delivery> deliveries(TransactionContext tx, String locationId, String id, String status, String beforeEventId, int limit) {
        return tx.run(DELIVERIES_OF_SUBSCRIPTION, Values.parameters("id", id, "locationId", locationId,
                "status", status, "before", beforeEventId, "limit", limit)).list(r -> toDelivery(r.get("d").asNode()));
    }

    public Optional<Delivery> redeliver(TransactionContext tx, String locationId, String id, String eventId, ZonedDateTime now) {
        return tx.run(REDELIVER, Values.parameters("id", id, "locationId", locationId, "eventId", eventId, "now", now))
                .stream().findFirst().map(r -> toDelivery(r.get("d").asNode()));
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

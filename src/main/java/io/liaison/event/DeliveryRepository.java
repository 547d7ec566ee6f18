package io.liaison.event;

import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Locks;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Values;

/**
 * The dispatcher's Cypher: turning numbered events into deliveries, leasing due deliveries, and
 * recording the outcome of an attempt.
 */
class DeliveryRepository {

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
    /**
     * Lock-and-mark. The lock half ({@link Locks#exclusively}): after it, no other instance can change
     * these deliveries until we commit. Then the mark half, re-checked under the lock: a delivery
     * another instance leased meanwhile is skipped.
     */
    private static final String DELIVERIES = """
            UNWIND $ids AS id
            MATCH (n:WebhookDelivery {id: id})""";
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
    private final Locks locks;

    DeliveryRepository(GraphDatabase db, Locks locks) {
        this.db = db;
        this.locks = locks;
    }

    void fanOut(TransactionContext tx, List<EventRepository.Numbered> events, ZonedDateTime now) {
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
            List<String> ids = locks.lockOrder(due);
            return tx.run(locks.exclusively(DELIVERIES, LEASE_DELIVERIES), Values.parameters("ids", ids, "now", now, "owner", owner,
                    "leaseUntil", leaseUntil))
                    .list(r -> new Leased(r.get("id").asString(), r.get("eventId").asString(), r.get("attempts").asInt(),
                            r.get("url").asString(), r.get("secret").asString(), r.get("payload").asString()));
        });
    }

    /** False when the lease was no longer ours (it expired, or the delivery was redelivered meanwhile). */
    boolean recordAttempt(String id, String owner, Map<String, Object> outcome) {
        return db.write(tx -> tx.run(RECORD_ATTEMPT, Values.parameters("id", id, "owner", owner, "outcome", outcome)).hasNext());
    }
}

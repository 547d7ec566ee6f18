package io.liaison.event;

import io.liaison.neo4j.Locks;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Values;

/**
 * The dispatcher's Cypher: turning numbered events into deliveries, leasing due deliveries, and
 * recording the outcome of an attempt. Each method runs in the transaction {@link WebhookDispatcher} opened.
 */
class DeliveryRepository {

    /**
     * Each numbered event becomes a delivery to every subscription of its location that asked for its
     * type. One seek of the location's subscriptions per location in the batch, not per event.
     */
    private static final String FAN_OUT = """
            CYPHER replan=skip
            UNWIND $locations AS location
            MATCH (s:WebhookSubscription {locationId: location.locationId}) USING INDEX SEEK s:WebhookSubscription(locationId)
            UNWIND location.events AS event
            WITH s, event WHERE event.type IN s.events
            CREATE (s)-[:HAS_DELIVERY]->(:WebhookDelivery {id: s.id + '_' + event.id, subscriptionId: s.id, eventId: event.id,
              eventType: event.type, aggregateId: event.aggregateId, locationId: event.locationId, status: 'PENDING',
              attempts: 0, nextAttemptAt: $now, createdAt: $now})""";
    /**
     * Due deliveries, per location: each location with subscriptions offers up to {@code $limit} of its
     * own, oldest first, from the index on (locationId, status, nextAttemptAt) (V0009), and no more than
     * its room ({@code $room}, else {@code $defaultRoom}); the dispatcher then takes turns between
     * locations. A location with a large backlog is read only as far as its own share, so it never holds
     * back another location's deliveries. One whose record has an earlier event still pending for the
     * same subscription waits (per-record order), as does one whose record has an earlier event not
     * numbered yet. The ORDER BY names the index's properties so that the index's order serves it (no
     * sort of the location's whole backlog), and the lease test is one comparison, not an OR, which the
     * planner would answer with two seeks and a sort. Costs a read of the subscriptions (at most LIAISON_WEBHOOKS_MAX_SUBSCRIPTIONS_PER_LOCATION
     * per location) and a seek per location that has any.
     */
    static final String DUE_DELIVERIES = """
            CYPHER replan=skip
            MATCH (s:WebhookSubscription)
            WITH DISTINCT s.locationId AS locationId
            WITH locationId, coalesce($room[locationId], $defaultRoom) AS room
            WHERE room > 0
            CALL (locationId, room) {
              MATCH (d:WebhookDelivery) USING INDEX SEEK d:WebhookDelivery(locationId, status, nextAttemptAt)
              WHERE d.locationId = locationId AND d.status = 'PENDING' AND d.nextAttemptAt <= $now
                AND coalesce(d.leaseUntil, $now) <= $now
                AND NOT EXISTS {
                  MATCH (earlier:WebhookDelivery {subscriptionId: d.subscriptionId, aggregateId: d.aggregateId})
                    USING INDEX SEEK earlier:WebhookDelivery(subscriptionId, aggregateId)
                  WHERE earlier.status = 'PENDING' AND earlier.eventId < d.eventId }
                AND NOT EXISTS {
                  MATCH (unnumbered:Event:NewEvent {aggregateId: d.aggregateId}) USING INDEX SEEK unnumbered:Event(aggregateId)
                  WHERE unnumbered.id < d.eventId }
              WITH room, d ORDER BY d.locationId, d.status, d.nextAttemptAt LIMIT $limit
              WITH room, collect(d.id) AS due
              RETURN due[..room] AS due
            }
            UNWIND due AS id
            RETURN locationId, id""";
    /*
     * Every statement of the dispatcher fixes its plan with index hints and says CYPHER replan=skip: the
     * counts of deliveries and new events swing from thousands to none as backlogs come and go, which made
     * Neo4j plan them again and again (bench/events.sh: more than half of the dispatcher's CPU was planning),
     * and a plan made while a store had few deliveries must not be kept as they grow.
     */
    /**
     * Lock-and-mark. The lock half ({@link Locks#exclusively}): after it, no other instance can change
     * these deliveries until we commit. Then the mark half, re-checked under the lock: a delivery
     * another instance leased meanwhile is skipped.
     */
    private static final String DELIVERIES = """
            CYPHER replan=skip
            UNWIND $ids AS id
            MATCH (n:WebhookDelivery {id: id}) USING INDEX SEEK n:WebhookDelivery(id)""";
    static final String LEASE_DELIVERIES = """
            UNWIND $ids AS id
            MATCH (d:WebhookDelivery {id: id}) USING INDEX SEEK d:WebhookDelivery(id)
            WHERE d.status = 'PENDING' AND d.nextAttemptAt <= $now AND (d.leaseUntil IS NULL OR d.leaseUntil <= $now)
            MATCH (s:WebhookSubscription {id: d.subscriptionId}) USING INDEX SEEK s:WebhookSubscription(id)
            MATCH (e:Event {id: d.eventId}) USING INDEX SEEK e:Event(id)
            SET d.leaseOwner = $owner, d.leaseUntil = $leaseUntil
            RETURN d.id AS id, d.locationId AS locationId, d.eventId AS eventId, d.attempts AS attempts, s.url AS url,
                   s.secret AS secret, e.payload AS payload""";
    /** Only the holder of the lease records the outcome; a lease that expired or was redelivered meanwhile is not ours. */
    static final String RECORD_ATTEMPTS = """
            CYPHER replan=skip
            UNWIND $attempts AS attempt
            MATCH (d:WebhookDelivery {id: attempt.id}) USING INDEX SEEK d:WebhookDelivery(id) WHERE d.leaseOwner = $owner
            SET d += attempt.outcome
            REMOVE d.leaseOwner, d.leaseUntil
            RETURN count(d) AS recorded""";

    private final Locks locks;

    DeliveryRepository(Locks locks) {
        this.locks = locks;
    }

    void fanOut(TransactionContext tx, List<EventRepository.Numbered> events, ZonedDateTime now) {
        if (events.isEmpty()) {
            return;
        }
        Map<String, List<Map<String, Object>>> byLocation = new LinkedHashMap<>();
        for (EventRepository.Numbered event : events) {
            byLocation.computeIfAbsent(event.locationId(), l -> new ArrayList<>()).add(event.asParameters());
        }
        List<Map<String, Object>> locations = byLocation.entrySet().stream()
                .map(e -> Map.<String, Object>of("locationId", e.getKey(), "events", e.getValue())).toList();
        tx.run(FAN_OUT, Values.parameters("locations", locations, "now", now)).consume();
    }

    /** A delivery this instance leased: everything needed to send it. */
    record Leased(String id, String locationId, String eventId, int attempts, String url, String secret, String payload) {
    }

    /**
     * Due deliveries' ids, by location, each location's oldest first: up to {@code limit} in all, and no more
     * of a location than its room ({@code room.get(location)}, else {@code defaultRoom}).
     */
    Map<String, List<String>> due(TransactionContext tx, ZonedDateTime now, int limit, Map<String, Integer> room, int defaultRoom) {
        Map<String, List<String>> dueByLocation = new LinkedHashMap<>();
        tx.run(DUE_DELIVERIES, Values.parameters("now", now, "limit", limit, "room", room, "defaultRoom", defaultRoom))
                .forEachRemaining(r -> dueByLocation.computeIfAbsent(r.get("locationId").asString(), l -> new ArrayList<>())
                        .add(r.get("id").asString()));
        return dueByLocation;
    }

    /**
     * Lock-and-mark: leases these deliveries ({@code ids} in {@link Locks#lockOrder}) to {@code owner} until
     * {@code leaseUntil}, those still due once they are locked.
     */
    List<Leased> lease(TransactionContext tx, List<String> ids, String owner, ZonedDateTime now, ZonedDateTime leaseUntil) {
        return tx.run(locks.exclusively(DELIVERIES, LEASE_DELIVERIES), Values.parameters("ids", ids, "now", now, "owner", owner,
                "leaseUntil", leaseUntil))
                .list(r -> new Leased(r.get("id").asString(), r.get("locationId").asString(), r.get("eventId").asString(),
                        r.get("attempts").asInt(), r.get("url").asString(), r.get("secret").asString(), r.get("payload").asString()));
    }

    /**
     * Records the outcomes of several attempts ({@code id}, {@code outcome}), in id order (the lease's lock
     * order); answers how many were still ours (a lease that expired, or a delivery redelivered meanwhile, is not).
     */
    long recordAttempts(TransactionContext tx, String owner, List<Map<String, Object>> attempts) {
        return tx.run(RECORD_ATTEMPTS, Values.parameters("attempts", attempts, "owner", owner)).single().get("recorded").asLong();
    }
}

package io.liaison.event;

import io.liaison.neo4j.Locks;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Values;

/**
 * The Cypher of the outbox. An event is an {@code (:Event)} node; until the sequencer numbers it
 * ({@code seq}, counted per location) it also carries {@code :NewEvent}, which is how the sequencer
 * finds new events without scanning old ones. Each method runs in the transaction its caller opened
 * ({@link EventService} for the feed, {@link WebhookDispatcher} and {@link DispatcherLifecycle} in the background).
 */
@ApplicationScoped
class EventRepository {

    /**
     * One sequencer at a time across every instance: numbering reads the counters and writes them
     * back, so two running together would hand out a number twice. The MERGE on a uniquely
     * constrained name makes the node once; its lock ({@link Locks#exclusively}) is held until the
     * transaction ends.
     */
    private static final String SEQUENCER = "MERGE (n:EventSequencer {name: 'events'})";
    /**
     * The next location, after {@code $after} in id order, that has new events: one seek of the index on
     * :NewEvent(locationId, id) (V0009). Repeated, it lists the locations with new events without reading
     * their events, however large one location's backlog is.
     */
    static final String NEXT_LOCATION_WITH_NEW_EVENTS = """
            CYPHER replan=skip
            MATCH (e:NewEvent) USING INDEX SEEK e:NewEvent(locationId, id)
            WHERE e.locationId > $after AND e.id IS NOT NULL
            RETURN e.locationId AS locationId ORDER BY e.locationId LIMIT 1""";
    /**
     * Numbers up to {@code $limit} of each location's oldest new events, in id order, and moves the
     * location's counter on, in one statement. Each location's events come in id order from the index on
     * :NewEvent(locationId, id), so a batch reads only the events it numbers (the ORDER BY names both of the
     * index's properties: ordered by id alone, the planner sorts the location's whole backlog). {@code replan=skip}: the
     * plan is fixed by its hint, and the count of :NewEvent swings from thousands to none at every batch,
     * which would otherwise make Neo4j compile it again and again (docs/design/performance.md).
     */
    static final String NUMBER_NEW_EVENTS = """
            CYPHER replan=skip
            UNWIND $locationIds AS locationId
            MERGE (c:EventSequence {locationId: locationId})
            ON CREATE SET c.last = 0
            WITH c, locationId
            CALL (locationId) {
              MATCH (e:NewEvent) USING INDEX SEEK e:NewEvent(locationId, id)
              WHERE e.locationId = locationId AND e.id IS NOT NULL
              WITH e ORDER BY e.locationId, e.id LIMIT $limit
              RETURN collect(e) AS fresh
            }
            WITH c, fresh, c.last AS last
            SET c.last = last + size(fresh)
            WITH c.locationId AS locationId, fresh, last
            UNWIND range(0, size(fresh) - 1) AS i
            WITH locationId, fresh[i] AS e, last + i + 1 AS seq
            SET e.seq = seq
            REMOVE e:NewEvent
            RETURN e.id AS id, seq, locationId, e.type AS type, e.aggregateId AS aggregateId""";
    private static final String EVENTS_AFTER = """
            MATCH (e:Event {locationId: $locationId})
            WHERE e.seq > $after
            RETURN e.id AS id, e.seq AS seq, e.type AS type, e.payload AS payload, e.createdAt AS createdAt
            ORDER BY e.seq LIMIT $limit""";
    private static final String LAST_NUMBER_OF_LOCATION = """
            OPTIONAL MATCH (c:EventSequence {locationId: $locationId})
            RETURN coalesce(c.last, 0) AS last""";
    /** Events past their retention go, with their deliveries, unless a delivery still waits to be sent. */
    private static final String PRUNE_EVENTS = """
            MATCH (e:Event) WHERE e.createdAt < $cutoff AND e.seq IS NOT NULL
              AND NOT EXISTS { MATCH (d:WebhookDelivery {eventId: e.id}) WHERE d.status = 'PENDING' }
            WITH e LIMIT $limit
            CALL (e) {
              OPTIONAL MATCH (d:WebhookDelivery {eventId: e.id})
              DETACH DELETE d
            }
            DETACH DELETE e
            RETURN count(*) AS pruned""";

    private final Locks locks;

    public EventRepository(Locks locks) {
        this.locks = locks;
    }

    /** An event the sequencer has just numbered, for the fan-out to subscriptions. */
    record Numbered(String id, long seq, String locationId, String type, String aggregateId) {
        Map<String, Object> asParameters() {
            return Map.of("id", id, "seq", seq, "locationId", locationId, "type", type, "aggregateId", aggregateId);
        }
    }

    /**
     * Takes the sequencer's lock ({@link #SEQUENCER}) for the rest of the transaction: numbering reads the
     * counters and writes them back, so one sequencer at a time.
     */
    void lockSequencer(TransactionContext tx) {
        tx.run(locks.exclusively(SEQUENCER, "RETURN lockedNodes")).consume();
    }

    /** The next location with new events after {@code after} in id order ({@link #NEXT_LOCATION_WITH_NEW_EVENTS}), or null. */
    String nextLocationWithNewEvents(TransactionContext tx, String after) {
        var next = tx.run(NEXT_LOCATION_WITH_NEW_EVENTS, Values.parameters("after", after)).list(r -> r.get("locationId").asString());
        return next.isEmpty() ? null : next.get(0);
    }

    /**
     * Numbers up to {@code share} of each of these locations' oldest new events and moves their counters on
     * ({@link #NUMBER_NEW_EVENTS}); the caller holds the sequencer's lock ({@link #lockSequencer}).
     */
    List<Numbered> numberNewEvents(TransactionContext tx, List<String> locationIds, int share) {
        return tx.run(NUMBER_NEW_EVENTS, Values.parameters("locationIds", locationIds, "limit", share))
                .list(r -> new Numbered(r.get("id").asString(), r.get("seq").asLong(), r.get("locationId").asString(),
                        r.get("type").asString(), r.get("aggregateId").asString()));
    }

    public record StoredEvent(String id, long seq, String type, String payload, ZonedDateTime createdAt) {
    }

    public List<StoredEvent> after(TransactionContext tx, String locationId, long after, int limit) {
        return tx.run(EVENTS_AFTER, Values.parameters("locationId", locationId, "after", after, "limit", limit))
                .list(r -> new StoredEvent(r.get("id").asString(), r.get("seq").asLong(), r.get("type").asString(),
                        r.get("payload").asString(), r.get("createdAt").asZonedDateTime()));
    }

    public long lastNumber(TransactionContext tx, String locationId) {
        return tx.run(LAST_NUMBER_OF_LOCATION, Values.parameters("locationId", locationId)).single().get("last").asLong();
    }

    long prune(TransactionContext tx, ZonedDateTime cutoff, int limit) {
        return tx.run(PRUNE_EVENTS, Values.parameters("cutoff", cutoff, "limit", limit)).single().get("pruned").asLong();
    }
}

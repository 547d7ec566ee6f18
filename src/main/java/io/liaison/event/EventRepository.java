package io.liaison.event;

import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Locks;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Values;

/**
 * The Cypher of the outbox. An event is an {@code (:Event)} node; until the sequencer numbers it
 * ({@code seq}, counted per location) it also carries {@code :NewEvent}, which is how the sequencer
 * finds new events without scanning old ones.
 */
@ApplicationScoped
public class EventRepository {

    /**
     * One sequencer at a time across every instance: numbering reads the counters and writes them
     * back, so two running together would hand out a number twice. The MERGE on a uniquely
     * constrained name makes the node once; its lock ({@link Locks#exclusively}) is held until the
     * transaction ends.
     */
    private static final String SEQUENCER = "MERGE (n:EventSequencer {name: 'events'})";
    /** In id order from the index on :NewEvent(id) (V0007), so LIMIT stops the read: no scan, no sort. */
    static final String NEW_EVENTS = """
            MATCH (e:NewEvent) WHERE e.id IS NOT NULL
            RETURN e.id AS id, e.locationId AS locationId, e.type AS type, e.aggregateId AS aggregateId
            ORDER BY e.id LIMIT $limit""";
    private static final String LAST_NUMBERS = """
            UNWIND $locationIds AS locationId
            MERGE (c:EventSequence {locationId: locationId})
            ON CREATE SET c.last = 0
            RETURN locationId, c.last AS last""";
    /** Each event found by the unique index on :Event(id): one seek per event, whatever the backlog. */
    static final String NUMBER_EVENTS = """
            UNWIND $events AS numbered
            MATCH (e:Event {id: numbered.id}) WHERE e:NewEvent
            SET e.seq = numbered.seq
            REMOVE e:NewEvent""";
    private static final String SAVE_LAST_NUMBERS = """
            UNWIND $counters AS counter
            MATCH (c:EventSequence {locationId: counter.locationId})
            SET c.last = counter.last""";
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

    private final GraphDatabase db;
    private final Locks locks;

    public EventRepository(GraphDatabase db, Locks locks) {
        this.db = db;
        this.locks = locks;
    }

    /** An event the sequencer has just numbered, for the fan-out to subscriptions. */
    record Numbered(String id, long seq, String locationId, String type, String aggregateId) {
        Map<String, Object> asParameters() {
            return Map.of("id", id, "seq", seq, "locationId", locationId, "type", type, "aggregateId", aggregateId);
        }
    }

    /**
     * Numbers the oldest new events, per location, in id order. The feed pages by this number:
     * it is given when an event becomes visible, so a cursor never skips an event that committed
     * late with an older id.
     */
    List<Numbered> numberNewEvents(TransactionContext tx, int limit) {
        tx.run(locks.exclusively(SEQUENCER, "RETURN lockedNodes")).consume();
        List<Record> fresh = tx.run(NEW_EVENTS, Values.parameters("limit", limit)).list();
        if (fresh.isEmpty()) {
            return List.of();
        }
        var locationIds = new LinkedHashSet<String>();
        fresh.forEach(r -> locationIds.add(r.get("locationId").asString()));
        Map<String, Long> last = new HashMap<>();
        tx.run(LAST_NUMBERS, Values.parameters("locationIds", List.copyOf(locationIds)))
                .forEachRemaining(r -> last.put(r.get("locationId").asString(), r.get("last").asLong()));
        List<Numbered> numbered = new ArrayList<>();
        for (Record r : fresh) {
            String locationId = r.get("locationId").asString();
            long seq = last.merge(locationId, 1L, Long::sum);
            numbered.add(new Numbered(r.get("id").asString(), seq, locationId, r.get("type").asString(),
                    r.get("aggregateId").asString()));
        }
        tx.run(NUMBER_EVENTS, Values.parameters("events", numbered.stream().map(Numbered::asParameters).toList())).consume();
        tx.run(SAVE_LAST_NUMBERS, Values.parameters("counters", last.entrySet().stream()
                .map(e -> Map.<String, Object>of("locationId", e.getKey(), "last", e.getValue())).toList())).consume();
        return numbered;
    }

    public record StoredEvent(String id, long seq, String type, String payload, ZonedDateTime createdAt) {
    }

    public List<StoredEvent> after(String locationId, long after, int limit) {
        return db.read(tx -> tx.run(EVENTS_AFTER, Values.parameters("locationId", locationId, "after", after, "limit", limit))
                .list(r -> new StoredEvent(r.get("id").asString(), r.get("seq").asLong(), r.get("type").asString(),
                        r.get("payload").asString(), r.get("createdAt").asZonedDateTime())));
    }

    public long lastNumber(String locationId) {
        return db.read(tx -> tx.run(LAST_NUMBER_OF_LOCATION, Values.parameters("locationId", locationId)).single().get("last").asLong());
    }

    long prune(ZonedDateTime cutoff, int limit) {
        return db.write(tx -> tx.run(PRUNE_EVENTS, Values.parameters("cutoff", cutoff, "limit", limit)).single().get("pruned").asLong());
    }
}

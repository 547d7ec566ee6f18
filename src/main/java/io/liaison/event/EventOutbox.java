package io.liaison.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.liaison.neo4j.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.TransactionContext;

/**
 * The transactional outbox and its Cypher. Every write path calls {@link #record} inside its own
 * write transaction, so an event exists exactly when its change committed: none lost, none invented.
 * Recording is one CREATE of a node nothing else locks, so it adds no contention to the write path.
 * Repositories get it injected; {@link EventRepository} reads and numbers what it appended.
 */
@ApplicationScoped
public class EventOutbox {

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    /** The parameter that holds a prepared event ({@link #prepare}) in a statement that appends it. */
    public static final String EVENT_PARAMETER = "event";
    /**
     * Appends the prepared event {@code $event}. A clause, not a statement, so that a write can append
     * its event in its own statement (one round trip), as the link statement does.
     */
    public static final String APPEND_EVENT_CLAUSE = appendEventClause("$" + EVENT_PARAMETER);
    /** The events of one transaction in one statement (a cascade or a bulk write can append thousands). */
    private static final String APPEND_EVENTS = "UNWIND $events AS event\n" + appendEventClause("event");
    /** Statements of at most this many events, so a large cascade is not one huge message. */
    private static final int EVENTS_PER_STATEMENT = 2_000;

    /**
     * The append of the prepared event that {@code event} names: a parameter ({@code $event}) or a
     * variable of the statement (a batch's {@code item.event}); never input, always constant text.
     */
    public static String appendEventClause(String event) {
        return """
                CREATE (:Event:NewEvent {id: %1$s.id, locationId: %1$s.locationId, type: %1$s.type,
                                         aggregateId: %1$s.aggregateId, payload: %1$s.payload, createdAt: %1$s.createdAt})""".formatted(event);
    }

    private static final org.neo4j.graphdb.Label[] EVENT_LABELS = {org.neo4j.graphdb.Label.label("Event"),
        org.neo4j.graphdb.Label.label("NewEvent")};
    /** The properties {@link #appendEventClause} writes, from a prepared event. */
    private static final List<String> EVENT_PROPERTIES = List.of("id", "locationId", "type", "aggregateId", "payload", "createdAt");

    /**
     * {@link #appendEventClause} through Neo4j's Java core API, for in-process writes that make their
     * change without Cypher (bulk links): the same node, labels and properties, in the caller's transaction.
     */
    public static void append(org.neo4j.graphdb.Transaction tx, Map<String, Object> preparedEvent) {
        org.neo4j.graphdb.Node event = tx.createNode(EVENT_LABELS);
        for (String property : EVENT_PROPERTIES) {
            event.setProperty(property, preparedEvent.get(property));
        }
    }

    /**
     * Records one event of {@code locationId}. {@code payload} holds HighLevel's fields for the
     * event; its {@code id} (the contact, record, label or relation) keys the per-record delivery
     * order. {@code type}, {@code locationId} and {@code timestamp} are added to it.
     *
     * @return the event's id, which is also the {@code webhook-id} of its deliveries
     */
    public String record(TransactionContext tx, String locationId, EventType type, Map<String, Object> payload) {
        Map<String, Object> event = prepare(locationId, type, payload);
        appendAll(tx, List.of(event));
        return (String) event.get("id");
    }

    /**
     * Records one event per payload, in the order given (their ids increase in that order), in as few
     * statements as the count allows: what a cascade needs, where one change removes many links or records.
     */
    public void recordAll(TransactionContext tx, String locationId, EventType type, List<Map<String, Object>> payloads) {
        List<Map<String, Object>> events = new ArrayList<>(payloads.size());
        for (Map<String, Object> payload : payloads) {
            events.add(prepare(locationId, type, payload));
        }
        appendAll(tx, events);
    }

    /** Appends events made by {@link #prepare}, in the order given, in as few statements as {@link #recordAll}. */
    public void appendPrepared(TransactionContext tx, List<Map<String, Object>> preparedEvents) {
        appendAll(tx, preparedEvents);
    }

    private static void appendAll(TransactionContext tx, List<Map<String, Object>> preparedEvents) {
        for (int from = 0; from < preparedEvents.size(); from += EVENTS_PER_STATEMENT) {
            List<Map<String, Object>> chunk = preparedEvents.subList(from, Math.min(preparedEvents.size(), from + EVENTS_PER_STATEMENT));
            tx.run(APPEND_EVENTS, Map.of("events", chunk)).consume();
        }
    }

    /**
     * Makes an event ready to be appended by a write's own statement, for writes whose payload is
     * known before they run (a link): the statement appends it with
     * {@link #APPEND_EVENT_CLAUSE} under the parameter {@link #EVENT_PARAMETER},
     * only if it writes, which saves a round trip per write. Same fields as {@link #record}.
     */
    public static Map<String, Object> prepare(String locationId, EventType type, Map<String, Object> payload) {
        Object aggregateId = payload.get("id");
        if (!(aggregateId instanceof String)) {
            throw new IllegalArgumentException("An event payload needs the id of the record it is about");
        }
        ZonedDateTime now = Timestamps.now();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.name());
        body.put("locationId", locationId);
        body.putAll(payload);
        body.put("locationId", locationId);
        body.put("timestamp", Timestamps.iso(now));
        Map<String, Object> event = new HashMap<>();
        event.put("id", EventIds.next(now.toInstant().toEpochMilli()));
        event.put("locationId", locationId);
        event.put("type", type.name());
        event.put("aggregateId", aggregateId);
        event.put("payload", json(body));
        event.put("createdAt", now);
        return event;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("An event payload must be plain JSON values", e);
        }
    }

    static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, JSON.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored event payload is not JSON", e);
        }
    }
}

package io.liaison.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.liaison.neo4j.Timestamps;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.TransactionContext;

/**
 * The transactional outbox. Every write path calls {@link #record} inside its own write
 * transaction, so an event exists exactly when its change committed: none lost, none invented.
 * Recording is one CREATE of a node nothing else locks, so it adds no contention to the write path.
 */
public final class EventOutbox {

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private EventOutbox() {
    }

    /**
     * Records one event of {@code locationId}. {@code payload} holds HighLevel's fields for the
     * event; its {@code id} (the contact, record, label or relation) keys the per-record delivery
     * order. {@code type}, {@code locationId} and {@code timestamp} are added to it.
     *
     * @return the event's id, which is also the {@code webhook-id} of its deliveries
     */
    public static String record(TransactionContext tx, String locationId, EventType type, Map<String, Object> payload) {
        Map<String, Object> event = prepare(locationId, type, payload);
        EventRepository.append(tx, event);
        return (String) event.get("id");
    }

    /**
     * Records one event per payload, in order, as {@link #record} would, in one statement: a bulk
     * write records the same events as its single writes without a round trip per item.
     */
    public static void recordEach(TransactionContext tx, String locationId, EventType type, List<Map<String, Object>> payloads) {
        if (!payloads.isEmpty()) {
            EventRepository.appendEach(tx, payloads.stream().map(payload -> prepare(locationId, type, payload)).toList());
        }
    }

    /**
     * Makes an event ready to be appended by a write's own statement, for writes whose payload is
     * known before they run (a link): the statement appends it with
     * {@link EventRepository#APPEND_EVENT_CLAUSE} under the parameter {@link EventRepository#EVENT_PARAMETER},
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

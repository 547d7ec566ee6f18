package io.liaison.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.liaison.neo4j.Timestamps;
import java.time.ZonedDateTime;
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
        NewEvent event = event(locationId, type, payload);
        EventRepository.appendEach(tx, locationId, type.name(), List.of(event));
        return event.id();
    }

    /**
     * Records one event per payload, in order, as {@link #record} would, in one statement: a bulk
     * write records the same events as its single writes without a round trip per item.
     */
    public static void recordEach(TransactionContext tx, String locationId, EventType type, List<Map<String, Object>> payloads) {
        if (payloads.isEmpty()) {
            return;
        }
        EventRepository.appendEach(tx, locationId, type.name(), payloads.stream().map(p -> event(locationId, type, p)).toList());
    }

    /** An event ready to append: its id, the record it is about, its JSON body and its time. */
    record NewEvent(String id, String aggregateId, String payload, ZonedDateTime createdAt) {
    }

    private static NewEvent event(String locationId, EventType type, Map<String, Object> payload) {
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
        return new NewEvent(EventIds.next(now.toInstant().toEpochMilli()), (String) aggregateId, json(body), now);
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

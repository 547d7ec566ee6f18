package io.liaison.event;

import java.util.Map;

/**
 * What every feature's webhook payload shares. Each feature builds its own payloads, with the fields
 * HighLevel documents for them (ContactEvents, RecordEvents, AssociationEvents, ...; the fields are listed
 * in docs/api/webhooks-and-events.md, "What is sent"): fields Liaison does not keep are left out rather
 * than invented, and {@link EventOutbox#record} adds {@code type}, {@code locationId} and {@code timestamp}.
 */
public final class EventPayloads {
    private EventPayloads() {
    }

    /** A field the record has no value for is left out, as the record's own answer leaves it out. */
    public static void putIfPresent(Map<String, Object> payload, String field, Object value) {
        if (value != null) {
            payload.put(field, value);
        }
    }
}

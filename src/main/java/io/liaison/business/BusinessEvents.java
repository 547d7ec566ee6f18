package io.liaison.business;

import io.liaison.object.ObjectType;
import io.liaison.object.RecordEvents;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The payload of a business's RecordCreate, RecordUpdate and RecordDelete (docs/api/webhooks-and-events.md,
 * "What is sent").
 */
final class BusinessEvents {
    private BusinessEvents() {
    }

    /**
     * RecordCreate, RecordUpdate and RecordDelete of a business, which HighLevel sends "for a record or
     * business": the record's shape with {@code objectKey} "business", no owners or followers (a business
     * has none), and its fields (name, phone, email, ...) as properties.
     */
    static Map<String, Object> of(Business b) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("name", b.name());
        properties.put("phone", b.phone());
        properties.put("email", b.email());
        properties.put("website", b.website());
        properties.put("address", b.address());
        properties.put("city", b.city());
        properties.put("state", b.state());
        properties.put("postalCode", b.postalCode());
        properties.put("country", b.country());
        properties.put("description", b.description());
        return RecordEvents.shaped(b.id(), b.locationId(), ObjectType.BUSINESS_KEY, null, null, properties);
    }
}

package io.liaison.object;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The payload of RecordCreate, RecordUpdate and RecordDelete, as HighLevel sends it
 * (docs/api/webhooks-and-events.md, "What is sent").
 */
public final class RecordEvents {
    private RecordEvents() {
    }

    /**
     * RecordCreate, RecordUpdate and RecordDelete. Each property is {key, valueString}, as HighLevel
     * sends it (a list of options is joined with commas). {@code objectKey} is Liaison's addition:
     * without it a receiver could not tell a surfboard from a pet.
     */
    public static Map<String, Object> of(ObjectRecord r) {
        return shaped(r.id(), r.locationId(), r.objectKey(), r.owner(), r.followers(), r.properties());
    }

    /** The record payload's shape, which a business's events share. */
    public static Map<String, Object> shaped(String id, String locationId, String objectKey, List<String> owners,
            List<String> followers, Map<String, Object> properties) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", id);
        p.put("locationId", locationId);
        p.put("objectKey", objectKey);
        p.put("owners", owners == null ? List.of() : owners);
        p.put("followers", followers == null ? List.of() : followers);
        List<Map<String, Object>> pairs = new ArrayList<>();
        if (properties != null) {
            new TreeMap<>(properties).forEach((key, value) -> {
                if (value != null) {
                    pairs.add(Map.of("key", key, "valueString", valueString(value)));
                }
            });
        }
        p.put("properties", pairs);
        return p;
    }

    private static String valueString(Object value) {
        if (value instanceof Collection<?> values) {
            return String.join(",", values.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }
}

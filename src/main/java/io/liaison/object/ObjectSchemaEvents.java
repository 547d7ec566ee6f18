package io.liaison.object;

import io.liaison.event.EventPayloads;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The payload of ObjectSchemaCreate and ObjectSchemaUpdate, as HighLevel sends it
 * (docs/api/webhooks-and-events.md, "What is sent").
 */
final class ObjectSchemaEvents {
    private ObjectSchemaEvents() {
    }

    /** ObjectSchemaCreate and ObjectSchemaUpdate. */
    static Map<String, Object> of(CustomObject o) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", o.id());
        p.put("labels", Map.of("singular", o.labels().singular(), "plural", o.labels().plural()));
        EventPayloads.putIfPresent(p, "description", o.description());
        p.put("searchableProperties", o.searchableProperties() == null ? List.of() : o.searchableProperties());
        p.put("primaryDisplayProperty", o.primaryDisplayProperty());
        p.put("key", o.key());
        p.put("locationId", o.locationId());
        EventPayloads.putIfPresent(p, "createdAt", o.dateAdded());
        EventPayloads.putIfPresent(p, "updatedAt", o.dateUpdated());
        p.put("objectType", "USER_DEFINED");
        return p;
    }
}

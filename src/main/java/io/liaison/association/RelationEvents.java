package io.liaison.association;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The payload of RelationCreate and RelationDelete, as HighLevel sends it (docs/api/webhooks-and-events.md,
 * "What is sent").
 */
public final class RelationEvents {
    private RelationEvents() {
    }

    /** RelationCreate and RelationDelete. */
    public static Map<String, Object> of(Relation r) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", r.id());
        p.put("firstObjectKey", r.firstObjectKey());
        p.put("firstRecordId", r.firstRecordId());
        p.put("secondObjectKey", r.secondObjectKey());
        p.put("secondRecordId", r.secondRecordId());
        p.put("associationId", r.associationId());
        p.put("locationId", r.locationId());
        return p;
    }
}

package io.liaison.association;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The payloads of AssociationCreate, AssociationUpdate and AssociationDelete, as HighLevel sends them
 * (docs/api/webhooks-and-events.md, "What is sent"). {@link io.liaison.event.EventOutbox#record} adds
 * {@code type}, {@code locationId} and {@code timestamp}.
 */
public final class AssociationEvents {
    private AssociationEvents() {
    }

    /** AssociationCreate. */
    public static Map<String, Object> created(Association a) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", a.id());
        p.put("associationType", a.associationType());
        p.put("firstObjectKey", a.firstObjectKey());
        p.put("firstObjectLabel", a.firstObjectLabel());
        p.put("secondObjectKey", a.secondObjectKey());
        p.put("secondObjectLabel", a.secondObjectLabel());
        p.put("key", a.key());
        p.put("locationId", a.locationId());
        return p;
    }

    /** AssociationUpdate and AssociationDelete: the created fields and the cardinality, read from each side. */
    public static Map<String, Object> of(Association a) {
        Map<String, Object> p = created(a);
        p.put("firstObjectToSecondObjectCardinality", a.cardinality().name());
        p.put("secondObjectToFirstObjectCardinality", reverse(a.cardinality()).name());
        return p;
    }

    private static Cardinality reverse(Cardinality cardinality) {
        return switch (cardinality) {
            case ONE_TO_MANY -> Cardinality.MANY_TO_ONE;
            case MANY_TO_ONE -> Cardinality.ONE_TO_MANY;
            default -> cardinality;
        };
    }
}

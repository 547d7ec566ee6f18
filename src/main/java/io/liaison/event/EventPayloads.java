package io.liaison.event;

import io.liaison.association.Association;
import io.liaison.association.Cardinality;
import io.liaison.association.Relation;
import io.liaison.business.Business;
import io.liaison.contact.Contact;
import io.liaison.object.CustomObject;
import io.liaison.object.ObjectRecord;
import io.liaison.object.ObjectType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HighLevel's webhook payloads, one builder per kind of record, with the fields of
 * {@code reference/highlevel/webhooks/*.md}. Fields Liaison does not keep are left out rather than
 * invented; {@link EventOutbox#record} adds {@code type}, {@code locationId} and {@code timestamp}.
 */
public final class EventPayloads {
    private EventPayloads() {
    }

    /** AssociationCreate. */
    public static Map<String, Object> associationCreated(Association a) {
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
    public static Map<String, Object> association(Association a) {
        Map<String, Object> p = associationCreated(a);
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

    /** RelationCreate and RelationDelete. */
    public static Map<String, Object> relation(Relation r) {
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

    /**
     * ContactCreate, ContactUpdate and ContactDelete: the contact as it is after the change (before it, for a
     * delete), with every field of HighLevel's Contact*.md the contact holds. {@code attachments} is the one
     * documented field Liaison does not keep; a field the contact has no value for (such as {@code dnd} never
     * set) is left out, as the contact's own answer leaves it out.
     */
    public static Map<String, Object> contact(Contact c) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", c.id());
        p.put("locationId", c.locationId());
        putIfPresent(p, "address1", c.address1());
        putIfPresent(p, "city", c.city());
        putIfPresent(p, "state", c.state());
        putIfPresent(p, "companyName", c.companyName());
        putIfPresent(p, "country", c.country());
        putIfPresent(p, "source", c.source());
        putIfPresent(p, "dateAdded", c.dateAdded());
        // HighLevel sends a birth date as midnight UTC; Liaison keeps the date alone.
        putIfPresent(p, "dateOfBirth", c.dateOfBirth() == null ? null : LocalDate.parse(c.dateOfBirth()) + "T00:00:00.000Z");
        putIfPresent(p, "dnd", c.dnd());
        putIfPresent(p, "email", c.email());
        putIfPresent(p, "name", c.name());
        putIfPresent(p, "firstName", c.firstName());
        putIfPresent(p, "lastName", c.lastName());
        putIfPresent(p, "phone", c.phone());
        putIfPresent(p, "postalCode", c.postalCode());
        putIfPresent(p, "website", c.website());
        putIfPresent(p, "assignedTo", c.assignedTo());
        p.put("tags", c.tags() == null ? List.of() : c.tags());
        List<Map<String, Object>> customFields = new ArrayList<>();
        if (c.customFields() != null) {
            for (Contact.CustomField field : c.customFields()) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("id", field.id() != null ? field.id() : field.key());
                f.put("value", field.value());
                customFields.add(f);
            }
        }
        p.put("customFields", customFields);
        return p;
    }

    /** ObjectSchemaCreate and ObjectSchemaUpdate. */
    public static Map<String, Object> objectSchema(CustomObject o) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", o.id());
        p.put("labels", Map.of("singular", o.labels().singular(), "plural", o.labels().plural()));
        putIfPresent(p, "description", o.description());
        p.put("searchableProperties", o.searchableProperties() == null ? List.of() : o.searchableProperties());
        p.put("primaryDisplayProperty", o.primaryDisplayProperty());
        p.put("key", o.key());
        p.put("locationId", o.locationId());
        putIfPresent(p, "createdAt", o.dateAdded());
        putIfPresent(p, "updatedAt", o.dateUpdated());
        p.put("objectType", "USER_DEFINED");
        return p;
    }

    /**
     * RecordCreate, RecordUpdate and RecordDelete. Each property is {key, valueString}, as HighLevel
     * sends it (a list of options is joined with commas). {@code objectKey} is Liaison's addition:
     * without it a receiver could not tell a surfboard from a pet.
     */
    public static Map<String, Object> record(ObjectRecord r) {
        return recordShaped(r.id(), r.locationId(), r.objectKey(), r.owner(), r.followers(), r.properties());
    }

    /**
     * RecordCreate, RecordUpdate and RecordDelete of a business, which HighLevel sends "for a record or
     * business": the record's shape with {@code objectKey} "business", no owners or followers (a business
     * has none), and its fields (name, phone, email, ...) as properties.
     */
    public static Map<String, Object> business(Business b) {
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
        return recordShaped(b.id(), b.locationId(), ObjectType.BUSINESS_KEY, null, null, properties);
    }

    private static Map<String, Object> recordShaped(String id, String locationId, String objectKey, List<String> owners,
            List<String> followers, Map<String, Object> properties) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", id);
        p.put("locationId", locationId);
        p.put("objectKey", objectKey);
        p.put("owners", owners == null ? List.of() : owners);
        p.put("followers", followers == null ? List.of() : followers);
        List<Map<String, Object>> pairs = new ArrayList<>();
        if (properties != null) {
            new java.util.TreeMap<>(properties).forEach((key, value) -> {
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

    private static void putIfPresent(Map<String, Object> payload, String field, Object value) {
        if (value != null) {
            payload.put(field, value);
        }
    }
}

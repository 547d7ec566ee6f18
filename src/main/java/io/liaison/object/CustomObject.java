package io.liaison.object;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.liaison.neo4j.Timestamps;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An object as HighLevel answers it (ICustomObjectSchema), plus the Neo4j label its records carry. */
@Schema(name = "CustomObject")
@JsonInclude(JsonInclude.Include.NON_NULL)
record CustomObject(
        @Schema(example = "Jq8ivPVsDEl3KEpZ0Ajn") String id,
        @Schema(description = "true for the standard contact object") boolean standard,
        @Schema(example = "custom_objects.surfboards") String key,
        Labels labels,
        @Schema(example = "Boards our customers own") String description,
        @Schema(example = "ve9EPM428h8vShlRW1KT") String locationId,
        @Schema(example = "custom_objects.surfboards.name") String primaryDisplayProperty,
        @Schema(example = "2025-01-02T09:35:39.032Z") String dateAdded,
        @Schema(example = "2025-01-02T09:35:39.032Z") String dateUpdated,
        @Schema(description = "USER_DEFINED or SYSTEM_DEFINED", example = "USER_DEFINED") String type,
        @Schema(description = "Field keys free-text search looks at", example = "[\"custom_objects.surfboards.name\"]")
        List<String> searchableProperties,
        @Schema(description = "Liaison: the Neo4j label of this object's records, beside :Record", example = "Surfboard")
        String graphLabel) {

    @Schema(name = "CustomObjectLabels")
    public record Labels(@Schema(example = "Surfboard") String singular, @Schema(example = "Surfboards") String plural) {
    }

    static final CustomObject CONTACT = new CustomObject(ObjectType.CONTACT_KEY, true, ObjectType.CONTACT_KEY,
            new Labels("Contact", "Contacts"), "The standard contact object", null, "contact.name", null, null,
            "SYSTEM_DEFINED", List.of("contact.name", "contact.email", "contact.phone", "contact.companyName"), "Contact");

    static final CustomObject BUSINESS = new CustomObject(ObjectType.BUSINESS_KEY, true, ObjectType.BUSINESS_KEY,
            new Labels("Business", "Businesses"), "The standard business (company) object", null, "business.name", null, null,
            "SYSTEM_DEFINED", List.of("business.name"), "Business");

    static CustomObject contactIn(String locationId) {
        return standardIn(CONTACT, locationId);
    }

    static CustomObject businessIn(String locationId) {
        return standardIn(BUSINESS, locationId);
    }

    private static CustomObject standardIn(CustomObject c, String locationId) {
        return new CustomObject(c.id, c.standard, c.key, c.labels, c.description, locationId, c.primaryDisplayProperty,
                null, null, c.type, c.searchableProperties, c.graphLabel);
    }

    static CustomObject of(ObjectSchema s) {
        return new CustomObject(s.id(), false, s.key(), new Labels(s.singular(), s.plural()), s.description(), s.locationId(),
                s.fieldKey(s.primaryDisplayProperty()), Timestamps.iso(s.createdAt()), Timestamps.iso(s.updatedAt()), "USER_DEFINED",
                s.searchableProperties().stream().map(s::fieldKey).toList(), s.graphLabel());
    }
}

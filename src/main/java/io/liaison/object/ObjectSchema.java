package io.liaison.object;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * A custom object as stored: one {@code (:ObjectSchema)} node per object and location. Its records
 * are {@code (:Record:<graphLabel>)} nodes with {@code objectKey = key}. Field keys are kept short
 * ({@code name}); {@link #fieldKey} gives HighLevel's long form.
 */
public record ObjectSchema(String id, String locationId, String key, String graphLabel, String singular, String plural,
        String description, String primaryDisplayProperty, List<ObjectField> fields, List<String> searchableProperties,
        ZonedDateTime createdAt, ZonedDateTime updatedAt, String folderName) {

    public static final String KEY_PREFIX = "custom_objects.";
    /** HighLevel's documentation writes field keys with this prefix (custom_object.pet.name). */
    static final String SINGULAR_PREFIX = "custom_object.";

    /**
     * The name of the object's one field folder (whose id is the object's): the plural label until
     * it is renamed with PUT /custom-fields/folder/{id}.
     */
    String folder() {
        return folderName != null ? folderName : plural;
    }

    Optional<ObjectField> field(String shortKey) {
        return fields.stream().filter(f -> f.key().equals(shortKey)).findFirst();
    }

    Optional<ObjectField> fieldById(String id) {
        return fields.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    String fieldKey(String shortKey) {
        return key + "." + shortKey;
    }

    /** Accepts a field key in either form, {@code name} or {@code custom_objects.surfboards.name}. */
    String shortKey(String given) {
        return shortFieldKey(key, given);
    }

    /**
     * Also accepts the object's name without its prefix, {@code surfboards.name}, or with HighLevel's
     * documented {@code custom_object.} prefix. A standard object's fields are {@code contact.<key>}.
     */
    static String shortFieldKey(String objectKey, String given) {
        String name = objectKey.startsWith(KEY_PREFIX) ? objectKey.substring(KEY_PREFIX.length()) : null;
        String[] prefixes = name == null ? new String[] {objectKey + "."}
                : new String[] {objectKey + ".", SINGULAR_PREFIX + name + ".", name + "."};
        for (String prefix : prefixes) {
            if (given.startsWith(prefix)) {
                return given.substring(prefix.length());
            }
        }
        return given;
    }

    /** A ObjectSchema built by name, so that adding a component breaks no caller far away. */
    static Builder builder() {
        return new Builder();
    }

    /** A builder holding this ObjectSchema's values, to change some of them. */
    Builder toBuilder() {
        return new Builder()
                    .id(id)
                    .locationId(locationId)
                    .key(key)
                    .graphLabel(graphLabel)
                    .singular(singular)
                    .plural(plural)
                    .description(description)
                    .primaryDisplayProperty(primaryDisplayProperty)
                    .fields(fields)
                    .searchableProperties(searchableProperties)
                    .createdAt(createdAt)
                    .updatedAt(updatedAt)
                    .folderName(folderName);
    }

    static final class Builder {
        private String id;
        private String locationId;
        private String key;
        private String graphLabel;
        private String singular;
        private String plural;
        private String description;
        private String primaryDisplayProperty;
        private List<ObjectField> fields;
        private List<String> searchableProperties;
        private ZonedDateTime createdAt;
        private ZonedDateTime updatedAt;
        private String folderName;

        private Builder() {
        }

        Builder id(String id) {
            this.id = id;
            return this;
        }

        Builder locationId(String locationId) {
            this.locationId = locationId;
            return this;
        }

        Builder key(String key) {
            this.key = key;
            return this;
        }

        Builder graphLabel(String graphLabel) {
            this.graphLabel = graphLabel;
            return this;
        }

        Builder singular(String singular) {
            this.singular = singular;
            return this;
        }

        Builder plural(String plural) {
            this.plural = plural;
            return this;
        }

        Builder description(String description) {
            this.description = description;
            return this;
        }

        Builder primaryDisplayProperty(String primaryDisplayProperty) {
            this.primaryDisplayProperty = primaryDisplayProperty;
            return this;
        }

        Builder fields(List<ObjectField> fields) {
            this.fields = fields;
            return this;
        }

        Builder searchableProperties(List<String> searchableProperties) {
            this.searchableProperties = searchableProperties;
            return this;
        }

        Builder createdAt(ZonedDateTime createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        Builder updatedAt(ZonedDateTime updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        Builder folderName(String folderName) {
            this.folderName = folderName;
            return this;
        }

        ObjectSchema build() {
            return new ObjectSchema(id, locationId, key, graphLabel, singular, plural,
                    description, primaryDisplayProperty, fields, searchableProperties, createdAt, updatedAt, folderName);
        }
    }
}

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
}

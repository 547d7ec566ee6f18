package io.liaison.object;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A custom-object record as HighLevel answers it (IRecordSchema / RecordResponseDTO): both its
 * createdAt/updatedAt and dateAdded/dateUpdated spellings are given.
 */
@Schema(name = "ObjectRecord")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectRecord(
        @Schema(example = "seD4PfOuKoVMLkEZqohJ") String id,
        @Schema(example = "custom_objects.surfboards") String objectKey,
        @Schema(description = "The object's id") String objectId,
        @Schema(example = "ve9EPM428h8vShlRW1KT") String locationId,
        @Schema(example = "{\"name\": \"Blue Lightning\", \"length_cm\": 275}") Map<String, Object> properties,
        @Schema(description = "The owner's user id (at most one)") List<String> owner,
        @Schema(description = "Followers' user ids (at most 10)") List<String> followers,
        String createdAt, String updatedAt, String dateAdded, String dateUpdated,
        @Schema(description = "Cursor of this record for search paging: [createdAtMillis, id]") List<Object> searchAfter) {

    /**
     * HighLevel's CreatedByResponseDTO. Liaison is written to only through its API, by a location's
     * key, so the channel and source are always the API and the source is the location.
     */
    @Schema(name = "RecordCreatedBy")
    public record CreatedBy(@Schema(example = "API") String channel, @Schema(example = "2025-01-02T09:35:39.032Z") String createdAt,
            @Schema(example = "PUBLIC_API") String source, @Schema(description = "The location whose key wrote the record") String sourceId) {
    }

    @JsonProperty("createdBy")
    public CreatedBy createdBy() {
        return new CreatedBy("API", createdAt, "PUBLIC_API", locationId);
    }

    @JsonProperty("lastUpdatedBy")
    public CreatedBy lastUpdatedBy() {
        return new CreatedBy("API", updatedAt, "PUBLIC_API", locationId);
    }

    ObjectRecord withProperties(Map<String, Object> changed) {
        return toBuilder().properties(changed).build();
    }

    ObjectRecord withoutCursor() {
        return toBuilder().searchAfter(null).build();
    }

    /** A ObjectRecord built by name, so that adding a component breaks no caller far away. */
    static Builder builder() {
        return new Builder();
    }

    /** A builder holding this ObjectRecord's values, to change some of them. */
    Builder toBuilder() {
        return new Builder()
                    .id(id)
                    .objectKey(objectKey)
                    .objectId(objectId)
                    .locationId(locationId)
                    .properties(properties)
                    .owner(owner)
                    .followers(followers)
                    .createdAt(createdAt)
                    .updatedAt(updatedAt)
                    .dateAdded(dateAdded)
                    .dateUpdated(dateUpdated)
                    .searchAfter(searchAfter);
    }

    static final class Builder {
        private String id;
        private String objectKey;
        private String objectId;
        private String locationId;
        private Map<String, Object> properties;
        private List<String> owner;
        private List<String> followers;
        private String createdAt;
        private String updatedAt;
        private String dateAdded;
        private String dateUpdated;
        private List<Object> searchAfter;

        private Builder() {
        }

        Builder id(String id) {
            this.id = id;
            return this;
        }

        Builder objectKey(String objectKey) {
            this.objectKey = objectKey;
            return this;
        }

        Builder objectId(String objectId) {
            this.objectId = objectId;
            return this;
        }

        Builder locationId(String locationId) {
            this.locationId = locationId;
            return this;
        }

        Builder properties(Map<String, Object> properties) {
            this.properties = properties;
            return this;
        }

        Builder owner(List<String> owner) {
            this.owner = owner;
            return this;
        }

        Builder followers(List<String> followers) {
            this.followers = followers;
            return this;
        }

        Builder createdAt(String createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        Builder updatedAt(String updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        Builder dateAdded(String dateAdded) {
            this.dateAdded = dateAdded;
            return this;
        }

        Builder dateUpdated(String dateUpdated) {
            this.dateUpdated = dateUpdated;
            return this;
        }

        Builder searchAfter(List<Object> searchAfter) {
            this.searchAfter = searchAfter;
            return this;
        }

        ObjectRecord build() {
            return new ObjectRecord(id, objectKey, objectId, locationId, properties, owner,
                    followers, createdAt, updatedAt, dateAdded, dateUpdated, searchAfter);
        }
    }
}

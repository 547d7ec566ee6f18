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

    ObjectRecord withoutCursor() {
        return new ObjectRecord(id, objectKey, objectId, locationId, properties, owner, followers, createdAt, updatedAt,
                dateAdded, dateUpdated, null);
    }
}

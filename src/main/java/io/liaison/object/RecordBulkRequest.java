package io.liaison.object;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.error.KnownFieldsOnly;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Many records of one object to create or update at once; each item is read and judged on its own, so an
 * item that does not fit (an unknown field, a wrong type) fails alone at its index. Unknown fields of the
 * body itself, and of an item, are refused, as the single endpoints refuse them.
 */
@Schema(name = "RecordBulkRequest")
@KnownFieldsOnly
public record RecordBulkRequest(
        @Schema(example = "ve9EPM428h8vShlRW1KT") @Size(max = 64) String locationId,
        @Schema(description = "1 to 1000 records", type = SchemaType.ARRAY, implementation = Item.class) List<JsonNode> records) {

    /** The single endpoints' body ({@link ObjectRequests.RecordBody}) and the id of the record an update changes. */
    @Schema(name = "RecordBulkItem")
    @KnownFieldsOnly
    public record Item(
            @Schema(description = "An existing record's id to update it; left out, a record is created") @Size(max = 64) String id,
            @Schema(description = "Values by field key, as for POST /objects/{key}/records; on update null clears one",
                    example = "{\"name\": \"Blue Lightning\", \"length_cm\": 275}")
            @Size(max = 200) Map<@Size(max = 200) String, JsonNode> properties,
            @Schema(description = "The owner's user id (at most one); on update, replaces it ([] clears)")
            @Size(max = RecordService.MAX_OWNERS) List<@NotBlank @Size(max = 64) @Pattern(regexp = ObjectRequests.USER_ID,
                    message = ObjectRequests.USER_ID_PROBLEM) String> owner,
            @Schema(description = "Followers' user ids (at most 10); on update, replaces them ([] clears)")
            @Size(max = RecordService.MAX_FOLLOWERS) List<@NotBlank @Size(max = 64) @Pattern(regexp = ObjectRequests.USER_ID,
                    message = ObjectRequests.USER_ID_PROBLEM) String> followers) {

        ObjectRequests.RecordBody body() {
            return new ObjectRequests.RecordBody(null, properties, owner, followers);
        }
    }
}

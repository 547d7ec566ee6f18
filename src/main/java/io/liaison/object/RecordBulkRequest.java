package io.liaison.object;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Many records of one object to create or update at once; each item is judged on its own. */
@Schema(name = "RecordBulkRequest")
public record RecordBulkRequest(
        @Schema(example = "ve9EPM428h8vShlRW1KT") @Size(max = 64) String locationId,
        @Schema(description = "1 to 1000 records") List<Item> records) {

    @Schema(name = "RecordBulkItem")
    public record Item(
            @Schema(description = "An existing record's id to update it; left out, a record is created") @Size(max = 64) String id,
            @Schema(description = "Values by field key, as for POST /objects/{key}/records; on update null clears one",
                    example = "{\"name\": \"Blue Lightning\", \"length_cm\": 275}")
            @Size(max = 200) Map<@Size(max = 200) String, JsonNode> properties) {
    }
}

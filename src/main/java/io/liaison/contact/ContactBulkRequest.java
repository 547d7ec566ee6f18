package io.liaison.contact;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.error.KnownFieldsOnly;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Many contacts to upsert at once; each item is a {@link ContactRequest} read and judged on its own, so an
 * item that does not fit (an unknown field, a wrong type) fails alone at its index. Unknown fields of the
 * body itself are refused.
 */
@Schema(name = "ContactBulkRequest")
@KnownFieldsOnly
public record ContactBulkRequest(
        @Schema(example = "ve9EPM428h8vShlRW1KT") @Size(max = 64) String locationId,
        @Schema(description = "1 to 1000 contacts; the locationId of an item, if any, must be the body's",
                type = SchemaType.ARRAY, implementation = ContactRequest.class) List<JsonNode> contacts) {
}

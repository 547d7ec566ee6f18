package io.liaison.contact;

import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Many contacts to upsert at once; each item is a {@link ContactRequest} judged on its own. */
@Schema(name = "ContactBulkRequest")
public record ContactBulkRequest(
        @Schema(example = "ve9EPM428h8vShlRW1KT") @Size(max = 64) String locationId,
        @Schema(description = "1 to 1000 contacts; the locationId of an item, if any, must be the body's")
        List<ContactRequest> contacts) {
}

package io.liaison.contact;

import io.liaison.error.KnownFieldsOnly;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** HighLevel's ContactsBusinessUpdate (POST /contacts/bulk/business). */
@KnownFieldsOnly
@Schema(name = "ContactsBusinessUpdate")
record ContactBusinessBulkRequest(
        @Schema(required = true, example = "ve9EPM428h8vShlRW1KT") @Size(max = 64) String locationId,
        @Schema(required = true, description = "1 to 1000 contact ids, each judged alone") List<String> ids,
        @Schema(required = true, nullable = true, example = "63b7ec34ea409a9a8bd2a4ff",
                description = "The business to link the contacts to (replacing theirs); null or empty removes their business")
        @Size(max = 64) String businessId) {
}

package io.liaison.association;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of the bulk relation endpoints; each item is judged on its own, so items carry their constraints. */
public final class RelationBulkRequests {
    private RelationBulkRequests() {
    }

    @Schema(name = "BulkRelationRequest")
    public record Create(
            @Schema(example = "ve9EPM428h8vShlRW1KT") @Size(max = 64) String locationId,
            @Schema(description = "1 to 1000 links") List<Link> relations) {
    }

    @Schema(name = "BulkRelationItem")
    public record Link(
            @NotBlank @Size(max = 64) String associationId,
            @Schema(description = "A record of the association's first object") @NotBlank @Size(max = 64) String firstRecordId,
            @Schema(description = "A record of the association's second object") @NotBlank @Size(max = 64) String secondRecordId) {
    }

    @Schema(name = "BulkRelationDeleteRequest")
    public record Delete(
            @Schema(example = "ve9EPM428h8vShlRW1KT") @Size(max = 64) String locationId,
            @Schema(description = "1 to 1000 relation ids") List<String> ids) {
    }
}

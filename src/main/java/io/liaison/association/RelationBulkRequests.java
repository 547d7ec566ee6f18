package io.liaison.association;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.error.KnownFieldsOnly;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of the bulk relation endpoints; each item is judged on its own, so items carry their constraints. */
final class RelationBulkRequests {
    private RelationBulkRequests() {
    }

    /** Each link is read and judged on its own: an item of the wrong shape fails alone at its index. */
    @Schema(name = "BulkRelationRequest")
    @KnownFieldsOnly
    public record Create(
            @Schema(example = "ve9EPM428h8vShlRW1KT") @Size(max = 64) String locationId,
            @Schema(description = "1 to 1000 links", type = SchemaType.ARRAY, implementation = Link.class) List<JsonNode> relations) {
    }

    @Schema(name = "BulkRelationItem")
    public record Link(
            @NotBlank @Size(max = 64) String associationId,
            @Schema(description = "A record of the association's first object") @NotBlank @Size(max = 64) String firstRecordId,
            @Schema(description = "A record of the association's second object") @NotBlank @Size(max = 64) String secondRecordId) {
    }

    /** Each id is judged on its own: one that is not text fails alone at its index. */
    @Schema(name = "BulkRelationDeleteRequest")
    @KnownFieldsOnly
    public record Delete(
            @Schema(example = "ve9EPM428h8vShlRW1KT") @Size(max = 64) String locationId,
            @Schema(description = "1 to 1000 relation ids", type = SchemaType.ARRAY, implementation = String.class) List<JsonNode> ids) {
    }
}

package io.liaison.association;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** HighLevel's createRelationReqDto. */
@Schema(name = "CreateRelationRequest")
public record RelationRequest(
        @Schema(example = "ve9EPM428h8vShlRW1KT", required = true) @NotBlank @Size(max = 64) String locationId,
        @Schema(example = "ve9EPM428h8vShlRW1KT", required = true) @NotBlank @Size(max = 64) String associationId,
        @Schema(description = "A record of the association's first object", required = true) @NotBlank @Size(max = 64) String firstRecordId,
        @Schema(description = "A record of the association's second object", required = true) @NotBlank @Size(max = 64) String secondRecordId) {
}

package io.liaison.association;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A link between two records under an association label, in HighLevel's shape (the RelationCreate
 * webhook's fields). In a record's list it also says, from that record's point of view, who the
 * other record is and what role it plays: on Bob's profile, Jane appears with relatedLabel "Manager".
 */
@Schema(name = "Relation")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Relation(
        @Schema(example = "seD4PfOuKoVMLkEZqohJx7Ka9QpLm2Rt") String id,
        @Schema(example = "ve9EPM428h8vShlRW1KT") String associationId,
        @Schema(example = "contact") String firstObjectKey,
        @Schema(example = "seD4PfOuKoVMLkEZqohJ") String firstRecordId,
        @Schema(example = "contact") String secondObjectKey,
        @Schema(example = "ocQHyuzHvysMo5N5VsXc") String secondRecordId,
        @Schema(example = "ve9EPM428h8vShlRW1KT") String locationId,
        @Schema(example = "2025-06-13T20:23:51.000Z") String createdAt,
        @Schema(description = "In a record's list: the other record of the link") String relatedRecordId,
        @Schema(description = "In a record's list: the other record's object", example = "contact") String relatedObjectKey,
        @Schema(description = "In a record's list: the role the other record plays", example = "Manager") String relatedLabel,
        @Schema(description = "In a record's list: the other record's display name", example = "Jane Doe") String relatedRecordName,
        @Schema(description = "In a record's list: the role this record plays", example = "Employee") String recordLabel) {
}

package io.liaison.association;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** HighLevel's createAssociationReqDto, plus the cardinality chosen at creation. */
@Schema(name = "CreateAssociationRequest")
public record AssociationRequest(
        @Schema(example = "ve9EPM428h8vShlRW1KT", required = true) @NotBlank @Size(max = 64) String locationId,
        @Schema(example = "manager_employee", required = true, description = "Unique per location and immutable: lowercase letters, digits and underscores, at most 64")
        @NotBlank @Size(max = 64) @Pattern(regexp = AssociationService.KEY_PATTERN, message = "must use only lowercase letters, digits and underscores") String key,
        @Schema(example = "contact", required = true) @NotBlank @Size(max = 100) String firstObjectKey,
        @Schema(example = "Manager", required = true) @NotBlank @Size(max = AssociationService.MAX_LABEL_LENGTH) String firstObjectLabel,
        @Schema(example = "contact", required = true) @NotBlank @Size(max = 100) String secondObjectKey,
        @Schema(example = "Employee", description = "Leave out, or repeat firstObjectLabel, for a single label")
        @Size(max = AssociationService.MAX_LABEL_LENGTH) String secondObjectLabel,
        @Schema(description = "Defaults to MANY_TO_MANY") Cardinality cardinality,
        @Schema(description = "HighLevel's name for the cardinality, from the first object's side (the same value as cardinality)")
        Cardinality firstObjectToSecondObjectCardinality,
        @Schema(description = "HighLevel's cardinality from the second object's side: the mirror (MANY_TO_ONE for ONE_TO_MANY)")
        Cardinality secondObjectToFirstObjectCardinality) {

    /** The cardinality asked for, whichever of HighLevel's or Liaison's fields name it; null when none does. */
    @Override
    public Cardinality cardinality() {
        return Cardinality.fromFields(cardinality, firstObjectToSecondObjectCardinality, secondObjectToFirstObjectCardinality);
    }
}

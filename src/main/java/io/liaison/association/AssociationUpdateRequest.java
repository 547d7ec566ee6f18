package io.liaison.association;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** HighLevel's UpdateAssociationReqDto: rename the labels; optionally change the cardinality. */
@Schema(name = "UpdateAssociationRequest")
record AssociationUpdateRequest(
        @Schema(example = "Manager", required = true) @NotBlank @Size(max = AssociationService.MAX_LABEL_LENGTH) String firstObjectLabel,
        @Schema(example = "Employee", description = "For a single label, leave out or repeat firstObjectLabel")
        @Size(max = AssociationService.MAX_LABEL_LENGTH) String secondObjectLabel,
        @Schema(description = "A tighter cardinality is refused (409) while existing links break it") Cardinality cardinality,
        @Schema(description = "Accepted for HighLevel compatibility; must be the key's location") @Size(max = 64) String locationId,
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

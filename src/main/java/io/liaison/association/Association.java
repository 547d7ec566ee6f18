package io.liaison.association;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An association label as HighLevel answers it, plus its label type, cardinality and Neo4j type. */
@Schema(name = "Association")
public record Association(
        @Schema(example = "ve9EPM428h8vShlRW1KT") String id,
        @Schema(example = "manager_employee") String key,
        @Schema(example = "ve9EPM428h8vShlRW1KT") String locationId,
        @Schema(example = "contact") String firstObjectKey,
        @Schema(example = "Manager") String firstObjectLabel,
        @Schema(example = "contact") String secondObjectKey,
        @Schema(example = "Employee") String secondObjectLabel,
        @Schema(example = "USER_DEFINED") String associationType,
        LabelType labelType,
        Cardinality cardinality,
        @Schema(description = "The Neo4j relationship type of its links", example = "MANAGER_EMPLOYEE") String relationshipType,
        @Schema(example = "2025-06-13T20:23:51.000Z") String createdAt,
        @Schema(example = "2025-06-13T20:23:51.000Z") String updatedAt) {

    public static final String USER_DEFINED = "USER_DEFINED";

    /** HighLevel's per-direction view of {@link #cardinality}, as its association webhooks carry it. */
    @JsonProperty("firstObjectToSecondObjectCardinality")
    @Schema(example = "MANY_TO_ONE", description = "The cardinality from the first object's side (equals cardinality)")
    public Cardinality firstObjectToSecondObjectCardinality() {
        return cardinality;
    }

    @JsonProperty("secondObjectToFirstObjectCardinality")
    @Schema(example = "ONE_TO_MANY", description = "The cardinality from the second object's side (the mirror of cardinality)")
    public Cardinality secondObjectToFirstObjectCardinality() {
        return cardinality == null ? null : cardinality.mirrored();
    }

    /**
     * A single label between records of the same object has no direction: Ann is Bob's colleague
     * exactly when Bob is Ann's. Its links count from either end, and A-B duplicates B-A.
     */
    @JsonIgnore
    public boolean isSymmetric() {
        return labelType == LabelType.SINGLE && firstObjectKey.equals(secondObjectKey);
    }

    /** The label as stored in its {@code (:Association)} node. */
    public static Association from(org.neo4j.driver.types.Node node) {
        return new Association(text(node, "id"), text(node, "key"), text(node, "locationId"), text(node, "firstObjectKey"),
                text(node, "firstObjectLabel"), text(node, "secondObjectKey"), text(node, "secondObjectLabel"), USER_DEFINED,
                LabelType.valueOf(text(node, "labelType")), Cardinality.valueOf(text(node, "cardinality")),
                text(node, "relationshipType"), io.liaison.neo4j.Timestamps.iso(node.get("createdAt")),
                io.liaison.neo4j.Timestamps.iso(node.get("updatedAt")));
    }

    private static String text(org.neo4j.driver.types.Node node, String key) {
        return node.get(key).asString(null);
    }

    /** The label a record plays when it sits on the given end of a link. */
    public static String labelOf(boolean firstSide, String firstObjectLabel, String secondObjectLabel) {
        return firstSide ? firstObjectLabel : secondObjectLabel;
    }
}

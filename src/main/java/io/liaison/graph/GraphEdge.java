package io.liaison.graph;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A link as the graph queries show it: from the label's first record (source) to its second
 * (target), with the role each plays (the label's first and second object labels).
 */
@Schema(name = "GraphEdge")
record GraphEdge(
        @Schema(description = "The relation id", example = "Fq3pKxS0Lw8nT2aYbV1cX9kLm2Qp7RtZ") String id,
        @Schema(example = "ve9EPM428h8vShlRW1KT") String associationId,
        @Schema(description = "The first record of the relation", example = "Fq3pKxS0Lw8nT2aYbV1c") String source,
        @Schema(description = "The second record of the relation", example = "Hd82JsLq0PzMx7VbN4eR") String target,
        @Schema(description = "The role of the source record", example = "Manager") String sourceLabel,
        @Schema(description = "The role of the target record", example = "Employee") String targetLabel) {

    GraphEdge withLabels(String first, String second) {
        return new GraphEdge(id, associationId, source, target, first, second);
    }
}

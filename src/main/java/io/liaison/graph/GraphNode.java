package io.liaison.graph;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A record as the graph queries show it: its id, its object and the name people read. */
@Schema(name = "GraphNode")
record GraphNode(
        @Schema(example = "Fq3pKxS0Lw8nT2aYbV1c") String id,
        @Schema(example = "contact") String objectKey,
        @Schema(description = "The record's displayName", example = "Jane Boss") String name) {
}

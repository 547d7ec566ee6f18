package io.liaison.graph;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answers of the graph queries. Lists are immutable and ordered, so equal graphs answer equal JSON. */
final class GraphViews {
    private GraphViews() {
    }

    @Schema(name = "Neighborhood", description = "Every record within depth links of the start, and the links on those paths")
    public record Neighborhood(
            @Schema(description = "The start record first, then by distance, then by name and id") List<GraphNode> nodes,
            @Schema(description = "Ordered by id") List<GraphEdge> edges,
            @Schema(description = "True when the fan-out, node or edge cap cut the answer") boolean truncated) {
    }

    @Schema(name = "Paths", description = "The shortest paths between two records")
    public record Paths(
            @Schema(description = "Links on each path", example = "2") int length,
            @Schema(description = "Every record on any of the paths") List<GraphNode> nodes,
            @Schema(description = "Every link on any of the paths") List<GraphEdge> edges,
            @Schema(description = "Each path as its records and links, in walking order") List<Path> paths,
            @Schema(description = "True when more shortest paths exist than were returned") boolean truncated) {
    }

    @Schema(name = "Path")
    public record Path(List<String> nodeIds, List<String> edgeIds) {
    }

    @Schema(name = "MutualConnections", description = "Records linked to both records")
    public record Mutual(
            List<GraphNode> records,
            @Schema(example = "1") int total,
            @Schema(description = "True when a record has more links than the fan-out cap, or more records matched than the limit")
            boolean truncated) {
    }

    @Schema(name = "Suggestion")
    public record Suggestion(
            @Schema(example = "Hd82JsLq0PzMx7VbN4eR") String id,
            @Schema(example = "contact") String objectKey,
            @Schema(example = "Carol Smith") String name,
            @Schema(description = "How many of the record's links also link to this one", example = "3") int sharedConnections) {
    }

    @Schema(name = "Suggestions", description = "Records two links away and not linked yet, most shared connections first")
    public record Suggestions(List<Suggestion> suggestions, boolean truncated) {
    }

    @Schema(name = "NearLimit")
    public record NearLimit(
            @Schema(example = "Fq3pKxS0Lw8nT2aYbV1c") String recordId,
            @Schema(example = "Jane Boss") String name,
            @Schema(description = "The record's links that count toward this limit", example = "812") long links,
            @Schema(description = "The limit they count toward", example = "1000") long limit,
            @Schema(description = "recordsPerLabel: at least 80% of the per-label cap; cardinality: the one link its side allows is used",
                    enumeration = { "recordsPerLabel", "cardinality" }, example = "recordsPerLabel") String reason) {
    }

    @Schema(name = "AssociationUsage", description = "How much a label is used, and which records are at or near its limits")
    public record Usage(
            @Schema(example = "ve9EPM428h8vShlRW1KT") String associationId,
            @Schema(description = "Links under the label", example = "1234") long links,
            @Schema(description = "Distinct records with at least one link under the label", example = "640") long records,
            @Schema(description = "The per-label cap (LIAISON_LIMITS_RECORDS_PER_LABEL)", example = "1000") int cap,
            @Schema(description = "At most 100 records, the most linked first") List<NearLimit> nearLimit,
            @Schema(description = "How many records are at or near a limit in all", example = "1") long nearLimitTotal) {
    }
}

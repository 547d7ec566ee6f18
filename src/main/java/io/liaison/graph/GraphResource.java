package io.liaison.graph;

import io.liaison.error.ErrorBody;
import io.liaison.location.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Graph queries: Liaison's extension beside HighLevel's paths, bounded to the key's location. */
@Path("/graph")
@Tag(name = "Graph", description = "Relationship graph queries (a Liaison extension; HighLevel has none), bounded to the key's location")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "422", description = "A parameter is out of range; message names it", content = @Content(
        schema = @Schema(implementation = ErrorBody.class), examples = @ExampleObject(name = "depth out of range", value = """
                {"statusCode": 422, "message": ["depth must be an integer between 1 and 3"], "error": "Unprocessable Entity",
                 "code": "VALIDATION_FAILED", "param": "depth"}""")))
class GraphResource {

    private final GraphService service;
    private final Caller caller;

    public GraphResource(GraphService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Path("/records/{recordId}/neighborhood")
    @Operation(summary = "The records within depth links of a record",
            description = "Walks outward level by level from the record. edges are the links walked: those with one end fewer than "
                    + "depth links from the record. At most LIAISON_GRAPH_FAN_OUT (default 100) links are followed from any one "
                    + "record, at most limit records are kept and at most four edges per record; when any cap cuts the answer, "
                    + "truncated is true.")
    @APIResponse(responseCode = "200", description = "The neighbourhood", content = @Content(
            schema = @Schema(implementation = GraphViews.Neighborhood.class), examples = @ExampleObject(name = "Jane and her reports", value = """
                    {"nodes": [
                       {"id": "Fq3pKxS0Lw8nT2aYbV1c", "objectKey": "contact", "name": "Jane Boss"},
                       {"id": "Hd82JsLq0PzMx7VbN4eR", "objectKey": "contact", "name": "Bob Worker"}],
                     "edges": [
                       {"id": "Fq3pKxS0Lw8nT2aYbV1cX9kLm2Qp7RtZ", "associationId": "ve9EPM428h8vShlRW1KT",
                        "source": "Fq3pKxS0Lw8nT2aYbV1c", "target": "Hd82JsLq0PzMx7VbN4eR",
                        "sourceLabel": "Manager", "targetLabel": "Employee"}],
                     "truncated": false}""")))
    @APIResponse(responseCode = "404", description = "No such record in this location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public GraphViews.Neighborhood neighborhood(
            @PathParam("recordId") String recordId,
            @Parameter(description = "Links from the record, 1 to 3", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "1", minimum = "1", maximum = "3"))
            @QueryParam("depth") @Size(max = 16) String depth,
            @Parameter(description = "Most records in the answer, 1 to 500 (LIAISON_GRAPH_MAX_NODES)",
                    schema = @Schema(type = SchemaType.INTEGER, defaultValue = "100", minimum = "1", maximum = "500"))
            @QueryParam("limit") @Size(max = 16) String limit,
            @Valid @BeanParam AssociationScope scope) {
        return service.neighborhood(caller.location(scope.locationId()), recordId, depth, limit, scope.associationIds());
    }

    @GET
    @Path("/paths")
    @Operation(summary = "The shortest paths between two records",
            description = "All shortest paths (at most 10; truncated says when there were more) of at most maxDepth links, over "
                    + "links of every label. 404 NO_PATH when the records are not connected within maxDepth.")
    @APIResponse(responseCode = "200", description = "The paths", content = @Content(
            schema = @Schema(implementation = GraphViews.Paths.class), examples = @ExampleObject(name = "Bob to Carol through Jane", value = """
                    {"length": 2,
                     "nodes": [
                       {"id": "Hd82JsLq0PzMx7VbN4eR", "objectKey": "contact", "name": "Bob Worker"},
                       {"id": "Fq3pKxS0Lw8nT2aYbV1c", "objectKey": "contact", "name": "Jane Boss"},
                       {"id": "Kc71WmQa9ZrTy3XuP0sB", "objectKey": "contact", "name": "Carol Smith"}],
                     "edges": [
                       {"id": "Fq3pKxS0Lw8nT2aYbV1cX9kLm2Qp7RtZ", "associationId": "ve9EPM428h8vShlRW1KT",
                        "source": "Fq3pKxS0Lw8nT2aYbV1c", "target": "Hd82JsLq0PzMx7VbN4eR", "sourceLabel": "Manager", "targetLabel": "Employee"},
                       {"id": "Fq3pKxS0Lw8nT2aYbV1cA1bC2dE3fG4h", "associationId": "ve9EPM428h8vShlRW1KT",
                        "source": "Fq3pKxS0Lw8nT2aYbV1c", "target": "Kc71WmQa9ZrTy3XuP0sB", "sourceLabel": "Manager", "targetLabel": "Employee"}],
                     "paths": [{"nodeIds": ["Hd82JsLq0PzMx7VbN4eR", "Fq3pKxS0Lw8nT2aYbV1c", "Kc71WmQa9ZrTy3XuP0sB"],
                                "edgeIds": ["Fq3pKxS0Lw8nT2aYbV1cX9kLm2Qp7RtZ", "Fq3pKxS0Lw8nT2aYbV1cA1bC2dE3fG4h"]}],
                     "truncated": false}""")))
    @APIResponse(responseCode = "404", description = "A record is not in this location (NOT_FOUND, param from or to), or no path "
            + "within maxDepth (NO_PATH)", content = @Content(schema = @Schema(implementation = ErrorBody.class),
                    examples = @ExampleObject(name = "no path", value = """
                            {"statusCode": 404, "message": "No path of at most 4 links connects record Hd82JsLq0PzMx7VbN4eR to record Kc71WmQa9ZrTy3XuP0sB; try a larger maxDepth (at most 6)",
                             "error": "Not Found", "code": "NO_PATH", "param": "maxDepth",
                             "details": {"from": "Hd82JsLq0PzMx7VbN4eR", "to": "Kc71WmQa9ZrTy3XuP0sB", "maxDepth": 4}}""")))
    public GraphViews.Paths paths(
            @Parameter(description = "The record to start from", required = true, example = "Hd82JsLq0PzMx7VbN4eR")
            @QueryParam("from") @Size(max = 64) String from,
            @Parameter(description = "The record to reach", required = true, example = "Kc71WmQa9ZrTy3XuP0sB")
            @QueryParam("to") @Size(max = 64) String to,
            @Parameter(description = "Longest path searched, 1 to 6", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "4", minimum = "1", maximum = "6"))
            @QueryParam("maxDepth") @Size(max = 16) String maxDepth,
            @Parameter(description = "Optional; must be the key's location") @QueryParam("locationId") @Size(max = 64) String locationId) {
        return service.paths(caller.location(locationId), from, to, maxDepth);
    }

    @GET
    @Path("/records/{recordId}/mutual")
    @Operation(summary = "The records linked to both records",
            description = "By name, then id. At most LIAISON_GRAPH_FAN_OUT links of each record are compared; truncated says when "
                    + "a record has more, or more records matched than limit.")
    @APIResponse(responseCode = "200", description = "The mutual connections", content = @Content(
            schema = @Schema(implementation = GraphViews.Mutual.class), examples = @ExampleObject(name = "Jane links to both", value = """
                    {"records": [{"id": "Fq3pKxS0Lw8nT2aYbV1c", "objectKey": "contact", "name": "Jane Boss"}],
                     "total": 1, "truncated": false}""")))
    @APIResponse(responseCode = "404", description = "A record is not in this location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public GraphViews.Mutual mutual(
            @PathParam("recordId") String recordId,
            @Parameter(description = "The other record", required = true, example = "Kc71WmQa9ZrTy3XuP0sB")
            @QueryParam("with") @Size(max = 64) String with,
            @Parameter(description = "Most records in the answer, 1 to 500", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "100", minimum = "1", maximum = "500"))
            @QueryParam("limit") @Size(max = 16) String limit,
            @Valid @BeanParam AssociationScope scope) {
        return service.mutual(caller.location(scope.locationId()), recordId, with, limit, scope.associationIds());
    }

    @GET
    @Path("/records/{recordId}/suggestions")
    @Operation(summary = "Records two links away, not linked yet, ranked by shared connections",
            description = "\"People you may know\": records linked to the record's linked records, not to the record itself under any "
                    + "label, most shared connections first, then by name and id. The label filter applies to both links walked.")
    @APIResponse(responseCode = "200", description = "The suggestions", content = @Content(
            schema = @Schema(implementation = GraphViews.Suggestions.class), examples = @ExampleObject(name = "Bob may know Carol", value = """
                    {"suggestions": [{"id": "Kc71WmQa9ZrTy3XuP0sB", "objectKey": "contact", "name": "Carol Smith", "sharedConnections": 2}],
                     "truncated": false}""")))
    @APIResponse(responseCode = "404", description = "No such record in this location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public GraphViews.Suggestions suggestions(
            @PathParam("recordId") String recordId,
            @Parameter(description = "Most suggestions, 1 to 100", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "20", minimum = "1", maximum = "100"))
            @QueryParam("limit") @Size(max = 16) String limit,
            @Valid @BeanParam AssociationScope scope) {
        return service.suggestions(caller.location(scope.locationId()), recordId, limit, scope.associationIds());
    }
}

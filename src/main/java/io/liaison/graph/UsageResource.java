package io.liaison.graph;

import io.liaison.error.ErrorBody;
import io.liaison.location.Caller;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A label's usage: a graph query that sits under /associations, beside HighLevel's label endpoints. */
@Path("/associations/{associationId}/usage")
@Tag(name = "Graph")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
class UsageResource {

    private final GraphService service;
    private final Caller caller;

    public UsageResource(GraphService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "How much a label is used, and the records at or near its limits",
            description = "links and records count the label's links and the distinct records they join. nearLimit lists (at most "
                    + "100, most linked first) the records with at least 80% of the per-label cap, and, for a one-sided "
                    + "cardinality, the records that already use the one link their side allows.")
    @APIResponse(responseCode = "200", description = "The usage", content = @Content(
            schema = @Schema(implementation = GraphViews.Usage.class), examples = @ExampleObject(name = "A manager near the cap", value = """
                    {"associationId": "ve9EPM428h8vShlRW1KT", "links": 1234, "records": 640, "cap": 1000,
                     "nearLimit": [{"recordId": "Fq3pKxS0Lw8nT2aYbV1c", "name": "Jane Boss", "links": 812, "limit": 1000,
                                    "reason": "recordsPerLabel"}],
                     "nearLimitTotal": 1}""")))
    @APIResponse(responseCode = "401", description = "Missing or unknown API key", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "locationId is not the key's location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No such label in this location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public GraphViews.Usage usage(
            @PathParam("associationId") String associationId,
            @Parameter(description = "Optional; must be the key's location") @QueryParam("locationId") @Size(max = 64) String locationId) {
        return service.usage(caller.location(locationId), associationId);
    }
}

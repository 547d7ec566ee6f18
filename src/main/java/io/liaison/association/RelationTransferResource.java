package io.liaison.association;

import io.liaison.location.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Liaison's many-links endpoints: bulk create and delete, CSV import and export. HighLevel has none of them. */
@Path("/associations/relations")
@Tag(name = "Relations", description = "HighLevel-compatible links between records under an association label")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class RelationTransferResource {

    private final RelationBulkService bulk;
    private final Caller caller;

    public RelationTransferResource(RelationBulkService bulk, Caller caller) {
        this.bulk = bulk;
        this.caller = caller;
    }

    @POST
    @Path("/bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Link up to 1000 pairs of records", description = "Each item is judged exactly as POST /associations/relations "
            + "(records, objects, duplicates, cardinality, the per-label cap), items earlier in the batch included, and answered at "
            + "its index; the allowed ones are created in one transaction.")
    @APIResponse(responseCode = "200", description = "One result per item", content = @Content(schema = @Schema(implementation = RelationBulkService.Result.class)))
    public RelationBulkService.Result link(@Valid @NotNull RelationBulkRequests.Create body) {
        return bulk.link(caller.location(body.locationId()), body.relations());
    }

    @POST
    @Path("/bulk-delete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Remove up to 1000 links", description = "Each id is answered at its index: deleted, or 404 when it is not "
            + "a relation of this location.")
    @APIResponse(responseCode = "200", description = "One result per id", content = @Content(schema = @Schema(implementation = RelationBulkService.Result.class)))
    public RelationBulkService.Result delete(@Valid @NotNull RelationBulkRequests.Delete body) {
        return bulk.delete(caller.location(body.locationId()), body.ids());
    }
}

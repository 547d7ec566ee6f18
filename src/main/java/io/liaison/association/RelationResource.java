package io.liaison.association;

import io.liaison.error.ErrorBody;
import io.liaison.location.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/associations/relations")
@Tag(name = "Relations", description = "HighLevel-compatible links between records under an association label")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
class RelationResource {

    private final RelationService service;
    private final Caller caller;

    public RelationResource(RelationService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    public record RelationList(List<Relation> relations, long total) {
    }

    public record DeletedRelation(boolean deleted, String id) {
    }

    @POST
    @Path("/")
    @Operation(summary = "Link two records under an association label",
            description = "The first record must be of the label's first object and the second of its second object. Duplicates, "
                    + "the label's cardinality and the per-label cap (LIAISON_LIMITS_RECORDS_PER_LABEL, default 1000) are checked "
                    + "in the writing transaction under locks, so they hold under any concurrency.")
    @APIResponse(responseCode = "201", description = "The relation", content = @Content(schema = @Schema(implementation = Relation.class)))
    @APIResponse(responseCode = "404", description = "The label or a record is not in this location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "Already linked (DUPLICATE_RELATION, with the existing id), or a cardinality or cap "
            + "would break (LIMIT_EXCEEDED, with the limit, maximum and current count)", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response create(@Valid @NotNull RelationRequest body) {
        return Response.status(201).entity(service.create(caller.location(body.locationId()), body)).build();
    }

    @GET
    @Path("/{recordId}")
    @Operation(summary = "A record's links, from either side, newest first",
            description = "Each relation also names the other record (relatedRecordId, relatedObjectKey, relatedRecordName) and the "
                    + "role it plays from this record's point of view (relatedLabel).")
    @APIResponse(responseCode = "200", description = "A page of the record's relations", content = @Content(schema = @Schema(implementation = RelationList.class)))
    @APIResponse(responseCode = "404", description = "No such record in this location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public RelationList relationsOf(
            @PathParam("recordId") String recordId,
            @QueryParam("locationId") @Size(max = 64) String locationId,
            @Parameter(description = "Relations to skip, 0 to 10000", example = "0") @QueryParam("skip") Integer skip,
            @Parameter(description = "Page size, 1 to 100", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "20", minimum = "1", maximum = "100"))
            @QueryParam("limit") Integer limit,
            @Parameter(description = "Only these labels: associationIds[]=a&associationIds[]=b, repeated, or comma-separated (at most 50)",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
            @QueryParam("associationIds") List<String> ignoredDeclaredForOpenApi,
            @Context UriInfo uri) {
        List<String> associationIds = ArrayQueryParam.values(uri, "associationIds");
        var page = service.relationsOf(caller.location(locationId), recordId, associationIds, skip, limit);
        return new RelationList(page.relations(), page.total());
    }

    @DELETE
    @Path("/{relationId}")
    @Operation(summary = "Remove a link")
    @APIResponse(responseCode = "200", description = "Deleted", content = @Content(schema = @Schema(implementation = DeletedRelation.class)))
    @APIResponse(responseCode = "404", description = "No such relation in this location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public DeletedRelation delete(@PathParam("relationId") String relationId, @QueryParam("locationId") @Size(max = 64) String locationId) {
        return new DeletedRelation(true, service.delete(caller.location(locationId), relationId));
    }
}

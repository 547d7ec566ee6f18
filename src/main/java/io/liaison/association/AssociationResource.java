package io.liaison.association;

import io.liaison.error.ErrorBody;
import io.liaison.location.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/associations")
@Tag(name = "Associations", description = "HighLevel-compatible association labels (single or pair) with cardinality and limits")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
class AssociationResource {

    private final AssociationService service;
    private final Caller caller;

    public AssociationResource(AssociationService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    public record AssociationList(List<Association> associations, long total) {
    }

    public record DeletedAssociation(boolean deleted, String id, String message,
            @Schema(description = "Links removed with it (only with force=true)") long deletedLinks) {
    }

    @POST
    @Path("/")
    @Operation(summary = "Create an association label",
            description = "A single label (secondObjectLabel left out or equal) or a pair label, with a cardinality. At most "
                    + "LIAISON_LIMITS_LABELS_PER_OBJECT_PAIR (default 10) labels between one pair of objects.")
    @APIResponse(responseCode = "201", description = "The label", content = @Content(schema = @Schema(implementation = Association.class)))
    @APIResponse(responseCode = "409", description = "The key exists (DUPLICATE_ASSOCIATION_KEY) or the object pair is at its label limit (LIMIT_EXCEEDED)",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response create(@Valid @NotNull AssociationRequest body) {
        return Response.status(201).entity(service.create(caller.location(body.locationId()), body)).build();
    }

    @GET
    @Path("/")
    @Operation(summary = "List the location's association labels", description = "Oldest first.")
    @APIResponse(responseCode = "200", description = "A page of labels", content = @Content(schema = @Schema(implementation = AssociationList.class)))
    public AssociationList list(
            @QueryParam("locationId") @Size(max = 64) String locationId,
            @Parameter(description = "Labels to skip, 0 to 10000", example = "0") @QueryParam("skip") Integer skip,
            @Parameter(description = "Page size, 1 to 100 (default 20)", example = "20") @QueryParam("limit") Integer limit) {
        var page = service.list(caller.location(locationId), skip, limit);
        return new AssociationList(page.associations(), page.total());
    }

    @GET
    @Path("/{associationId}")
    @Operation(summary = "Get an association label")
    @APIResponse(responseCode = "200", description = "The label", content = @Content(schema = @Schema(implementation = Association.class)))
    @APIResponse(responseCode = "404", description = "No such label in this location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Association get(@PathParam("associationId") String associationId) {
        return service.get(caller.location(), associationId);
    }

    @GET
    @Path("/key/{key_name}")
    @Operation(summary = "Get an association label by its key")
    @APIResponse(responseCode = "200", description = "The label", content = @Content(schema = @Schema(implementation = Association.class)))
    @APIResponse(responseCode = "404", description = "No such label in this location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Association byKey(@PathParam("key_name") String key, @QueryParam("locationId") @Size(max = 64) String locationId) {
        return service.getByKey(caller.location(locationId), key);
    }

    @GET
    @Path("/objectKey/{objectKey}")
    @Operation(summary = "List the labels that touch an object", description = "Every label whose first or second object is objectKey.")
    @APIResponse(responseCode = "200", description = "The labels", content = @Content(schema = @Schema(implementation = AssociationList.class)))
    @APIResponse(responseCode = "404", description = "No such object in this location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public AssociationList byObject(@PathParam("objectKey") String objectKey, @QueryParam("locationId") @Size(max = 64) String locationId) {
        List<Association> associations = service.ofObject(caller.location(locationId), objectKey);
        return new AssociationList(associations, associations.size());
    }

    @PUT
    @Path("/{associationId}")
    @Operation(summary = "Rename an association label or change its cardinality",
            description = "Both profiles show new names at once. The key, the objects and the label type never change.")
    @APIResponse(responseCode = "200", description = "The label", content = @Content(schema = @Schema(implementation = Association.class)))
    @APIResponse(responseCode = "404", description = "No such label in this location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "Existing links break the new cardinality (LIMIT_EXCEEDED, with how many)",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Association update(@PathParam("associationId") String associationId, @Valid @NotNull AssociationUpdateRequest body) {
        return service.update(caller.location(body.locationId()), associationId, body);
    }

    @DELETE
    @Path("/{associationId}")
    @Operation(summary = "Delete an association label",
            description = "A label that still links records is kept (409 ASSOCIATION_IN_USE, with the number of links) unless "
                    + "force=true, which deletes the label and all its links in one transaction.")
    @APIResponse(responseCode = "200", description = "Deleted", content = @Content(schema = @Schema(implementation = DeletedAssociation.class)))
    @APIResponse(responseCode = "404", description = "No such label in this location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "The label still links records (ASSOCIATION_IN_USE)", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public DeletedAssociation delete(@PathParam("associationId") String associationId,
            @Parameter(description = "Also delete the label's links") @QueryParam("force") @DefaultValue("false") boolean force) {
        var deleted = service.delete(caller.location(), associationId, force);
        String message = deleted.links() == 0 ? "Association deleted successfully"
                : "Association and its " + deleted.links() + " links deleted successfully";
        return new DeletedAssociation(true, deleted.id(), message, deleted.links());
    }
}

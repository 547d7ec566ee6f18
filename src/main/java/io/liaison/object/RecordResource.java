package io.liaison.object;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.liaison.bulk.Bulk;
import io.liaison.error.ErrorBody;
import io.liaison.error.Errors;
import io.liaison.location.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.liaison.location.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

@Path("/objects/{schemaKey}/records")
@RolesAllowed({ Roles.LOCATION, Roles.AGENCY })
@Tag(name = "Object records", description = "HighLevel-compatible custom-object records (API v2)")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "404", description = "No such object, or no such record of it, in this location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
class RecordResource {

    private final RecordService service;
    private final Caller caller;

    private final RecordBulkService bulk;
    private final ObjectMapper json;

    public RecordResource(RecordService service, RecordBulkService bulk, Caller caller, ObjectMapper json) {
        this.json = json;
        this.service = service;
        this.bulk = bulk;
        this.caller = caller;
    }

    public record RecordEnvelope(ObjectRecord record) {
    }

    public record DeletedRecord(String id, boolean success) {
    }

    public record RecordSearchResult(List<ObjectRecord> records, long total) {
    }

    @POST
    @Operation(summary = "Create a record", description = "properties holds values by field key, validated against the object's fields; "
            + "the primary display property is required.")
    @APIResponse(responseCode = "201", description = "The record", content = @Content(schema = @Schema(implementation = RecordEnvelope.class)))
    public Response create(@PathParam("schemaKey") String schemaKey, @Valid @NotNull ObjectRequests.RecordBody body) {
        if (body.locationId() == null || body.locationId().isBlank()) {
            throw Errors.ValidationFailed.of("locationId", "should not be empty");
        }
        ObjectRecord record = service.create(caller.location(body.locationId()), schemaKey, body);
        return Response.status(201).entity(new RecordEnvelope(record)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a record")
    @APIResponse(responseCode = "200", description = "The record", content = @Content(schema = @Schema(implementation = RecordEnvelope.class)))
    public RecordEnvelope get(@PathParam("schemaKey") String schemaKey, @PathParam("id") String id,
            @Parameter(description = "Needed only with the agency token") @QueryParam("locationId") @Size(max = 64) String locationId) {
        return new RecordEnvelope(service.get(caller.location(locationId), schemaKey, id));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Update a record", description = "Properties left out are kept; null or an empty string clears one.")
    @APIResponse(responseCode = "200", description = "The record", content = @Content(schema = @Schema(implementation = RecordEnvelope.class)))
    public RecordEnvelope update(@PathParam("schemaKey") String schemaKey, @PathParam("id") String id,
            @Parameter(description = "HighLevel sends it as a query parameter; the body's is accepted too") @QueryParam("locationId") @Size(max = 64) String locationId,
            @Valid @NotNull ObjectRequests.RecordBody body) {
        String claimed = locationId != null && !locationId.isBlank() ? locationId : body.locationId();
        if (locationId != null && body.locationId() != null && !locationId.equals(body.locationId())) {
            caller.location(body.locationId());
        }
        return new RecordEnvelope(service.update(caller.location(claimed), schemaKey, id, body));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a record and all its links", description = "The record and every association link it has are removed in one transaction.")
    @APIResponse(responseCode = "200", description = "Deleted", content = @Content(schema = @Schema(implementation = DeletedRecord.class)))
    public DeletedRecord delete(@PathParam("schemaKey") String schemaKey, @PathParam("id") String id,
            @Parameter(description = "Needed only with the agency token") @QueryParam("locationId") @Size(max = 64) String locationId) {
        service.delete(caller.location(locationId), schemaKey, id);
        return new DeletedRecord(id, true);
    }

    @POST
    @Path("/search")
    @Operation(summary = "Search records", description = "Newest first. query is free text over the searchable properties, or field:value "
            + "(for example name:Buddy) for one field; both match case-insensitively by substring. Page with page/pageLimit, or with "
            + "searchAfter (the last record's) for paging that stays correct while records are added.")
    @APIResponse(responseCode = "200", description = "Matching records and their total", content = @Content(schema = @Schema(implementation = RecordSearchResult.class)))
    public RecordSearchResult search(@PathParam("schemaKey") String schemaKey, @Valid @NotNull ObjectRequests.SearchRecords body) {
        var page = service.search(caller.location(body.locationId()), schemaKey, body);
        return new RecordSearchResult(page.records(), page.total());
    }

    @POST
    @Path("/bulk")
    @Operation(summary = "Create or update up to 1000 records", description = "Liaison: an item with an id updates that record, one "
            + "without creates one; each is judged like the single endpoints and answered at its index, and the valid ones are "
            + "written in one transaction.")
    @APIResponse(responseCode = "200", description = "One result per item", content = @Content(schema = @Schema(implementation = RecordBulkService.Result.class)))
    public RecordBulkService.Result bulk(@PathParam("schemaKey") String schemaKey, @Valid @NotNull RecordBulkRequest body) {
        return bulk.write(caller.location(body.locationId()), schemaKey, Bulk.read(json, body.records(), RecordBulkRequest.Item.class, "records"));
    }
}

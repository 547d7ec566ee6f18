package io.liaison.object;

import io.liaison.error.ErrorBody;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** HighLevel's Custom Fields V2 API, for the fields of custom objects. */
@Path("/custom-fields")
@RolesAllowed({ Roles.LOCATION, Roles.AGENCY })
@Tag(name = "Custom fields", description = "HighLevel-compatible Custom Fields V2: the fields of custom objects")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "404", description = "No such field (or object) in this location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
class CustomFieldResource {

    private final FieldService service;
    private final Caller caller;

    public CustomFieldResource(FieldService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    public record FieldEnvelope(FieldView field) {
    }

    public record DeletedField(@Schema(description = "HighLevel's spelling") boolean succeded, String id,
            @Schema(example = "custom_objects.surfboards.length_cm") String key) {
    }

    @POST
    @Path("/")
    @Operation(summary = "Create a custom field",
            description = "Declares a field on the custom object objectKey, as POST /objects/{key}/fields does. fieldKey (or key) is "
                    + "the field's key, short or long. At most LIAISON_LIMITS_FIELDS_PER_OBJECT fields per object (default 50).")
    @APIResponse(responseCode = "201", description = "The field", content = @Content(schema = @Schema(implementation = FieldEnvelope.class)))
    @APIResponse(responseCode = "409", description = "The field key is taken (DUPLICATE_FIELD_KEY) or the object has its most fields (LIMIT_EXCEEDED)", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response create(@Valid @NotNull ObjectRequests.FieldBody body) {
        return Response.status(201).entity(new FieldEnvelope(service.create(caller.location(body.locationId()), body))).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a custom field by id")
    @APIResponse(responseCode = "200", description = "The field", content = @Content(schema = @Schema(implementation = FieldEnvelope.class)))
    public FieldEnvelope get(@PathParam("id") String id,
            @Parameter(description = "Needed only with the agency token") @QueryParam("locationId") @Size(max = 64) String locationId) {
        return new FieldEnvelope(service.get(caller.location(locationId), id));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Update a custom field",
            description = "Changes its name, description, placeholder, showInForms, options (relabel or add; every option key is kept) "
                    + "and allowCustomOption. Its key, object and dataType never change.")
    @APIResponse(responseCode = "200", description = "The field", content = @Content(schema = @Schema(implementation = FieldEnvelope.class)))
    public FieldEnvelope update(@PathParam("id") String id, @Valid @NotNull ObjectRequests.FieldUpdate body) {
        return new FieldEnvelope(service.update(caller.location(body.locationId()), id, body));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a custom field",
            description = "Refused with 409 FIELD_IN_USE while records hold a value for it, and 409 PRIMARY_DISPLAY_PROPERTY for the "
                    + "object's primary display property.")
    @APIResponse(responseCode = "200", description = "Deleted", content = @Content(schema = @Schema(implementation = DeletedField.class)))
    @APIResponse(responseCode = "409", description = "Records hold values for it, or it is the primary display property", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public DeletedField delete(@PathParam("id") String id,
            @Parameter(description = "Needed only with the agency token") @QueryParam("locationId") @Size(max = 64) String locationId) {
        var deleted = service.delete(caller.location(locationId), id);
        return new DeletedField(true, deleted.id(), deleted.key());
    }

    @POST
    @Path("/folder")
    @Operation(summary = "Create a custom field folder",
            description = "Liaison keeps one folder per custom object, made with it (its id is the object's, and every field is in "
                    + "it), so this is refused with 409 ONE_FOLDER_PER_OBJECT naming that folder once the body and object are right. "
                    + "Rename the folder with PUT /custom-fields/folder/{id}.")
    @APIResponse(responseCode = "409", description = "The object has its folder (ONE_FOLDER_PER_OBJECT)", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "objectKey or name is missing", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public FieldService.Folder createFolder(@Valid @NotNull ObjectRequests.CreateFolder body) {
        return service.createFolder(caller.location(body.locationId()), body);
    }

    @PUT
    @Path("/folder/{id}")
    @Operation(summary = "Rename a custom field folder", description = "id is the folder's, which is its object's id.")
    @APIResponse(responseCode = "200", description = "The folder", content = @Content(schema = @Schema(implementation = FieldService.Folder.class)))
    public FieldService.Folder renameFolder(@PathParam("id") String id, @Valid @NotNull ObjectRequests.UpdateFolder body) {
        return service.renameFolder(caller.location(body.locationId()), id, body);
    }

    @DELETE
    @Path("/folder/{id}")
    @Operation(summary = "Delete a custom field folder",
            description = "An object's one folder holds all its fields and goes only with the object (DELETE /objects/{key}): "
                    + "refused with 409 ONE_FOLDER_PER_OBJECT; 404 for an unknown folder.")
    @APIResponse(responseCode = "409", description = "The folder is its object's one folder (ONE_FOLDER_PER_OBJECT)", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public FieldService.Folder deleteFolder(@PathParam("id") String id,
            @Parameter(description = "Needed only with the agency token") @QueryParam("locationId") @Size(max = 64) String locationId) {
        return service.deleteFolder(caller.location(locationId), id);
    }

    @GET
    @Path("/object-key/{objectKey}")
    @Operation(summary = "Get the custom fields of an object",
            description = "objectKey is custom_objects.<name> (or business, whose fields are fixed). folders lists the object's one folder.")
    @APIResponse(responseCode = "200", description = "Its fields and folders", content = @Content(schema = @Schema(implementation = FieldService.ObjectFields.class)))
    public FieldService.ObjectFields ofObject(@PathParam("objectKey") String objectKey,
            @Parameter(description = "Needed only with the agency token") @QueryParam("locationId") @Size(max = 64) String locationId) {
        return service.ofObject(caller.location(locationId), objectKey);
    }
}

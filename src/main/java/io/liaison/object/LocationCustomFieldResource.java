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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** HighLevel's location custom fields: the contact's custom fields. */
@Path("/locations/{locationId}/customFields")
@RolesAllowed({ Roles.LOCATION, Roles.AGENCY })
@Tag(name = "Contact custom fields", description = "HighLevel-compatible location custom fields (model contact)")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "404", description = "No such field in this location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
class LocationCustomFieldResource {

    private final ContactFieldService service;
    private final Caller caller;

    public LocationCustomFieldResource(ContactFieldService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    public record CustomFieldList(List<ContactFieldRequests.CustomFieldView> customFields) {
    }

    public record CustomFieldEnvelope(ContactFieldRequests.CustomFieldView customField) {
    }

    public record DeletedCustomField(@Schema(description = "HighLevel's spelling") boolean succeded) {
    }

    @GET
    @Operation(summary = "List the contact's custom fields", description = "model=opportunity answers none: Liaison has no opportunities.")
    @APIResponse(responseCode = "200", description = "The fields", content = @Content(schema = @Schema(implementation = CustomFieldList.class)))
    public CustomFieldList list(@PathParam("locationId") String locationId,
            @Parameter(description = "contact, opportunity or all") @QueryParam("model") @Size(max = 30) String model) {
        return new CustomFieldList(service.list(caller.location(locationId), model));
    }

    @POST
    @Operation(summary = "Create a contact custom field",
            description = "The key is made from the name (Pin code: contact.pin_code). At most LIAISON_LIMITS_FIELDS_PER_OBJECT (default 50).")
    @APIResponse(responseCode = "201", description = "The field", content = @Content(schema = @Schema(implementation = CustomFieldEnvelope.class)))
    @APIResponse(responseCode = "409", description = "A field has this key (DUPLICATE_FIELD_KEY), or the most fields are defined (LIMIT_EXCEEDED)", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response create(@PathParam("locationId") String locationId, @Valid @NotNull ContactFieldRequests.CreateField body) {
        return Response.status(201).entity(new CustomFieldEnvelope(service.create(caller.location(locationId), body))).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a contact custom field by id or field key (contact.pin_code)")
    @APIResponse(responseCode = "200", description = "The field", content = @Content(schema = @Schema(implementation = CustomFieldEnvelope.class)))
    public CustomFieldEnvelope get(@PathParam("locationId") String locationId, @PathParam("id") @Size(max = 200) String id) {
        return new CustomFieldEnvelope(service.get(caller.location(locationId), id));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Update a contact custom field", description = "name is required; the key and dataType never change.")
    @APIResponse(responseCode = "200", description = "The field", content = @Content(schema = @Schema(implementation = CustomFieldEnvelope.class)))
    public CustomFieldEnvelope update(@PathParam("locationId") String locationId, @PathParam("id") String id,
            @Valid @NotNull ContactFieldRequests.UpdateField body) {
        return new CustomFieldEnvelope(service.update(caller.location(locationId), id, body));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a contact custom field", description = "Refused with 409 FIELD_IN_USE while contacts hold a value for it.")
    @APIResponse(responseCode = "200", description = "Deleted", content = @Content(schema = @Schema(implementation = DeletedCustomField.class)))
    @APIResponse(responseCode = "409", description = "Contacts hold values for it (FIELD_IN_USE)", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public DeletedCustomField delete(@PathParam("locationId") String locationId, @PathParam("id") String id) {
        service.delete(caller.location(locationId), id);
        return new DeletedCustomField(true);
    }
}

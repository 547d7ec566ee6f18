package io.liaison.object;

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

@Path("/objects")
@RolesAllowed({ Roles.LOCATION, Roles.AGENCY })
@Tag(name = "Objects", description = "HighLevel-compatible custom objects (API v2): schemas and their fields")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
class ObjectResource {

    private final ObjectSchemaService service;
    private final Caller caller;

    public ObjectResource(ObjectSchemaService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    public record ObjectEnvelope(CustomObject object) {
    }

    public record ObjectList(List<CustomObject> objects) {
    }

    public record ObjectWithFields(CustomObject object, @Schema(description = "Always false: Liaison does not cache") boolean cache,
            @Schema(description = "Present when fetchProperties=true, and after declaring fields") List<FieldView> fields) {
    }

    public record DeletedObject(boolean deleted, String id, String key, String message, long recordsDeleted,
            long associationsDeleted) {
    }

    @POST
    @Path("/")
    @Operation(summary = "Create a custom object",
            description = "A location key creates objects in its own location; the agency token may too when it names locationId. "
                    + "The primary display property becomes the object's first field; more can be declared in `fields`. "
                    + "At most LIAISON_LIMITS_CUSTOM_OBJECTS objects per location (default 10).")
    @APIResponse(responseCode = "201", description = "The object", content = @Content(schema = @Schema(implementation = ObjectEnvelope.class)))
    @APIResponse(responseCode = "409", description = "The key is taken (DUPLICATE_OBJECT_KEY) or a limit is reached (LIMIT_EXCEEDED)", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response create(@Valid @NotNull ObjectRequests.CreateObject body) {
        requireLocationId(body.locationId());
        String locationId = caller.location(body.locationId());
        return Response.status(201).entity(new ObjectEnvelope(CustomObject.of(service.create(locationId, body)))).build();
    }

    @GET
    @Path("/")
    @Operation(summary = "List the objects of a location", description = "The standard contact object (standard: true) first, then custom objects by key.")
    @APIResponse(responseCode = "200", description = "The objects", content = @Content(schema = @Schema(implementation = ObjectList.class)))
    public ObjectList list(@Parameter(description = "The key's location") @QueryParam("locationId") @Size(max = 64) String locationId) {
        return new ObjectList(service.all(caller.location(locationId)));
    }

    @GET
    @Path("/{key}")
    @Operation(summary = "Get an object by key or id", description = "With fetchProperties=true the answer lists its fields.")
    @APIResponse(responseCode = "200", description = "The object", content = @Content(schema = @Schema(implementation = ObjectWithFields.class)))
    @APIResponse(responseCode = "404", description = "No such object in this location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public ObjectWithFields get(@PathParam("key") String key,
            @Parameter(description = "The key's location") @QueryParam("locationId") @Size(max = 64) String locationId,
            @Parameter(description = "Also answer the object's fields") @QueryParam("fetchProperties") boolean fetchProperties) {
        var described = service.describe(caller.location(locationId), key);
        return new ObjectWithFields(described.object(), false, fetchProperties ? described.fields() : null);
    }

    @PUT
    @Path("/{key}")
    @Operation(summary = "Update an object's labels, description and searchable properties",
            description = "The key and the graph label never change. searchableProperties must name declared fields.")
    @APIResponse(responseCode = "200", description = "The object", content = @Content(schema = @Schema(implementation = ObjectEnvelope.class)))
    @APIResponse(responseCode = "400", description = "The standard contact object cannot be changed here (STANDARD_OBJECT)", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No such object in this location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public ObjectEnvelope update(@PathParam("key") String key, @Valid @NotNull ObjectRequests.UpdateObject body) {
        return new ObjectEnvelope(CustomObject.of(service.update(caller.location(body.locationId()), key, body)));
    }

    @POST
    @Path("/{key}/fields")
    @Operation(summary = "Declare a field on an object (Liaison extension)",
            description = "Body: {locationId, key, name, dataType, options?}. At most LIAISON_LIMITS_FIELDS_PER_OBJECT fields per object (default 50).")
    @APIResponse(responseCode = "201", description = "The object and all its fields", content = @Content(schema = @Schema(implementation = ObjectWithFields.class)))
    @APIResponse(responseCode = "404", description = "No such object in this location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "The field key is taken (DUPLICATE_FIELD_KEY) or the object has its most fields (LIMIT_EXCEEDED)", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response addField(@PathParam("key") String key, @Valid @NotNull ObjectRequests.FieldBody body) {
        ObjectSchema schema = service.addFields(caller.location(body.locationId()), key, List.of(body));
        return Response.status(201).entity(new ObjectWithFields(CustomObject.of(schema), false,
                schema.fields().stream().map(f -> FieldView.of(schema, f)).toList())).build();
    }

    @DELETE
    @Path("/{key}")
    @Operation(summary = "Delete an object (Liaison extension)",
            description = "Refused with 409 OBJECT_IN_USE while the object has records or association labels, unless force=true, "
                    + "which removes its records (and their links) and the labels that name it, in one transaction.")
    @APIResponse(responseCode = "200", description = "Deleted", content = @Content(schema = @Schema(implementation = DeletedObject.class)))
    @APIResponse(responseCode = "404", description = "No such object in this location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "The object still has records or labels (OBJECT_IN_USE)", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public DeletedObject delete(@PathParam("key") String key,
            @Parameter(description = "The key's location") @QueryParam("locationId") @Size(max = 64) String locationId,
            @Parameter(description = "Also delete its records, their links and its association labels") @QueryParam("force") boolean force) {
        var deleted = service.delete(caller.location(locationId), key, force);
        ObjectSchema schema = deleted.schema();
        return new DeletedObject(true, schema.id(), schema.key(), "Object " + schema.key() + " deleted", deleted.removed().records(),
                deleted.removed().associations());
    }

    private static void requireLocationId(String locationId) {
        if (locationId == null || locationId.isBlank()) {
            throw Errors.ValidationFailed.of("locationId", "should not be empty");
        }
    }
}

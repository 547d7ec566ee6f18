package io.liaison.business;

import io.liaison.error.ErrorBody;
import io.liaison.error.Errors;
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

@Path("/businesses")
@Tag(name = "Businesses", description = "HighLevel's standard business (company) object; link contacts to one with an association label naming objectKey 'business'")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "404", description = "No such business in this location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
class BusinessResource {

    private final BusinessService service;
    private final Caller caller;

    public BusinessResource(BusinessService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    public record BusinessEnvelope(Business business) {
    }

    public record BusinessWritten(boolean success, Business business) {
    }

    public record BusinessList(List<Business> businesses) {
    }

    public record BusinessDeleted(boolean success) {
    }

    @POST
    @Path("/")
    @Operation(summary = "Create a business")
    @APIResponse(responseCode = "201", description = "The business", content = @Content(schema = @Schema(implementation = BusinessWritten.class)))
    public Response create(@Valid @NotNull BusinessRequest body) {
        if (body.locationId() == null || body.locationId().isBlank()) {
            throw Errors.ValidationFailed.of("locationId", "should not be empty");
        }
        return Response.status(201).entity(new BusinessWritten(true, service.create(caller.location(body.locationId()), body))).build();
    }

    @GET
    @Path("/")
    @Operation(summary = "List the location's businesses", description = "By name; skip and limit (1 to 100, default 20) page.")
    @APIResponse(responseCode = "200", description = "A page of businesses", content = @Content(schema = @Schema(implementation = BusinessList.class)))
    public BusinessList list(
            @Parameter(description = "The key's location") @QueryParam("locationId") @Size(max = 64) String locationId,
            @Parameter(description = "Businesses to skip", example = "0") @QueryParam("skip") Integer skip,
            @Parameter(description = "Page size, 1 to 100", example = "20") @QueryParam("limit") Integer limit) {
        return new BusinessList(service.list(caller.location(locationId), skip, limit));
    }

    @GET
    @Path("/{businessId}")
    @Operation(summary = "Get a business")
    @APIResponse(responseCode = "200", description = "The business", content = @Content(schema = @Schema(implementation = BusinessEnvelope.class)))
    public BusinessEnvelope get(@PathParam("businessId") String businessId) {
        return new BusinessEnvelope(service.get(caller.location(), businessId));
    }

    @PUT
    @Path("/{businessId}")
    @Operation(summary = "Update a business", description = "Fields left out are kept; an empty string clears one (not the name).")
    @APIResponse(responseCode = "200", description = "The business", content = @Content(schema = @Schema(implementation = BusinessWritten.class)))
    public BusinessWritten update(@PathParam("businessId") String businessId, @Valid @NotNull BusinessRequest body) {
        return new BusinessWritten(true, service.update(caller.location(body.locationId()), businessId, body));
    }

    @DELETE
    @Path("/{businessId}")
    @Operation(summary = "Delete a business and its links", description = "The business and every association link it has go in one transaction.")
    @APIResponse(responseCode = "200", description = "Deleted", content = @Content(schema = @Schema(implementation = BusinessDeleted.class)))
    public BusinessDeleted delete(@PathParam("businessId") String businessId) {
        service.delete(caller.location(), businessId);
        return new BusinessDeleted(true);
    }
}

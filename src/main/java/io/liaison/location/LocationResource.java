package io.liaison.location;

import io.liaison.error.ErrorBody;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/locations")
@Tag(name = "Locations", description = "Tenants and their API keys (agency token only)")
@SecurityRequirement(name = "bearer")
@AgencyOnly
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LocationResource {

    private final LocationService service;

    public LocationResource(LocationService service) {
        this.service = service;
    }

    public record LocationEnvelope(Location location) {
    }

    public record ApiKeyResponse(@Schema(description = "Shown once; only its hash is stored") String apiKey, String locationId) {
    }

    @POST
    @Path("/")
    @Operation(summary = "Create a location (sub-account)")
    @APIResponse(responseCode = "201", description = "The location", content = @Content(schema = @Schema(implementation = Location.class)))
    @APIResponse(responseCode = "401", description = "Missing token or not the agency token", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "A field is invalid", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response create(@Valid @NotNull LocationRequest body) {
        return Response.status(201).entity(service.create(body)).build();
    }

    @GET
    @Path("/{locationId}")
    @Operation(summary = "Get a location")
    @APIResponse(responseCode = "200", description = "The location", content = @Content(schema = @Schema(implementation = LocationEnvelope.class)))
    @APIResponse(responseCode = "401", description = "Missing token or not the agency token", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No such location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public LocationEnvelope get(@PathParam("locationId") String locationId) {
        return new LocationEnvelope(service.get(locationId));
    }

    @POST
    @Path("/{locationId}/api-keys")
    @Operation(summary = "Create an API key for a location", description = "The key is answered once and stored only as a hash.")
    @APIResponse(responseCode = "201", description = "The new key", content = @Content(schema = @Schema(implementation = ApiKeyResponse.class)))
    @APIResponse(responseCode = "401", description = "Missing token or not the agency token", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No such location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response createKey(@PathParam("locationId") String locationId) {
        return Response.status(201).entity(new ApiKeyResponse(service.createKey(locationId), locationId)).build();
    }
}

package io.liaison.location;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liaison.error.ErrorBody;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/locations")
@Tag(name = "Locations", description = "Tenants and their API keys (agency token only)")
@SecurityRequirement(name = "bearer")
@RolesAllowed(Roles.AGENCY)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LocationResource {

    private final LocationService service;
    private final ApiKeys apiKeys;
    private final ObjectMapper json;

    public LocationResource(LocationService service, ApiKeys apiKeys, ObjectMapper json) {
        this.service = service;
        this.apiKeys = apiKeys;
        this.json = json;
    }

    public record LocationEnvelope(Location location) {
    }

    public record ApiKeyResponse(@Schema(description = "Shown once; only its hash is stored") String apiKey, String locationId,
            @Schema(description = "Identifies the key for listing and DELETE") String id, boolean readOnly) {
    }

    @Schema(name = "CreateApiKeyRequest")
    public record ApiKeyRequest(
            @Schema(description = "A read-only key may call GET endpoints and searches; any other call is 403 READ_ONLY_KEY")
            Boolean readOnly) {
    }

    public record ApiKeyList(List<ApiKeys.KeyInfo> apiKeys) {
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

    public record LocationList(List<Location> locations) {
    }

    @GET
    @Path("/")
    @Operation(summary = "List the agency's locations", description = "By name, a page at a time.")
    @APIResponse(responseCode = "200", description = "A page of locations", content = @Content(schema = @Schema(implementation = LocationList.class)))
    @APIResponse(responseCode = "401", description = "Missing token or not the agency token", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "skip or limit out of range", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public LocationList list(@Parameter(description = "Locations to skip, 0 to 10000", example = "0") @QueryParam("skip") Integer skip,
            @Parameter(description = "Page size, 1 to 100 (default 20)", example = "20") @QueryParam("limit") Integer limit) {
        return new LocationList(service.page(skip, limit));
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
    @SecretInAnswer("apiKey")
    @Operation(summary = "Create an API key for a location",
            description = "The key is answered once and stored only as a hash. The body is optional; {\"readOnly\": true} makes a read-only key.")
    @APIResponse(responseCode = "201", description = "The new key", content = @Content(schema = @Schema(implementation = ApiKeyResponse.class)))
    @APIResponse(responseCode = "401", description = "Missing token or not the agency token", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No such location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "LIMIT_EXCEEDED: the location has the most keys it may have", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @Consumes(MediaType.WILDCARD)
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiKeyRequest.class)))
    public Response createKey(@PathParam("locationId") String locationId, String body) throws JsonProcessingException {
        // The body is optional and a bare POST (no Content-Type) has always made a key, so it is read here.
        ApiKeyRequest request = body == null || body.isBlank() ? null : json.readValue(body, ApiKeyRequest.class);
        ApiKeys.Created key = apiKeys.create(locationId, request != null && Boolean.TRUE.equals(request.readOnly()));
        return Response.status(201).entity(new ApiKeyResponse(key.apiKey(), locationId, key.id(), key.readOnly())).build();
    }

    @GET
    @Path("/{locationId}/api-keys")
    @Operation(summary = "List a location's API keys", description = "Id, prefix, creation and last use of each key; never the key itself.")
    @APIResponse(responseCode = "200", description = "The keys, oldest first", content = @Content(schema = @Schema(implementation = ApiKeyList.class)))
    @APIResponse(responseCode = "401", description = "Missing token or not the agency token", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No such location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public ApiKeyList listKeys(@PathParam("locationId") String locationId) {
        return new ApiKeyList(apiKeys.list(locationId));
    }

    @DELETE
    @Path("/{locationId}/api-keys/{keyId}")
    @Operation(summary = "Revoke an API key", description = "Every instance sharing the database refuses the key within 1 s.")
    @APIResponse(responseCode = "200", description = "Revoked", content = @Content(schema = @Schema(implementation = Revoked.class)))
    @APIResponse(responseCode = "401", description = "Missing token or not the agency token", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No such location, or no such key in it", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Revoked revokeKey(@PathParam("locationId") String locationId, @PathParam("keyId") String keyId) {
        apiKeys.revoke(locationId, keyId);
        return new Revoked(true, keyId);
    }

    public record Revoked(boolean deleted, String id) {
    }
}

package io.liaison.location;

import io.liaison.error.ErrorBody;
import jakarta.annotation.security.RolesAllowed;
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

@Path("/agency")
@Tag(name = "Locations", description = "Tenants and their API keys (agency token only)")
@SecurityRequirement(name = "bearer")
@RolesAllowed(Roles.AGENCY)
@Produces(MediaType.APPLICATION_JSON)
class AgencyResource {

    private final AgencyToken agencyToken;

    public AgencyResource(AgencyToken agencyToken) {
        this.agencyToken = agencyToken;
    }

    public record RotatedToken(@Schema(description = "The new agency token, shown once; the old one stops working within 1 s") String agencyToken) {
    }

    @POST
    @Path("/token/rotate")
    @SecretInAnswer("agencyToken")
    @Operation(summary = "Rotate the agency token",
            description = "Replaces a generated agency token. A token set by LIAISON_AGENCY_TOKEN is changed there instead (409).")
    @APIResponse(responseCode = "200", description = "The new token", content = @Content(schema = @Schema(implementation = RotatedToken.class)))
    @APIResponse(responseCode = "401", description = "Missing token or not the agency token", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "AGENCY_TOKEN_CONFIGURED: the token comes from configuration", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public RotatedToken rotate() {
        return new RotatedToken(agencyToken.rotate());
    }
}

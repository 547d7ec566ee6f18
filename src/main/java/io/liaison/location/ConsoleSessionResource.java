package io.liaison.location;

import io.liaison.error.ErrorBody;
import io.liaison.error.Errors;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Sign-in and sign-out for the console at /. The browser posts its token here once and gets back an
 * HttpOnly session cookie; the API's other endpoints then accept that cookie in place of the
 * bearer header (see {@link BearerAuthentication}). Integrators keep using the bearer header. The
 * endpoints are {@code @PermitAll}: they check the token or the cookie themselves.
 */
@Path("/console/session")
@PermitAll
@Tag(name = "Console", description = "The browser console's sign-in (a session cookie instead of the bearer header)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
class ConsoleSessionResource {

    private final ConsoleSessions sessions;
    private final AgencyToken agencyToken;
    private final ApiKeys apiKeys;
    private final LocationService locations;
    private final FailedAuthentications failures;

    public ConsoleSessionResource(ConsoleSessions sessions, AgencyToken agencyToken, ApiKeys apiKeys, LocationService locations,
            FailedAuthentications failures) {
        this.sessions = sessions;
        this.agencyToken = agencyToken;
        this.apiKeys = apiKeys;
        this.locations = locations;
        this.failures = failures;
    }

    @Schema(name = "ConsoleSignIn")
    public record SignIn(
            @Schema(description = "A location API key, or the agency token") @NotBlank @Size(max = 512) String token) {
    }

    @Schema(name = "ConsoleLocationChoice")
    public record LocationChoice(@NotBlank @Size(max = 64) String locationId) {
    }

    @Schema(name = "ConsoleSession", description = "Who is signed in; the token itself is never answered")
    public record SessionView(
            @Schema(description = "agency or location", example = "location") String kind,
            @Schema(description = "The location the console works on; empty for the agency until one is chosen") String locationId,
            String locationName,
            boolean readOnly,
            @Schema(description = "Send it back as X-CSRF-Token on every write made with the session cookie") String csrfToken) {
    }

    @POST
    @Operation(summary = "Sign the console in", description = "Checks the token and answers a session cookie (HttpOnly, SameSite=Strict).")
    @APIResponse(responseCode = "200", description = "Signed in", content = @Content(schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "401", description = "The token is not known", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "No token", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response signIn(@Valid @NotNull SignIn body, @Context UriInfo uri, @HeaderParam("X-Forwarded-Proto") String forwardedProto,
            @Context HttpServerRequest http) {
        // Sign-in guesses count toward the same per-address bound as bad bearer tokens.
        String address = FailedAuthentications.addressOf(http);
        failures.refuseIfBlocked(address);
        String token = body.token().strip();
        ConsoleSessions.Session session;
        if (agencyToken.matches(token)) {
            session = sessions.open(token, true, null);
        } else {
            Optional<ApiKeys.Key> key = apiKeys.authenticate(token);
            if (key.isEmpty()) {
                failures.failed(address);
                throw new Errors.Unauthorized("That key is not known: check it, or ask for a new one");
            }
            session = sessions.open(token, false, key.get().locationId());
        }
        boolean secure = "https".equalsIgnoreCase(uri.getBaseUri().getScheme()) || "https".equalsIgnoreCase(forwardedProto);
        return Response.ok(view(session)).cookie(cookie(session.id, secure, NewCookie.DEFAULT_MAX_AGE)).build();
    }

    @GET
    @Operation(summary = "The signed-in session", description = "Also answers the CSRF token again, for a reloaded page.")
    @APIResponse(responseCode = "200", description = "Signed in", content = @Content(schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "401", description = "Not signed in", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public SessionView current(@CookieParam(ConsoleSessions.COOKIE) String cookie) {
        return view(signedIn(cookie));
    }

    @PUT
    @Path("/location")
    @Operation(summary = "Choose the location an agency session works on")
    @APIResponse(responseCode = "200", description = "Chosen", content = @Content(schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "403", description = "Not an agency session, or a missing CSRF token", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No such location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public SessionView chooseLocation(@CookieParam(ConsoleSessions.COOKIE) String cookie,
            @HeaderParam(ConsoleSessions.CSRF_HEADER) String csrf, @Valid @NotNull LocationChoice body) {
        ConsoleSessions.Session session = signedIn(cookie);
        requireCsrf(session, csrf);
        if (!session.agency) {
            throw new Errors.Forbidden("AGENCY_ONLY", "Only a session signed in with the agency token chooses its location", "locationId");
        }
        Location location = locations.get(body.locationId());
        sessions.chooseLocation(session, location.id());
        return view(session);
    }

    @DELETE
    @Operation(summary = "Sign the console out", description = "Ends the session and clears its cookie.")
    @APIResponse(responseCode = "204", description = "Signed out")
    public Response signOut(@CookieParam(ConsoleSessions.COOKIE) String cookie, @HeaderParam(ConsoleSessions.CSRF_HEADER) String csrf) {
        sessions.find(cookie).ifPresent(session -> {
            requireCsrf(session, csrf);
            sessions.close(session);
        });
        return Response.noContent().cookie(cookie("", false, 0)).build();
    }

    /** The cookie's session, while the token it signed in with is still good (a revoked key or a rotated agency token ends it). */
    private ConsoleSessions.Session signedIn(String cookie) {
        ConsoleSessions.Session session = sessions.find(cookie).orElseThrow(() -> new Errors.Unauthorized("Not signed in"));
        boolean stillGood = session.agency ? agencyToken.matches(session.token) : apiKeys.authenticate(session.token).isPresent();
        if (!stillGood) {
            sessions.close(session);
            throw new Errors.Unauthorized("The key this console signed in with is no longer valid: sign in again");
        }
        return session;
    }

    /** The one CSRF check, shared with {@link BearerAuthentication}. */
    static void requireCsrf(ConsoleSessions.Session session, String csrf) {
        if (csrf == null || !MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8), session.csrfToken().getBytes(StandardCharsets.UTF_8))) {
            throw new Errors.Forbidden("CSRF_TOKEN_INVALID",
                    "A write made with the console's session cookie must carry the session's " + ConsoleSessions.CSRF_HEADER + " header",
                    ConsoleSessions.CSRF_HEADER);
        }
    }

    private SessionView view(ConsoleSessions.Session session) {
        String locationId = session.locationId();
        String locationName = locationId == null ? null : locations.find(locationId).map(Location::name).orElse(null);
        boolean readOnly = !session.agency && apiKeys.authenticate(session.token).map(ApiKeys.Key::readOnly).orElse(true);
        return new SessionView(session.agency ? "agency" : "location", locationId, locationName, readOnly, session.csrfToken());
    }

    private static NewCookie cookie(String value, boolean secure, int maxAge) {
        return new NewCookie.Builder(ConsoleSessions.COOKIE).value(value).path("/").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }
}

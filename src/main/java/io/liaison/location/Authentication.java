package io.liaison.location;

import io.liaison.error.Errors;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every API request carries {@code Authorization: Bearer <token>}. The token decides who calls: the
 * agency token for agency endpoints, a location key for everything else. HighLevel's {@code Version}
 * header is accepted and never required.
 */
public class Authentication {

    private static final int MAX_TOKEN_LENGTH = 512;

    private final Caller caller;
    private final AgencyToken agencyToken;
    private final ApiKeys apiKeys;
    private final ConsoleSessions consoleSessions;
    private final FailedAuthentications failures;

    public Authentication(Caller caller, AgencyToken agencyToken, ApiKeys apiKeys, ConsoleSessions consoleSessions,
            FailedAuthentications failures) {
        this.caller = caller;
        this.agencyToken = agencyToken;
        this.apiKeys = apiKeys;
        this.consoleSessions = consoleSessions;
        this.failures = failures;
    }

    @ServerRequestFilter
    public void authenticate(ContainerRequestContext request, ResourceInfo resource, HttpServerRequest http) {
        if (resource == null || resource.getResourceClass() == null || resource.getResourceClass().isAnnotationPresent(SessionEndpoint.class)) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<ConsoleSessions.Session> session = header == null ? consoleSession(request) : Optional.empty();
        String token = session.map(s -> s.token).or(() -> bearerToken(header))
                .orElseThrow(() -> new Errors.Unauthorized("Missing bearer token: send 'Authorization: Bearer <key>'"));
        String address = FailedAuthentications.addressOf(http);
        failures.refuseIfBlocked(address);
        boolean agencyOnly = annotated(resource, AgencyOnly.class);
        boolean agencyAllowed = agencyOnly || annotated(resource, AgencyAllowed.class);
        boolean agency = agencyToken.matches(token);
        if (agency && session.isPresent() && !agencyOnly && session.get().locationId() != null) {
            // An agency console session works on the location it chose, like that location's full key.
            caller.authenticateAsAgencyOn(session.get().locationId());
            return;
        }
        if (agencyAllowed && agency) {
            caller.authenticateAsAgency();
            return;
        }
        if (agencyOnly) {
            failures.failed(address);
            throw new Errors.Unauthorized("This endpoint needs the agency token");
        }
        Optional<ApiKeys.Key> known = agency ? Optional.empty() : apiKeys.authenticate(token);
        if (known.isEmpty()) {
            if (!agency) {
                failures.failed(address);
            }
            throw new Errors.Unauthorized("Invalid token: the API key is not known");
        }
        ApiKeys.Key key = known.get();
        if (key.readOnly() && writes(request)) {
            throw new Errors.Forbidden("READ_ONLY_KEY",
                    "This API key is read-only: it may call GET endpoints and searches, not " + request.getMethod(), "Authorization");
        }
        caller.authenticateAsLocation(key);
    }

    /**
     * The console's session cookie stands in for the bearer header. Its writes must echo the
     * session's CSRF token: SameSite=Strict already keeps other sites' requests from carrying the
     * cookie, and the header is a second, independent guard.
     */
    private Optional<ConsoleSessions.Session> consoleSession(ContainerRequestContext request) {
        var cookie = request.getCookies().get(ConsoleSessions.COOKIE);
        Optional<ConsoleSessions.Session> session = consoleSessions.find(cookie == null ? null : cookie.getValue());
        if (session.isPresent() && unsafe(request.getMethod())) {
            ConsoleSessionResource.requireCsrf(session.get(), request.getHeaderString(ConsoleSessions.CSRF_HEADER));
        }
        return session;
    }

    private static boolean unsafe(String method) {
        return !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method));
    }

    /**
     * Anything but GET, HEAD and OPTIONS writes, except the searches, which HighLevel's API sends as
     * POST .../search with the query in the body. Idempotency keys follow the same rule.
     */
    public static boolean writes(ContainerRequestContext request) {
        String method = request.getMethod();
        if (!unsafe(method)) {
            return false;
        }
        String path = request.getUriInfo().getPath();
        return !("POST".equals(method) && (path.endsWith("/search") || path.endsWith("/search/")));
    }

    private static Optional<String> bearerToken(String header) {
        if (header == null || header.length() > MAX_TOKEN_LENGTH + 7) {
            return Optional.empty();
        }
        String trimmed = header.strip();
        if (trimmed.length() < 8 || !trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = trimmed.substring(7).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    private static boolean annotated(ResourceInfo resource, Class<? extends java.lang.annotation.Annotation> annotation) {
        return resource.getResourceMethod().isAnnotationPresent(annotation)
                || resource.getResourceClass().isAnnotationPresent(annotation);
    }
}

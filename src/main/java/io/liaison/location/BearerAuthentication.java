package io.liaison.location;

import io.liaison.neo4j.DatabaseReadiness;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the caller's token: {@code Authorization: Bearer <token>} (a location API key or the agency
 * token), or, when a request has no Authorization header, the console's session cookie, which stands
 * for the token its browser signed in with. {@link TokenIdentities} then decides who that is.
 * HighLevel's {@code Version} header is accepted and never required.
 *
 * <p>Authentication is not proactive ({@code quarkus.http.auth.proactive=false}): Quarkus asks this
 * mechanism only when a resource method needs an identity, after routing. A request without a token
 * gets the anonymous identity, which no {@code @RolesAllowed} admits: 401 (see {@link AuthenticationFailures}).
 */
@ApplicationScoped
public class BearerAuthentication implements HttpAuthenticationMechanism {

    private static final int MAX_TOKEN_LENGTH = 512;
    private static final HttpCredentialTransport TRANSPORT = new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer");

    private final ConsoleSessions consoleSessions;
    private final DatabaseReadiness readiness;

    public BearerAuthentication(ConsoleSessions consoleSessions, DatabaseReadiness readiness) {
        this.consoleSessions = consoleSessions;
        this.readiness = readiness;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        return Uni.createFrom().deferred(() -> {
            // Security runs before the resource's request filters; checking a token needs the database,
            // so an outage is 503 here first, as DatabaseReadiness's filter answers it for public endpoints.
            readiness.refuseUntilReady();
            HttpServerRequest request = context.request();
            List<String> headers = request.headers().getAll(HttpHeaders.AUTHORIZATION);
            // Several Authorization headers are read as one comma-joined value, as JAX-RS does: no token.
            String header = headers.isEmpty() ? null : String.join(",", headers);
            Optional<ConsoleSessions.Session> session = header == null ? consoleSession(request) : Optional.empty();
            Optional<String> token = session.map(s -> s.token).or(() -> bearerToken(header));
            if (token.isEmpty()) {
                return Uni.createFrom().optional(Optional.empty());
            }
            return identities.authenticate(new BearerTokenRequest(token.get(), FailedAuthentications.addressOf(request), session.orElse(null)));
        });
    }

    /**
     * The console's session cookie stands in for the bearer header. Its writes must echo the
     * session's CSRF token: SameSite=Strict already keeps other sites' requests from carrying the
     * cookie, and the header is a second, independent guard.
     */
    private Optional<ConsoleSessions.Session> consoleSession(HttpServerRequest request) {
        Cookie cookie = request.getCookie(ConsoleSessions.COOKIE);
        Optional<ConsoleSessions.Session> session = consoleSessions.find(cookie == null ? null : cookie.getValue());
        if (session.isPresent() && Authentication.unsafe(request.method().name())) {
            ConsoleSessionResource.requireCsrf(session.get(), request.getHeader(ConsoleSessions.CSRF_HEADER));
        }
        return session;
    }

    static Optional<String> bearerToken(String header) {
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

    /** Not used for Liaison's resources (AuthenticationFailures answers every refusal with an error body); a bare 401 otherwise. */
    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, null, null));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(BearerTokenRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(TRANSPORT);
    }
}

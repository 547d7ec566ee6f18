package io.liaison.location;

import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Who a token is: the agency token, or a location key (looked up through {@link ApiKeys}' cache, so a
 * revoked key is refused everywhere within 1 s), as a {@link SecurityIdentity} with {@link Roles}.
 * The identity's attributes carry what {@link Authentication} binds to {@link Caller}: the key, or the
 * location an agency console session chose. Its principal names the key by id, never by the secret.
 *
 * <p>An address past its bound of failed authentications is refused (429) before the token is looked
 * up; a token that is neither the agency token nor a known key counts toward that bound.
 */
@ApplicationScoped
public class TokenIdentities implements IdentityProvider<BearerTokenRequest> {

    static final String KEY = "io.liaison.location.key";
    static final String SESSION_LOCATION = "io.liaison.location.sessionLocationId";

    private final AgencyToken agencyToken;
    private final ApiKeys apiKeys;
    private final FailedAuthentications failures;

    public TokenIdentities(AgencyToken agencyToken, ApiKeys apiKeys, FailedAuthentications failures) {
        this.agencyToken = agencyToken;
        this.apiKeys = apiKeys;
        this.failures = failures;
    }

    @Override
    public Class<BearerTokenRequest> getRequestType() {
        return BearerTokenRequest.class;
    }

    /**
     * Quarkus asks on the event loop (before a blocking endpoint moves to a worker thread). A token the
     * caches already know is answered right there; only one that needs the database is handed to a
     * worker thread, which costs a thread switch per request when done for every request.
     */
    @Override
    public Uni<SecurityIdentity> authenticate(BearerTokenRequest request, AuthenticationRequestContext context) {
        if (!BlockingOperationControl.isBlockingAllowed()) {
            Optional<SecurityIdentity> known = identifyWithoutLookup(request);
            if (known.isPresent()) {
                return Uni.createFrom().item(known.get());
            }
        }
        return context.runBlocking(() -> identify(request));
    }

    /** The identity when memory alone tells it: the address is not blocked and the token is cached. */
    private Optional<SecurityIdentity> identifyWithoutLookup(BearerTokenRequest request) {
        if (failures.blockedFor(request.clientAddress()) > 0) {
            return Optional.empty();
        }
        Optional<Boolean> agency = agencyToken.matchesWithoutLookup(request.token());
        if (agency.isEmpty()) {
            return Optional.empty();
        }
        return agency.get() ? Optional.of(agency(request)) : apiKeys.authenticateWithoutLookup(request.token()).map(TokenIdentities::location);
    }

    SecurityIdentity identify(BearerTokenRequest request) {
        failures.refuseIfBlocked(request.clientAddress());
        if (agencyToken.matches(request.token())) {
            return agency(request);
        }
        Optional<ApiKeys.Key> known = apiKeys.authenticate(request.token());
        if (known.isEmpty()) {
            failures.failed(request.clientAddress());
            throw new AuthenticationFailedException("The token is neither the agency token nor a known API key");
        }
        return location(known.get());
    }

    private static SecurityIdentity agency(BearerTokenRequest request) {
        QuarkusSecurityIdentity.Builder agency = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("agency"))
                .addRole(Roles.AGENCY)
                .addRole(Roles.WRITE);
        String chosen = request.session() == null ? null : request.session().locationId();
        if (chosen != null) {
            // An agency console session works on the location it chose, like that location's full key.
            agency.addRole(Roles.LOCATION).addAttribute(SESSION_LOCATION, chosen);
        }
        return agency.build();
    }

    private static SecurityIdentity location(ApiKeys.Key key) {
        QuarkusSecurityIdentity.Builder location = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("key:" + key.id()))
                .addRole(Roles.LOCATION)
                .addAttribute(KEY, key);
        if (!key.readOnly()) {
            location.addRole(Roles.WRITE);
        }
        return location.build();
    }
}

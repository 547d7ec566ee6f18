package io.liaison.location;

import io.liaison.error.ApiException;
import io.liaison.error.ErrorMappers;
import io.liaison.error.Errors;
import io.liaison.error.Refusals;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Quarkus Security's refusals in HighLevel's error shape, with the messages Liaison always answered.
 * Every one is 401 UNAUTHORIZED: HighLevel answers a token that does not fit the endpoint as
 * unauthorized, not forbidden. (The 403s of authentication, READ_ONLY_KEY and CSRF_TOKEN_INVALID,
 * are Liaison's own errors and go through {@link ErrorMappers}.)
 */
public class AuthenticationFailures {

    static final String MISSING_TOKEN = "Missing bearer token: send 'Authorization: Bearer <key>'";
    static final String UNKNOWN_TOKEN = "Invalid token: the API key is not known";
    static final String AGENCY_TOKEN_NEEDED = "This endpoint needs the agency token";

    private final Refusals refusals;
    private final FailedAuthentications failures;

    public AuthenticationFailures(Refusals refusals, FailedAuthentications failures) {
        this.refusals = refusals;
        this.failures = failures;
    }

    /** No token (the anonymous identity) on an endpoint that needs one. */
    @ServerExceptionMapper
    public Response missingToken(UnauthorizedException e) {
        return refuse(new Errors.Unauthorized(MISSING_TOKEN));
    }

    /** A token that is neither the agency token nor a known key (already counted by {@link TokenIdentities}). */
    @ServerExceptionMapper
    public Response unknownToken(AuthenticationFailedException e, SimpleResourceInfo resource) {
        return refuse(new Errors.Unauthorized(agencyOnly(resource) ? AGENCY_TOKEN_NEEDED : UNKNOWN_TOKEN));
    }

    /**
     * A known token without the endpoint's role: a location key on an agency endpoint (counted as a
     * failed authentication, since it is not the token that endpoint takes), or the agency token on
     * an endpoint only location keys call.
     */
    @ServerExceptionMapper
    public Response wrongToken(ForbiddenException e, SimpleResourceInfo resource, HttpServerRequest http) {
        if (agencyOnly(resource)) {
            failures.failed(FailedAuthentications.addressOf(http));
            return refuse(new Errors.Unauthorized(AGENCY_TOKEN_NEEDED));
        }
        return refuse(new Errors.Unauthorized(UNKNOWN_TOKEN));
    }

    private Response refuse(ApiException e) {
        refusals.count(e.code());
        return ErrorMappers.answer(e);
    }

    private static boolean agencyOnly(SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null) {
            return false;
        }
        try {
            return Authentication.agencyOnly(resource.getResourceClass().getMethod(resource.getMethodName(), resource.parameterTypes()),
                    resource.getResourceClass());
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}

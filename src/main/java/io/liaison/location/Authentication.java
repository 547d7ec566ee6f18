package io.liaison.location;

import io.liaison.error.Errors;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * After Quarkus Security admitted a request ({@link BearerAuthentication}, {@link TokenIdentities},
 * the resource's {@code @RolesAllowed}): refuses a read-only key's writes and tells {@link Caller}
 * who calls, which also puts the location id into the request's log lines.
 */
public class Authentication {

    private final Caller caller;
    private final SecurityIdentity identity;

    public Authentication(Caller caller, SecurityIdentity identity) {
        this.caller = caller;
        this.identity = identity;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public void bindCaller(ContainerRequestContext request, ResourceInfo resource) {
        if (resource == null || resource.getResourceMethod() == null || publicEndpoint(resource.getResourceMethod(), resource.getResourceClass())) {
            return;
        }
        if (!identity.hasRole(Roles.WRITE) && writes(request)) {
            throw new Errors.Forbidden("READ_ONLY_KEY",
                    "This API key is read-only: it may call GET endpoints and searches, not " + request.getMethod(), "Authorization");
        }
        String chosenLocation = identity.getAttribute(TokenIdentities.SESSION_LOCATION);
        ApiKeys.Key key = identity.getAttribute(TokenIdentities.KEY);
        if (identity.hasRole(Roles.AGENCY) && (chosenLocation == null || agencyOnly(resource.getResourceMethod(), resource.getResourceClass()))) {
            caller.authenticateAsAgency();
        } else if (key != null) {
            caller.authenticateAsLocation(key);
        } else {
            caller.authenticateAsAgencyOn(chosenLocation);
        }
    }

    /** {@code @PermitAll} endpoints (the console's sign-in) authenticate by themselves. */
    private static boolean publicEndpoint(Method method, Class<?> resourceClass) {
        return method.isAnnotationPresent(PermitAll.class)
                || (!method.isAnnotationPresent(RolesAllowed.class) && resourceClass.isAnnotationPresent(PermitAll.class));
    }

    /** Endpoints whose roles leave out {@link Roles#LOCATION}: HighLevel's agency-level endpoints. */
    static boolean agencyOnly(Method method, Class<?> resourceClass) {
        RolesAllowed roles = method.isAnnotationPresent(RolesAllowed.class) ? method.getAnnotation(RolesAllowed.class)
                : resourceClass.getAnnotation(RolesAllowed.class);
        return roles != null && !List.of(roles.value()).contains(Roles.LOCATION);
    }

    static boolean unsafe(String method) {
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
}

package io.liaison.location;

/**
 * The roles a caller's {@link io.quarkus.security.identity.SecurityIdentity} carries, as
 * {@link TokenIdentities} grants them, and the names resources put in {@code @RolesAllowed}.
 *
 * <ul>
 * <li>{@link #LOCATION}: a location API key, or an agency console session that chose a location.
 * Every resource that names no roles takes this one ({@code quarkus.security.jaxrs.default-roles-allowed}).
 * <li>{@link #AGENCY}: the agency token (sent as the bearer token or signed in on the console).
 * {@code @RolesAllowed(Roles.AGENCY)} marks HighLevel's agency-level endpoints;
 * {@code @RolesAllowed({Roles.LOCATION, Roles.AGENCY})} endpoints that also take the agency token,
 * which must then name its locationId.
 * <li>{@link #WRITE}: every caller but a read-only key. A read-only key may call GET endpoints and
 * searches; which requests write is one rule ({@link Authentication#writes}), not an annotation per
 * method, so an endpoint added later cannot forget it.
 * </ul>
 */
public final class Roles {
    public static final String LOCATION = "location";
    public static final String AGENCY = "agency";
    public static final String WRITE = "write";

    private Roles() {
    }
}

package io.liaison.location;

import io.liaison.error.QuotedValues;
import io.liaison.error.Errors;
import jakarta.enterprise.context.RequestScoped;
import org.jboss.logging.MDC;
import java.util.Optional;

/**
 * Who is calling, as decided by the bearer token. A location key fixes the location; every query
 * is then bounded by it, so another location's records behave exactly like missing ones.
 */
@RequestScoped
public class Caller {

    /** The log lines of a request carry its location under this MDC key, from the moment it is known (see ops/RequestContext). */
    public static final String LOG_LOCATION_ID = "locationId";

    private static void logLocation(String locationId) {
        MDC.put(LOG_LOCATION_ID, locationId);
    }

    private String locationId;
    private String keyId;
    private boolean agency;

    void authenticateAsLocation(ApiKeys.Key key) {
        this.locationId = key.locationId();
        this.keyId = key.id();
        this.agency = false;
        logLocation(locationId);
    }

    /** An agency console session that chose a location: it acts on that location with every right, under no key. */
    void authenticateAsAgencyOn(String locationId) {
        this.locationId = locationId;
        this.keyId = null;
        this.agency = false;
        logLocation(locationId);
    }

    void authenticateAsAgency() {
        this.agency = true;
        this.locationId = null;
        this.keyId = null;
    }

    /** The location key this request came with; empty for the agency token or before authentication. */
    public Optional<String> keyId() {
        return Optional.ofNullable(keyId);
    }

    public boolean isAgency() {
        return agency;
    }

    /**
     * The location this request acts on. A locationId the client sent (query or body) must be the
     * key's own: naming another location is refused with 403, never silently ignored.
     */
    public String location(String claimedLocationId) {
        if (agency) {
            if (claimedLocationId == null || claimedLocationId.isBlank()) {
                throw Errors.ValidationFailed.of("locationId", "is required when calling with the agency token");
            }
            logLocation(claimedLocationId);
            return claimedLocationId;
        }
        if (locationId == null) {
            throw new Errors.Unauthorized("A location API key is required");
        }
        if (claimedLocationId != null && !claimedLocationId.isEmpty() && !claimedLocationId.equals(locationId)) {
            throw new Errors.Forbidden("LOCATION_MISMATCH",
                    "locationId '" + QuotedValues.abbreviate(claimedLocationId) + "' is not the location of this API key", "locationId");
        }
        return locationId;
    }

    /** The key's location, for endpoints that take no locationId. */
    public String location() {
        return location(null);
    }

}

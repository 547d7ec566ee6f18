package io.liaison.business;

import io.liaison.phone.PhoneNumbers;
import io.liaison.error.Errors;
import io.liaison.error.Updates;
import io.liaison.neo4j.Ids;
import io.liaison.neo4j.SearchWindow;
import io.liaison.neo4j.Timestamps;
import io.liaison.object.ObjectType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.TransactionContext;

/**
 * The rules of businesses, HighLevel's standard company object: a name is required, the node's
 * {@code displayName} (what relations and the graph show) is the name, and deleting one removes its links.
 */
@ApplicationScoped
public class BusinessService {

    private final BusinessRepository repository;
    private final PhoneNumbers phones;

    public BusinessService(BusinessRepository repository, PhoneNumbers phones) {
        this.repository = repository;
        this.phones = phones;
    }

    public Business create(String locationId, BusinessRequest request) {
        Map<String, Object> properties = new HashMap<>(given(request));
        properties.values().removeIf(v -> v == null);
        if (!properties.containsKey("name")) {
            throw Errors.ValidationFailed.of("name", "should not be empty");
        }
        ZonedDateTime now = Timestamps.now();
        properties.put("id", Ids.newId());
        properties.put("locationId", locationId);
        properties.put("objectKey", ObjectType.BUSINESS_KEY);
        properties.put("displayName", properties.get("name"));
        properties.put("createdAt", now);
        properties.put("updatedAt", now);
        return repository.create(properties);
    }

    public Business get(String locationId, String id) {
        return (Ids.looksLikeId(id) ? repository.find(locationId, id) : java.util.Optional.<Business>empty())
                .orElseThrow(() -> new Errors.NotFound("Business", id));
    }

    /** Whether the location has this business, read in the caller's transaction. */
    public boolean exists(TransactionContext tx, String locationId, String id) {
        return Ids.looksLikeId(id) && repository.find(tx, locationId, id).isPresent();
    }

    public Business update(String locationId, String id, BusinessRequest request) {
        Map<String, Object> changes = given(request);
        if (changes.containsKey("name")) {
            if (changes.get("name") == null) {
                throw Errors.ValidationFailed.of("name", "cannot be cleared");
            }
            changes.put("displayName", changes.get("name"));
        }
        changes.put("updatedAt", Timestamps.now());
        return (Ids.looksLikeId(id) ? repository.update(locationId, id, changes) : java.util.Optional.<Business>empty())
                .orElseThrow(() -> new Errors.NotFound("Business", id));
    }

    public void delete(String locationId, String id) {
        if (!Ids.looksLikeId(id) || !repository.delete(locationId, id)) {
            throw new Errors.NotFound("Business", id);
        }
    }

    public List<Business> list(String locationId, Integer skip, Integer limit) {
        int size = SearchWindow.pageSize(limit, "limit");
        if (skip != null && (skip < 0 || skip > SearchWindow.MAX_OFFSET)) {
            throw Errors.ValidationFailed.of("skip", "must be between 0 and " + SearchWindow.MAX_OFFSET);
        }
        return repository.list(locationId, skip == null ? 0 : skip, size);
    }

    /** The fields the request sets, stripped; an empty string becomes null, which clears on update. */
    private Map<String, Object> given(BusinessRequest r) {
        Map<String, Object> f = new LinkedHashMap<>();
        Updates.putIfSent(f, "name", r.name());
        try {
            Updates.putIfSent(f, "phone", phones.normalize(r.phone()));
        } catch (PhoneNumbers.InvalidPhoneNumber e) {
            throw Errors.ValidationFailed.of("phone", e.getMessage());
        }
        Updates.putIfSent(f, "email", r.email());
        Updates.putIfSent(f, "website", r.website());
        Updates.putIfSent(f, "address", r.address());
        Updates.putIfSent(f, "city", r.city());
        Updates.putIfSent(f, "postalCode", r.postalCode());
        Updates.putIfSent(f, "state", r.state());
        Updates.putIfSent(f, "country", r.country());
        Updates.putIfSent(f, "description", r.description());
        return f;
    }
}

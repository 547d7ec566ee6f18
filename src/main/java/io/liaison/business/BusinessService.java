package io.liaison.business;

import io.liaison.association.RelationRepository;
import io.liaison.event.EventOutbox;
import io.liaison.event.EventType;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Locks;
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
import java.util.Optional;
import org.neo4j.driver.TransactionContext;

/**
 * The rules of businesses, HighLevel's standard company object: a name is required, the node's
 * {@code displayName} (what relations and the graph show) is the name, and deleting one removes its links.
 */
@ApplicationScoped
public class BusinessService {

    private final GraphDatabase db;
    private final Locks locks;
    private final BusinessRepository repository;
    private final RelationRepository relations;
    private final EventOutbox outbox;
    private final PhoneNumbers phones;

    public BusinessService(GraphDatabase db, Locks locks, BusinessRepository repository, RelationRepository relations, EventOutbox outbox,
            PhoneNumbers phones) {
        this.db = db;
        this.locks = locks;
        this.repository = repository;
        this.relations = relations;
        this.outbox = outbox;
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
        return db.write(tx -> recorded(tx, EventType.RecordCreate, repository.create(tx, properties)));
    }

    public Business get(String locationId, String id) {
        return (Ids.looksLikeId(id) ? db.read(tx -> repository.find(tx, locationId, id)) : java.util.Optional.<Business>empty())
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
        return (Ids.looksLikeId(id)
                ? db.write(tx -> repository.update(tx, locationId, id, changes).map(updated -> recorded(tx, EventType.RecordUpdate, updated)))
                : java.util.Optional.<Business>empty())
                .orElseThrow(() -> new Errors.NotFound("Business", id));
    }

    /**
     * Each link removed with the business gets its RelationDelete, then the business its RecordDelete
     * (HighLevel's "record or business" event), in one transaction, under the business's lock.
     */
    public void delete(String locationId, String id) {
        if (!Ids.looksLikeId(id) || !db.write(tx -> deleteIn(tx, locationId, id))) {
            throw new Errors.NotFound("Business", id);
        }
    }

    private boolean deleteIn(TransactionContext tx, String locationId, String id) {
        if (locks.recordForChange(tx, locationId, ObjectType.BUSINESS_KEY, id).isEmpty()) {
            return false;
        }
        relations.recordLinksRemovedWith(tx, locationId, List.of(id));
        Optional<Business> deleted = repository.delete(tx, locationId, id);
        deleted.ifPresent(business -> recorded(tx, EventType.RecordDelete, business));
        return deleted.isPresent();
    }

    /** Appends the business's event to the transaction that wrote it: HighLevel's Record* events fire for businesses too. */
    private Business recorded(TransactionContext tx, EventType type, Business business) {
        outbox.record(tx, business.locationId(), type, BusinessEvents.of(business));
        return business;
    }

    public List<Business> list(String locationId, Integer skip, Integer limit) {
        int size = SearchWindow.pageSize(limit, "limit");
        if (skip != null && (skip < 0 || skip > SearchWindow.MAX_OFFSET)) {
            throw Errors.ValidationFailed.of("skip", "must be between 0 and " + SearchWindow.MAX_OFFSET);
        }
        int from = skip == null ? 0 : skip;
        return db.read(tx -> repository.list(tx, locationId, from, size));
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

package io.liaison.business;

import io.liaison.association.RelationRepository;
import io.liaison.event.EventOutbox;
import io.liaison.event.EventType;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Locks;
import io.liaison.neo4j.Timestamps;
import io.liaison.object.ObjectType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Values;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;

/**
 * The Cypher of businesses. A business is a {@code (:Record:Business {objectKey: 'business'})} node,
 * so association labels and relations treat it like any other record; its links are its relationships.
 */
@ApplicationScoped
public class BusinessRepository {

    private static final String CREATE_BUSINESS = """
            CREATE (b:Record:Business)
            SET b = $properties
            RETURN b""";
    private static final String BUSINESS_BY_ID = """
            MATCH (b:Record:Business {id: $id, locationId: $locationId}) USING INDEX b:Record(id) RETURN b""";
    private static final String UPDATE_BUSINESS = """
            MATCH (b:Record:Business {id: $id, locationId: $locationId}) USING INDEX b:Record(id)
            SET b += $changes
            RETURN b""";
    /** DETACH DELETE removes the business's links and nothing else, in the same transaction. */
    private static final String DELETE_BUSINESS = """
            MATCH (b:Record:Business {id: $id, locationId: $locationId}) USING INDEX b:Record(id)
            WITH b, properties(b) AS gone
            DETACH DELETE b
            RETURN gone AS b""";
    private static final String LIST_BUSINESSES = """
            MATCH (b:Record {locationId: $locationId, objectKey: 'business'})
            RETURN b ORDER BY toLower(b.name), b.id SKIP $skip LIMIT $limit""";

    private final GraphDatabase db;
    private final Locks locks;
    private final RelationRepository relations;
    private final EventOutbox outbox;

    public BusinessRepository(GraphDatabase db, Locks locks, RelationRepository relations, EventOutbox outbox) {
        this.db = db;
        this.locks = locks;
        this.relations = relations;
        this.outbox = outbox;
    }

    public Business create(Map<String, Object> properties) {
        return db.write(tx -> recorded(tx, EventType.RecordCreate,
                toBusiness(tx.run(CREATE_BUSINESS, Values.parameters("properties", properties)).single().get("b"))));
    }

    public Optional<Business> find(String locationId, String id) {
        return db.read(tx -> find(tx, locationId, id));
    }

    public Optional<Business> find(TransactionContext tx, String locationId, String id) {
        return tx.run(BUSINESS_BY_ID, Values.parameters("id", id, "locationId", locationId)).stream().findFirst()
                .map(r -> toBusiness(r.get("b")));
    }

    public Optional<Business> update(String locationId, String id, Map<String, Object> changes) {
        return db.write(tx -> tx.run(UPDATE_BUSINESS, Values.parameters("id", id, "locationId", locationId, "changes", changes))
                .stream().findFirst().map(r -> recorded(tx, EventType.RecordUpdate, toBusiness(r.get("b")))));
    }

    /**
     * Each link removed with the business gets its RelationDelete, then the business its RecordDelete
     * (HighLevel's "record or business" event), in the same transaction, under the business's lock.
     */
    public boolean delete(String locationId, String id) {
        return db.write(tx -> {
            if (locks.recordForChange(tx, locationId, ObjectType.BUSINESS_KEY, id).isEmpty()) {
                return false;
            }
            relations.recordLinksRemovedWith(tx, locationId, List.of(id));
            Optional<Business> deleted = tx.run(DELETE_BUSINESS, Values.parameters("id", id, "locationId", locationId)).stream()
                    .findFirst().map(r -> toBusiness(r.get("b")));
            deleted.ifPresent(business -> recorded(tx, EventType.RecordDelete, business));
            return deleted.isPresent();
        });
    }

    /** Appends the business's event to the transaction that wrote it: HighLevel's Record* events fire for businesses too. */
    private Business recorded(TransactionContext tx, EventType type, Business business) {
        outbox.record(tx, business.locationId(), type, BusinessEvents.of(business));
        return business;
    }

    public List<Business> list(String locationId, int skip, int limit) {
        return db.read(tx -> tx.run(LIST_BUSINESSES, Values.parameters("locationId", locationId, "skip", skip, "limit", limit))
                .list(r -> toBusiness(r.get("b"))));
    }

    private static Business toBusiness(Value value) {
        Map<String, Object> p = value.asMap();
        return new Business(str(p, "id"), str(p, "locationId"), str(p, "name"), str(p, "phone"), str(p, "email"), str(p, "website"),
                str(p, "address"), str(p, "city"), str(p, "state"), str(p, "postalCode"), str(p, "country"), str(p, "description"),
                Timestamps.iso((ZonedDateTime) p.get("createdAt")), Timestamps.iso((ZonedDateTime) p.get("updatedAt")));
    }

    private static String str(Map<String, Object> p, String key) {
        Object v = p.get(key);
        return v == null ? null : v.toString();
    }
}

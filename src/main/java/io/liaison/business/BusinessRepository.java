package io.liaison.business;

import io.liaison.neo4j.Timestamps;
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
 * Single statements in the caller's transaction: {@link BusinessService} opens it, takes the locks and
 * records the events.
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

    /** A new business, in the caller's transaction. */
    public Business create(TransactionContext tx, Map<String, Object> properties) {
        return toBusiness(tx.run(CREATE_BUSINESS, Values.parameters("properties", properties)).single().get("b"));
    }

    public Optional<Business> find(TransactionContext tx, String locationId, String id) {
        return tx.run(BUSINESS_BY_ID, Values.parameters("id", id, "locationId", locationId)).stream().findFirst()
                .map(r -> toBusiness(r.get("b")));
    }

    /** Writes the changes ({@code SET +=}: a null removes the property); empty when there is no such business. */
    public Optional<Business> update(TransactionContext tx, String locationId, String id, Map<String, Object> changes) {
        return tx.run(UPDATE_BUSINESS, Values.parameters("id", id, "locationId", locationId, "changes", changes))
                .stream().findFirst().map(r -> toBusiness(r.get("b")));
    }

    /** Deletes the business with its links (the caller holds its lock); the business as it was, empty when it was gone. */
    public Optional<Business> delete(TransactionContext tx, String locationId, String id) {
        return tx.run(DELETE_BUSINESS, Values.parameters("id", id, "locationId", locationId)).stream()
                .findFirst().map(r -> toBusiness(r.get("b")));
    }

    public List<Business> list(TransactionContext tx, String locationId, int skip, int limit) {
        return tx.run(LIST_BUSINESSES, Values.parameters("locationId", locationId, "skip", skip, "limit", limit))
                .list(r -> toBusiness(r.get("b")));
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

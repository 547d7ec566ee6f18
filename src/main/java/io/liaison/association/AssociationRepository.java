package io.liaison.association;

import io.liaison.location.LocationRepository;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.object.ObjectCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.neo4j.driver.Values;
import org.neo4j.driver.types.Node;

/**
 * The Cypher of association labels. A label is an {@code (:Association)} node; its links are
 * relationships typed by {@code relationshipType} and carrying its id as {@code associationId}.
 */
@ApplicationScoped
public class AssociationRepository {

    private static final String LABELS_BETWEEN_OBJECTS = """
            RETURN COUNT {
              MATCH (a:Association {locationId: $locationId})
              WHERE (a.firstObjectKey = $objectA AND a.secondObjectKey = $objectB)
                 OR (a.firstObjectKey = $objectB AND a.secondObjectKey = $objectA)
            } AS labels""";
    private static final String CREATE_ASSOCIATION = """
            CREATE (a:Association)
            SET a = $properties
            RETURN a""";
    private static final String ASSOCIATION_BY_ID = """
            MATCH (a:Association {id: $id, locationId: $locationId}) RETURN a""";
    /** Locks the label: linking, relabelling and deleting it take this lock first, then the records'. */
    private static final String LOCK_ASSOCIATION = """
            MATCH (a:Association {id: $id, locationId: $locationId})
            SET a._lock = true REMOVE a._lock
            RETURN a""";
    private static final String ASSOCIATION_BY_KEY = """
            MATCH (a:Association {locationId: $locationId, key: $key}) RETURN a""";
    private static final String ASSOCIATIONS_OF_LOCATION = """
            MATCH (a:Association {locationId: $locationId})
            RETURN a ORDER BY a.createdAt, a.id SKIP $skip LIMIT $limit""";
    private static final String COUNT_ASSOCIATIONS = """
            RETURN COUNT { MATCH (a:Association {locationId: $locationId}) } AS total""";
    private static final String ASSOCIATIONS_OF_OBJECT = """
            MATCH (a:Association {locationId: $locationId})
            WHERE a.firstObjectKey = $objectKey OR a.secondObjectKey = $objectKey
            RETURN a ORDER BY a.createdAt, a.id""";
    private static final String UPDATE_ASSOCIATION = """
            MATCH (a:Association {id: $id, locationId: $locationId})
            SET a += $changes
            RETURN a""";
    private static final String COUNT_LINKS = """
            MATCH (:Record {locationId: $locationId, objectKey: $firstObjectKey})-[r:$($type)]->()
            WHERE r.associationId = $id
            RETURN count(r) AS links""";
    /**
     * Links that a one-sided cardinality would break: for each record on that side with more than
     * one link, every link beyond the first. Direction "out" counts first-side records, "in" the
     * second side, "any" both ends (symmetric labels).
     */
    private static final String EXCESS_LINKS_OUT = """
            MATCH (x:Record {locationId: $locationId, objectKey: $firstObjectKey})-[r:$($type)]->() WHERE r.associationId = $id
            WITH x, count(r) AS links WHERE links > 1
            RETURN count(x) AS records, coalesce(sum(links - 1), 0) AS excess""";
    private static final String EXCESS_LINKS_IN = """
            MATCH (x:Record {locationId: $locationId, objectKey: $secondObjectKey})<-[r:$($type)]-() WHERE r.associationId = $id
            WITH x, count(r) AS links WHERE links > 1
            RETURN count(x) AS records, coalesce(sum(links - 1), 0) AS excess""";
    private static final String EXCESS_LINKS_ANY = """
            MATCH (x:Record {locationId: $locationId, objectKey: $firstObjectKey})-[r:$($type)]-() WHERE r.associationId = $id
            WITH x, count(r) AS links WHERE links > 1
            RETURN count(x) AS records, coalesce(sum(links - 1), 0) AS excess""";
    private static final String DELETE_LINKS_AND_ASSOCIATION = """
            MATCH (a:Association {id: $id, locationId: $locationId})
            CALL (a) {
              MATCH (:Record {locationId: $locationId, objectKey: a.firstObjectKey})-[r:$($type)]->() WHERE r.associationId = a.id
              DELETE r
              RETURN count(r) AS links
            }
            DELETE a
            RETURN links""";

    private final GraphDatabase db;

    public AssociationRepository(GraphDatabase db) {
        this.db = db;
    }

    /** Runs label writes in one transaction, with the Cypher below bound to it. */
    public <T> T write(Function<LabelWrites, T> work) {
        return db.write(tx -> work.apply(new LabelWrites(tx)));
    }

    public final class LabelWrites {
        private final TransactionContext tx;

        LabelWrites(TransactionContext tx) {
            this.tx = tx;
        }

        /**
         * Label creation holds the location's lock while it counts and creates, so two concurrent
         * requests cannot both slip under the labels-per-object-pair limit.
         */
        public boolean lockLocation(String locationId) {
            return LocationRepository.lock(tx, locationId);
        }

        /** After {@link #lockLocation}: the object was not deleted since the request checked it. */
        public boolean objectExists(String locationId, String objectKey) {
            return ObjectCatalog.existsIn(tx, locationId, objectKey);
        }

        public long labelsBetween(String locationId, String objectA, String objectB) {
            return tx.run(LABELS_BETWEEN_OBJECTS, Values.parameters("locationId", locationId, "objectA", objectA, "objectB", objectB))
                    .single().get("labels").asLong();
        }

        public Optional<Association> byKey(String locationId, String key) {
            return tx.run(ASSOCIATION_BY_KEY, Values.parameters("locationId", locationId, "key", key)).stream()
                    .findFirst().map(r -> toAssociation(r.get("a").asNode()));
        }

        public Association create(Map<String, Object> properties) {
            return toAssociation(tx.run(CREATE_ASSOCIATION, Values.parameters("properties", properties)).single().get("a").asNode());
        }

        public Optional<Association> lock(String locationId, String id) {
            return lockAssociation(tx, locationId, id);
        }

        public Association update(String locationId, String id, Map<String, Object> changes) {
            return toAssociation(tx.run(UPDATE_ASSOCIATION, Values.parameters("id", id, "locationId", locationId, "changes", changes))
                    .single().get("a").asNode());
        }

        public long links(Association association) {
            return countLinks(tx, association);
        }

        /** [records that break it, links beyond the allowed one] for one end of the label's links. */
        public long[] excessLinks(Association association, String end) {
            String query = switch (end) {
                case "out" -> EXCESS_LINKS_OUT;
                case "in" -> EXCESS_LINKS_IN;
                default -> EXCESS_LINKS_ANY;
            };
            var record = tx.run(query, linkScan(association)).single();
            return new long[] { record.get("records").asLong(), record.get("excess").asLong() };
        }

        public long deleteWithLinks(Association association) {
            return tx.run(DELETE_LINKS_AND_ASSOCIATION, Values.parameters("id", association.id(),
                    "locationId", association.locationId(), "type", association.relationshipType())).single().get("links").asLong();
        }
    }

    /** Shared with the relation writes: linking takes the label's lock first. */
    static Optional<Association> lockAssociation(TransactionContext tx, String locationId, String id) {
        return tx.run(LOCK_ASSOCIATION, Values.parameters("id", id, "locationId", locationId)).stream()
                .findFirst().map(r -> toAssociation(r.get("a").asNode()));
    }

    static long countLinks(TransactionContext tx, Association association) {
        return tx.run(COUNT_LINKS, linkScan(association))
                .single().get("links").asLong();
    }

    public Optional<Association> find(String locationId, String id) {
        return db.read(tx -> tx.run(ASSOCIATION_BY_ID, Values.parameters("id", id, "locationId", locationId)).stream()
                .findFirst().map(r -> toAssociation(r.get("a").asNode())));
    }

    public Optional<Association> findByKey(String locationId, String key) {
        return db.read(tx -> tx.run(ASSOCIATION_BY_KEY, Values.parameters("locationId", locationId, "key", key)).stream()
                .findFirst().map(r -> toAssociation(r.get("a").asNode())));
    }

    public record Page(List<Association> associations, long total) {
    }

    public Page list(String locationId, int skip, int limit) {
        return db.read(tx -> new Page(
                tx.run(ASSOCIATIONS_OF_LOCATION, Values.parameters("locationId", locationId, "skip", skip, "limit", limit))
                        .list(r -> toAssociation(r.get("a").asNode())),
                tx.run(COUNT_ASSOCIATIONS, Values.parameters("locationId", locationId)).single().get("total").asLong()));
    }

    public List<Association> ofObject(String locationId, String objectKey) {
        return db.read(tx -> tx.run(ASSOCIATIONS_OF_OBJECT, Values.parameters("locationId", locationId, "objectKey", objectKey))
                .list(r -> toAssociation(r.get("a").asNode())));
    }

    public long links(Association association) {
        return db.read(tx -> countLinks(tx, association));
    }

    /**
     * Parameters of the scans over a label's links. They start from the location's records of the
     * label's first object (an index seek), because the relationship type is shared by every
     * location that uses the same key.
     */
    private static org.neo4j.driver.Value linkScan(Association association) {
        return Values.parameters("type", association.relationshipType(), "id", association.id(),
                "locationId", association.locationId(), "firstObjectKey", association.firstObjectKey(),
                "secondObjectKey", association.secondObjectKey());
    }

    static Association toAssociation(Node node) {
        return new Association(str(node, "id"), str(node, "key"), str(node, "locationId"), str(node, "firstObjectKey"),
                str(node, "firstObjectLabel"), str(node, "secondObjectKey"), str(node, "secondObjectLabel"),
                Association.USER_DEFINED, LabelType.valueOf(str(node, "labelType")), Cardinality.valueOf(str(node, "cardinality")),
                str(node, "relationshipType"), iso(node.get("createdAt")), iso(node.get("updatedAt")));
    }

    private static String str(Node node, String key) {
        Value v = node.get(key);
        return v.isNull() ? null : v.asString();
    }

    static String iso(Value v) {
        return v == null || v.isNull() ? null : DateTimeFormatter.ISO_INSTANT.format(v.asZonedDateTime().toInstant());
    }

}

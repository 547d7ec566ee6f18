package io.liaison.association;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Values;

/**
 * The Cypher of association labels. A label is an {@code (:Association)} node; its links are
 * relationships typed by {@code relationshipType} and carrying its id as {@code associationId}. Each
 * method runs one statement in the transaction its caller opened.
 */
@ApplicationScoped
public class AssociationRepository {

    /** The relationship types the most labels have: Cypher plans a statement with a dynamic type once per type. */
    private static final String COMMON_RELATIONSHIP_TYPES = """
            MATCH (a:Association) WHERE a.relationshipType IS NOT NULL
            RETURN a.relationshipType AS type, count(*) AS labels ORDER BY labels DESC, type LIMIT $limit""";
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
            MATCH (:Record {locationId: $locationId, objectKey: $firstObjectKey})%s
            RETURN count(link) AS links""".formatted(AssociationLinks.OUTGOING);
    /**
     * Links that a tighter cardinality would break: for each record, every link beyond what the
     * new {@link LinkRules.Limits} allow on each of its ends.
     */
    private static final String EXCESS_LINKS = AssociationLinks.RECORDS_WITH_LINKS + """
            WITH x,
              CASE WHEN asFirst > $maxAsFirst THEN asFirst - $maxAsFirst ELSE 0 END
              + CASE WHEN asSecond > $maxAsSecond THEN asSecond - $maxAsSecond ELSE 0 END
              + CASE WHEN links > $maxByCardinality THEN links - $maxByCardinality ELSE 0 END AS excess
            WHERE excess > 0
            RETURN count(x) AS records, coalesce(sum(excess), 0) AS excess""";
    /** The records with links under the label, to lock before its links are removed. */
    private static final String RECORDS_LINKED_UNDER_LABEL = AssociationLinks.RECORDS_WITH_LINKS + """
            RETURN x.id AS id""";
    /** The label's links, oldest first, as their RelationDelete events need them. */
    private static final String REMOVED_LINKS_OF_LABEL = """
            MATCH (:Record {locationId: $locationId, objectKey: $firstObjectKey})%s
            WITH link AS r
            WITH r, %s
            RETURN %s
            ORDER BY createdAt, id""".formatted(AssociationLinks.OUTGOING, RemovedLinks.COLUMNS_OF_R, RemovedLinks.COLUMN_NAMES);
    private static final String DELETE_LINKS_AND_ASSOCIATION = """
            MATCH (a:Association {id: $associationId, locationId: $locationId})
            CALL (a) {
              MATCH (:Record {locationId: $locationId, objectKey: a.firstObjectKey})%s
              DELETE link
              RETURN count(link) AS links
            }
            DELETE a
            RETURN links""".formatted(AssociationLinks.OUTGOING);

    /** At most {@code limit} relationship types, those of the most labels first (for the plan warm-up). */
    public List<String> commonRelationshipTypes(TransactionContext tx, int limit) {
        return tx.run(COMMON_RELATIONSHIP_TYPES, Values.parameters("limit", limit)).list(r -> r.get("type").asString());
    }

    public long labelsBetween(TransactionContext tx, String locationId, String objectA, String objectB) {
        return tx.run(LABELS_BETWEEN_OBJECTS, Values.parameters("locationId", locationId, "objectA", objectA, "objectB", objectB))
                .single().get("labels").asLong();
    }

    public Optional<Association> byKey(TransactionContext tx, String locationId, String key) {
        return tx.run(ASSOCIATION_BY_KEY, Values.parameters("locationId", locationId, "key", key)).stream()
                .findFirst().map(r -> Association.from(r.get("a").asNode()));
    }

    public Association create(TransactionContext tx, Map<String, Object> properties) {
        return Association.from(tx.run(CREATE_ASSOCIATION, Values.parameters("properties", properties)).single().get("a").asNode());
    }

    public Association update(TransactionContext tx, String locationId, String id, Map<String, Object> changes) {
        return Association.from(tx.run(UPDATE_ASSOCIATION, Values.parameters("id", id, "locationId", locationId, "changes", changes))
                .single().get("a").asNode());
    }

    public record Excess(long records, long links) {
    }

    /** The links that {@code tighter} would break, counted inside the caller's transaction (under the label's lock). */
    public Excess excessLinks(TransactionContext tx, Association association, LinkRules.Limits tighter) {
        Map<String, Object> params = new HashMap<>(linkScan(association));
        params.put("maxAsFirst", tighter.maxAsFirst());
        params.put("maxAsSecond", tighter.maxAsSecond());
        params.put("maxByCardinality", tighter.maxByCardinality());
        var record = tx.run(EXCESS_LINKS, params).single();
        return new Excess(record.get("records").asLong(), record.get("excess").asLong());
    }

    public List<String> recordsLinkedUnder(TransactionContext tx, Association association) {
        return tx.run(RECORDS_LINKED_UNDER_LABEL, linkScan(association)).list(r -> r.get("id").asString());
    }

    public List<Relation> linksOf(TransactionContext tx, Association association) {
        return tx.run(REMOVED_LINKS_OF_LABEL, linkScan(association)).list(r -> RemovedLinks.relation(r, association.locationId()));
    }

    public long deleteWithLinks(TransactionContext tx, Association association) {
        return tx.run(DELETE_LINKS_AND_ASSOCIATION, linkScan(association)).single().get("links").asLong();
    }

    public long links(TransactionContext tx, Association association) {
        return tx.run(COUNT_LINKS, linkScan(association)).single().get("links").asLong();
    }

    public Optional<Association> find(TransactionContext tx, String locationId, String id) {
        return tx.run(ASSOCIATION_BY_ID, Values.parameters("id", id, "locationId", locationId)).stream()
                .findFirst().map(r -> Association.from(r.get("a").asNode()));
    }

    /** A page of the location's associations and their total: both read in one transaction, so they agree. */
    public record Page(List<Association> associations, long total) {
    }

    public List<Association> page(TransactionContext tx, String locationId, int skip, int limit) {
        return tx.run(ASSOCIATIONS_OF_LOCATION, Values.parameters("locationId", locationId, "skip", skip, "limit", limit))
                .list(r -> Association.from(r.get("a").asNode()));
    }

    public long count(TransactionContext tx, String locationId) {
        return tx.run(COUNT_ASSOCIATIONS, Values.parameters("locationId", locationId)).single().get("total").asLong();
    }

    public List<Association> ofObject(TransactionContext tx, String locationId, String objectKey) {
        return tx.run(ASSOCIATIONS_OF_OBJECT, Values.parameters("locationId", locationId, "objectKey", objectKey))
                .list(r -> Association.from(r.get("a").asNode()));
    }

    /**
     * Parameters of the scans over a label's links. They start from the location's records of the
     * label's first object (an index seek), because the relationship type is shared by every
     * location that uses the same key.
     */
    static Map<String, Object> linkScan(Association association) {
        return Map.of("type", association.relationshipType(), "associationId", association.id(),
                "locationId", association.locationId(), "firstObjectKey", association.firstObjectKey(),
                "secondObjectKey", association.secondObjectKey());
    }
}

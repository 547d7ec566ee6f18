package io.liaison.object;

import io.liaison.neo4j.SearchWindow;
import io.liaison.neo4j.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Values;
import org.neo4j.driver.types.Node;

/**
 * The Cypher of custom-object records. A record is a {@code (:Record:<graphLabel>)} node, for example
 * {@code (:Record:Surfboard)}; the object's label is set through Cypher's dynamic {@code $(...)} form,
 * never by building the query from input. Its field values are node properties named by field key
 * (lowercase), beside Liaison's own camelCase properties and {@code id}.
 */
@ApplicationScoped
public class RecordRepository {

    /** A record's owner and followers (user ids); camelCase, so no field key (lowercase) can collide. */
    static final String OWNER = "ownerIds";
    static final String FOLLOWERS = "followerIds";
    /** The properties Liaison keeps on every record; everything else on the node is a field value. */
    static final Set<String> SYSTEM_PROPERTIES = Set.of("id", "locationId", "objectKey", "objectId", "displayName",
            "createdAt", "updatedAt", OWNER, FOLLOWERS);

    private static final String CREATE_RECORD = """
            CREATE (r:Record:$($label))
            SET r = $properties
            RETURN r""";
    /** A batch of new records of one object; the caller holds the object's lock. */
    private static final String CREATE_RECORDS = """
            UNWIND $records AS properties
            CREATE (r:Record:$($label))
            SET r = properties
            RETURN r""";
    private static final String RECORD_BY_ID = """
            MATCH (r:Record {id: $id}) USING INDEX r:Record(id)
            WHERE r.locationId = $locationId AND r.objectKey = $objectKey
            RETURN r""";
    private static final String UPDATE_RECORD = """
            MATCH (r:Record {id: $id}) USING INDEX r:Record(id)
            WHERE r.locationId = $locationId AND r.objectKey = $objectKey
            SET r += $changes
            RETURN r""";
    /** DETACH DELETE removes exactly the record's links, in the same transaction. */
    private static final String DELETE_RECORD = """
            MATCH (r:Record {id: $id}) USING INDEX r:Record(id)
            WHERE r.locationId = $locationId AND r.objectKey = $objectKey
            WITH r, COUNT { (r)--() } AS links
            DETACH DELETE r
            RETURN links""";
    private static final String RECORD_IDS_OF_OBJECT = """
            MATCH (r:Record {locationId: $locationId, objectKey: $objectKey})
            RETURN r.id AS id""";
    private static final String RECORDS_OF_OBJECT = """
            MATCH (r:Record {locationId: $locationId, objectKey: $objectKey})
            RETURN r ORDER BY r.createdAt, r.id""";
    /**
     * Newest first. A searchAfter cursor [createdAt, id] stays correct while records are added,
     * because new records sort before it. Text fields match by substring, option lists by element.
     */
    private static final String SEARCH_RECORDS = """
            MATCH (r:Record {locationId: $locationId, objectKey: $objectKey})
            WHERE ($query IS NULL
                   OR any(k IN $scalarFields WHERE toLower(toStringOrNull(r[k])) CONTAINS $query)
                   OR any(k IN $listFields WHERE any(v IN coalesce(r[k], []) WHERE toLower(v) CONTAINS $query)))
              AND ($beforeDate IS NULL OR r.createdAt < $beforeDate OR (r.createdAt = $beforeDate AND r.id < $beforeId))
            RETURN r ORDER BY r.createdAt DESC, r.id DESC SKIP $skip LIMIT $limit""";
    private static final String COUNT_RECORDS = """
            MATCH (r:Record {locationId: $locationId, objectKey: $objectKey})
            WHERE ($query IS NULL
                   OR any(k IN $scalarFields WHERE toLower(toStringOrNull(r[k])) CONTAINS $query)
                   OR any(k IN $listFields WHERE any(v IN coalesce(r[k], []) WHERE toLower(v) CONTAINS $query)))
            RETURN count(r) AS total""";

    /** A new record of {@code schema}, written with these properties (its id included). */
    public ObjectRecord create(TransactionContext tx, ObjectSchema schema, Map<String, Object> properties) {
        return toRecord(tx.run(CREATE_RECORD, Values.parameters("label", schema.graphLabel(), "properties", properties)).single()
                .get("r").asNode());
    }

    /** New records of {@code schema}, each with its properties (its id included), by id. */
    public Map<String, ObjectRecord> createAll(TransactionContext tx, ObjectSchema schema, List<Map<String, Object>> properties) {
        Map<String, ObjectRecord> created = new HashMap<>();
        tx.run(CREATE_RECORDS, Values.parameters("label", schema.graphLabel(), "records", properties))
                .forEachRemaining(r -> created.put(r.get("r").get("id").asString(), toRecord(r.get("r").asNode())));
        return created;
    }

    public Optional<ObjectRecord> find(TransactionContext tx, ObjectSchema schema, String id) {
        return tx.run(RECORD_BY_ID, key(schema, id)).stream().findFirst().map(r -> toRecord(r.get("r").asNode()));
    }

    /** Sets {@code changes} on a record the caller holds the lock of. */
    public ObjectRecord update(TransactionContext tx, ObjectSchema schema, String id, Map<String, Object> changes) {
        return toRecord(tx.run(UPDATE_RECORD, Values.parameters("id", id, "locationId", schema.locationId(), "objectKey", schema.key(),
                "changes", changes)).single().get("r").asNode());
    }

    /** Deletes a record with its links; answers the number of links it had, empty when there was no such record. */
    public Optional<Long> delete(TransactionContext tx, ObjectSchema schema, String id) {
        return tx.run(DELETE_RECORD, key(schema, id)).stream().findFirst().map(r -> r.get("links").asLong());
    }

    /** The ids of every record of the object. */
    public List<String> idsOf(TransactionContext tx, ObjectSchema schema) {
        return tx.run(RECORD_IDS_OF_OBJECT, objectOf(schema)).list(r -> r.get("id").asString());
    }

    /** Every record of the object, oldest first. */
    public List<ObjectRecord> allOf(TransactionContext tx, ObjectSchema schema) {
        return tx.run(RECORDS_OF_OBJECT, objectOf(schema)).list(r -> toRecord(r.get("r").asNode()));
    }

    public record Page(List<ObjectRecord> records, long total) {
    }

    /** The window's records of those matching {@code query} in the fields given ({@code query} null: every record). */
    public List<ObjectRecord> search(TransactionContext tx, ObjectSchema schema, String query, List<String> scalarFields,
            List<String> listFields, SearchWindow window) {
        return tx.run(SEARCH_RECORDS, searchFilter(schema, query, scalarFields, listFields, window)).list(r -> toRecord(r.get("r").asNode()));
    }

    /** How many records match, whatever the window; read in the transaction of {@link #search}, so the two agree. */
    public long searchTotal(TransactionContext tx, ObjectSchema schema, String query, List<String> scalarFields,
            List<String> listFields, SearchWindow window) {
        return tx.run(COUNT_RECORDS, searchFilter(schema, query, scalarFields, listFields, window)).single().get("total").asLong();
    }

    private static org.neo4j.driver.Value searchFilter(ObjectSchema schema, String query, List<String> scalarFields,
            List<String> listFields, SearchWindow window) {
        return Values.parameters("locationId", schema.locationId(), "objectKey", schema.key(), "query", query,
                "scalarFields", scalarFields, "listFields", listFields, "beforeDate", window.beforeDate(),
                "beforeId", window.beforeId(), "skip", window.skip(), "limit", window.size());
    }

    private static org.neo4j.driver.Value objectOf(ObjectSchema schema) {
        return Values.parameters("locationId", schema.locationId(), "objectKey", schema.key());
    }

    private static org.neo4j.driver.Value key(ObjectSchema schema, String id) {
        return Values.parameters("id", id, "locationId", schema.locationId(), "objectKey", schema.key());
    }

    private static List<String> userIds(Object stored) {
        return stored instanceof List<?> ids ? ids.stream().map(Object::toString).toList() : List.of();
    }

    static ObjectRecord toRecord(Node node) {
        Map<String, Object> all = node.asMap();
        Map<String, Object> properties = new TreeMap<>();
        all.forEach((k, v) -> {
            if (!SYSTEM_PROPERTIES.contains(k)) {
                properties.put(k, v);
            }
        });
        ZonedDateTime created = (ZonedDateTime) all.get("createdAt");
        String createdAt = Timestamps.iso(created);
        String updatedAt = Timestamps.iso((ZonedDateTime) all.get("updatedAt"));
        String id = (String) all.get("id");
        return ObjectRecord.builder().id(id).objectKey((String) all.get("objectKey")).objectId((String) all.get("objectId"))
                .locationId((String) all.get("locationId")).properties(new LinkedHashMap<>(properties)).owner(userIds(all.get(OWNER)))
                .followers(userIds(all.get(FOLLOWERS))).createdAt(createdAt).updatedAt(updatedAt).dateAdded(createdAt).dateUpdated(updatedAt)
                .searchAfter(created == null ? null : List.of(created.toInstant().toEpochMilli(), id)).build();
    }
}

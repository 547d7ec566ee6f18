package io.liaison.object;

import io.liaison.association.RelationRepository;
import io.liaison.event.EventOutbox;
import io.liaison.event.EventType;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Locks;
import io.liaison.neo4j.SearchWindow;
import io.liaison.neo4j.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
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

    private final GraphDatabase db;
    private final Locks locks;
    private final EventOutbox outbox;
    private final SchemaNodes schemas;
    private final RelationRepository relations;

    public RecordRepository(GraphDatabase db, Locks locks, EventOutbox outbox, SchemaNodes schemas, RelationRepository relations) {
        this.db = db;
        this.locks = locks;
        this.outbox = outbox;
        this.schemas = schemas;
        this.relations = relations;
    }

    /** A record as written, and its object as it was under the lock when it was. */
    public record Written(ObjectSchema schema, ObjectRecord record) {
    }

    /**
     * Creates a record in one transaction: the object (by key or id) is locked, shared, and read
     * under that lock; {@code propertiesFrom} checks the values against those fields and answers the
     * new node's properties (or throws, and nothing is written). Records of one object are created
     * in parallel, while a change of its fields or its deletion (exclusive) waits for them, so no
     * record is written against fields that are no longer there. Empty when there is no such object.
     */
    public Optional<Written> create(String locationId, String objectKeyOrId, Function<ObjectSchema, Map<String, Object>> propertiesFrom) {
        return db.write(tx -> locks.objectSchemaForRecords(tx, locationId, objectKeyOrId).map(schemas::toSchema).map(schema -> {
            var params = Values.parameters("label", schema.graphLabel(), "properties", propertiesFrom.apply(schema));
            ObjectRecord created = toRecord(tx.run(CREATE_RECORD, params).single().get("r").asNode());
            return new Written(schema, recorded(tx, EventType.RecordCreate, created));
        }));
    }

    public Optional<ObjectRecord> find(ObjectSchema schema, String id) {
        return db.read(tx -> tx.run(RECORD_BY_ID, key(schema, id)).stream().findFirst().map(r -> toRecord(r.get("r").asNode())));
    }

    /** An update's record as written (empty when there is no such record), and its object as it was under the lock. */
    public record Updated(ObjectSchema schema, Optional<ObjectRecord> record) {
    }

    /**
     * Updates a record in one transaction: the object is locked and read as for {@link #create};
     * {@code changesFrom} checks the values against it (or throws) and answers how the changes
     * follow from the record's current values, which are read under the record's lock. Empty when
     * there is no such object.
     */
    public Optional<Updated> update(String locationId, String objectKeyOrId, String id,
            Function<ObjectSchema, Function<Map<String, Object>, Map<String, Object>>> changesFrom) {
        return db.write(tx -> locks.objectSchemaForRecords(tx, locationId, objectKeyOrId).map(schemas::toSchema)
                .map(schema -> new Updated(schema, updateIn(tx, schema, id, changesFrom.apply(schema)))));
    }

    private Optional<ObjectRecord> updateIn(TransactionContext tx, ObjectSchema schema, String id,
            Function<Map<String, Object>, Map<String, Object>> changesFrom) {
        var current = locks.recordForChange(tx, schema.locationId(), schema.key(), id);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> changes = changesFrom.apply(current.get().asMap());
        return Optional.of(recorded(tx, EventType.RecordUpdate, toRecord(tx.run(UPDATE_RECORD, Values.parameters("id", id,
                "locationId", schema.locationId(), "objectKey", schema.key(), "changes", changes)).single().get("r").asNode())));
    }

    /**
     * Answers the number of links the record had; empty when there was no such record. Each link
     * gets its RelationDelete, then the record its RecordDelete, in the same transaction.
     */
    public Optional<Long> delete(ObjectSchema schema, String id) {
        return db.write(tx -> {
            // Read under the lock, so the RecordDelete event carries the record exactly as it was deleted.
            locks.recordForChange(tx, schema.locationId(), schema.key(), id).ifPresent(r -> {
                relations.recordLinksRemovedWith(tx, schema.locationId(), List.of(id));
                recorded(tx, EventType.RecordDelete, toRecord(r));
            });
            return tx.run(DELETE_RECORD, key(schema, id)).stream().findFirst().map(r -> r.get("links").asLong());
        });
    }

    /**
     * Inside the deletion of an object, which holds the object's exclusive lock (so no record of it
     * is being created): locks its records, then records a RelationDelete for each of their links
     * and a RecordDelete for each record as it is now. The caller then removes them all. One event
     * per link and per record, in this one transaction: its cost grows with them (see
     * docs/design/events.md, "What a cascade costs"). Answers how many records go.
     */
    public long recordRemovalOfAll(TransactionContext tx, ObjectSchema schema) {
        var params = Values.parameters("locationId", schema.locationId(), "objectKey", schema.key());
        locks.records(tx, schema.locationId(), tx.run(RECORD_IDS_OF_OBJECT, params).list(r -> r.get("id").asString()));
        List<ObjectRecord> records = tx.run(RECORDS_OF_OBJECT, params).list(r -> toRecord(r.get("r").asNode()));
        relations.recordLinksRemovedWith(tx, schema.locationId(), records.stream().map(ObjectRecord::id).toList());
        outbox.recordAll(tx, schema.locationId(), EventType.RecordDelete, records.stream().map(RecordEvents::of).toList());
        return records.size();
    }

    /**
     * A batch's values were checked against {@code checked} before its transaction; if the object, as
     * read under the lock, changed since (a field deleted or its options changed), they may no longer
     * fit, so the batch is refused.
     */
    private static void refuseIfChanged(ObjectSchema checked, ObjectSchema locked) {
        if (!java.util.Objects.equals(checked.updatedAt(), locked.updatedAt())) {
            throw new io.liaison.error.Errors.Conflict("OBJECT_CHANGED", "The fields of " + checked.key()
                    + " changed while these records were being written; send them again", null, Map.of("objectKey", checked.key()));
        }
    }

    /** The record's HighLevel event, in the transaction that changed it. */
    private ObjectRecord recorded(TransactionContext tx, EventType type, ObjectRecord record) {
        outbox.record(tx, record.locationId(), type, RecordEvents.of(record));
        return record;
    }

    /**
     * Writes a batch in one transaction, under the object's lock as a single create is: each item is a
     * new record's properties or an update of an id. Answers, in order, each record written, or empty
     * for an update whose record does not exist. Empty as a whole when the object is gone; 409
     * OBJECT_CHANGED when its fields changed after the items were checked against {@code schema}.
     */
    public Optional<List<Optional<ObjectRecord>>> writeEach(ObjectSchema schema, List<Write> items) {
        return db.write(tx -> {
            Optional<ObjectSchema> locked = locks.objectSchemaForRecords(tx, schema.locationId(), schema.id()).map(schemas::toSchema);
            if (locked.isEmpty()) {
                return Optional.<List<Optional<ObjectRecord>>>empty();
            }
            refuseIfChanged(schema, locked.get());
            List<Map<String, Object>> creates = items.stream().filter(Create.class::isInstance)
                    .map(i -> ((Create) i).properties()).toList();
            Map<String, ObjectRecord> created = new HashMap<>();
            tx.run(CREATE_RECORDS, Values.parameters("label", schema.graphLabel(), "records", creates))
                    .forEachRemaining(r -> created.put(r.get("r").get("id").asString(), toRecord(r.get("r").asNode())));
            outbox.recordAll(tx, schema.locationId(), EventType.RecordCreate, creates.stream()
                    .map(properties -> RecordEvents.of(created.get((String) properties.get("id")))).toList());
            List<Optional<ObjectRecord>> written = new ArrayList<>();
            for (Write item : items) {
                written.add(item instanceof Create create ? Optional.of(created.get((String) create.properties().get("id")))
                        : updateIn(tx, schema, ((Update) item).id(), ((Update) item).changesFrom()));
            }
            return Optional.of(written);
        });
    }

    /** One write of a batch. */
    public sealed interface Write permits Create, Update {
    }

    /** A new record's properties, id included. */
    public record Create(Map<String, Object> properties) implements Write {
    }

    /** An update: the record's id and how its changes follow from its current values. */
    public record Update(String id, Function<Map<String, Object>, Map<String, Object>> changesFrom) implements Write {
    }

    public record Page(List<ObjectRecord> records, long total) {
    }

    public Page search(ObjectSchema schema, String query, List<String> scalarFields, List<String> listFields, SearchWindow window) {
        return db.read(tx -> {
            var filter = Values.parameters("locationId", schema.locationId(), "objectKey", schema.key(), "query", query,
                    "scalarFields", scalarFields, "listFields", listFields, "beforeDate", window.beforeDate(),
                    "beforeId", window.beforeId(), "skip", window.skip(), "limit", window.size());
            List<ObjectRecord> records = tx.run(SEARCH_RECORDS, filter).list(r -> toRecord(r.get("r").asNode()));
            long total = tx.run(COUNT_RECORDS, filter).single().get("total").asLong();
            return new Page(records, total);
        });
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
        return new ObjectRecord(id, (String) all.get("objectKey"), (String) all.get("objectId"),
                (String) all.get("locationId"), new LinkedHashMap<>(properties), userIds(all.get(OWNER)), userIds(all.get(FOLLOWERS)),
                createdAt, updatedAt,
                createdAt, updatedAt, created == null ? null : List.of(created.toInstant().toEpochMilli(), id));
    }
}

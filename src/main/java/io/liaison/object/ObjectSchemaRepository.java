package io.liaison.object;

import io.liaison.association.Association;
import io.liaison.association.AssociationEvents;
import io.liaison.association.AssociationRepository;
import io.liaison.error.Errors;
import io.liaison.event.EventOutbox;
import io.liaison.event.EventType;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Locks;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Values;
import org.neo4j.driver.types.Node;

/**
 * The Cypher of object schemas. Every write first locks the location's node, so the rules the
 * service checks inside the transaction (objects per location, fields per object, graph labels,
 * records and labels still using an object) cannot be raced.
 */
@ApplicationScoped
public class ObjectSchemaRepository {

    private static final String SCHEMAS_OF_LOCATION = """
            MATCH (o:ObjectSchema {locationId: $locationId})
            RETURN o ORDER BY o.key""";
    /** HighLevel addresses an object by key or by id. */
    private static final String SCHEMA_BY_KEY = """
            MATCH (o:ObjectSchema {locationId: $locationId})
            WHERE o.key = $key OR o.id = $key
            RETURN o""";
    private static final String CREATE_SCHEMA = """
            CREATE (o:ObjectSchema)
            SET o = $properties
            RETURN o""";
    private static final String UPDATE_SCHEMA = """
            MATCH (o:ObjectSchema {id: $id, locationId: $locationId})
            SET o += $changes
            RETURN o""";
    private static final String RENAME_FOLDER = """
            MATCH (o:ObjectSchema {id: $id, locationId: $locationId})
            SET o.folderName = $name
            RETURN o""";
    private static final String USAGE_OF_SCHEMA = """
            RETURN COUNT { MATCH (r:Record {locationId: $locationId, objectKey: $key}) } AS records,
                   COUNT { MATCH (a:Association {locationId: $locationId})
                           WHERE a.firstObjectKey = $key OR a.secondObjectKey = $key } AS associations""";
    /** DETACH DELETE removes each record's links with it; records are linked to nothing else. */
    private static final String DELETE_RECORDS_OF_SCHEMA = """
            MATCH (r:Record {locationId: $locationId, objectKey: $key})
            DETACH DELETE r""";
    private static final String DELETE_ASSOCIATIONS_OF_SCHEMA = """
            MATCH (a:Association {locationId: $locationId})
            WHERE a.firstObjectKey = $key OR a.secondObjectKey = $key
            DETACH DELETE a""";
    private static final String DELETE_SCHEMA = """
            MATCH (o:ObjectSchema {id: $id, locationId: $locationId})
            DETACH DELETE o""";

    /** Records holding a value for one field: its own property, or (TEXTBOX_LIST) one per text box. */
    private static final String RECORDS_WITH_FIELD = """
            MATCH (r:Record {locationId: $locationId, objectKey: $key})
            WHERE r[$field] IS NOT NULL OR any(k IN keys(r) WHERE k STARTS WITH $boxPrefix)
            RETURN count(r) AS records""";

    private final GraphDatabase db;
    private final Locks locks;
    private final EventOutbox outbox;
    private final SchemaNodes nodes;
    private final RecordRepository records;
    private final AssociationRepository associations;

    public ObjectSchemaRepository(GraphDatabase db, Locks locks, EventOutbox outbox, SchemaNodes nodes, RecordRepository records,
            AssociationRepository associations) {
        this.db = db;
        this.locks = locks;
        this.outbox = outbox;
        this.nodes = nodes;
        this.records = records;
        this.associations = associations;
    }

    public List<ObjectSchema> all(String locationId) {
        return db.read(tx -> tx.run(SCHEMAS_OF_LOCATION, Values.parameters("locationId", locationId))
                .list(r -> toSchema(r.get("o").asNode())));
    }

    public Optional<ObjectSchema> find(String locationId, String keyOrId) {
        return db.read(tx -> find(tx, locationId, keyOrId));
    }

    /**
     * Creates an object in one transaction: the location is locked, then {@code propertiesFrom} sees
     * every object the location has now and answers the new node's properties (or throws).
     */
    public ObjectSchema create(String locationId, Function<List<ObjectSchema>, Map<String, Object>> propertiesFrom) {
        return db.write(tx -> {
            lockLocation(tx, locationId);
            List<ObjectSchema> existing = tx.run(SCHEMAS_OF_LOCATION, Values.parameters("locationId", locationId))
                    .list(r -> toSchema(r.get("o").asNode()));
            Map<String, Object> properties = propertiesFrom.apply(existing);
            ObjectSchema created = toSchema(tx.run(CREATE_SCHEMA, Values.parameters("properties", properties)).single().get("o").asNode());
            outbox.record(tx, locationId, EventType.ObjectSchemaCreate, ObjectSchemaEvents.of(CustomObject.of(created)));
            return created;
        });
    }

    /** Locks the location, reads the object as it is now, and writes the changes computed from it. */
    public Optional<ObjectSchema> update(String locationId, String keyOrId, Function<ObjectSchema, Map<String, Object>> changesFrom) {
        return db.write(tx -> {
            lockLocation(tx, locationId);
            Optional<ObjectSchema> current = find(tx, locationId, keyOrId);
            if (current.isEmpty()) {
                return Optional.<ObjectSchema>empty();
            }
            Map<String, Object> changes = changesFrom.apply(current.get());
            ObjectSchema updated = toSchema(tx.run(UPDATE_SCHEMA, Values.parameters("id", current.get().id(),
                    "locationId", locationId, "changes", changes)).single().get("o").asNode());
            outbox.record(tx, locationId, EventType.ObjectSchemaUpdate, ObjectSchemaEvents.of(CustomObject.of(updated)));
            return Optional.of(updated);
        });
    }

    /**
     * Renames the object's field folder. It is not part of the object's schema as HighLevel sends it,
     * so no ObjectSchemaUpdate is recorded. Empty when the location has no object with this id.
     */
    public Optional<ObjectSchema> renameFolder(String locationId, String id, String name) {
        return db.write(tx -> {
            lockLocation(tx, locationId);
            return tx.run(RENAME_FOLDER, Values.parameters("id", id, "locationId", locationId, "name", name)).stream().findFirst()
                    .map(r -> toSchema(r.get("o").asNode()));
        });
    }

    public record Usage(long records, long associations) {
        public boolean inUse() {
            return records > 0 || associations > 0;
        }
    }

    /**
     * Deletes an object in one transaction, after {@code check} has seen how many records and
     * association labels still use it (and thrown to refuse). Its records, their links and those
     * labels go with it. Answers what was removed; empty when there is no such object.
     */
    public record Deleted(ObjectSchema schema, Usage removed) {
    }

    public Optional<Deleted> delete(String locationId, String keyOrId, java.util.function.BiConsumer<ObjectSchema, Usage> check) {
        return db.write(tx -> {
            lockLocation(tx, locationId);
            Optional<ObjectSchema> current = find(tx, locationId, keyOrId);
            if (current.isEmpty()) {
                return Optional.<Deleted>empty();
            }
            ObjectSchema schema = current.get();
            // Exclusive: waits for record writes in flight (they hold it shared), so none is missed.
            locks.objectSchema(tx, locationId, schema.id());
            var counts = tx.run(USAGE_OF_SCHEMA, Values.parameters("locationId", locationId, "key", schema.key())).single();
            Usage usage = new Usage(counts.get("records").asLong(), counts.get("associations").asLong());
            check.accept(schema, usage);
            var params = Values.parameters("locationId", locationId, "key", schema.key(), "id", schema.id());
            recordRemovals(tx, schema);
            // Labels before records: relation writes lock a label before its records, so this order cannot deadlock with them.
            tx.run(DELETE_ASSOCIATIONS_OF_SCHEMA, params).consume();
            tx.run(DELETE_RECORDS_OF_SCHEMA, params).consume();
            tx.run(DELETE_SCHEMA, params).consume();
            return Optional.of(new Deleted(schema, usage));
        });
    }

    /**
     * The events of what an object's deletion removes, in its transaction: a RelationDelete per link
     * of its records, a RecordDelete per record, an AssociationDelete per label (HighLevel has no
     * event for an object's deletion). The labels are locked first, in id order, as the lock order
     * wants (location, object, labels, records): no link under them is added or removed meanwhile.
     */
    private void recordRemovals(TransactionContext tx, ObjectSchema schema) {
        List<Association> labels = associations.ofObject(tx, schema.locationId(), schema.key()).stream()
                .sorted(Comparator.comparing(Association::id))
                .flatMap(label -> locks.labelForChange(tx, schema.locationId(), label.id()).map(Association::from).stream())
                .toList();
        records.recordRemovalOfAll(tx, schema);
        outbox.recordAll(tx, schema.locationId(), EventType.AssociationDelete, labels.stream().map(AssociationEvents::of).toList());
    }

    /**
     * Removes one field in one transaction. The object is locked exclusively first, so record writes
     * in flight (they hold it shared) finish before the records holding a value are counted;
     * {@code changesFrom} sees the field and that count, and answers the object's changes (or throws
     * to refuse). Empty when there is no such object or field.
     */
    public Optional<ObjectSchema> removeField(String locationId, String schemaId, String fieldId,
            java.util.function.BiFunction<ObjectSchema, Long, Map<String, Object>> changesFrom) {
        return db.write(tx -> {
            lockLocation(tx, locationId);
            Optional<ObjectSchema> current = find(tx, locationId, schemaId);
            Optional<ObjectField> field = current.flatMap(schema -> schema.fieldById(fieldId));
            if (field.isEmpty() || !locks.objectSchema(tx, locationId, schemaId)) {
                return Optional.<ObjectSchema>empty();
            }
            ObjectSchema schema = current.get();
            long records = tx.run(RECORDS_WITH_FIELD, Values.parameters("locationId", locationId, "key", schema.key(),
                    "field", field.get().key(), "boxPrefix", field.get().key() + ".")).single().get("records").asLong();
            Map<String, Object> changes = changesFrom.apply(schema, records);
            ObjectSchema updated = toSchema(tx.run(UPDATE_SCHEMA, Values.parameters("id", schema.id(), "locationId", locationId,
                    "changes", changes)).single().get("o").asNode());
            outbox.record(tx, locationId, EventType.ObjectSchemaUpdate, ObjectSchemaEvents.of(CustomObject.of(updated)));
            return Optional.of(updated);
        });
    }

    private void lockLocation(TransactionContext tx, String locationId) {
        if (!locks.location(tx, locationId)) {
            throw new Errors.NotFound("Location", locationId);
        }
    }

    private Optional<ObjectSchema> find(TransactionContext tx, String locationId, String keyOrId) {
        return tx.run(SCHEMA_BY_KEY, Values.parameters("locationId", locationId, "key", keyOrId)).stream().findFirst()
                .map(r -> toSchema(r.get("o").asNode()));
    }

    private ObjectSchema toSchema(Node o) {
        return nodes.toSchema(o);
    }

    /** How the fields are stored on the object's node, for the changes a service computes. */
    String fieldsJson(List<ObjectField> fields) {
        return nodes.fieldsJson(fields);
    }
}

package io.liaison.object;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liaison.error.Errors;
import io.liaison.event.EventOutbox;
import io.liaison.event.EventPayloads;
import io.liaison.event.EventType;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Locks;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
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

    private static final TypeReference<List<ObjectField>> FIELDS = new TypeReference<>() {
    };

    private final GraphDatabase db;
    private final Locks locks;
    private final ObjectMapper json;

    public ObjectSchemaRepository(GraphDatabase db, Locks locks, ObjectMapper json) {
        this.db = db;
        this.locks = locks;
        this.json = json;
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
            EventOutbox.record(tx, locationId, EventType.ObjectSchemaCreate, EventPayloads.objectSchema(CustomObject.of(created)));
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
            EventOutbox.record(tx, locationId, EventType.ObjectSchemaUpdate, EventPayloads.objectSchema(CustomObject.of(updated)));
            return Optional.of(updated);
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
            // Labels before records: relation writes lock a label before its records, so this order cannot deadlock with them.
            tx.run(DELETE_ASSOCIATIONS_OF_SCHEMA, params).consume();
            tx.run(DELETE_RECORDS_OF_SCHEMA, params).consume();
            tx.run(DELETE_SCHEMA, params).consume();
            return Optional.of(new Deleted(schema, usage));
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

    ObjectSchema toSchema(Node o) {
        return new ObjectSchema(str(o, "id"), str(o, "locationId"), str(o, "key"), str(o, "graphLabel"), str(o, "singular"),
                str(o, "plural"), str(o, "description"), str(o, "primaryDisplayProperty"), fields(str(o, "fields")),
                o.get("searchableProperties").isNull() ? List.of() : o.get("searchableProperties").asList(Value::asString),
                o.get("createdAt").isNull() ? null : o.get("createdAt").asZonedDateTime(),
                o.get("updatedAt").isNull() ? null : o.get("updatedAt").asZonedDateTime());
    }

    private List<ObjectField> fields(String stored) {
        if (stored == null) {
            return List.of();
        }
        try {
            return List.copyOf(json.readValue(stored, FIELDS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored object fields are not JSON", e);
        }
    }

    String fieldsJson(List<ObjectField> fields) {
        try {
            return json.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String str(Node node, String key) {
        Value v = node.get(key);
        return v.isNull() ? null : v.asString();
    }
}

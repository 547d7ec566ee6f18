package io.liaison.object;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Values;
import org.neo4j.driver.types.Node;

/**
 * The Cypher of object schemas. The writes run in the service's transaction ({@link ObjectSchemaService}),
 * which first locks the location's node, so the rules it checks between them (objects per location,
 * fields per object, graph labels, records and labels still using an object) cannot be raced.
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

    private final SchemaNodes nodes;

    public ObjectSchemaRepository(SchemaNodes nodes) {
        this.nodes = nodes;
    }

    /** Every object of the location, by key. */
    public List<ObjectSchema> all(TransactionContext tx, String locationId) {
        return tx.run(SCHEMAS_OF_LOCATION, Values.parameters("locationId", locationId)).list(r -> toSchema(r.get("o").asNode()));
    }

    public ObjectSchema create(TransactionContext tx, Map<String, Object> properties) {
        return toSchema(tx.run(CREATE_SCHEMA, Values.parameters("properties", properties)).single().get("o").asNode());
    }

    public ObjectSchema update(TransactionContext tx, ObjectSchema schema, Map<String, Object> changes) {
        return toSchema(tx.run(UPDATE_SCHEMA, Values.parameters("id", schema.id(), "locationId", schema.locationId(), "changes", changes))
                .single().get("o").asNode());
    }

    /** Renames the object's field folder. Empty when the location has no object with this id. */
    public Optional<ObjectSchema> renameFolder(TransactionContext tx, String locationId, String id, String name) {
        return tx.run(RENAME_FOLDER, Values.parameters("id", id, "locationId", locationId, "name", name)).stream().findFirst()
                .map(r -> toSchema(r.get("o").asNode()));
    }

    public record Usage(long records, long associations) {
        public boolean inUse() {
            return records > 0 || associations > 0;
        }
    }

    /** How many records and association labels use the object. */
    public Usage usage(TransactionContext tx, ObjectSchema schema) {
        var counts = tx.run(USAGE_OF_SCHEMA, Values.parameters("locationId", schema.locationId(), "key", schema.key())).single();
        return new Usage(counts.get("records").asLong(), counts.get("associations").asLong());
    }

    /** Removes the association labels of the object, with their links. */
    public void deleteAssociationsOf(TransactionContext tx, ObjectSchema schema) {
        tx.run(DELETE_ASSOCIATIONS_OF_SCHEMA, ofSchema(schema)).consume();
    }

    /** Removes the records of the object, with their links. */
    public void deleteRecordsOf(TransactionContext tx, ObjectSchema schema) {
        tx.run(DELETE_RECORDS_OF_SCHEMA, ofSchema(schema)).consume();
    }

    public void delete(TransactionContext tx, ObjectSchema schema) {
        tx.run(DELETE_SCHEMA, ofSchema(schema)).consume();
    }

    /** How many records of the object hold a value for the field. */
    public long recordsWithField(TransactionContext tx, ObjectSchema schema, ObjectField field) {
        return tx.run(RECORDS_WITH_FIELD, Values.parameters("locationId", schema.locationId(), "key", schema.key(),
                "field", field.key(), "boxPrefix", field.key() + ".")).single().get("records").asLong();
    }

    private static org.neo4j.driver.Value ofSchema(ObjectSchema schema) {
        return Values.parameters("locationId", schema.locationId(), "key", schema.key(), "id", schema.id());
    }

    /** The object by key or id, inside the caller's transaction. */
    public Optional<ObjectSchema> find(TransactionContext tx, String locationId, String keyOrId) {
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

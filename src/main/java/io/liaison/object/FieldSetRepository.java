package io.liaison.object;

import io.liaison.error.Errors;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Locks;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Values;

/**
 * The Cypher of a standard object's custom fields (today the contact's): one
 * {@code (:FieldSet {locationId, objectKey, fields})} node per location and object, made on the first
 * declaration, holding the fields as JSON as an object schema does. Writes lock the location first,
 * so the rules checked inside them (one field per key, fields per object) cannot be raced.
 */
@ApplicationScoped
public class FieldSetRepository {

    private static final String FIELDS_OF_SET = """
            MATCH (s:FieldSet {locationId: $locationId, objectKey: $objectKey})
            RETURN s.fields AS fields""";
    /** Under the location's lock, so two first declarations cannot make two sets. */
    private static final String FIELD_SET_FOR_CHANGE = """
            MERGE (s:FieldSet {locationId: $locationId, objectKey: $objectKey})
            RETURN s.fields AS fields""";
    private static final String SET_FIELDS = """
            MATCH (s:FieldSet {locationId: $locationId, objectKey: $objectKey})
            SET s.fields = $fields""";
    /** Contacts holding a value for a field, under any of the names a value may be kept by (its id or key). */
    private static final String CONTACTS_WITH_VALUE = """
            MATCH (c:Contact {locationId: $locationId})
            WHERE any(p IN $properties WHERE c[p] IS NOT NULL)
            RETURN count(c) AS contacts""";

    private final GraphDatabase db;
    private final Locks locks;
    private final SchemaNodes schemas;

    public FieldSetRepository(GraphDatabase db, Locks locks, SchemaNodes schemas) {
        this.db = db;
        this.locks = locks;
        this.schemas = schemas;
    }

    public List<ObjectField> fields(String locationId, String objectKey) {
        return db.read(tx -> tx.run(FIELDS_OF_SET, Values.parameters("locationId", locationId, "objectKey", objectKey)).stream()
                .findFirst().map(r -> schemas.fields(r.get("fields").asString(null))).orElse(List.of()));
    }

    /** Writes the fields computed from the current ones, in one transaction under the location's lock. */
    public List<ObjectField> change(String locationId, String objectKey, UnaryOperator<List<ObjectField>> change) {
        return db.write(tx -> write(tx, locationId, objectKey, change.apply(current(tx, locationId, objectKey))));
    }

    /**
     * Removes a field in one transaction: {@code check} sees the fields and how many contacts hold a
     * value under {@code valueProperties} of the field it names, and answers the fields to keep (or
     * throws to refuse). Empty when there is no such field.
     */
    public Optional<List<ObjectField>> remove(String locationId, String objectKey, String fieldId,
            java.util.function.Function<ObjectField, List<String>> valueProperties, BiFunction<List<ObjectField>, Long, List<ObjectField>> check) {
        return db.write(tx -> {
            List<ObjectField> current = current(tx, locationId, objectKey);
            Optional<ObjectField> field = current.stream().filter(f -> f.id().equals(fieldId)).findFirst();
            if (field.isEmpty()) {
                return Optional.<List<ObjectField>>empty();
            }
            long contacts = tx.run(CONTACTS_WITH_VALUE, Values.parameters("locationId", locationId,
                    "properties", valueProperties.apply(field.get()))).single().get("contacts").asLong();
            return Optional.of(write(tx, locationId, objectKey, check.apply(current, contacts)));
        });
    }

    private List<ObjectField> current(TransactionContext tx, String locationId, String objectKey) {
        if (!locks.location(tx, locationId)) {
            throw new Errors.NotFound("Location", locationId);
        }
        return schemas.fields(tx.run(FIELD_SET_FOR_CHANGE, Values.parameters("locationId", locationId, "objectKey", objectKey))
                .single().get("fields").asString(null));
    }

    private List<ObjectField> write(TransactionContext tx, String locationId, String objectKey, List<ObjectField> fields) {
        tx.run(SET_FIELDS, Values.parameters("locationId", locationId, "objectKey", objectKey, "fields", schemas.fieldsJson(fields)))
                .consume();
        return fields;
    }
}

package io.liaison.object;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Values;

/**
 * The Cypher of a standard object's custom fields (today the contact's): one
 * {@code (:FieldSet {locationId, objectKey, fields})} node per location and object, made on the first
 * declaration, holding the fields as JSON as an object schema does. The writes run in the service's
 * transaction ({@link ContactFieldService}), which locks the location first, so the rules it checks
 * between them (one field per key, fields per object) cannot be raced.
 */
@ApplicationScoped
class FieldSetRepository {

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

    private final SchemaNodes schemas;

    public FieldSetRepository(SchemaNodes schemas) {
        this.schemas = schemas;
    }

    public List<ObjectField> fields(TransactionContext tx, String locationId, String objectKey) {
        return tx.run(FIELDS_OF_SET, Values.parameters("locationId", locationId, "objectKey", objectKey)).stream()
                .findFirst().map(r -> schemas.fields(r.get("fields").asString(null))).orElse(List.of());
    }

    /** The fields as they are now, for a change under the location's lock; the set is made on the first one. */
    public List<ObjectField> fieldsForChange(TransactionContext tx, String locationId, String objectKey) {
        return schemas.fields(tx.run(FIELD_SET_FOR_CHANGE, Values.parameters("locationId", locationId, "objectKey", objectKey))
                .single().get("fields").asString(null));
    }

    /** How many contacts hold a value under any of these property names. */
    public long contactsWithValue(TransactionContext tx, String locationId, List<String> properties) {
        return tx.run(CONTACTS_WITH_VALUE, Values.parameters("locationId", locationId, "properties", properties)).single()
                .get("contacts").asLong();
    }

    public List<ObjectField> write(TransactionContext tx, String locationId, String objectKey, List<ObjectField> fields) {
        tx.run(SET_FIELDS, Values.parameters("locationId", locationId, "objectKey", objectKey, "fields", schemas.fieldsJson(fields)))
                .consume();
        return fields;
    }
}

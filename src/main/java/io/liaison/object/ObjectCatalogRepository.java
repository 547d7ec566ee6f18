package io.liaison.object;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Values;

/**
 * Which objects exist in a location. The standard {@code contact} and {@code business} objects always exist; custom
 * objects are {@code (:ObjectSchema {locationId, key, graphLabel, singular, plural})} nodes. Every
 * feature that names an object key (association labels, relations, graph queries) asks here, in the
 * transaction it opened.
 */
@ApplicationScoped
public class ObjectCatalogRepository {

    private static final String CUSTOM_OBJECT_BY_KEY = """
            MATCH (o:ObjectSchema {locationId: $locationId, key: $key})
            RETURN o.key AS key, o.graphLabel AS graphLabel, o.singular AS singular, o.plural AS plural""";

    private static final String CUSTOM_OBJECT_EXISTS = """
            RETURN EXISTS { MATCH (o:ObjectSchema {locationId: $locationId, key: $key}) } AS exists""";

    /** The object; a standard one, or a key no object can have, without a statement. */
    public Optional<ObjectType> find(TransactionContext tx, String locationId, String objectKey) {
        if (objectKey == null || objectKey.isBlank() || objectKey.length() > 100) {
            return Optional.empty();
        }
        Optional<ObjectType> standard = ObjectType.standard(objectKey);
        if (standard.isPresent()) {
            return standard;
        }
        return tx.run(CUSTOM_OBJECT_BY_KEY, Values.parameters("locationId", locationId, "key", objectKey))
                .stream().findFirst().map(r -> new ObjectType(r.get("key").asString(), r.get("graphLabel").asString(),
                        r.get("singular").asString(null), r.get("plural").asString(null), false));
    }

    /**
     * Whether the object exists, read inside the caller's writing transaction. Called after the
     * location's lock is taken, it cannot race an object's deletion, which holds that lock.
     */
    public boolean exists(TransactionContext tx, String locationId, String objectKey) {
        return ObjectType.standard(objectKey).isPresent()
                || tx.run(CUSTOM_OBJECT_EXISTS, Values.parameters("locationId", locationId, "key", objectKey)).single().get("exists").asBoolean();
    }
}

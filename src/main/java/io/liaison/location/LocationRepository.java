package io.liaison.location;

import io.liaison.neo4j.Locks;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Values;

/**
 * The Cypher of locations, API keys and the service's own settings: each method one statement in the
 * transaction its caller opened.
 */
@ApplicationScoped
public class LocationRepository {

    private static final String CREATE_LOCATION = """
            CREATE (l:Location)
            SET l = $properties, l.dateAdded = toString(datetime())
            RETURN l""";
    /** The agency's locations, by name then id, a page at a time. */
    private static final String LOCATIONS_PAGE = """
            MATCH (l:Location)
            RETURN l ORDER BY l.name, l.id SKIP $skip LIMIT $limit""";
    private static final String LOCATION_BY_ID = """
            MATCH (l:Location {id: $id}) RETURN l""";
    /**
     * Adds a key unless the location already has {@code $maximum}; answers the count before, so the
     * caller tells "created" from "at the limit". Run under the location's lock
     * ({@link Locks#location}), which makes the count exact under concurrent creations.
     */
    private static final String ADD_API_KEY_WITHIN_LIMIT = """
            MATCH (l:Location {id: $locationId})
            WITH l, COUNT { (l)-[:HAS_KEY]->(:ApiKey) } AS keys
            FOREACH (_ IN CASE WHEN keys < $maximum THEN [1] ELSE [] END |
                CREATE (l)-[:HAS_KEY]->(:ApiKey {hash: $hash, locationId: l.id, prefix: $prefix, readOnly: $readOnly,
                                                 createdAt: datetime()}))
            RETURN keys""";
    private static final String KEY_BY_HASH = """
            MATCH (k:ApiKey {hash: $hash})
            RETURN k.locationId AS locationId, coalesce(k.readOnly, false) AS readOnly""";
    private static final String KEYS_OF_LOCATION = """
            MATCH (:Location {id: $locationId})-[:HAS_KEY]->(k:ApiKey)
            RETURN k.hash AS hash, k.prefix AS prefix, toString(k.createdAt) AS createdAt,
                   toString(k.lastUsedAt) AS lastUsedAt, coalesce(k.readOnly, false) AS readOnly
            ORDER BY k.createdAt, k.hash""";
    /** A key's id is the start of its hash (see {@link ApiKeys#idOf}); a location has few keys to scan. */
    private static final String REVOKE_KEY = """
            MATCH (:Location {id: $locationId})-[:HAS_KEY]->(k:ApiKey)
            WHERE k.hash STARTS WITH $keyId
            WITH k, k.hash AS hash
            DETACH DELETE k
            RETURN hash""";
    /** Of the keys given (location and id), those that still exist: one read for every open event stream. */
    private static final String EXISTING_KEYS = """
            UNWIND $keys AS key
            MATCH (:Location {id: key.locationId})-[:HAS_KEY]->(k:ApiKey)
            WHERE k.hash STARTS WITH key.id
            RETURN DISTINCT key.locationId AS locationId, key.id AS id""";
    /** Usage is kept per instance and written in one batch; an older time never replaces a newer one. */
    private static final String RECORD_KEY_USE = """
            UNWIND $uses AS use
            MATCH (k:ApiKey {hash: use.hash})
            WITH k, datetime({epochMillis: use.at}) AS at
            WHERE k.lastUsedAt IS NULL OR k.lastUsedAt < at
            SET k.lastUsedAt = at""";
    private static final String SETTING = """
            MATCH (s:LiaisonSetting {name: $name}) RETURN s.value AS value""";
    private static final String SET_SETTING = """
            MERGE (s:LiaisonSetting {name: $name})
            ON CREATE SET s.createdAt = datetime()
            SET s.value = $value, s.changedAt = datetime()""";
    /** MERGE on a uniquely constrained name locks the entry, so only one instance ever writes it. */
    private static final String SET_SETTING_IF_ABSENT = """
            MERGE (s:LiaisonSetting {name: $name})
            ON CREATE SET s.value = $value, s.createdAt = datetime()
            RETURN s.value AS value""";
    /**
     * Creates the "Default" location and its key only when the store has no location at all. The
     * MERGE on the bootstrap setting serialises two instances starting together.
     */
    private static final String BOOTSTRAP_DEFAULT_LOCATION = """
            MERGE (s:LiaisonSetting {name: 'bootstrap'})
            ON CREATE SET s.createdAt = datetime()
            SET s.touchedAt = datetime()
            WITH s
            WHERE NOT EXISTS { MATCH (:Location) }
            CREATE (l:Location {id: $locationId, name: 'Default', dateAdded: toString(datetime())})
            CREATE (l)-[:HAS_KEY]->(:ApiKey {hash: $hash, locationId: l.id, prefix: $prefix, createdAt: datetime()})
            RETURN l.id AS id""";

    public Location create(TransactionContext tx, Map<String, Object> properties) {
        return Location.from(tx.run(CREATE_LOCATION, Values.parameters("properties", properties)).single().get("l").asNode());
    }

    public List<Location> page(TransactionContext tx, int skip, int limit) {
        return tx.run(LOCATIONS_PAGE, Values.parameters("skip", skip, "limit", limit)).list(r -> Location.from(r.get("l").asNode()));
    }

    public Optional<Location> find(TransactionContext tx, String id) {
        return tx.run(LOCATION_BY_ID, Values.parameters("id", id)).stream()
                .findFirst().map(r -> Location.from(r.get("l").asNode()));
    }

    /**
     * Adds the key unless the location has {@code maximum} already; answers the number of keys the location
     * had before. Run under the location's lock ({@link Locks#location}), taken by the caller.
     */
    public long addKeyWithinLimit(TransactionContext tx, String locationId, ApiKeys.NewKey key, int maximum) {
        return tx.run(ADD_API_KEY_WITHIN_LIMIT, Values.parameters("locationId", locationId, "hash", key.hash(),
                "prefix", key.prefix(), "readOnly", key.readOnly(), "maximum", maximum)).single().get("keys").asLong();
    }

    public Optional<ApiKeys.Key> keyByHash(TransactionContext tx, String hash) {
        return tx.run(KEY_BY_HASH, Values.parameters("hash", hash)).stream().findFirst()
                .map(r -> new ApiKeys.Key(ApiKeys.idOf(hash), r.get("locationId").asString(), r.get("readOnly").asBoolean()));
    }

    /** Whether the location exists (the statement of {@link #find}, its node not read). */
    public boolean exists(TransactionContext tx, String locationId) {
        return tx.run(LOCATION_BY_ID, Values.parameters("id", locationId)).hasNext();
    }

    /** The location's keys; empty when it has none or does not exist (see {@link #exists}). */
    public List<ApiKeys.KeyInfo> keysOf(TransactionContext tx, String locationId) {
        return tx.run(KEYS_OF_LOCATION, Values.parameters("locationId", locationId)).list(r -> new ApiKeys.KeyInfo(
                ApiKeys.idOf(r.get("hash").asString()), r.get("prefix").asString(null), r.get("createdAt").asString(null),
                r.get("lastUsedAt").asString(null), r.get("readOnly").asBoolean()));
    }

    /** The revoked key's hash, or empty when the location has no such key. */
    public Optional<String> revokeKey(TransactionContext tx, String locationId, String keyId) {
        return tx.run(REVOKE_KEY, Values.parameters("locationId", locationId, "keyId", keyId)).stream()
                .findFirst().map(r -> r.get("hash").asString());
    }

    /** Which of {@code keys} still exist. */
    public Set<ApiKeys.KeyRef> existingKeys(TransactionContext tx, Collection<ApiKeys.KeyRef> keys) {
        List<Map<String, Object>> parameters = keys.stream()
                .map(k -> Map.<String, Object>of("locationId", k.locationId(), "id", k.id())).toList();
        return tx.run(EXISTING_KEYS, Values.parameters("keys", parameters)).stream()
                .map(r -> new ApiKeys.KeyRef(r.get("locationId").asString(), r.get("id").asString()))
                .collect(Collectors.toSet());
    }

    /** Writes "last used" for many keys at once: hash to epoch milliseconds. */
    public void recordKeyUse(TransactionContext tx, Map<String, Long> lastUseByHash) {
        List<Map<String, Object>> uses = lastUseByHash.entrySet().stream()
                .map(e -> Map.<String, Object>of("hash", e.getKey(), "at", e.getValue())).toList();
        tx.run(RECORD_KEY_USE, Values.parameters("uses", uses)).consume();
    }

    /** Sets the value whatever was there. */
    public void setSetting(TransactionContext tx, String name, String value) {
        tx.run(SET_SETTING, Values.parameters("name", name, "value", value)).consume();
    }

    public Optional<String> setting(TransactionContext tx, String name) {
        return tx.run(SETTING, Values.parameters("name", name)).stream()
                .findFirst().map(r -> r.get("value").asString(null));
    }

    /** Stores the value unless one is already there; answers the value that is stored now. */
    public String settingIfAbsent(TransactionContext tx, String name, String value) {
        return tx.run(SET_SETTING_IF_ABSENT, Values.parameters("name", name, "value", value))
                .single().get("value").asString();
    }

    public Optional<String> bootstrapDefaultLocation(TransactionContext tx, String locationId, String keyHash, String keyPrefix) {
        return tx.run(BOOTSTRAP_DEFAULT_LOCATION,
                Values.parameters("locationId", locationId, "hash", keyHash, "prefix", keyPrefix))
                .stream().findFirst().map(r -> r.get("id").asString());
    }
}

package io.liaison.location;

import io.liaison.neo4j.GraphDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Values;

/** The Cypher of locations, API keys and the service's own settings. */
@ApplicationScoped
public class LocationRepository {

    private static final String CREATE_LOCATION = """
            CREATE (l:Location)
            SET l = $properties, l.dateAdded = toString(datetime())
            RETURN l""";
    private static final String LOCATION_BY_ID = """
            MATCH (l:Location {id: $id}) RETURN l""";
    private static final String ADD_API_KEY = """
            MATCH (l:Location {id: $locationId})
            CREATE (l)-[:HAS_KEY]->(:ApiKey {hash: $hash, locationId: l.id, prefix: $prefix, createdAt: datetime()})
            RETURN l.id AS id""";
    private static final String LOCATION_OF_KEY = """
            MATCH (k:ApiKey {hash: $hash}) RETURN k.locationId AS locationId""";
    private static final String SETTING = """
            MATCH (s:LiaisonSetting {name: $name}) RETURN s.value AS value""";
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

    private final GraphDatabase db;

    public LocationRepository(GraphDatabase db) {
        this.db = db;
    }

    public Location create(Map<String, Object> properties) {
        return db.write(tx -> Location.from(tx.run(CREATE_LOCATION, Values.parameters("properties", properties)).single().get("l").asNode()));
    }

    public Optional<Location> find(String id) {
        return db.read(tx -> tx.run(LOCATION_BY_ID, Values.parameters("id", id)).stream()
                .findFirst().map(r -> Location.from(r.get("l").asNode())));
    }

    public boolean addKey(String locationId, String hash, String prefix) {
        return db.write(tx -> tx.run(ADD_API_KEY, Values.parameters("locationId", locationId, "hash", hash, "prefix", prefix))
                .hasNext());
    }

    public Optional<String> locationOfKey(String hash) {
        return db.read(tx -> tx.run(LOCATION_OF_KEY, Values.parameters("hash", hash)).stream()
                .findFirst().map(r -> r.get("locationId").asString()));
    }

    public Optional<String> setting(String name) {
        return db.read(tx -> tx.run(SETTING, Values.parameters("name", name)).stream()
                .findFirst().map(r -> r.get("value").asString(null)));
    }

    /** Stores the value unless one is already there; answers the value that is stored now. */
    public String settingIfAbsent(String name, String value) {
        return db.write(tx -> tx.run(SET_SETTING_IF_ABSENT, Values.parameters("name", name, "value", value))
                .single().get("value").asString());
    }

    public Optional<String> bootstrapDefaultLocation(String locationId, String keyHash, String keyPrefix) {
        return db.write(tx -> tx.run(BOOTSTRAP_DEFAULT_LOCATION,
                Values.parameters("locationId", locationId, "hash", keyHash, "prefix", keyPrefix))
                .stream().findFirst().map(r -> r.get("id").asString()));
    }
}

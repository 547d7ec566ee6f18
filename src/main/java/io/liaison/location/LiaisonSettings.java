package io.liaison.location;

import io.liaison.neo4j.GraphDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The service's own settings in the graph (the agency token's hash, the demo's markers), shared by every
 * instance on the database: each read or write is one transaction of its own, opened here.
 */
@ApplicationScoped
public class LiaisonSettings {

    private final GraphDatabase db;
    private final LocationRepository repository;

    public LiaisonSettings(GraphDatabase db, LocationRepository repository) {
        this.db = db;
        this.repository = repository;
    }

    public Optional<String> get(String name) {
        return db.read(tx -> repository.setting(tx, name));
    }

    /** Sets the value whatever was there. */
    public void set(String name, String value) {
        db.write(tx -> {
            repository.setSetting(tx, name, value);
            return null;
        });
    }

    /** Stores the value unless one is already there; answers the value that is stored now. */
    public String setIfAbsent(String name, String value) {
        return db.write(tx -> repository.settingIfAbsent(tx, name, value));
    }
}

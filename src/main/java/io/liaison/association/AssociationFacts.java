package io.liaison.association;

import io.liaison.neo4j.GraphDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What never changes about an association (the article's "label") once created (its location, relationship type, objects and
 * whether it is symmetric), kept in the process so that a link is one statement instead of two.
 * Everything that can change (the cardinality, the labels, whether it still exists) is read again
 * under the lock by the link statement itself, so a stale entry can never let a link through: at
 * worst a deleted label's entry lingers until it is evicted, and linking under it answers 404.
 */
@ApplicationScoped
class AssociationFacts {

    private static final int MAX_ENTRIES = 10_000;

    private final GraphDatabase db;
    private final AssociationRepository repository;
    private final Map<String, Association> known = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Association> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    public AssociationFacts(GraphDatabase db, AssociationRepository repository) {
        this.db = db;
        this.repository = repository;
    }

    /** The label as last read; the location is part of the key, so no location sees another's label. */
    public Optional<Association> find(String locationId, String associationId) {
        String key = locationId + '/' + associationId;
        synchronized (known) {
            Association cached = known.get(key);
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        Optional<Association> read = db.read(tx -> repository.find(tx, locationId, associationId));
        read.ifPresent(label -> {
            synchronized (known) {
                known.put(key, label);
            }
        });
        return read;
    }

    public void forget(String locationId, String associationId) {
        synchronized (known) {
            known.remove(locationId + '/' + associationId);
        }
    }
}

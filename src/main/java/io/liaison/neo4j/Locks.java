package io.liaison.neo4j;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Values;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.types.Node;

/**
 * Every lock Liaison takes, in one place. Neo4j runs transactions at read-committed, so a count
 * taken without a lock is racy: a write that checks a rule first locks the nodes that the rule
 * is about, then reads, then writes, in one transaction.
 *
 * <p>The order is always the same, so two writers never wait on each other in a cycle:
 * location, then object schema, then association label, then records by ascending id.
 *
 * <p>Exclusive locks are taken the Cypher way (setting and removing a property). Shared locks
 * need APOC core's {@code apoc.lock.read.nodes}: links take a shared lock on their label, so links
 * under one label run in parallel, while a label change (cardinality, force delete) takes the
 * exclusive lock and so waits for every link in flight and holds new ones back. Without APOC
 * (an external server that lacks it) links fall back to the exclusive lock: still correct, but
 * links under one label are then serialised.
 */
@ApplicationScoped
public class Locks {

    private static final Logger LOG = Logger.getLogger(Locks.class);

    private static final String LOCATION = """
            MATCH (l:Location {id: $locationId})
            SET l._lock = true REMOVE l._lock
            RETURN l.id AS id""";
    private static final String OBJECT_SCHEMA = """
            MATCH (o:ObjectSchema {id: $id, locationId: $locationId})
            SET o._lock = true REMOVE o._lock
            RETURN o.id AS id""";
    /** The label as it is once the lock is held (a node is read when it is returned, after the lock). */
    private static final String LABEL_EXCLUSIVE = """
            MATCH (a:Association {id: $id, locationId: $locationId})
            SET a._lock = true REMOVE a._lock
            RETURN a""";
    /**
     * The lookup after the lock is a second MATCH on purpose: a label deleted while this
     * transaction waited for the lock is then not found, instead of being read half-gone.
     */
    private static final String LABEL_SHARED = """
            MATCH (a:Association {id: $id, locationId: $locationId})
            CALL apoc.lock.read.nodes([a])
            WITH count(a) AS locked
            MATCH (label:Association {id: $id, locationId: $locationId})
            RETURN label AS a""";
    private static final String OBJECT_SCHEMA_SHARED = """
            MATCH (o:ObjectSchema {id: $id, locationId: $locationId})
            CALL apoc.lock.read.nodes([o])
            WITH count(o) AS locked
            MATCH (schema:ObjectSchema {id: $id, locationId: $locationId})
            RETURN schema.id AS id""";
    private static final String PROBE_SHARED_LOCKS = "CALL apoc.lock.read.nodes([])";

    /**
     * A Cypher fragment that locks the records whose ids are in {@code $lockOrder} (already
     * sorted ascending), one row at a time and in that order. It ends with one row, whatever it
     * found; the statement after it matches the records again, so a record deleted while this
     * transaction waited is seen as missing.
     */
    public static final String RECORDS_IN_ID_ORDER = """
            UNWIND $lockOrder AS lockId
            OPTIONAL MATCH (locked:Record {id: lockId, locationId: $locationId})
            FOREACH (n IN CASE WHEN locked IS NULL THEN [] ELSE [locked] END | SET n._lock = true REMOVE n._lock)
            WITH count(*) AS lockedRows
            """;

    private final GraphDatabase db;
    private volatile Boolean sharedLocksAvailable;

    public Locks(GraphDatabase db) {
        this.db = db;
    }

    /** Writes that count something per location (labels, objects, fields) take this first. False when there is no such location. */
    public boolean location(TransactionContext tx, String locationId) {
        return tx.run(LOCATION, Values.parameters("locationId", locationId)).hasNext();
    }

    /** An object's schema, exclusively, for deleting it. False when it is gone. */
    public boolean objectSchema(TransactionContext tx, String locationId, String schemaId) {
        return tx.run(OBJECT_SCHEMA, Values.parameters("id", schemaId, "locationId", locationId)).hasNext();
    }

    /**
     * An object's schema, shared, for writing one of its records: records of one object are
     * written in parallel, and the object's deletion (exclusive) waits for them. False when it is gone.
     */
    public boolean objectSchemaForRecords(TransactionContext tx, String locationId, String schemaId) {
        String query = sharedLocks() ? OBJECT_SCHEMA_SHARED : OBJECT_SCHEMA;
        return tx.run(query, Values.parameters("id", schemaId, "locationId", locationId)).hasNext();
    }

    /** A label, exclusively, for changing or deleting it: waits for every link in flight under it. */
    public Optional<Node> labelForChange(TransactionContext tx, String locationId, String associationId) {
        return tx.run(LABEL_EXCLUSIVE, Values.parameters("id", associationId, "locationId", locationId)).stream()
                .findFirst().map(r -> r.get("a").asNode());
    }

    /**
     * A label, shared, for linking under it: links under one label do not wait for each other, only
     * for a change of the label. Empty when the label is not (or no longer) there.
     */
    public Optional<Node> labelForLinking(TransactionContext tx, String locationId, String associationId) {
        String query = sharedLocks() ? LABEL_SHARED : LABEL_EXCLUSIVE;
        return tx.run(query, Values.parameters("id", associationId, "locationId", locationId)).stream()
                .findFirst().map(r -> r.get("a").asNode());
    }

    /**
     * Whether this database offers shared locks (APOC core), asked once per process in a
     * transaction of its own: a failed statement would spoil the caller's transaction.
     */
    public boolean sharedLocks() {
        Boolean known = sharedLocksAvailable;
        if (known == null) {
            known = probe();
            sharedLocksAvailable = known;
            if (!known) {
                LOG.warn("The Neo4j server has no apoc.lock.read.nodes (APOC core): links under one association label are "
                        + "serialised. Install APOC core on the server for parallel linking (see README, 'Running on a Neo4j server').");
            }
        }
        return known;
    }

    private boolean probe() {
        try {
            db.read(tx -> tx.run(PROBE_SHARED_LOCKS).consume());
            return true;
        } catch (ClientException e) {
            if (e.code() != null && e.code().contains("ProcedureNotFound")) {
                return false;
            }
            throw e;
        }
    }
}

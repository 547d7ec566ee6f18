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
 * <p>Locks come from APOC core's {@code apoc.lock.nodes} (exclusive) and
 * {@code apoc.lock.read.nodes} (shared). Links take a shared lock on their label, so links under
 * one label run in parallel, while a label change (cardinality, force delete) takes it
 * exclusively and so waits for every link in flight and holds new ones back. APOC's exclusive
 * lock is also the one that keeps many links to one record apart cleanly: the Cypher way of
 * locking (setting and removing a property) makes Neo4j report false deadlocks by the hundred
 * when sixteen links race for one record (measured; see README, Benchmark).
 *
 * <p>Without APOC (an external server that lacks it) every lock falls back to the Cypher way,
 * exclusive: still correct, but links under one label are then serialised.
 *
 * <p>Each lock ends by matching its node again: a node deleted while the transaction waited for
 * its lock is then not found, instead of being read half-gone.
 */
@ApplicationScoped
public class Locks {

    private static final Logger LOG = Logger.getLogger(Locks.class);

    /** A lock statement in its two forms, with and without APOC; {@code n} is the node to lock. */
    private record LockStatement(String withApoc, String withoutApoc) {

        static LockStatement of(String match, boolean shared, String then) {
            String apoc = shared ? "apoc.lock.read.nodes" : "apoc.lock.nodes";
            return new LockStatement(
                    "MATCH " + match + "\nCALL " + apoc + "([n])\nWITH count(n) AS lockedNodes\n" + then,
                    "MATCH " + match + "\nSET n._lock = true REMOVE n._lock\nWITH count(n) AS lockedNodes\n" + then);
        }
    }

    private static final LockStatement LOCATION = LockStatement.of("(n:Location {id: $locationId})", false, """
            MATCH (l:Location {id: $locationId})
            RETURN l.id AS id""");
    private static final LockStatement OBJECT_SCHEMA = LockStatement.of("(n:ObjectSchema {id: $id, locationId: $locationId})", false, """
            MATCH (o:ObjectSchema {id: $id, locationId: $locationId})
            RETURN o.id AS id""");
    private static final LockStatement OBJECT_SCHEMA_SHARED = LockStatement.of("(n:ObjectSchema {id: $id, locationId: $locationId})",
            true, """
            MATCH (o:ObjectSchema {id: $id, locationId: $locationId})
            RETURN o.id AS id""");
    /** The label as it is once the lock is held. */
    private static final LockStatement LABEL_EXCLUSIVE = LockStatement.of("(n:Association {id: $id, locationId: $locationId})", false, """
            MATCH (a:Association {id: $id, locationId: $locationId})
            RETURN a""");
    /**
     * The first part of a link statement: the label's lock for linking, shared, and the label
     * as it is under that lock, as {@code label}.
     */
    private static final LockStatement LABEL_FOR_LINKING = LockStatement.of(
            "(n:Association {id: $associationId, locationId: $locationId})", true, """
            MATCH (label:Association {id: $associationId, locationId: $locationId})
            """);
    private static final String PROBE_APOC_LOCKS = "CALL apoc.lock.read.nodes([])";

    private final GraphDatabase db;
    private volatile Boolean apocAvailable;

    public Locks(GraphDatabase db) {
        this.db = db;
    }

    /** Writes that count something per location (labels, objects, fields) take this first. False when there is no such location. */
    public boolean location(TransactionContext tx, String locationId) {
        return tx.run(pick(LOCATION), Values.parameters("locationId", locationId)).hasNext();
    }

    /** An object's schema, exclusively, for deleting it. False when it is gone. */
    public boolean objectSchema(TransactionContext tx, String locationId, String schemaId) {
        return tx.run(pick(OBJECT_SCHEMA), Values.parameters("id", schemaId, "locationId", locationId)).hasNext();
    }

    /**
     * An object's schema, shared, for writing one of its records: records of one object are
     * written in parallel, and the object's deletion (exclusive) waits for them. False when it is gone.
     */
    public boolean objectSchemaForRecords(TransactionContext tx, String locationId, String schemaId) {
        return tx.run(pick(OBJECT_SCHEMA_SHARED), Values.parameters("id", schemaId, "locationId", locationId)).hasNext();
    }

    /** A label, exclusively, for changing or deleting it: waits for every link in flight under it. */
    public Optional<Node> labelForChange(TransactionContext tx, String locationId, String associationId) {
        return tx.run(pick(LABEL_EXCLUSIVE), Values.parameters("id", associationId, "locationId", locationId)).stream()
                .findFirst().map(r -> r.get("a").asNode());
    }

    /**
     * The start of a link statement (parameters {@code $associationId}, {@code $locationId}): the
     * label's lock for linking, then the label as {@code label}; no row when it is not there.
     * Followed by {@link #recordsInIdOrder}, then the statement's own checks and write.
     */
    public String labelForLinking() {
        return pick(LABEL_FOR_LINKING);
    }

    /**
     * The records whose ids are in {@code $lockOrder} (sorted ascending), locked exclusively in
     * that order, keeping the {@code carried} variable. It ends with one row, whatever it found;
     * the statement after it matches the records again, so a record deleted while this
     * transaction waited is seen as missing.
     */
    public String recordsInIdOrder(String carried) {
        if (apoc()) {
            return """
                    UNWIND $lockOrder AS lockId
                    OPTIONAL MATCH (record:Record {id: lockId, locationId: $locationId})
                    WITH %1$s, collect(record) AS toLock
                    CALL apoc.lock.nodes(toLock)
                    WITH %1$s, size(toLock) AS lockedRecords
                    """.formatted(carried);
        }
        return """
                UNWIND $lockOrder AS lockId
                OPTIONAL MATCH (record:Record {id: lockId, locationId: $locationId})
                FOREACH (n IN CASE WHEN record IS NULL THEN [] ELSE [record] END | SET n._lock = true REMOVE n._lock)
                WITH %s, count(record) AS lockedRecords
                """.formatted(carried);
    }

    private String pick(LockStatement statement) {
        return apoc() ? statement.withApoc() : statement.withoutApoc();
    }

    /**
     * Whether this database offers APOC's lock procedures, asked once per process in a
     * transaction of its own: a failed statement would spoil the caller's transaction.
     */
    public boolean apoc() {
        Boolean known = apocAvailable;
        if (known == null) {
            known = probe();
            apocAvailable = known;
            if (!known) {
                LOG.warn("The Neo4j server has no apoc.lock procedures (APOC core): links under one association label are "
                        + "serialised. Install APOC core on the server for parallel linking (see README, 'Running against an "
                        + "external Neo4j or a cluster').");
            }
        }
        return known;
    }

    private boolean probe() {
        try {
            db.read(tx -> tx.run(PROBE_APOC_LOCKS).consume());
            return true;
        } catch (ClientException e) {
            if (e.code() != null && e.code().contains("ProcedureNotFound")) {
                return false;
            }
            throw e;
        }
    }
}

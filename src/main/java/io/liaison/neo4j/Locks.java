package io.liaison.neo4j;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jboss.logging.Logger;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Values;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.types.Node;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Transaction;

/**
 * Every lock Liaison takes, in one place: no repository locks a node by itself. Neo4j runs
 * transactions at read-committed, so a count or a read-then-write taken without a lock is racy: a
 * write that checks a rule, or computes its change from what a node holds, first locks the nodes
 * the rule is about, then reads, then writes, in one transaction.
 *
 * <h2>The order</h2>
 * Two transactions that each hold a lock the other wants wait for each other forever, until Neo4j
 * breaks the cycle by failing one of them (a deadlock, retried by {@link GraphDatabase} but costly).
 * No cycle can form when every transaction takes its locks down one list, so these are always taken
 * in this order, and a transaction never takes a lock of an earlier kind after one of a later kind:
 * <ol>
 * <li><b>the location</b>: writes that count something per location (labels, objects, fields, keys, webhooks);
 * <li><b>an object schema</b>: exclusively to change its fields or delete it, shared to write its records;
 * <li><b>association labels</b>, several in ascending id order: exclusively to change or delete one,
 *     shared to link or unlink under it. A label comes before records because a link is about
 *     its label's rules first and the records second: the label's deletion locks its label, then
 *     the records of its links; a link does the same, so the two meet at the label;
 * <li><b>records</b>, several always in ascending id order ({@link #recordsInIdOrder}): two links
 *     sharing records (a-b and b-a, or a-b and b-c) would otherwise take them in opposite orders.
 * </ol>
 * Neo4j also locks, by itself, every node it writes (a SET, a relationship created or deleted at
 * it, a DELETE). Taking the locks above first means those implicit locks fall on nodes already held,
 * or on nodes no one else can reach yet, so they add no order of their own. A deletion that takes
 * links with it (a record's, a label's) therefore locks the records at the other end of those links
 * too, in id order, before it deletes. The one exception to the id order is there: a record's
 * deletion must hold the record before it can know its links, so it locks the record, then the
 * others in id order; two deletions of linked records can then wait on each other, which Neo4j
 * detects and {@link GraphDatabase} retries (docs/design/events.md, "Deletions that take links with them").
 *
 * <p>Nodes outside that list (the event sequencer, webhook deliveries, idempotency keys, import
 * jobs) are locked through {@link #exclusively}, each in a transaction that takes no other lock
 * (several deliveries in ascending id order, as records), so they cannot join a cycle either.
 *
 * <h2>How</h2>
 * Locks come from APOC core's {@code apoc.lock.nodes} (exclusive) and
 * {@code apoc.lock.read.nodes} (shared). Links take a shared lock on their label, so links under
 * one label run in parallel, while a label change (cardinality, force delete) takes it
 * exclusively and so waits for every link in flight and holds new ones back. APOC's exclusive
 * lock is also the one that keeps many links to one record apart cleanly: the Cypher way of
 * locking (setting and removing a property) makes Neo4j report false deadlocks by the hundred
 * when sixteen links race for one record (measured; see bench/README.md).
 *
 * <p>Without APOC (an external server that lacks it) every lock falls back to the Cypher way,
 * exclusive: still correct, but links under one label are then serialised.
 *
 * <p>In-process, a hot path that works through Neo4j's Java core API (bulk links) takes the same
 * locks through it ({@link #labelForLinking(Transaction, String, String)}, {@link #records(Transaction,
 * String, Collection)}): the calls APOC's procedures make, in the same order.
 *
 * <p>Each lock ends by matching its node again: a node deleted, or changed, while the transaction
 * waited for its lock is then seen as it is now, instead of as it was found before the wait.
 */
@ApplicationScoped
public class Locks {

    private static final Logger LOG = Logger.getLogger(Locks.class);
    private static final Label ASSOCIATION = Label.label("Association");
    private static final Label RECORD = Label.label("Record");

    /**
     * A lock statement in its two forms, with and without APOC: {@code find} binds the node(s) to
     * lock as {@code n}, the lock follows, and then {@code then}, which sees only {@code lockedNodes}
     * (how many were locked) and finds what it needs again.
     */
    record LockStatement(String withApoc, String withoutApoc) {

        static LockStatement of(String find, boolean shared, String then) {
            String apoc = shared ? "apoc.lock.read.nodes" : "apoc.lock.nodes";
            return new LockStatement(
                    find + "\nWITH n\nCALL " + apoc + "([n])\nWITH count(n) AS lockedNodes\n" + then,
                    find + "\nSET n._lock = true REMOVE n._lock\nWITH count(n) AS lockedNodes\n" + then);
        }
    }

    private static final LockStatement LOCATION = LockStatement.of("MATCH (n:Location {id: $locationId})", false, """
            MATCH (l:Location {id: $locationId})
            RETURN l.id AS id""");
    private static final LockStatement OBJECT_SCHEMA = LockStatement.of("MATCH (n:ObjectSchema {id: $id, locationId: $locationId})",
            false, """
            MATCH (o:ObjectSchema {id: $id, locationId: $locationId})
            RETURN o.id AS id""");
    /** HighLevel addresses an object by key or by id; the object as it is once the lock is held. */
    private static final LockStatement OBJECT_SCHEMA_FOR_RECORDS = LockStatement.of("""
            MATCH (n:ObjectSchema {locationId: $locationId})
            WHERE n.key = $keyOrId OR n.id = $keyOrId""", true, """
            MATCH (o:ObjectSchema {locationId: $locationId})
            WHERE o.key = $keyOrId OR o.id = $keyOrId
            RETURN o""");
    /** The label as it is once the lock is held. */
    private static final LockStatement LABEL_EXCLUSIVE = LockStatement.of("MATCH (n:Association {id: $id, locationId: $locationId})",
            false, """
            MATCH (a:Association {id: $id, locationId: $locationId})
            RETURN a""");
    /**
     * The first part of a link statement: the label's lock for linking, shared, and the label
     * as it is under that lock, as {@code label}.
     */
    private static final LockStatement LABEL_FOR_LINKING = LockStatement.of(
            "MATCH (n:Association {id: $associationId, locationId: $locationId})", true, """
            MATCH (label:Association {id: $associationId, locationId: $locationId})
            """);
    /** One record of one object, found by the unique index on its id, as it is once the lock is held. */
    static final LockStatement RECORD_FOR_CHANGE = LockStatement.of("""
            MATCH (n:Record {id: $id}) USING INDEX n:Record(id)
            WHERE n.locationId = $locationId AND n.objectKey = $objectKey""", false, """
            MATCH (r:Record {id: $id}) USING INDEX r:Record(id)
            WHERE r.locationId = $locationId AND r.objectKey = $objectKey
            RETURN r""");
    private static final String RECORDS_ONLY = "WITH $locationId AS location\n";
    private static final String PROBE_APOC_LOCKS = "CALL apoc.lock.read.nodes([])";

    private final GraphDatabase db;
    private volatile Boolean apocAvailable;
    /** A probe that found no APOC is asked again after this, in case it ran while the server was starting. */
    private static final long REPROBE_AFTER_NANOS = java.time.Duration.ofMinutes(1).toNanos();
    private volatile long probedAtNanos;

    public Locks(GraphDatabase db) {
        this.db = db;
    }

    /** Writes that count something per location (labels, objects, fields) take this first. False when there is no such location. */
    public boolean location(TransactionContext tx, String locationId) {
        return tx.run(pick(LOCATION), Values.parameters("locationId", locationId)).hasNext();
    }

    /** An object's schema, exclusively, for changing its fields or deleting it. False when it is gone. */
    public boolean objectSchema(TransactionContext tx, String locationId, String schemaId) {
        return tx.run(pick(OBJECT_SCHEMA), Values.parameters("id", schemaId, "locationId", locationId)).hasNext();
    }

    /**
     * An object's schema (by key or id), shared, for writing its records, and the schema as it is
     * under the lock: records of one object are written in parallel, while a change of its fields
     * or its deletion (exclusive) waits for them, so a record is always checked against the fields
     * the object has when it is written. Empty when there is no such object.
     */
    public Optional<Node> objectSchemaForRecords(TransactionContext tx, String locationId, String keyOrId) {
        return tx.run(pick(OBJECT_SCHEMA_FOR_RECORDS), Values.parameters("keyOrId", keyOrId, "locationId", locationId)).stream()
                .findFirst().map(r -> r.get("o").asNode());
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
        return labelForLinking(apoc());
    }

    /** {@link #labelForLinking()} as it is on a server with APOC's locks, or without them. */
    public static String labelForLinking(boolean apoc) {
        return apoc ? LABEL_FOR_LINKING.withApoc() : LABEL_FOR_LINKING.withoutApoc();
    }

    /**
     * A label's lock for linking on its own, for a batch over several labels: it takes every
     * label's lock this way (in id order), then all its records' ({@link #records}), before its
     * link statements, which take the same locks again. False when the label is not in the location.
     */
    public boolean labelForLinking(TransactionContext tx, String locationId, String associationId) {
        return tx.run(labelForLinking() + "RETURN label", Values.parameters("locationId", locationId, "associationId", associationId))
                .hasNext();
    }

    /**
     * The records whose ids are in {@code $lockOrder} ({@link #lockOrder}), locked exclusively in
     * that order, keeping the {@code carried} variable. It ends with one row, whatever it found;
     * the statement after it matches the records again, so a record deleted while this
     * transaction waited is seen as missing.
     */
    public String recordsInIdOrder(String carried) {
        return recordsInIdOrder(carried, apoc());
    }

    /** {@link #recordsInIdOrder(String)} as it is on a server with APOC's locks, or without them. */
    public static String recordsInIdOrder(String carried, boolean apoc) {
        if (apoc) {
            return """
                    UNWIND $lockOrder AS lockId
                    OPTIONAL MATCH (record:Record {id: lockId, locationId: $locationId}) USING INDEX record:Record(id)
                    WITH %1$s, collect(record) AS toLock
                    CALL apoc.lock.nodes(toLock)
                    WITH %1$s, size(toLock) AS lockedRecords
                    """.formatted(carried);
        }
        return """
                UNWIND $lockOrder AS lockId
                OPTIONAL MATCH (record:Record {id: lockId, locationId: $locationId}) USING INDEX record:Record(id)
                FOREACH (n IN CASE WHEN record IS NULL THEN [] ELSE [record] END | SET n._lock = true REMOVE n._lock)
                WITH %s, count(record) AS lockedRecords
                """.formatted(carried);
    }

    /** The {@code $lockOrder} of {@link #recordsInIdOrder}: the ids once each, ascending, as the order above wants. */
    public List<String> lockOrder(Collection<String> ids) {
        return ids.stream().distinct().sorted().toList();
    }

    /**
     * These records, exclusively, in id order, after any label lock the transaction holds: for a
     * change that removes links of theirs (so no link is added to them, nor removed twice, meanwhile).
     */
    public void records(TransactionContext tx, String locationId, Collection<String> recordIds) {
        if (!recordIds.isEmpty()) {
            tx.run(RECORDS_ONLY + recordsInIdOrder("location") + "RETURN lockedRecords",
                    Values.parameters("locationId", locationId, "lockOrder", lockOrder(recordIds))).consume();
        }
    }

    /**
     * For a batch of links over several labels (bulk link, bulk delete), before any of its per-label
     * statements: every label's shared lock, in id order, then the records of all its items, in id
     * order. Concurrent batches, single links and removals then lock in the one order above and never
     * wait in a cycle. The per-label statements after it take the same locks again, which the
     * transaction already holds. A batch under one label needs none of this: its statement locks in
     * that order itself.
     *
     * @param recordIdsByLabel the records of the batch's items, by label id
     */
    public void labelsThenRecords(TransactionContext tx, String locationId, Map<String, ? extends Collection<String>> recordIdsByLabel) {
        if (recordIdsByLabel.size() < 2) {
            return;
        }
        Optional<Transaction> core = InProcessNeo4j.coreApi(tx);
        if (core.isPresent()) {
            labelsThenRecords(core.get(), locationId, recordIdsByLabel);
            return;
        }
        List<String> locked = new ArrayList<>();
        for (String associationId : new TreeSet<>(recordIdsByLabel.keySet())) {
            if (labelForLinking(tx, locationId, associationId)) {
                locked.add(associationId);
            }
        }
        if (!locked.isEmpty()) {
            records(tx, locationId, locked.stream().flatMap(id -> recordIdsByLabel.get(id).stream()).toList());
        }
    }

    private void labelsThenRecords(Transaction tx, String locationId, Map<String, ? extends Collection<String>> recordIdsByLabel) {
        List<String> locked = new ArrayList<>();
        for (String associationId : new TreeSet<>(recordIdsByLabel.keySet())) {
            if (labelForLinking(tx, locationId, associationId).isPresent()) {
                locked.add(associationId);
            }
        }
        if (!locked.isEmpty()) {
            records(tx, locationId, locked.stream().flatMap(id -> recordIdsByLabel.get(id).stream()).toList());
        }
    }

    /*
     * The same locks through Neo4j's Java core API, for in-process hot paths that work without Cypher
     * (InProcessNeo4j.coreApi): the very locks APOC's procedures take (Transaction.acquireReadLock and
     * acquireWriteLock on the node), in the same order, so they and the Cypher forms exclude each other
     * exactly as two Cypher forms do. Each node is found again once locked, as the statements do.
     */

    /**
     * {@link #labelForLinking()} through the core API: the label's shared lock, then the label as it is
     * under the lock; empty when it is not (or no longer) in the location.
     */
    public Optional<org.neo4j.graphdb.Node> labelForLinking(Transaction tx, String locationId, String associationId) {
        org.neo4j.graphdb.Node found = inLocation(tx.findNode(ASSOCIATION, "id", associationId), locationId);
        if (found == null) {
            return Optional.empty();
        }
        tx.acquireReadLock(found);
        return Optional.ofNullable(inLocation(tx.findNode(ASSOCIATION, "id", associationId), locationId));
    }

    /**
     * {@link #recordsInIdOrder} through the core API: the location's records with these ids, each locked
     * exclusively, in ascending id order ({@link #lockOrder}), and found again under its lock. Answers
     * them by id; an id with no record in the location (or one deleted while this waited) is absent.
     */
    public Map<String, org.neo4j.graphdb.Node> records(Transaction tx, String locationId, Collection<String> recordIds) {
        Map<String, org.neo4j.graphdb.Node> locked = new HashMap<>(recordIds.size() * 2);
        for (String id : lockOrder(recordIds)) {
            org.neo4j.graphdb.Node found = inLocation(tx.findNode(RECORD, "id", id), locationId);
            if (found != null) {
                tx.acquireWriteLock(found);
                found = inLocation(tx.findNode(RECORD, "id", id), locationId);
                if (found != null) {
                    locked.put(id, found);
                }
            }
        }
        return locked;
    }

    private static org.neo4j.graphdb.Node inLocation(org.neo4j.graphdb.Node node, String locationId) {
        return node != null && locationId.equals(node.getProperty("locationId", null)) ? node : null;
    }

    /**
     * One record of {@code objectKey} (a contact, a business, a custom object's record), exclusively,
     * for changing or deleting it, and the record as it is under the lock; empty when it is not
     * there. Two writes of one record are then one after the other, each computing its change from
     * what the other left.
     */
    public Optional<Node> recordForChange(TransactionContext tx, String locationId, String objectKey, String id) {
        return tx.run(pick(RECORD_FOR_CHANGE), Values.parameters("id", id, "locationId", locationId, "objectKey", objectKey)).stream()
                .findFirst().map(r -> r.get("r").asNode());
    }

    /**
     * The statement that locks, exclusively, a node outside the order above (a sequencer, a lease, a
     * key, a job): {@code find} binds it as {@code n} (a MATCH or a MERGE; several rows lock several
     * nodes, in row order), then {@code then} runs under the lock, seeing {@code lockedNodes}, and
     * must match the node again to read it as it is now.
     */
    public String exclusively(String find, String then) {
        return pick(LockStatement.of(find, false, then));
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
        if (known == null || (!known && System.nanoTime() - probedAtNanos > REPROBE_AFTER_NANOS)) {
            boolean before = Boolean.FALSE.equals(known);
            known = probe();
            probedAtNanos = System.nanoTime();
            apocAvailable = known;
            if (known && before) {
                LOG.info("The Neo4j server now has APOC's lock procedures: links under one association label run in parallel again");
            }
            if (!known) {
                LOG.warn("The Neo4j server has no apoc.lock procedures (APOC core): links under one association label are "
                        + "serialised. Install APOC core on the server for parallel linking (see "
                        + "docs/operations/external-neo4j.md).");
            }
        }
        return known;
    }

    /**
     * A statement found APOC's procedures missing (a server restarting, or APOC removed): the next
     * lock asks the server again instead of trusting the earlier answer.
     */
    public void forgetApoc() {
        apocAvailable = null;
    }

    private boolean probe() {
        try {
            db.read(tx -> tx.run(PROBE_APOC_LOCKS).consume());
            return true;
        } catch (ClientException e) {
            if (Neo4jErrors.isProcedureNotFound(e)) {
                return false;
            }
            throw e;
        }
    }
}

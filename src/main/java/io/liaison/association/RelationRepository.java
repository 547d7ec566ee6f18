package io.liaison.association;

import io.liaison.event.EventOutbox;
import io.liaison.event.EventPayloads;
import io.liaison.event.EventRepository;
import io.liaison.event.EventType;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Locks;
import io.liaison.neo4j.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.neo4j.driver.Values;
import org.neo4j.driver.types.Relationship;

/**
 * The Cypher of relations: each is one relationship from the first record to the second, typed by
 * its label's relationshipType (set through Cypher's dynamic $(...) form, never concatenated).
 */
@ApplicationScoped
public class RelationRepository {

    /**
     * A link in one statement: the label's lock (shared, see {@link Locks}), both records' locks
     * in id order, what the rules need, and the link, created only if the rules allow it. The
     * label's cardinality is read under the lock, and the limits of each cardinality come from
     * {@link LinkRules} as {@code $limits}; when the statement does not create, the service asks
     * {@link LinkRules#refusal} why, with the same state. No row: the label is not there.
     */
    private static final String LINK_IF_ALLOWED = """
            OPTIONAL MATCH (first:Record {id: $firstId, locationId: $locationId}) USING INDEX first:Record(id)
            OPTIONAL MATCH (second:Record {id: $secondId, locationId: $locationId}) USING INDEX second:Record(id)
            WITH label, $limits[label.cardinality] AS limits, first, second,
              CASE WHEN first IS NULL OR second IS NULL THEN [] ELSE
                [(first)-[r:$($type)]->(second) WHERE r.associationId = $associationId | r.id]
                + CASE WHEN $symmetric
                    THEN [(second)-[r:$($type)]->(first) WHERE r.associationId = $associationId | r.id]
                    ELSE [] END
              END AS existing,
              CASE WHEN first IS NULL THEN 0 ELSE %s END AS firstAsFirst,
              CASE WHEN first IS NULL THEN 0 ELSE %s END AS firstAsSecond,
              CASE WHEN second IS NULL THEN 0 ELSE %s END AS secondAsFirst,
              CASE WHEN second IS NULL THEN 0 ELSE %s END AS secondAsSecond
            WITH label, first, second, existing, firstAsFirst, firstAsSecond, secondAsFirst, secondAsSecond,
              first IS NOT NULL AND second IS NOT NULL
                AND first.objectKey = $firstObjectKey AND second.objectKey = $secondObjectKey
                AND size(existing) = 0
                AND firstAsFirst < limits.maxAsFirst AND secondAsSecond < limits.maxAsSecond
                AND firstAsFirst + firstAsSecond < limits.maxLinks AND secondAsFirst + secondAsSecond < limits.maxLinks AS allowed
            FOREACH (_ IN CASE WHEN allowed THEN [1] ELSE [] END |
              CREATE (first)-[:$($type) {id: $id, associationId: $associationId, locationId: $locationId, createdAt: $createdAt}]->(second)
              %s)
            RETURN label, allowed, existing, first.objectKey AS firstObject, second.objectKey AS secondObject,
                   first IS NOT NULL AS firstFound, second IS NOT NULL AS secondFound,
                   firstAsFirst, firstAsSecond, secondAsFirst, secondAsSecond""".formatted(
            LabelLinks.asFirst("first"), LabelLinks.asSecond("first"), LabelLinks.asFirst("second"), LabelLinks.asSecond("second"),
            EventRepository.APPEND_EVENT_CLAUSE);
    private static final String RELATIONS_OF_RECORD = """
            MATCH (me:Record {id: $recordId, locationId: $locationId})-[r]-(other:Record) USING INDEX me:Record(id)
            WHERE r.locationId = $locationId AND other.locationId = $locationId AND r.associationId IS NOT NULL
              AND ($associationIds IS NULL OR r.associationId IN $associationIds)
            WITH me, r, other
            ORDER BY r.createdAt DESC, r.id DESC
            SKIP $skip LIMIT $limit
            MATCH (a:Association {id: r.associationId})
            RETURN r, a, startNode(r) = me AS outgoing, me.id AS meId,
                   other.id AS otherId, other.objectKey AS otherObjectKey, other.displayName AS otherName""";
    private static final String COUNT_RELATIONS_OF_RECORD = """
            MATCH (me:Record {id: $recordId, locationId: $locationId}) USING INDEX me:Record(id)
            RETURN COUNT {
              (me)-[r]-(other:Record)
              WHERE r.locationId = $locationId AND other.locationId = $locationId AND r.associationId IS NOT NULL
                AND ($associationIds IS NULL OR r.associationId IN $associationIds)
            } AS total""";
    /** Where a relation is, to lock its label and both records before removing it. */
    private static final String RELATION_TO_DELETE = """
            MATCH (first:Record {id: $anchorId, locationId: $locationId})-[r]->(second:Record {locationId: $locationId})
            USING INDEX first:Record(id)
            WHERE r.id = $id AND r.locationId = $locationId AND r.associationId IS NOT NULL
            RETURN r.associationId AS associationId, second.id AS secondId""";
    /**
     * Follows the label's shared lock and both records' locks (see {@link #delete}), and matches
     * the relation again: one removed meanwhile, alone or with its record or label, is not found.
     */
    private static final String DELETE_RELATION = """
            MATCH (first:Record {id: $anchorId, locationId: $locationId})-[r]->(second:Record {locationId: $locationId})
            WHERE r.id = $id AND r.locationId = $locationId AND r.associationId = label.id
            WITH r, %s
            DELETE r
            RETURN %s""".formatted(RemovedLinks.COLUMNS_OF_R, RemovedLinks.COLUMN_NAMES);
    /** The records at the other end of these records' links. */
    private static final String LINKED_RECORDS = """
            UNWIND $recordIds AS recordId
            MATCH (:Record {id: recordId, locationId: $locationId})-[r]-(other:Record)
            WHERE r.locationId = $locationId AND r.associationId IS NOT NULL AND other.locationId = $locationId
            RETURN DISTINCT other.id AS id""";
    /** Every link of these records, once each (a link between two of them too), oldest first. */
    private static final String LINKS_OF_RECORDS = """
            UNWIND $recordIds AS recordId
            MATCH (:Record {id: recordId, locationId: $locationId})-[r]-(:Record)
            WHERE r.locationId = $locationId AND r.associationId IS NOT NULL
            WITH DISTINCT r
            WITH r, %s
            RETURN %s
            ORDER BY createdAt, id""".formatted(RemovedLinks.COLUMNS_OF_R, RemovedLinks.COLUMN_NAMES);
    private static final String LOCK_RECORDS = "WITH $locationId AS location\n";

    private final GraphDatabase db;
    private final Locks locks;

    public RelationRepository(GraphDatabase db, Locks locks) {
        this.db = db;
        this.locks = locks;
    }

    /** Whether the link was created, the label as it is under the lock, and what the statement found. */
    public record LinkOutcome(boolean created, Association label, LinkRules.LinkState state) {
    }

    /**
     * Links two records under a label in one statement, inside the caller's transaction, and
     * appends {@code relationCreated} (prepared by {@link io.liaison.event.EventOutbox#prepare}) in
     * the same statement when, and only when, the link is made. The {@code label} gives what never
     * changes about it (type, objects, sides); its cardinality is read under the lock. Empty when
     * the label is not (or no longer) in the location.
     */
    public Optional<LinkOutcome> linkIfAllowed(TransactionContext tx, Association label, long cap, String relationId,
            String firstId, String secondId, ZonedDateTime createdAt, Map<String, Object> relationCreated) {
        List<String> lockOrder = firstId.compareTo(secondId) < 0 ? List.of(firstId, secondId) : List.of(secondId, firstId);
        Map<String, Object> limits = new HashMap<>();
        for (Cardinality cardinality : Cardinality.values()) {
            LinkRules.Limits l = LinkRules.limits(cardinality, label.isSymmetric(), cap);
            limits.put(cardinality.name(), Map.of("maxAsFirst", l.maxAsFirst(), "maxAsSecond", l.maxAsSecond(), "maxLinks", l.maxLinks()));
        }
        Map<String, Object> params = new HashMap<>();
        params.put("lockOrder", lockOrder);
        params.put("locationId", label.locationId());
        params.put("firstId", firstId);
        params.put("secondId", secondId);
        params.put("type", label.relationshipType());
        params.put("associationId", label.id());
        params.put("symmetric", label.isSymmetric());
        params.put("firstObjectKey", label.firstObjectKey());
        params.put("secondObjectKey", label.secondObjectKey());
        params.put("limits", limits);
        params.put("id", relationId);
        params.put("createdAt", createdAt);
        params.put(EventRepository.EVENT_PARAMETER, relationCreated);
        String statement = locks.labelForLinking() + locks.recordsInIdOrder("label") + LINK_IF_ALLOWED;
        return tx.run(statement, params).stream().findFirst().map(r -> {
            Optional<LinkRules.RecordLinks> first = r.get("firstFound").asBoolean()
                    ? Optional.of(new LinkRules.RecordLinks(firstId, r.get("firstObject").asString(null), r.get("firstAsFirst").asLong(),
                            r.get("firstAsSecond").asLong()))
                    : Optional.empty();
            Optional<LinkRules.RecordLinks> second = r.get("secondFound").asBoolean()
                    ? Optional.of(new LinkRules.RecordLinks(secondId, r.get("secondObject").asString(null), r.get("secondAsFirst").asLong(),
                            r.get("secondAsSecond").asLong()))
                    : Optional.empty();
            Optional<String> existing = r.get("existing").asList(Value::asString).stream().findFirst();
            return new LinkOutcome(r.get("allowed").asBoolean(), Association.from(r.get("label").asNode()),
                    new LinkRules.LinkState(first, second, existing));
        });
    }

    public record Page(List<Relation> relations, long total) {
    }

    /** Empty when the record is not in this location. */
    public Optional<Page> relationsOf(String locationId, String recordId, List<String> associationIds, int skip, int limit) {
        return db.read(tx -> {
            var params = Values.parameters("recordId", recordId, "locationId", locationId, "associationIds", associationIds,
                    "skip", skip, "limit", limit);
            var total = tx.run(COUNT_RELATIONS_OF_RECORD, params).stream().findFirst();
            if (total.isEmpty()) {
                return Optional.<Page>empty();
            }
            List<Relation> relations = tx.run(RELATIONS_OF_RECORD, params).list(RelationRepository::fromRecordView);
            return Optional.of(new Page(relations, total.get().get("total").asLong()));
        });
    }

    private static Relation fromRecordView(Record row) {
        Relationship r = row.get("r").asRelationship();
        Association a = Association.from(row.get("a").asNode());
        boolean outgoing = row.get("outgoing").asBoolean();
        String otherId = row.get("otherId").asString();
        String meId = row.get("meId").asString();
        String firstId = outgoing ? meId : otherId;
        String secondId = outgoing ? otherId : meId;
        return new Relation(r.get("id").asString(), a.id(), a.firstObjectKey(), firstId, a.secondObjectKey(), secondId,
                r.get("locationId").asString(), Timestamps.iso(r.get("createdAt")),
                otherId, row.get("otherObjectKey").asString(null), a.labelOf(!outgoing), row.get("otherName").asString(null),
                a.labelOf(outgoing));
    }

    /**
     * Removes one relation and records its RelationDelete. Like every removal of links (with a
     * record, see {@link #recordLinksRemovedWith}, or with a label), it first holds the locks of
     * both records, here after the label's shared lock, as linking takes them: two transactions
     * removing the same link are then one after the other, and only the first finds it, so it is
     * reported once.
     */
    public Optional<String> delete(String locationId, String relationId) {
        return RelationIds.anchorOf(relationId).flatMap(anchor -> db.write(tx -> {
            var params = new HashMap<String, Object>(Map.of("anchorId", anchor, "locationId", locationId, "id", relationId));
            var found = tx.run(RELATION_TO_DELETE, params).stream().findFirst();
            if (found.isEmpty()) {
                return Optional.<String>empty();
            }
            String second = found.get().get("secondId").asString();
            params.put("associationId", found.get().get("associationId").asString());
            params.put("lockOrder", anchor.compareTo(second) < 0 ? List.of(anchor, second) : List.of(second, anchor));
            String statement = locks.labelForLinking() + locks.recordsInIdOrder("label") + DELETE_RELATION;
            return tx.run(statement, params).stream().findFirst().map(r -> {
                Relation deleted = RemovedLinks.relation(r, locationId);
                EventOutbox.record(tx, locationId, EventType.RelationDelete, EventPayloads.relation(deleted));
                return deleted.id();
            });
        }));
    }

    /**
     * Locks these records (in id order, after any label lock the caller holds), for a change that
     * removes links of theirs.
     */
    public void lockRecords(TransactionContext tx, String locationId, Collection<String> recordIds) {
        if (!recordIds.isEmpty()) {
            tx.run(LOCK_RECORDS + locks.recordsInIdOrder("location") + "RETURN lockedRecords",
                    Values.parameters("locationId", locationId, "lockOrder", new TreeSet<>(recordIds).stream().toList())).consume();
        }
    }

    /**
     * Inside the transaction that deletes these records (and with them their links, by DETACH
     * DELETE), records a RelationDelete for each of their links, before the caller records the
     * records' own events. The caller holds the records' locks, so no link can be added to them;
     * this locks the record at the other end of each link too, as every removal of a link does,
     * so a link that another transaction removes at the same time is reported by one of the two.
     * Answers how many links go.
     */
    public long recordLinksRemovedWith(TransactionContext tx, String locationId, List<String> recordIds) {
        var params = Values.parameters("locationId", locationId, "recordIds", recordIds);
        lockRecords(tx, locationId, tx.run(LINKED_RECORDS, params).list(r -> r.get("id").asString()));
        List<Relation> links = tx.run(LINKS_OF_RECORDS, params).list(r -> RemovedLinks.relation(r, locationId));
        EventOutbox.recordAll(tx, locationId, EventType.RelationDelete, links.stream().map(EventPayloads::relation).toList());
        return links.size();
    }
}

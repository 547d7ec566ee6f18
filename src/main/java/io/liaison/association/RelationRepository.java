package io.liaison.association;

import io.liaison.event.EventOutbox;
import io.liaison.event.EventType;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.InProcessNeo4j;
import io.liaison.neo4j.Locks;
import io.liaison.neo4j.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.neo4j.driver.Record;
import org.neo4j.driver.SimpleQueryRunner;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.neo4j.driver.Values;

/**
 * The Cypher of relations: each is one relationship from the first record to the second, typed by
 * its label's relationshipType (set through Cypher's dynamic $(...) form, never concatenated).
 */
@ApplicationScoped
public class RelationRepository {

    /**
     * A link: the label's lock (shared, see {@link Locks}), its records' locks in id order, what the
     * rules need, and the link, created only if the rules allow it. The label's cardinality is read
     * under the lock, and the limits of each cardinality come from {@link LinkRules} as
     * {@code $limits}; when the statement does not create, the service asks
     * {@link LinkRules#refusal} why, with the same state. No row: the label is not there.
     *
     * <p>The link's RelationCreate event, prepared by {@link io.liaison.event.EventOutbox#prepare}, is
     * appended by the same statement when, and only when, it links (one round trip).
     *
     * <p>The checks and the create are written once, for the single and the bulk statement:
     * {@code %1$s} says where the link's own values (firstId, secondId, id, createdAt, event) come
     * from, the parameters ({@code $}) or the row of a batch ({@code item.}).
     */
    private static final String CHECK_AND_CREATE = """
            OPTIONAL MATCH (first:Record {id: %1$sfirstId, locationId: $locationId}) USING INDEX first:Record(id)
            OPTIONAL MATCH (second:Record {id: %1$ssecondId, locationId: $locationId}) USING INDEX second:Record(id)
            WITH label, $limits[label.cardinality] AS limits, first, second,
              CASE WHEN first IS NULL OR second IS NULL THEN [] ELSE
                [(first)-[r:$($type)]->(second) WHERE r.associationId = $associationId | r.id]
                + CASE WHEN $symmetric
                    THEN [(second)-[r:$($type)]->(first) WHERE r.associationId = $associationId | r.id]
                    ELSE [] END
              END AS existing,
              CASE WHEN first IS NULL THEN 0 ELSE %2$s END AS firstAsFirst,
              CASE WHEN first IS NULL THEN 0 ELSE %3$s END AS firstAsSecond,
              CASE WHEN second IS NULL THEN 0 ELSE %4$s END AS secondAsFirst,
              CASE WHEN second IS NULL THEN 0 ELSE %5$s END AS secondAsSecond
            WITH label, first, second, existing, firstAsFirst, firstAsSecond, secondAsFirst, secondAsSecond,
              first IS NOT NULL AND second IS NOT NULL
                AND first.objectKey = $firstObjectKey AND second.objectKey = $secondObjectKey
                AND size(existing) = 0
                AND firstAsFirst < limits.maxAsFirst AND secondAsSecond < limits.maxAsSecond
                AND firstAsFirst + firstAsSecond < limits.maxLinks AND secondAsFirst + secondAsSecond < limits.maxLinks AS allowed
            FOREACH (_ IN CASE WHEN allowed THEN [1] ELSE [] END |
              CREATE (first)-[:$($type) {id: %1$sid, associationId: $associationId, locationId: $locationId,
                                         createdAt: %1$screatedAt}]->(second)
              %6$s)
            """;
    /** What a link statement answers about a link, besides the label. */
    private static final String OUTCOME = """
            allowed, existing, first.objectKey AS firstObject, second.objectKey AS secondObject,
                   first IS NOT NULL AS firstFound, second IS NOT NULL AS secondFound,
                   firstAsFirst, firstAsSecond, secondAsFirst, secondAsSecond""";
    private static final String LINK_IF_ALLOWED = checkAndCreate("$", true) + "RETURN label, " + OUTCOME;
    /** {@link #LINK_IF_ALLOWED} on a database without Liaison's degree functions: the counts walk the records' links. */
    private static final String LINK_IF_ALLOWED_WALKING = checkAndCreate("$", false) + "RETURN label, " + OUTCOME;
    /**
     * Many links under one label in one statement: the same locks, then the same checks and create
     * once per item, in order, in a CALL subquery that sees the links the items before it created, so
     * duplicates within the batch, the cardinality and the cap hold across its items too.
     */
    private static final String LINK_EACH_IF_ALLOWED = linkEach(true);
    /** {@link #LINK_EACH_IF_ALLOWED} on a database without Liaison's degree functions. */
    private static final String LINK_EACH_IF_ALLOWED_WALKING = linkEach(false);

    private static String linkEach(boolean byDegree) {
        return """
                UNWIND $items AS item
                CALL (label, item) {
                %sRETURN %s
                }
                RETURN item.index AS index, label, allowed, existing, firstObject, secondObject, firstFound, secondFound,
                       firstAsFirst, firstAsSecond, secondAsFirst, secondAsSecond""".formatted(checkAndCreate("item.", byDegree), OUTCOME);
    }

    /**
     * The checks and the create; {@code byDegree}: the records' links counted by Neo4j's degree counts
     * (Liaison's functions, O(1) of a record's degree), else walked and filtered by Cypher.
     */
    private static String checkAndCreate(String valuesFrom, boolean byDegree) {
        return byDegree
                ? CHECK_AND_CREATE.formatted(valuesFrom, AssociationLinks.asFirstByDegree("first"), AssociationLinks.asSecondByDegree("first"),
                        AssociationLinks.asFirstByDegree("second"), AssociationLinks.asSecondByDegree("second"),
                        EventOutbox.appendEventClause(valuesFrom + EventOutbox.EVENT_PARAMETER))
                : CHECK_AND_CREATE.formatted(valuesFrom, AssociationLinks.asFirst("first"), AssociationLinks.asSecond("first"),
                        AssociationLinks.asFirst("second"), AssociationLinks.asSecond("second"),
                        EventOutbox.appendEventClause(valuesFrom + EventOutbox.EVENT_PARAMETER));
    }

    /**
     * A record's relations: how many there are and one page of them, newest first, in one statement
     * (a read is one statement, not a count and then a page). No row when the record is not there.
     */
    private static final String RELATIONS_OF_RECORD = """
            MATCH (me:Record {id: $recordId, locationId: $locationId}) USING INDEX me:Record(id)
            RETURN COUNT {
                     (me)-[r]-(other:Record)
                     WHERE r.locationId = $locationId AND other.locationId = $locationId AND r.associationId IS NOT NULL
                       AND ($associationIds IS NULL OR r.associationId IN $associationIds)
                   } AS total,
                   COLLECT {
                     MATCH (me)-[r]-(other:Record)
                     WHERE r.locationId = $locationId AND other.locationId = $locationId AND r.associationId IS NOT NULL
                       AND ($associationIds IS NULL OR r.associationId IN $associationIds)
                     WITH r, other
                     ORDER BY r.createdAt DESC, r.id DESC
                     SKIP $skip LIMIT $limit
                     MATCH (a:Association {id: r.associationId})
                     RETURN {r: r {.id, .locationId, .createdAt},
                             a: a {.id, .firstObjectKey, .firstObjectLabel, .secondObjectKey, .secondObjectLabel},
                             outgoing: startNode(r) = me, meId: me.id, otherId: other.id,
                             otherObjectKey: other.objectKey, otherName: other.displayName}
                   } AS page""";
    /**
     * Where the relations to remove are (each item a relation's {@code id} and its first record's
     * {@code anchorId}), read without locks, to know which label and records to lock before removing them.
     */
    private static final String RELATIONS_TO_DELETE = """
            UNWIND $items AS item
            MATCH (first:Record {id: item.anchorId, locationId: $locationId})-[r]->(second:Record {locationId: $locationId})
            USING INDEX first:Record(id)
            WHERE r.id = item.id AND r.locationId = $locationId AND r.associationId IS NOT NULL
            RETURN item.index AS index, r.associationId AS associationId, first.id AS firstId, second.id AS secondId""";
    /**
     * The removal of one link, the only one there is (a single delete is a batch of one). It follows
     * the label's shared lock and its records' locks ({@link Locks}) and matches the relation again:
     * one removed meanwhile (alone, or with its record or label), or by an earlier item of the batch,
     * is not found, so whoever removes a link is the only one to report it.
     */
    private static final String DELETE_RELATION = """
            MATCH (first:Record {id: item.anchorId, locationId: $locationId})-[r]->(second:Record {locationId: $locationId})
            USING INDEX first:Record(id)
            WHERE r.id = item.id AND r.locationId = $locationId AND r.associationId = label.id
            WITH r, %s
            DELETE r
            RETURN %s""".formatted(RemovedLinks.COLUMNS_OF_R, RemovedLinks.COLUMN_NAMES);
    /** The links of a batch under one label, removed in order; an item whose link is not (or no longer) there answers no row. */
    private static final String DELETE_EACH = """
            UNWIND $items AS item
            CALL (label, item) {
            %s
            }
            RETURN item.index AS index, %s""".formatted(DELETE_RELATION, RemovedLinks.COLUMN_NAMES);
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
    private static final String LABELS_TO_EXPORT = """
            MATCH (a:Association {locationId: $locationId})
            WHERE $associationIds IS NULL OR a.id IN $associationIds
            RETURN a ORDER BY a.key""";
    /** A label's links from its first records, found through the location's records of the label's first object. */
    private static final String LINKS_TO_EXPORT = """
            MATCH (x:Record {locationId: $locationId})-[r:$($type)]->(y:Record)
            WHERE x.objectKey = $firstObjectKey AND r.associationId = $associationId
            RETURN r.id AS id, x.id AS firstId, y.id AS secondId, r.createdAt AS createdAt""";

    private final GraphDatabase db;
    private final Locks locks;
    private final EventOutbox outbox;
    private final LinkDegrees degrees;
    private final CoreApiLinks coreApiLinks;

    public RelationRepository(GraphDatabase db, Locks locks, EventOutbox outbox) {
        this.db = db;
        this.locks = locks;
        this.outbox = outbox;
        this.degrees = new LinkDegrees(db);
        this.coreApiLinks = new CoreApiLinks(locks);
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
        Map<String, Object> params = labelParameters(label, cap);
        params.put("lockOrder", locks.lockOrder(List.of(firstId, secondId)));
        params.put("firstId", firstId);
        params.put("secondId", secondId);
        params.put("id", relationId);
        params.put("createdAt", createdAt);
        params.put(EventOutbox.EVENT_PARAMETER, relationCreated);
        String statement = link(locks.apoc(), degrees.available());
        return tx.run(statement, params).stream().findFirst().map(r -> outcome(r, firstId, secondId));
    }

    /** One link of a batch: its values, as the single statement takes them. */
    public record NewLink(String relationId, String firstId, String secondId, ZonedDateTime createdAt) {
    }

    /**
     * The links of a batch under one label, each checked and created (and its prepared event in
     * {@code relationCreated} appended) as {@link #linkIfAllowed} does, in the given order, in one
     * statement inside the caller's transaction. Answers each outcome, in
     * order; empty when the label is not (or no longer) in the location.
     *
     * <p>In-process the same checks and writes go through Neo4j's Java core API ({@link CoreApiLinks}),
     * several times faster than the statement, whose Cypher runtime costs about half a millisecond per
     * item; over Bolt, the statement ({@link #linkEachByStatement}).
     */
    public Optional<List<LinkOutcome>> linkEachIfAllowed(TransactionContext tx, Association label, long cap, List<NewLink> links,
            List<Map<String, Object>> relationCreated) {
        Optional<org.neo4j.graphdb.Transaction> core = InProcessNeo4j.coreApi(tx);
        return core.isPresent() ? coreApiLinks.linkEach(core.get(), label, cap, links, relationCreated)
                : linkEachByStatement(tx, label, cap, links, relationCreated);
    }

    /** {@link #linkEachIfAllowed} by its Cypher statement, whichever way the transaction runs (the benchmark compares the two). */
    public Optional<List<LinkOutcome>> linkEachByStatement(TransactionContext tx, Association label, long cap, List<NewLink> links,
            List<Map<String, Object>> relationCreated) {
        Map<String, Object> params = labelParameters(label, cap);
        params.put("lockOrder", locks.lockOrder(links.stream().flatMap(l -> Stream.of(l.firstId(), l.secondId())).toList()));
        List<Map<String, Object>> items = new ArrayList<>(links.size());
        for (int i = 0; i < links.size(); i++) {
            NewLink link = links.get(i);
            items.add(Map.of("index", i, "firstId", link.firstId(), "secondId", link.secondId(), "id", link.relationId(),
                    "createdAt", link.createdAt(), EventOutbox.EVENT_PARAMETER, relationCreated.get(i)));
        }
        params.put("items", items);
        LinkOutcome[] outcomes = new LinkOutcome[links.size()];
        String statement = linkEach(locks.apoc(), degrees.available());
        tx.run(statement, params).forEachRemaining(r -> {
            int index = r.get("index").asInt();
            outcomes[index] = outcome(r, links.get(index).firstId(), links.get(index).secondId());
        });
        return outcomes.length > 0 && outcomes[0] == null ? Optional.empty() : Optional.of(List.of(outcomes));
    }


    /*
     * The composed statements whole, for each kind of server: with APOC's locks or Cypher's, and with
     * Liaison's degree functions or walking the links. ComposedStatementsTest writes each to
     * cypher/composed/ and fails when the checked-in text differs, so a change to any part shows whole.
     */

    /** A link ({@link #linkIfAllowed}): the label's lock, its records' locks in id order, the checks and the create. */
    public static String link(boolean apoc, boolean byDegree) {
        return Locks.labelForLinking(apoc) + Locks.recordsInIdOrder("label", apoc) + (byDegree ? LINK_IF_ALLOWED : LINK_IF_ALLOWED_WALKING);
    }

    /** A batch of links under one label ({@link #linkEachIfAllowed}). */
    public static String linkEach(boolean apoc, boolean byDegree) {
        return Locks.labelForLinking(apoc) + Locks.recordsInIdOrder("label", apoc)
                + (byDegree ? LINK_EACH_IF_ALLOWED : LINK_EACH_IF_ALLOWED_WALKING);
    }

    /** A batch of links removed under one label ({@link #deleteEach}). */
    public static String deleteEach(boolean apoc) {
        return Locks.labelForLinking(apoc) + Locks.recordsInIdOrder("label", apoc) + DELETE_EACH;
    }

    private static Map<String, Object> labelParameters(Association label, long cap) {
        Map<String, Object> limits = new HashMap<>();
        for (Cardinality cardinality : Cardinality.values()) {
            LinkRules.Limits l = LinkRules.limits(cardinality, label.isSymmetric(), cap);
            limits.put(cardinality.name(), Map.of("maxAsFirst", l.maxAsFirst(), "maxAsSecond", l.maxAsSecond(), "maxLinks", l.maxLinks()));
        }
        Map<String, Object> params = new HashMap<>();
        params.put("locationId", label.locationId());
        params.put("type", label.relationshipType());
        params.put("associationId", label.id());
        params.put("symmetric", label.isSymmetric());
        params.put("firstObjectKey", label.firstObjectKey());
        params.put("secondObjectKey", label.secondObjectKey());
        params.put("limits", limits);
        return params;
    }

    private static LinkOutcome outcome(Record r, String firstId, String secondId) {
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
    }

    public record Page(List<Relation> relations, long total) {
    }

    /** A page of the record's relations, in the caller's transaction; empty when the record is not in this location. */
    public Optional<Page> relationsOf(TransactionContext tx, String locationId, String recordId, List<String> associationIds, int skip,
            int limit) {
        var params = Values.parameters("recordId", recordId, "locationId", locationId, "associationIds", associationIds,
                "skip", skip, "limit", limit);
        return tx.run(RELATIONS_OF_RECORD, params).stream().findFirst().map(row -> new Page(
                row.get("page").asList(RelationRepository::fromRecordView), row.get("total").asLong()));
    }

    /**
     * One row of {@link #RELATIONS_OF_RECORD}. The statement projects only the link's and the label's properties a
     * relation shows: whole entities cost a read of every property and their conversion, a quarter of the read's
     * CPU in a profile of the relations read.
     */
    private static Relation fromRecordView(Value row) {
        Value r = row.get("r");
        Value a = row.get("a");
        boolean outgoing = row.get("outgoing").asBoolean();
        String otherId = row.get("otherId").asString();
        String meId = row.get("meId").asString();
        String firstId = outgoing ? meId : otherId;
        String secondId = outgoing ? otherId : meId;
        String firstLabel = a.get("firstObjectLabel").asString(null);
        String secondLabel = a.get("secondObjectLabel").asString(null);
        return new Relation(r.get("id").asString(), a.get("id").asString(), a.get("firstObjectKey").asString(null), firstId,
                a.get("secondObjectKey").asString(null), secondId, r.get("locationId").asString(), Timestamps.iso(r.get("createdAt")),
                otherId, row.get("otherObjectKey").asString(null), Association.labelOf(!outgoing, firstLabel, secondLabel),
                row.get("otherName").asString(null), Association.labelOf(outgoing, firstLabel, secondLabel));
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
        locks.records(tx, locationId, tx.run(LINKED_RECORDS, params).list(r -> r.get("id").asString()));
        List<Relation> links = tx.run(LINKS_OF_RECORDS, params).list(r -> RemovedLinks.relation(r, locationId));
        outbox.recordAll(tx, locationId, EventType.RelationDelete, links.stream().map(RelationEvents::of).toList());
        return links.size();
    }

    /** A link to remove: its id, and its first record's id, where the search for it starts. */
    public record LinkToRemove(String id, String anchorId) {
    }

    /**
     * Removes these links in the caller's write transaction, each as every removal of a link does: after its label's
     * shared lock and its records' locks (see {@link Locks#labelsThenRecords}), by {@link #DELETE_RELATION},
     * with its RelationDelete recorded in the same transaction, in the order given. Two transactions
     * removing one link are then one after the other, and only the first finds it, so it is reported
     * once. Answers the indexes removed; a link not in the location, already gone, or named earlier
     * in the list is not among them.
     */
    public Set<Integer> deleteEach(TransactionContext tx, String locationId, List<LinkToRemove> links) {
        List<Map<String, Object>> items = new ArrayList<>(links.size());
        for (int i = 0; i < links.size(); i++) {
            items.add(Map.of("index", i, "id", links.get(i).id(), "anchorId", links.get(i).anchorId()));
        }
        Map<String, List<Map<String, Object>>> itemsByLabel = new TreeMap<>();
        Map<String, Set<String>> recordsByLabel = new TreeMap<>();
        tx.run(RELATIONS_TO_DELETE, Values.parameters("locationId", locationId, "items", items)).forEachRemaining(r -> {
            String label = r.get("associationId").asString();
            itemsByLabel.computeIfAbsent(label, k -> new ArrayList<>()).add(items.get(r.get("index").asInt()));
            recordsByLabel.computeIfAbsent(label, k -> new TreeSet<>())
                    .addAll(List.of(r.get("firstId").asString(), r.get("secondId").asString()));
        });
        locks.labelsThenRecords(tx, locationId, recordsByLabel);
        Map<Integer, Relation> removed = new TreeMap<>();
        itemsByLabel.forEach((associationId, labelItems) -> {
            var params = Values.parameters("locationId", locationId, "associationId", associationId,
                    "lockOrder", locks.lockOrder(List.copyOf(recordsByLabel.get(associationId))), "items", labelItems);
            tx.run(deleteEach(locks.apoc()), params)
                    .forEachRemaining(r -> removed.put(r.get("index").asInt(), RemovedLinks.relation(r, locationId)));
        });
        outbox.recordAll(tx, locationId, EventType.RelationDelete,
                removed.values().stream().map(RelationEvents::of).toList());
        return removed.keySet();
    }

    /** One exported link, with its label. */
    public record ExportedLink(Association association, String id, String firstId, String secondId, String createdAt) {
    }

    /**
     * The labels an export takes (all the location's when {@code associationIds} is null), by key; read in the
     * export's streamed read ({@link GraphDatabase#readStreamed}), with {@link #linksToExport}.
     */
    public List<Association> labelsToExport(SimpleQueryRunner tx, String locationId, List<String> associationIds) {
        return tx.run(LABELS_TO_EXPORT, Values.parameters("locationId", locationId, "associationIds", associationIds))
                .list(r -> Association.from(r.get("a").asNode()));
    }

    /** The label's links, each handed to {@code emit} as it is read, so memory stays flat however many there are. */
    public void linksToExport(SimpleQueryRunner tx, Association label, Consumer<ExportedLink> emit) {
        var rows = tx.run(LINKS_TO_EXPORT, Values.parameters("locationId", label.locationId(), "type", label.relationshipType(),
                "firstObjectKey", label.firstObjectKey(), "associationId", label.id()));
        while (rows.hasNext()) {
            Record r = rows.next();
            emit.accept(new ExportedLink(label, r.get("id").asString(), r.get("firstId").asString(), r.get("secondId").asString(),
                    Timestamps.iso(r.get("createdAt"))));
        }
    }
}

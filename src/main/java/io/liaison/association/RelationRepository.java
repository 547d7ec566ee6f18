package io.liaison.association;

import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Locks;
import io.liaison.neo4j.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
     * The checks and the create of one link, shared by the single and the bulk statement. The
     * placeholder {@code %1$s} says where the link's own values (firstId, secondId, id, createdAt)
     * come from: the parameters ({@code $}) or the row of a batch ({@code item.}). The rest (the
     * label, its limits, the location) are parameters in both.
     */
    private static final String CHECK_AND_CREATE = """
            OPTIONAL MATCH (first:Record {id: %1$sfirstId, locationId: $locationId})
            OPTIONAL MATCH (second:Record {id: %1$ssecondId, locationId: $locationId})
            WITH first, second,
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
            WITH first, second, existing, firstAsFirst, firstAsSecond, secondAsFirst, secondAsSecond,
              first IS NOT NULL AND second IS NOT NULL
                AND first.objectKey = $firstObjectKey AND second.objectKey = $secondObjectKey
                AND size(existing) = 0
                AND firstAsFirst < $maxAsFirst AND secondAsSecond < $maxAsSecond
                AND firstAsFirst + firstAsSecond < $maxLinks AND secondAsFirst + secondAsSecond < $maxLinks AS allowed
            FOREACH (_ IN CASE WHEN allowed THEN [1] ELSE [] END |
              CREATE (first)-[:$($type) {id: %1$sid, associationId: $associationId, locationId: $locationId,
                                         createdAt: %1$screatedAt}]->(second))
            RETURN allowed, existing, first.objectKey AS firstObject, second.objectKey AS secondObject,
                   first IS NOT NULL AS firstFound, second IS NOT NULL AS secondFound,
                   firstAsFirst, firstAsSecond, secondAsFirst, secondAsSecond""";

    private static String checkAndCreate(String valuesFrom) {
        return CHECK_AND_CREATE.formatted(valuesFrom, LabelLinks.asFirst("first"), LabelLinks.asSecond("first"),
                LabelLinks.asFirst("second"), LabelLinks.asSecond("second"));
    }

    /**
     * A link in one statement, under the label's lock (taken before, see {@link Locks}): lock both
     * records in id order, read what the rules need, and create the link only if
     * {@link LinkRules} allows it. The numbers it compares with come from {@link LinkRules.Limits};
     * when it does not create, the service asks {@link LinkRules#refusal} why, with the same state.
     */
    private static final String LINK_IF_ALLOWED = Locks.RECORDS_IN_ID_ORDER + checkAndCreate("$");
    /**
     * Many links under one label in one statement: the same record locks and the same checks and
     * create, once per item in a CALL subquery, which sees the links the items before it created, so
     * duplicates within the batch, the cardinality and the cap hold across its items too.
     */
    private static final String LINK_EACH_IF_ALLOWED = Locks.RECORDS_IN_ID_ORDER + """
            UNWIND $items AS item
            CALL (item) {
            %s
            }
            RETURN item.index AS index, allowed, existing, firstObject, secondObject, firstFound, secondFound,
                   firstAsFirst, firstAsSecond, secondAsFirst, secondAsSecond""".formatted(checkAndCreate("item."));
    private static final String LOCK_RECORDS = Locks.RECORDS_IN_ID_ORDER + "RETURN lockedRows";
    private static final String RELATIONS_OF_RECORD = """
            MATCH (me:Record {id: $recordId, locationId: $locationId})-[r]-(other:Record)
            WHERE r.locationId = $locationId AND other.locationId = $locationId AND r.associationId IS NOT NULL
              AND ($associationIds IS NULL OR r.associationId IN $associationIds)
            WITH me, r, other
            ORDER BY r.createdAt DESC, r.id DESC
            SKIP $skip LIMIT $limit
            MATCH (a:Association {id: r.associationId})
            RETURN r, a, startNode(r) = me AS outgoing, me.id AS meId,
                   other.id AS otherId, other.objectKey AS otherObjectKey, other.displayName AS otherName""";
    private static final String COUNT_RELATIONS_OF_RECORD = """
            MATCH (me:Record {id: $recordId, locationId: $locationId})
            RETURN COUNT {
              (me)-[r]-(other:Record)
              WHERE r.locationId = $locationId AND other.locationId = $locationId AND r.associationId IS NOT NULL
                AND ($associationIds IS NULL OR r.associationId IN $associationIds)
            } AS total""";
    /** The delete of one link; {@code %1$s} is where its id and first record's id come from, as in {@link #CHECK_AND_CREATE}. */
    private static final String DELETE_ONE = """
            MATCH (:Record {id: %1$sanchorId, locationId: $locationId})-[r]->(:Record {locationId: $locationId})
            WHERE r.id = %1$sid AND r.locationId = $locationId AND r.associationId IS NOT NULL
            WITH r, r.id AS id
            DELETE r
            RETURN id""";
    private static final String DELETE_RELATION = DELETE_ONE.formatted("$");
    /** Many deletes in one statement; an item whose link is not there (or was deleted by an earlier item) returns no row. */
    private static final String DELETE_EACH = """
            UNWIND $items AS item
            CALL (item) {
            %s
            }
            RETURN item.index AS index, id""".formatted(DELETE_ONE.formatted("item."));

    private static final String LABELS_TO_EXPORT = """
            MATCH (a:Association {locationId: $locationId})
            WHERE $associationIds IS NULL OR a.id IN $associationIds
            RETURN a ORDER BY a.key""";
    /** A label's links from its first records, found through the location's records of the label's first object. */
    private static final String LINKS_OF_LABEL = """
            MATCH (x:Record {locationId: $locationId})-[r:$($type)]->(y:Record)
            WHERE x.objectKey = $firstObjectKey AND r.associationId = $associationId
            RETURN r.id AS id, x.id AS firstId, y.id AS secondId, r.createdAt AS createdAt""";

    private final GraphDatabase db;

    public RelationRepository(GraphDatabase db) {
        this.db = db;
    }

    /** Whether the link was created, and what the statement found under the locks. */
    public record LinkOutcome(boolean created, LinkRules.LinkState state) {
    }

    /**
     * Inside the caller's transaction, after the label's lock: locks the two records (in id
     * order), checks the rules against {@code limits} and creates the link when they allow it.
     */
    public LinkOutcome linkIfAllowed(TransactionContext tx, Association association, LinkRules.Limits limits, String relationId,
            String firstId, String secondId, ZonedDateTime createdAt) {
        Map<String, Object> params = labelParameters(association, limits);
        params.put("lockOrder", lockOrder(List.of(firstId, secondId)));
        params.put("firstId", firstId);
        params.put("secondId", secondId);
        params.put("id", relationId);
        params.put("createdAt", createdAt);
        return outcome(tx.run(LINK_IF_ALLOWED, params).single(), firstId, secondId);
    }

    /** One link of a batch: its values, as the single statement takes them. */
    public record NewLink(String relationId, String firstId, String secondId, ZonedDateTime createdAt) {
    }

    /**
     * Inside the caller's transaction, after the label's lock: the links of a batch under one label,
     * each checked and created as {@link #linkIfAllowed} does, in the given order. Answers each outcome.
     */
    public List<LinkOutcome> linkEachIfAllowed(TransactionContext tx, Association association, LinkRules.Limits limits,
            List<NewLink> links) {
        Map<String, Object> params = labelParameters(association, limits);
        params.put("lockOrder", lockOrder(links.stream().flatMap(l -> java.util.stream.Stream.of(l.firstId(), l.secondId())).toList()));
        List<Map<String, Object>> items = new java.util.ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            NewLink link = links.get(i);
            items.add(Map.of("index", i, "firstId", link.firstId(), "secondId", link.secondId(), "id", link.relationId(),
                    "createdAt", link.createdAt()));
        }
        params.put("items", items);
        LinkOutcome[] outcomes = new LinkOutcome[links.size()];
        tx.run(LINK_EACH_IF_ALLOWED, params).forEachRemaining(r -> {
            int index = r.get("index").asInt();
            outcomes[index] = outcome(r, links.get(index).firstId(), links.get(index).secondId());
        });
        return List.of(outcomes);
    }

    /**
     * Locks these records (in id order) in the caller's transaction. A batch over several labels
     * takes every label's lock first, then all its records' locks at once here, so that concurrent
     * batches always lock in one global order and never wait on each other in a cycle.
     */
    public void lockRecords(TransactionContext tx, String locationId, List<String> recordIds) {
        tx.run(LOCK_RECORDS, Values.parameters("locationId", locationId, "lockOrder", lockOrder(recordIds))).consume();
    }

    private static List<String> lockOrder(List<String> recordIds) {
        return recordIds.stream().distinct().sorted().toList();
    }

    private static Map<String, Object> labelParameters(Association association, LinkRules.Limits limits) {
        Map<String, Object> params = new HashMap<>();
        params.put("locationId", association.locationId());
        params.put("type", association.relationshipType());
        params.put("associationId", association.id());
        params.put("symmetric", association.isSymmetric());
        params.put("firstObjectKey", association.firstObjectKey());
        params.put("secondObjectKey", association.secondObjectKey());
        params.put("maxAsFirst", limits.maxAsFirst());
        params.put("maxAsSecond", limits.maxAsSecond());
        params.put("maxLinks", limits.maxLinks());
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
        return new LinkOutcome(r.get("allowed").asBoolean(), new LinkRules.LinkState(first, second, existing));
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

    /** Deletes the relations among these ids (each paired with its first record's id) in one transaction; answers the indexes deleted. */
    public java.util.Set<Integer> deleteEach(String locationId, List<Map.Entry<String, String>> idsAndAnchors) {
        List<Map<String, Object>> items = new java.util.ArrayList<>();
        for (int i = 0; i < idsAndAnchors.size(); i++) {
            items.add(Map.of("index", i, "id", idsAndAnchors.get(i).getKey(), "anchorId", idsAndAnchors.get(i).getValue()));
        }
        return db.write(tx -> new java.util.HashSet<>(tx.run(DELETE_EACH, Values.parameters("locationId", locationId, "items", items))
                .list(r -> r.get("index").asInt())));
    }

    /** One exported link, with its label. */
    public record ExportedLink(Association association, String id, String firstId, String secondId, String createdAt) {
    }

    /** An export step that may fail writing its output. */
    @FunctionalInterface
    public interface LinkSink {
        void accept(ExportedLink link) throws java.io.IOException;
    }

    /**
     * Streams the links of these labels (all the location's when null) in one read transaction, so the
     * export is one consistent snapshot; the driver fetches rows in batches, so memory stays flat.
     * Not a managed transaction: one that retried after part of the output was sent would repeat it.
     */
    public void exportLinks(String locationId, List<String> associationIds, LinkSink sink) throws java.io.IOException {
        var config = org.neo4j.driver.SessionConfig.builder().withDatabase(db.sessionConfig().database().orElse("neo4j"))
                .withDefaultAccessMode(org.neo4j.driver.AccessMode.READ).build();
        try (var session = db.driver().session(config); var tx = session.beginTransaction()) {
            List<Association> labels = tx.run(LABELS_TO_EXPORT, Values.parameters("locationId", locationId, "associationIds", associationIds))
                    .list(r -> Association.from(r.get("a").asNode()));
            for (Association label : labels) {
                var rows = tx.run(LINKS_OF_LABEL, Values.parameters("locationId", locationId, "type", label.relationshipType(),
                        "firstObjectKey", label.firstObjectKey(), "associationId", label.id()));
                while (rows.hasNext()) {
                    Record r = rows.next();
                    sink.accept(new ExportedLink(label, r.get("id").asString(), r.get("firstId").asString(), r.get("secondId").asString(),
                            Timestamps.iso(r.get("createdAt"))));
                }
            }
        }
    }

    public Optional<String> delete(String locationId, String relationId) {
        return RelationIds.anchorOf(relationId).flatMap(anchor -> db.write(tx -> tx.run(DELETE_RELATION,
                Values.parameters("anchorId", anchor, "locationId", locationId, "id", relationId))
                .stream().findFirst().map(r -> r.get("id").asString())));
    }
}

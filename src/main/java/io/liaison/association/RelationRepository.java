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
     * A link in one statement, under the label's lock (taken before, see {@link Locks}): lock both
     * records in id order, read what the rules need, and create the link only if
     * {@link LinkRules} allows it. The numbers it compares with come from {@link LinkRules.Limits};
     * when it does not create, the service asks {@link LinkRules#refusal} why, with the same state.
     */
    private static final String LINK_IF_ALLOWED = Locks.RECORDS_IN_ID_ORDER + """
            OPTIONAL MATCH (first:Record {id: $firstId, locationId: $locationId})
            OPTIONAL MATCH (second:Record {id: $secondId, locationId: $locationId})
            WITH first, second,
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
            WITH first, second, existing, firstAsFirst, firstAsSecond, secondAsFirst, secondAsSecond,
              first IS NOT NULL AND second IS NOT NULL
                AND first.objectKey = $firstObjectKey AND second.objectKey = $secondObjectKey
                AND size(existing) = 0
                AND firstAsFirst < $maxAsFirst AND secondAsSecond < $maxAsSecond
                AND firstAsFirst + firstAsSecond < $maxLinks AND secondAsFirst + secondAsSecond < $maxLinks AS allowed
            FOREACH (_ IN CASE WHEN allowed THEN [1] ELSE [] END |
              CREATE (first)-[:$($type) {id: $id, associationId: $associationId, locationId: $locationId, createdAt: $createdAt}]->(second))
            RETURN allowed, existing, first.objectKey AS firstObject, second.objectKey AS secondObject,
                   first IS NOT NULL AS firstFound, second IS NOT NULL AS secondFound,
                   firstAsFirst, firstAsSecond, secondAsFirst, secondAsSecond""".formatted(
            LabelLinks.asFirst("first"), LabelLinks.asSecond("first"), LabelLinks.asFirst("second"), LabelLinks.asSecond("second"));
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
    private static final String DELETE_RELATION = """
            MATCH (:Record {id: $anchorId, locationId: $locationId})-[r]->(:Record {locationId: $locationId})
            WHERE r.id = $id AND r.locationId = $locationId AND r.associationId IS NOT NULL
            WITH r, r.id AS id
            DELETE r
            RETURN id""";

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
        List<String> lockOrder = firstId.compareTo(secondId) < 0 ? List.of(firstId, secondId) : List.of(secondId, firstId);
        Map<String, Object> params = new HashMap<>();
        params.put("lockOrder", lockOrder);
        params.put("locationId", association.locationId());
        params.put("firstId", firstId);
        params.put("secondId", secondId);
        params.put("type", association.relationshipType());
        params.put("associationId", association.id());
        params.put("symmetric", association.isSymmetric());
        params.put("firstObjectKey", association.firstObjectKey());
        params.put("secondObjectKey", association.secondObjectKey());
        params.put("maxAsFirst", limits.maxAsFirst());
        params.put("maxAsSecond", limits.maxAsSecond());
        params.put("maxLinks", limits.maxLinks());
        params.put("id", relationId);
        params.put("createdAt", createdAt);
        Record r = tx.run(LINK_IF_ALLOWED, params).single();
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

    public Optional<String> delete(String locationId, String relationId) {
        return RelationIds.anchorOf(relationId).flatMap(anchor -> db.write(tx -> tx.run(DELETE_RELATION,
                Values.parameters("anchorId", anchor, "locationId", locationId, "id", relationId))
                .stream().findFirst().map(r -> r.get("id").asString())));
    }
}

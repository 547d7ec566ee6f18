package io.liaison.association;

import io.liaison.neo4j.GraphDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Values;
import org.neo4j.driver.types.Relationship;

/**
 * The Cypher of relations: each is one relationship from the first record to the second, typed by
 * its label's relationshipType (set through Cypher's dynamic $(...) form, never concatenated).
 */
@ApplicationScoped
public class RelationRepository {

    /** Takes the record's exclusive lock; relation writes lock records in id order to avoid deadlocks. */
    private static final String LOCK_RECORD = """
            MATCH (r:Record {id: $id, locationId: $locationId})
            SET r._lock = true REMOVE r._lock
            RETURN r.id AS id, r.objectKey AS objectKey""";
    /**
     * What the rules need to know before linking, read under the locks: an existing link of the
     * same pair (either order when the label is symmetric) and each record's links under the label.
     */
    private static final String LINK_STATE = """
            MATCH (first:Record {id: $firstId}), (second:Record {id: $secondId})
            RETURN
              [(first)-[r:$($type)]->(second) WHERE r.associationId = $associationId | r.id]
                + CASE WHEN $symmetric
                    THEN [(second)-[r:$($type)]->(first) WHERE r.associationId = $associationId | r.id]
                    ELSE [] END AS existing,
              COUNT { (first)-[r:$($type)]->() WHERE r.associationId = $associationId } AS firstOut,
              COUNT { (first)<-[r:$($type)]-() WHERE r.associationId = $associationId } AS firstIn,
              COUNT { (second)-[r:$($type)]->() WHERE r.associationId = $associationId } AS secondOut,
              COUNT { (second)<-[r:$($type)]-() WHERE r.associationId = $associationId } AS secondIn""";
    private static final String CREATE_RELATION = """
            MATCH (first:Record {id: $firstId}), (second:Record {id: $secondId})
            CREATE (first)-[r:$($type) {id: $id, associationId: $associationId, locationId: $locationId, createdAt: $createdAt}]->(second)
            RETURN r""";
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
            MATCH (:Record {id: $anchorId, locationId: $locationId})-[r]->(:Record)
            WHERE r.id = $id AND r.locationId = $locationId
            WITH r, r.id AS id
            DELETE r
            RETURN id""";

    private final GraphDatabase db;

    public RelationRepository(GraphDatabase db) {
        this.db = db;
    }

    public record RecordRef(String id, String objectKey) {
    }

    public record LinkState(Optional<String> existingRelationId, long firstOut, long firstIn, long secondOut, long secondIn) {
    }

    /** Runs a relation write in one transaction, with the Cypher below bound to it. */
    public <T> T write(Function<RelationWrites, T> work) {
        return db.write(tx -> work.apply(new RelationWrites(tx)));
    }

    public final class RelationWrites {
        private final TransactionContext tx;

        RelationWrites(TransactionContext tx) {
            this.tx = tx;
        }

        public Optional<Association> lockAssociation(String locationId, String associationId) {
            return AssociationRepository.lockAssociation(tx, locationId, associationId);
        }

        public Optional<RecordRef> lockRecord(String locationId, String recordId) {
            return tx.run(LOCK_RECORD, Values.parameters("id", recordId, "locationId", locationId)).stream().findFirst()
                    .map(r -> new RecordRef(r.get("id").asString(), r.get("objectKey").asString(null)));
        }

        public LinkState linkState(Association association, String firstId, String secondId) {
            Record r = tx.run(LINK_STATE, Values.parameters("firstId", firstId, "secondId", secondId,
                    "type", association.relationshipType(), "associationId", association.id(),
                    "symmetric", association.isSymmetric())).single();
            List<String> existing = r.get("existing").asList(v -> v.asString());
            return new LinkState(existing.stream().findFirst(), r.get("firstOut").asLong(), r.get("firstIn").asLong(),
                    r.get("secondOut").asLong(), r.get("secondIn").asLong());
        }

        public Relation create(Association association, String relationId, String firstId, String secondId, ZonedDateTime createdAt) {
            Relationship r = tx.run(CREATE_RELATION, Values.parameters("firstId", firstId, "secondId", secondId,
                    "type", association.relationshipType(), "id", relationId, "associationId", association.id(),
                    "locationId", association.locationId(), "createdAt", createdAt)).single().get("r").asRelationship();
            return new Relation(relationId, association.id(), association.firstObjectKey(), firstId, association.secondObjectKey(),
                    secondId, association.locationId(), AssociationRepository.iso(r.get("createdAt")), null, null, null, null, null);
        }
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
        Association a = AssociationRepository.toAssociation(row.get("a").asNode());
        boolean outgoing = row.get("outgoing").asBoolean();
        String otherId = row.get("otherId").asString();
        String meId = row.get("meId").asString();
        String firstId = outgoing ? meId : otherId;
        String secondId = outgoing ? otherId : meId;
        return new Relation(r.get("id").asString(), a.id(), a.firstObjectKey(), firstId, a.secondObjectKey(), secondId,
                r.get("locationId").asString(), AssociationRepository.iso(r.get("createdAt")),
                otherId, row.get("otherObjectKey").asString(null), a.labelOf(!outgoing), row.get("otherName").asString(null),
                a.labelOf(outgoing));
    }

    public Optional<String> delete(String locationId, String relationId) {
        return RelationIds.anchorOf(relationId).flatMap(anchor -> db.write(tx -> tx.run(DELETE_RELATION,
                Values.parameters("anchorId", anchor, "locationId", locationId, "id", relationId))
                .stream().findFirst().map(r -> r.get("id").asString())));
    }
}

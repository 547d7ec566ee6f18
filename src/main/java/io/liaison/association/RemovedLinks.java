package io.liaison.association;

import io.liaison.neo4j.Timestamps;
import org.neo4j.driver.Record;

/**
 * A link as the statements that remove it read it, for its RelationDelete event: the same columns
 * from every such statement (one relation, a record's links, a label's links), defined once.
 */
final class RemovedLinks {
    private RemovedLinks() {
    }

    /** Projects relationship {@code r} (with its two records) to the columns, in a WITH after {@code r}. */
    static final String COLUMNS_OF_R = """
            r.id AS id, r.associationId AS associationId, r.createdAt AS createdAt,
                 startNode(r).id AS firstRecordId, startNode(r).objectKey AS firstObjectKey,
                 endNode(r).id AS secondRecordId, endNode(r).objectKey AS secondObjectKey""";
    static final String COLUMN_NAMES = "id, associationId, createdAt, firstRecordId, firstObjectKey, secondRecordId, secondObjectKey";

    static Relation relation(Record row, String locationId) {
        return new Relation(row.get("id").asString(), row.get("associationId").asString(), row.get("firstObjectKey").asString(),
                row.get("firstRecordId").asString(), row.get("secondObjectKey").asString(), row.get("secondRecordId").asString(),
                locationId, Timestamps.iso(row.get("createdAt")), null, null, null, null, null);
    }
}

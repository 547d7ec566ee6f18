package io.liaison.association;

import io.liaison.neo4j.Ids;
import java.util.Optional;

/**
 * Relation ids are opaque to clients, but begin with the first record's id. Neo4j cannot index a
 * property across relationship types that are created at run time, so the id itself says where to
 * start: finding a relation is an index seek on its first record plus a walk over that record's links.
 */
final class RelationIds {
    private static final int SUFFIX_LENGTH = 12;

    private RelationIds() {
    }

    static String newId(String firstRecordId) {
        return firstRecordId + Ids.random(SUFFIX_LENGTH);
    }

    /** The first record's id, or empty when the value cannot be a relation id. */
    static Optional<String> anchorOf(String relationId) {
        if (relationId == null || relationId.length() != Ids.ID_LENGTH + SUFFIX_LENGTH || !Ids.looksLikeId(relationId)) {
            return Optional.empty();
        }
        return Optional.of(relationId.substring(0, Ids.ID_LENGTH));
    }
}

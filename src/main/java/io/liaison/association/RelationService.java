package io.liaison.association;

import io.liaison.config.LiaisonConfig;
import io.liaison.error.Errors;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Ids;
import io.liaison.neo4j.Locks;
import io.liaison.neo4j.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Linking two records. The rules themselves are {@link LinkRules}; this class runs them where they
 * hold under any concurrency: in the transaction that writes, after the label's lock (shared, so
 * links under one label run in parallel, while a label change waits for them) and the records'
 * locks (exclusive, in id order), in a single statement that checks and creates.
 */
@ApplicationScoped
public class RelationService {

    private final GraphDatabase db;
    private final Locks locks;
    private final RelationRepository repository;
    private final LiaisonConfig config;

    public RelationService(GraphDatabase db, Locks locks, RelationRepository repository, LiaisonConfig config) {
        this.db = db;
        this.locks = locks;
        this.repository = repository;
        this.config = config;
    }

    public Relation create(String locationId, RelationRequest request) {
        String firstId = request.firstRecordId().strip();
        String secondId = request.secondRecordId().strip();
        if (firstId.equals(secondId)) {
            throw Errors.ValidationFailed.of("secondRecordId", "must be another record than firstRecordId: a record cannot link to itself");
        }
        if (!Ids.looksLikeId(request.associationId())) {
            throw new Errors.NotFound("Association", request.associationId());
        }
        requireRecordId("firstRecordId", firstId);
        requireRecordId("secondRecordId", secondId);
        String relationId = RelationIds.newId(firstId);
        ZonedDateTime createdAt = Timestamps.now();
        return db.write(tx -> {
            Association association = locks.labelForLinking(tx, locationId, request.associationId()).map(Association::from)
                    .orElseThrow(() -> new Errors.NotFound("Association", request.associationId()));
            LinkRules.Limits limits = LinkRules.limits(association, config.limits().recordsPerLabel());
            var outcome = repository.linkIfAllowed(tx, association, limits, relationId, firstId, secondId, createdAt);
            if (!outcome.created()) {
                throw LinkRules.refusal(association, limits, outcome.state(), firstId, secondId).orElseThrow(() ->
                        new IllegalStateException("The link statement refused a link that LinkRules allows: " + outcome.state()));
            }
            return new Relation(relationId, association.id(), association.firstObjectKey(), firstId, association.secondObjectKey(),
                    secondId, locationId, Timestamps.iso(createdAt), null, null, null, null, null);
        });
    }

    private static void requireRecordId(String field, String id) {
        if (!Ids.looksLikeId(id)) {
            throw new Errors.NotFound("Record", field, AssociationService.abbreviate(id));
        }
    }

    public RelationRepository.Page relationsOf(String locationId, String recordId, List<String> associationIds, Integer skip, Integer limit) {
        int offset = AssociationService.skip(skip);
        int size = AssociationService.pageSize(limit);
        if (!Ids.looksLikeId(recordId)) {
            throw new Errors.NotFound("Record", recordId);
        }
        return repository.relationsOf(locationId, recordId, associationIds.isEmpty() ? null : associationIds, offset, size)
                .orElseThrow(() -> new Errors.NotFound("Record", recordId));
    }

    public String delete(String locationId, String relationId) {
        return repository.delete(locationId, relationId).orElseThrow(() -> new Errors.NotFound("Relation", relationId));
    }
}

package io.liaison.association;

import io.liaison.config.LiaisonConfig;
import io.liaison.error.Errors;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Ids;
import io.liaison.neo4j.Locks;
import io.liaison.neo4j.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
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
        RelationRepository.NewLink link = newLink(request);
        return db.write(tx -> {
            Association association = locks.labelForLinking(tx, locationId, request.associationId()).map(Association::from)
                    .orElseThrow(() -> new Errors.NotFound("Association", request.associationId()));
            LinkRules.Limits limits = limits(association);
            var outcome = repository.linkIfAllowed(tx, association, limits, link.relationId(), link.firstId(), link.secondId(),
                    link.createdAt());
            return created(association, limits, link, outcome);
        });
    }

    /** The link a request asks for, checked as far as it can be without the database; 422 or 404 otherwise. */
    RelationRepository.NewLink newLink(RelationRequest request) {
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
        return new RelationRepository.NewLink(RelationIds.newId(firstId), firstId, secondId, Timestamps.now());
    }

    LinkRules.Limits limits(Association association) {
        return LinkRules.limits(association, config.limits().recordsPerLabel());
    }

    /** The relation the link statement created, or why {@link LinkRules} refused it. */
    static Relation created(Association association, LinkRules.Limits limits, RelationRepository.NewLink link,
            RelationRepository.LinkOutcome outcome) {
        if (!outcome.created()) {
            throw LinkRules.refusal(association, limits, outcome.state(), link.firstId(), link.secondId()).orElseThrow(() ->
                    new IllegalStateException("The link statement refused a link that LinkRules allows: " + outcome.state()));
        }
        return new Relation(link.relationId(), association.id(), association.firstObjectKey(), link.firstId(),
                association.secondObjectKey(), link.secondId(), association.locationId(), Timestamps.iso(link.createdAt()),
                null, null, null, null, null);
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

    /** The first record's id of a relation id; 404 for a value that can never be a relation. */
    static String anchorOf(String relationId) {
        return RelationIds.anchorOf(relationId).orElseThrow(() -> new Errors.NotFound("Relation", relationId));
    }

    public String delete(String locationId, String relationId) {
        return repository.delete(locationId, relationId).orElseThrow(() -> new Errors.NotFound("Relation", relationId));
    }
}

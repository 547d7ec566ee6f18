package io.liaison.association;

import io.liaison.config.LiaisonConfig;
import io.liaison.error.Errors;
import io.liaison.event.EventType;
import io.liaison.event.EventPayloads;
import io.liaison.event.EventOutbox;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.ops.DomainMetrics;
import io.liaison.neo4j.Ids;
import io.liaison.neo4j.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * Linking two records. The rules themselves are {@link LinkRules}; this class runs them where they
 * hold under any concurrency: in one statement that takes the label's lock (shared, so links under
 * one label run in parallel, while a label change waits for them), then the records' locks
 * (exclusive, in id order), then checks and creates. What never changes about the label comes
 * from {@link LabelFacts}; its cardinality is read under the lock.
 */
@ApplicationScoped
public class RelationService {

    private final GraphDatabase db;
    private final LabelFacts labels;
    private final RelationRepository repository;
    private final LiaisonConfig config;
    private final DomainMetrics metrics;

    public RelationService(GraphDatabase db, LabelFacts labels, RelationRepository repository, LiaisonConfig config,
            DomainMetrics metrics) {
        this.db = db;
        this.labels = labels;
        this.repository = repository;
        this.config = config;
        this.metrics = metrics;
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
        long cap = config.limits().recordsPerLabel();
        Association known = labels.find(locationId, request.associationId())
                .orElseThrow(() -> new Errors.NotFound("Association", request.associationId()));
        // Everything the RelationCreate event says is known before the link is tried (the label's
        // objects never change), so the link statement appends the event itself: one round trip.
        Relation relation = new Relation(relationId, known.id(), known.firstObjectKey(), firstId, known.secondObjectKey(), secondId,
                locationId, Timestamps.iso(createdAt), null, null, null, null, null);
        Map<String, Object> relationCreated = EventOutbox.prepare(locationId, EventType.RelationCreate, EventPayloads.relation(relation));
        db.write(tx -> {
            var outcome = repository.linkIfAllowed(tx, known, cap, relationId, firstId, secondId, createdAt, relationCreated)
                    .orElseThrow(() -> {
                        labels.forget(locationId, request.associationId());
                        return new Errors.NotFound("Association", request.associationId());
                    });
            Association association = outcome.label();
            if (!outcome.created()) {
                throw LinkRules.refusal(association, LinkRules.limits(association, cap), outcome.state(), firstId, secondId)
                        .orElseThrow(() -> new IllegalStateException("The link statement refused a link that LinkRules allows: "
                                + outcome.state()));
            }
            return relation;
        });
        // Counted once committed, so a retried transaction counts once.
        metrics.linkCreated();
        return relation;
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

package io.liaison.association;

import io.liaison.config.LiaisonConfig;
import io.liaison.error.Errors;
import io.liaison.neo4j.Ids;
import io.liaison.neo4j.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * The rules of linking two records: the records must be of the label's objects and in the caller's
 * location, a record never links to itself, a pair links once per label, and the label's
 * cardinality and the per-label cap hold. Every check runs in the transaction that writes, after
 * the label's lock and then the records' locks (in id order) are taken, so concurrent requests
 * cannot together exceed a rule.
 */
@ApplicationScoped
public class RelationService {

    private final RelationRepository repository;
    private final LiaisonConfig config;

    public RelationService(RelationRepository repository, LiaisonConfig config) {
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
        int cap = config.limits().recordsPerLabel();
        return repository.write(tx -> {
            Association association = tx.lockAssociation(locationId, request.associationId())
                    .orElseThrow(() -> new Errors.NotFound("Association", request.associationId()));
            boolean firstLocksFirst = firstId.compareTo(secondId) < 0;
            var lockedA = lockRecord(tx, locationId, firstLocksFirst ? firstId : secondId, firstLocksFirst ? "firstRecordId" : "secondRecordId");
            var lockedB = lockRecord(tx, locationId, firstLocksFirst ? secondId : firstId, firstLocksFirst ? "secondRecordId" : "firstRecordId");
            var first = firstLocksFirst ? lockedA : lockedB;
            var second = firstLocksFirst ? lockedB : lockedA;
            requireObject("firstRecordId", first, association.firstObjectKey());
            requireObject("secondRecordId", second, association.secondObjectKey());

            var state = tx.linkState(association, firstId, secondId);
            state.existingRelationId().ifPresent(existing -> {
                throw new Errors.DuplicateRelation(existing, association.id());
            });
            enforceCardinality(association, state, firstId, secondId);
            enforceCap("firstRecordId", firstId, state.firstOut() + state.firstIn(), cap, association);
            enforceCap("secondRecordId", secondId, state.secondOut() + state.secondIn(), cap, association);
            return tx.create(association, RelationIds.newId(firstId), firstId, secondId, Timestamps.now());
        });
    }

    private static void enforceCardinality(Association association, RelationRepository.LinkState state, String firstId, String secondId) {
        Cardinality cardinality = association.cardinality();
        if (association.isSymmetric()) {
            // No sides: under ONE_TO_ONE a record has at most one such link, whichever end it is.
            if (cardinality.firstLinksToOne()) {
                refuseIfLinked(association, firstId, state.firstOut() + state.firstIn());
                refuseIfLinked(association, secondId, state.secondOut() + state.secondIn());
            }
            return;
        }
        if (cardinality.firstLinksToOne()) {
            refuseIfLinked(association, firstId, state.firstOut());
        }
        if (cardinality.secondLinksToOne()) {
            refuseIfLinked(association, secondId, state.secondIn());
        }
    }

    private static void refuseIfLinked(Association association, String recordId, long links) {
        if (links >= 1) {
            throw new Errors.LimitExceeded("cardinality", 1, links,
                    "Record " + recordId + " already has a link under association '" + association.key() + "', whose cardinality "
                            + association.cardinality() + " allows one",
                    Map.of("cardinality", association.cardinality().name(), "recordId", recordId, "associationId", association.id()));
        }
    }

    /** The help article's cap: one record links to at most this many records under one label. */
    private static void enforceCap(String field, String recordId, long links, int cap, Association association) {
        if (links >= cap) {
            throw new Errors.LimitExceeded("recordsPerLabel", cap, links,
                    "Record " + recordId + " already links to " + links + " records under association '" + association.key()
                            + "'; the limit is " + cap,
                    Map.of("recordId", recordId, "field", field, "associationId", association.id()));
        }
    }

    private static RelationRepository.RecordRef lockRecord(RelationRepository.RelationWrites tx, String locationId, String id, String field) {
        return tx.lockRecord(locationId, id).orElseThrow(() -> new Errors.NotFound("Record", field, id));
    }

    private static void requireObject(String field, RelationRepository.RecordRef record, String expectedObjectKey) {
        if (!expectedObjectKey.equals(record.objectKey())) {
            throw new Errors.WrongObject(field, record.id(), String.valueOf(record.objectKey()), expectedObjectKey);
        }
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

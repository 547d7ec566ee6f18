package io.liaison.association;

import io.liaison.error.QuotedValues;
import io.liaison.config.LiaisonConfig;
import io.liaison.error.Errors;
import io.liaison.event.EventType;
import io.liaison.event.EventOutbox;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.ops.DomainMetrics;
import io.liaison.neo4j.Ids;
import io.liaison.neo4j.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.TransactionContext;

/**
 * Linking two records. The rules themselves are {@link LinkRules}; this class runs them where they
 * hold under any concurrency: in one statement that takes the label's lock (shared, so links under
 * one label run in parallel, while a label change waits for them), then the records' locks
 * (exclusive, in id order), then checks and creates. What never changes about the label comes
 * from {@link AssociationFacts}; its cardinality is read under the lock.
 */
@ApplicationScoped
public class RelationService {

    private final GraphDatabase db;
    private final AssociationFacts labels;
    private final RelationRepository repository;
    private final LiaisonConfig config;
    private final DomainMetrics metrics;

    public RelationService(GraphDatabase db, AssociationFacts labels, RelationRepository repository, LiaisonConfig config,
            DomainMetrics metrics) {
        this.db = db;
        this.labels = labels;
        this.repository = repository;
        this.config = config;
        this.metrics = metrics;
    }

    public Relation create(String locationId, RelationRequest request) {
        RelationRepository.NewLink link = newLink(request);
        long cap = cap();
        Association known = label(locationId, request.associationId())
                .orElseThrow(() -> new Errors.NotFound("Association", request.associationId()));
        // Everything the RelationCreate event says is known before the link is tried (the label's
        // objects never change), so the link statement appends the event itself: one round trip.
        Relation relation = relation(known, link);
        Map<String, Object> relationCreated = relationCreated(relation);
        db.write(tx -> linked(tx, known, cap, link, relation, relationCreated));
        // Counted once committed, so a retried transaction counts once.
        metrics.linkCreated();
        return relation;
    }

    /**
     * A link under {@code label} made inside the caller's write transaction, exactly as {@link #create} makes
     * one (the same request checks and link statement: the label's shared lock, the records' locks in id
     * order, {@link LinkRules}, the link and its RelationCreate); a refusal is thrown, failing the caller's
     * whole transaction. The caller counts it with {@link #linksCommitted} once that transaction has committed.
     */
    public Relation linkIn(TransactionContext tx, Association label, String firstId, String secondId) {
        RelationRepository.NewLink link = newLink(new RelationRequest(label.locationId(), label.id(), firstId, secondId));
        Relation relation = relation(label, link);
        return linked(tx, label, cap(), link, relation, relationCreated(relation));
    }

    /** Links made by {@link #linkIn}, counted once their transaction has committed. */
    public void linksCommitted(long count) {
        metrics.linksCreated(count);
    }

    private Relation linked(TransactionContext tx, Association known, long cap, RelationRepository.NewLink link, Relation relation,
            Map<String, Object> relationCreated) {
        var outcome = repository.linkIfAllowed(tx, known, cap, link.relationId(), link.firstId(), link.secondId(), link.createdAt(),
                relationCreated).orElseThrow(() -> labelGone(known.locationId(), known.id()));
        requireCreated(outcome, cap, link);
        return relation;
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

    /** The per-label cap on one record's links (the help article's 1,000 by default). */
    long cap() {
        return config.limits().recordsPerLabel();
    }

    /** What never changes about the label (see {@link AssociationFacts}); empty when it is not in the location. */
    Optional<Association> label(String locationId, String associationId) {
        return labels.find(locationId, associationId);
    }

    /** The link statement found no label: it was deleted since it was cached. */
    Errors.NotFound labelGone(String locationId, String associationId) {
        labels.forget(locationId, associationId);
        return new Errors.NotFound("Association", associationId);
    }

    /** The relation a link makes, from what never changes about its label. */
    static Relation relation(Association label, RelationRepository.NewLink link) {
        return new Relation(link.relationId(), label.id(), label.firstObjectKey(), link.firstId(), label.secondObjectKey(),
                link.secondId(), label.locationId(), Timestamps.iso(link.createdAt()), null, null, null, null, null);
    }

    /** The RelationCreate event of a link, prepared for the link statement to append when it links. */
    static Map<String, Object> relationCreated(Relation relation) {
        return EventOutbox.prepare(relation.locationId(), EventType.RelationCreate, RelationEvents.of(relation));
    }

    /** Nothing when the link statement linked; otherwise why {@link LinkRules} refused, judged on the label as it was under the lock. */
    static void requireCreated(RelationRepository.LinkOutcome outcome, long cap, RelationRepository.NewLink link) {
        if (!outcome.created()) {
            Association association = outcome.label();
            throw LinkRules.refusal(association, LinkRules.limits(association, cap), outcome.state(), link.firstId(), link.secondId())
                    .orElseThrow(() -> new IllegalStateException("The link statement refused a link that LinkRules allows: "
                            + outcome.state()));
        }
    }

    private static void requireRecordId(String field, String id) {
        if (!Ids.looksLikeId(id)) {
            throw new Errors.NotFound("Record", field, QuotedValues.abbreviate(id));
        }
    }

    public RelationRepository.Page relationsOf(String locationId, String recordId, List<String> associationIds, Integer skip, Integer limit) {
        int offset = AssociationService.skip(skip);
        int size = AssociationService.pageSize(limit);
        if (!Ids.looksLikeId(recordId)) {
            throw new Errors.NotFound("Record", recordId);
        }
        List<String> only = associationIds.isEmpty() ? null : associationIds;
        return db.read(tx -> repository.relationsOf(tx, locationId, recordId, only, offset, size))
                .orElseThrow(() -> new Errors.NotFound("Record", recordId));
    }

    /** The link a relation id names, with its first record's id; 404 for a value that can never be a relation. */
    static RelationRepository.LinkToRemove linkToRemove(String relationId) {
        return RelationIds.anchorOf(relationId).map(anchor -> new RelationRepository.LinkToRemove(relationId, anchor))
                .orElseThrow(() -> new Errors.NotFound("Relation", relationId));
    }

    /** A batch of one: the same locks and statement as every removal of a link. */
    public String delete(String locationId, String relationId) {
        RelationRepository.LinkToRemove link = linkToRemove(relationId);
        if (db.write(tx -> repository.deleteEach(tx, locationId, List.of(link))).isEmpty()) {
            throw new Errors.NotFound("Relation", relationId);
        }
        return relationId;
    }
}

package io.liaison.association;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.liaison.bulk.Bulk;
import io.liaison.bulk.ItemStatus;
import io.liaison.error.ApiException;
import io.liaison.error.BeanValidation;
import io.liaison.error.ErrorBody;
import io.liaison.error.Errors;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Locks;
import io.liaison.ops.DomainMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Many links in one transaction, each judged exactly as a single link: the request checks of
 * {@link RelationService#newLink}, then, per label, the link statement's checks and create run once per
 * item ({@link RelationRepository#linkEachIfAllowed}: Neo4j's Java core API in-process, a Cypher statement
 * over Bolt; docs/design/bulk-writes.md), and a refusal explained by {@link LinkRules}
 * ({@link RelationService#requireCreated}). Each link gets its RelationCreate event when it links, as a
 * single link does. Locks follow one global order, so concurrent batches and single links never deadlock.
 */
@ApplicationScoped
class RelationBulkService {

    private final GraphDatabase db;
    private final Locks locks;
    private final RelationRepository repository;
    private final RelationService relations;
    private final BeanValidation validation;
    private final DomainMetrics metrics;

    public RelationBulkService(GraphDatabase db, Locks locks, RelationRepository repository, RelationService relations,
            BeanValidation validation, DomainMetrics metrics) {
        this.db = db;
        this.locks = locks;
        this.repository = repository;
        this.relations = relations;
        this.validation = validation;
        this.metrics = metrics;
    }

    @Schema(name = "BulkRelationItemResult")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemResult(int index, ItemStatus status, Relation relation, String id, ErrorBody error)
            implements ItemStatus.HasStatus {
        static ItemResult failed(int index, ApiException e) {
            return new ItemResult(index, ItemStatus.FAILED, null, null, ErrorBody.of(e));
        }
    }

    @Schema(name = "BulkRelationResult")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(List<ItemResult> results, @Schema(description = "Bulk create only") Integer created,
            @Schema(description = "Bulk delete only") Integer deleted, int failed) {
        static Result ofLinks(ItemResult[] items) {
            List<ItemResult> results = List.of(items);
            return new Result(results, ItemStatus.CREATED.countIn(results), null, ItemStatus.FAILED.countIn(results));
        }

        static Result ofDeletes(ItemResult[] items) {
            List<ItemResult> results = List.of(items);
            return new Result(results, null, ItemStatus.DELETED.countIn(results), ItemStatus.FAILED.countIn(results));
        }
    }

    public Result link(String locationId, List<Bulk.Item<RelationBulkRequests.Link>> items) {
        Bulk.items(items, "relations");
        ItemResult[] results = new ItemResult[items.size()];
        List<RelationBulkRequests.Link> read = new ArrayList<>(java.util.Collections.nCopies(items.size(), null));
        Map<Integer, RelationRepository.NewLink> links = new TreeMap<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                RelationBulkRequests.Link item = items.get(i).read();
                if (item == null) {
                    throw Bulk.missingItem("relations", i);
                }
                validation.check(item);
                links.put(i, relations.newLink(new RelationRequest(locationId, item.associationId(), item.firstRecordId(),
                        item.secondRecordId())));
                read.set(i, item);
            } catch (ApiException e) {
                results[i] = ItemResult.failed(i, e);
            }
        }
        if (!links.isEmpty()) {
            writeLinks(locationId, read, links).forEach((index, result) -> results[index] = result);
        }
        return Result.ofLinks(results);
    }

    /**
     * One transaction; a retried attempt (a deadlock, a leader switch) starts over from nothing. Locks in
     * the one order of {@link io.liaison.neo4j.Locks} ({@link RelationRepository#lockLabelsThenRecords}),
     * then each label's link statement, which takes the same locks again.
     */
    private Map<Integer, ItemResult> writeLinks(String locationId, List<RelationBulkRequests.Link> items,
            Map<Integer, RelationRepository.NewLink> links) {
        long cap = relations.cap();
        Map<Integer, ItemResult> written = new TreeMap<>();
        Map<String, List<Integer>> byLabel = new TreeMap<>();
        Map<String, Association> known = new TreeMap<>();
        links.keySet().forEach(i -> byLabel.computeIfAbsent(items.get(i).associationId(), k -> new ArrayList<>()).add(i));
        for (String associationId : List.copyOf(byLabel.keySet())) {
            Optional<Association> label = relations.label(locationId, associationId);
            if (label.isPresent()) {
                known.put(associationId, label.get());
            } else {
                byLabel.remove(associationId).forEach(i -> written.put(i, ItemResult.failed(i, new Errors.NotFound("Association", associationId))));
            }
        }
        if (known.isEmpty()) {
            return written;
        }
        Map<Integer, ItemResult> linked = db.write(tx -> {
            Map<Integer, ItemResult> results = new TreeMap<>();
            Map<String, List<String>> recordsByLabel = new TreeMap<>();
            byLabel.forEach((associationId, indexes) -> recordsByLabel.put(associationId,
                    indexes.stream().map(links::get).flatMap(l -> Stream.of(l.firstId(), l.secondId())).toList()));
            locks.labelsThenRecords(tx, locationId, recordsByLabel);
            for (Association label : known.values()) {
                List<Integer> indexes = byLabel.get(label.id());
                List<RelationRepository.NewLink> batch = indexes.stream().map(links::get).toList();
                List<Relation> made = batch.stream().map(link -> RelationService.relation(label, link)).toList();
                Optional<List<RelationRepository.LinkOutcome>> outcomes = repository.linkEachIfAllowed(tx, label, cap, batch,
                        made.stream().map(RelationService::relationCreated).toList());
                for (int n = 0; n < indexes.size(); n++) {
                    int index = indexes.get(n);
                    try {
                        if (outcomes.isEmpty()) {
                            throw relations.labelGone(locationId, label.id());
                        }
                        RelationService.requireCreated(outcomes.get().get(n), cap, batch.get(n));
                        results.put(index, new ItemResult(index, ItemStatus.CREATED, made.get(n), made.get(n).id(), null));
                    } catch (ApiException refused) {
                        results.put(index, ItemResult.failed(index, refused));
                    }
                }
            }
            return results;
        });
        // Counted once committed, as a single link is.
        metrics.linksCreated(linked.values().stream().filter(r -> r.status() == ItemStatus.CREATED).count());
        written.putAll(linked);
        return written;
    }

    /** Each valid id removed as a single delete removes it ({@link RelationRepository#deleteEach}), all in one transaction. */
    public Result delete(String locationId, List<Bulk.Item<String>> items) {
        Bulk.items(items, "ids");
        ItemResult[] results = new ItemResult[items.size()];
        List<Integer> valid = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<RelationRepository.LinkToRemove> links = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                String id = items.get(i).read();
                if (id == null) {
                    throw Errors.ValidationFailed.of("ids[" + i + "]", "should be a relation id");
                }
                links.add(RelationService.linkToRemove(id));
                valid.add(i);
                ids.add(id);
            } catch (ApiException e) {
                results[i] = ItemResult.failed(i, e);
            }
        }
        Set<Integer> deleted = links.isEmpty() ? Set.of() : db.write(tx -> repository.deleteEach(tx, locationId, links));
        for (int n = 0; n < valid.size(); n++) {
            int index = valid.get(n);
            results[index] = deleted.contains(n) ? new ItemResult(index, ItemStatus.DELETED, null, ids.get(n), null)
                    : ItemResult.failed(index, new Errors.NotFound("Relation", ids.get(n)));
        }
        return Result.ofDeletes(results);
    }
}

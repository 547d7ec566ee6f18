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
import jakarta.enterprise.context.ApplicationScoped;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Many links in one transaction, each judged exactly as a single link: the request checks of
 * {@link RelationService#newLink}, then, per label, the link statement's checks and create run once per
 * item ({@link RelationRepository#linkEachIfAllowed}), and a refusal explained by {@link LinkRules}.
 * Locks follow one global order, so concurrent batches and single links never deadlock: every label of
 * the batch, shared, in id order; then every record of the batch, in id order.
 */
@ApplicationScoped
public class RelationBulkService {

    private final GraphDatabase db;
    private final Locks locks;
    private final RelationRepository repository;
    private final RelationService relations;
    private final BeanValidation validation;

    public RelationBulkService(GraphDatabase db, Locks locks, RelationRepository repository, RelationService relations,
            BeanValidation validation) {
        this.db = db;
        this.locks = locks;
        this.repository = repository;
        this.relations = relations;
        this.validation = validation;
    }

    @Schema(name = "BulkRelationItemResult")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemResult(int index, ItemStatus status, Relation relation, String id, ErrorBody error) {
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
            return new Result(results, count(results, ItemStatus.CREATED), null, count(results, ItemStatus.FAILED));
        }

        static Result ofDeletes(ItemResult[] items) {
            List<ItemResult> results = List.of(items);
            return new Result(results, null, count(results, ItemStatus.DELETED), count(results, ItemStatus.FAILED));
        }

        private static int count(List<ItemResult> results, ItemStatus status) {
            return (int) results.stream().filter(r -> r.status() == status).count();
        }
    }

    public Result link(String locationId, List<RelationBulkRequests.Link> items) {
        Bulk.items(items, "relations");
        ItemResult[] results = new ItemResult[items.size()];
        Map<Integer, RelationRepository.NewLink> links = new TreeMap<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                RelationBulkRequests.Link item = items.get(i);
                if (item == null) {
                    throw Bulk.missingItem("relations", i);
                }
                validation.check(item);
                links.put(i, relations.newLink(new RelationRequest(locationId, item.associationId(), item.firstRecordId(),
                        item.secondRecordId())));
            } catch (ApiException e) {
                results[i] = ItemResult.failed(i, e);
            }
        }
        if (!links.isEmpty()) {
            writeLinks(locationId, items, links).forEach((index, result) -> results[index] = result);
        }
        return Result.ofLinks(results);
    }

    /** One transaction; a retried attempt (a deadlock, a leader switch) starts over from nothing. */
    private Map<Integer, ItemResult> writeLinks(String locationId, List<RelationBulkRequests.Link> items,
            Map<Integer, RelationRepository.NewLink> links) {
        Map<String, List<Integer>> byLabel = new TreeMap<>();
        links.keySet().forEach(i -> byLabel.computeIfAbsent(items.get(i).associationId(), k -> new ArrayList<>()).add(i));
        return db.write(tx -> {
            Map<Integer, ItemResult> written = new TreeMap<>();
            Map<String, Association> labels = new TreeMap<>();
            for (String associationId : byLabel.keySet()) {
                Optional<Association> label = locks.labelForLinking(tx, locationId, associationId).map(Association::from);
                if (label.isPresent()) {
                    labels.put(associationId, label.get());
                } else {
                    byLabel.get(associationId).forEach(i -> written.put(i, ItemResult.failed(i, new Errors.NotFound("Association", associationId))));
                }
            }
            repository.lockRecords(tx, locationId, labels.keySet().stream().flatMap(id -> byLabel.get(id).stream())
                    .flatMap(i -> java.util.stream.Stream.of(links.get(i).firstId(), links.get(i).secondId())).toList());
            for (Association label : labels.values()) {
                List<Integer> indexes = byLabel.get(label.id());
                LinkRules.Limits limits = relations.limits(label);
                List<RelationRepository.LinkOutcome> outcomes = repository.linkEachIfAllowed(tx, label, limits,
                        indexes.stream().map(links::get).toList());
                for (int n = 0; n < indexes.size(); n++) {
                    int index = indexes.get(n);
                    try {
                        Relation relation = RelationService.created(label, limits, links.get(index), outcomes.get(n));
                        written.put(index, new ItemResult(index, ItemStatus.CREATED, relation, relation.id(), null));
                    } catch (ApiException refused) {
                        written.put(index, ItemResult.failed(index, refused));
                    }
                }
            }
            return written;
        });
    }

    public Result delete(String locationId, List<String> ids) {
        Bulk.items(ids, "ids");
        ItemResult[] results = new ItemResult[ids.size()];
        List<Integer> valid = new ArrayList<>();
        List<Map.Entry<String, String>> idsAndAnchors = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            try {
                String id = ids.get(i);
                if (id == null) {
                    throw Bulk.missingItem("ids", i);
                }
                idsAndAnchors.add(new AbstractMap.SimpleEntry<>(id, RelationService.anchorOf(id)));
                valid.add(i);
            } catch (ApiException e) {
                results[i] = ItemResult.failed(i, e);
            }
        }
        Set<Integer> deleted = idsAndAnchors.isEmpty() ? Set.of() : repository.deleteEach(locationId, idsAndAnchors);
        for (int n = 0; n < valid.size(); n++) {
            int index = valid.get(n);
            results[index] = deleted.contains(n) ? new ItemResult(index, ItemStatus.DELETED, null, ids.get(index), null)
                    : ItemResult.failed(index, new Errors.NotFound("Relation", ids.get(index)));
        }
        return Result.ofDeletes(results);
    }
}

package io.liaison.association;

import io.liaison.error.QuotedValues;
import io.liaison.config.LiaisonConfig;
import io.liaison.error.Errors;
import io.liaison.event.EventType;
import io.liaison.event.EventOutbox;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Ids;
import io.liaison.neo4j.Locks;
import io.liaison.neo4j.Timestamps;
import io.liaison.neo4j.Neo4jErrors;
import io.liaison.neo4j.SearchWindow;
import io.liaison.object.ObjectCatalogRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.exceptions.ClientException;

/** The rules of association labels: keys, label types, cardinality, the labels-per-object-pair limit, deletion. */
@ApplicationScoped
public class AssociationService {

    public static final String KEY_PATTERN = "^[a-z0-9_]+$";
    public static final int MAX_LABEL_LENGTH = 64;
    /** Keys whose relationship type Liaison uses for its own data (Location→ApiKey, the migration chain). */
    static final java.util.Set<String> RESERVED_KEYS = java.util.Set.of("has_key", "next");
    public static final int MAX_SKIP = 10_000;

    private final GraphDatabase db;
    private final Locks locks;
    private final EventOutbox outbox;
    private final AssociationRepository repository;
    private final ObjectCatalogRepository objects;
    private final LiaisonConfig config;

    public AssociationService(GraphDatabase db, Locks locks, EventOutbox outbox, AssociationRepository repository,
            ObjectCatalogRepository objects, LiaisonConfig config) {
        this.db = db;
        this.locks = locks;
        this.outbox = outbox;
        this.repository = repository;
        this.objects = objects;
        this.config = config;
    }

    public Association create(String locationId, AssociationRequest request) {
        Map<String, Object> properties = newAssociation(locationId, request);
        try {
            return db.write(tx -> createdUnderLocationLock(tx, locationId, properties, existing -> {
                throw duplicateKey(existing);
            }));
        } catch (ClientException e) {
            // The (locationId, key) constraint is the last line of defence behind the lock above.
            if (Neo4jErrors.isConstraintViolation(e)) {
                throw db.read(tx -> repository.byKey(tx, locationId, request.key())).map(AssociationService::duplicateKey).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    /**
     * The location's label with the request's key, inside the caller's transaction: the one there is, else
     * one created as {@link #create} creates it (same checks, same limit, its AssociationCreate in the same
     * transaction). The location's lock, the first in the order of {@link Locks}, is taken only to create
     * it, so the caller takes it before any label or record lock; a label made meanwhile by another
     * transaction is found under that lock and answered.
     */
    public Association madeIfMissing(TransactionContext tx, String locationId, AssociationRequest request) {
        Optional<Association> found = repository.byKey(tx, locationId, request.key());
        if (found.isPresent()) {
            return found.get();
        }
        return createdUnderLocationLock(tx, locationId, newAssociation(locationId, request), existing -> existing);
    }

    /** A new label's properties, from a request checked as far as it can be without the database. */
    private static Map<String, Object> newAssociation(String locationId, AssociationRequest request) {
        if (RESERVED_KEYS.contains(request.key())) {
            throw Errors.ValidationFailed.of("key", "'" + request.key() + "' is reserved: its relationship type is one Liaison uses itself");
        }
        String firstObject = request.firstObjectKey();
        String secondObject = request.secondObjectKey();
        String firstLabel = request.firstObjectLabel().strip();
        String secondLabel = blank(request.secondObjectLabel()) ? firstLabel : request.secondObjectLabel().strip();
        LabelType labelType = firstLabel.equalsIgnoreCase(secondLabel) ? LabelType.SINGLE : LabelType.PAIR;
        if (labelType == LabelType.SINGLE) {
            secondLabel = firstLabel;
        }
        Cardinality cardinality = request.cardinality() == null ? Cardinality.MANY_TO_MANY : request.cardinality();
        boolean symmetric = labelType == LabelType.SINGLE && firstObject.equals(secondObject);
        if (symmetric && !cardinality.fitsSymmetricLabel()) {
            throw Errors.ValidationFailed.of("cardinality", "must be MANY_TO_MANY or ONE_TO_ONE for a single label between records of "
                    + "the same object, because such a link has no sides");
        }
        ZonedDateTime now = Timestamps.now();
        Map<String, Object> properties = new HashMap<>();
        properties.put("id", Ids.newId());
        properties.put("locationId", locationId);
        properties.put("key", request.key());
        properties.put("firstObjectKey", firstObject);
        properties.put("firstObjectLabel", firstLabel);
        properties.put("secondObjectKey", secondObject);
        properties.put("secondObjectLabel", secondLabel);
        properties.put("labelType", labelType.name());
        properties.put("cardinality", cardinality.name());
        properties.put("relationshipType", relationshipType(request.key()));
        properties.put("createdAt", now);
        properties.put("updatedAt", now);
        return properties;
    }

    /**
     * Under the location's lock, taken here: the new label's checks, then the label with its AssociationCreate.
     * A label of the same key already there is answered by {@code whenKeyTaken}.
     */
    private Association createdUnderLocationLock(TransactionContext tx, String locationId, Map<String, Object> properties,
            UnaryOperator<Association> whenKeyTaken) {
        String firstObject = (String) properties.get("firstObjectKey");
        String secondObject = (String) properties.get("secondObjectKey");
        String key = (String) properties.get("key");
        int maxLabels = config.limits().labelsPerObjectPair();
        // The location's lock serialises label creation, so two requests cannot both slip under the limit.
        if (!locks.location(tx, locationId)) {
            throw new Errors.NotFound("Location", locationId);
        }
        // Checked under the location's lock, which deleting an object also takes: a label never outlives its object.
        if (!objects.exists(tx, locationId, firstObject)) {
            throw Errors.ValidationFailed.of("firstObjectKey", "'" + firstObject + "' is not an object of this location");
        }
        if (!objects.exists(tx, locationId, secondObject)) {
            throw Errors.ValidationFailed.of("secondObjectKey", "'" + secondObject + "' is not an object of this location");
        }
        Optional<Association> existing = repository.byKey(tx, locationId, key);
        if (existing.isPresent()) {
            return whenKeyTaken.apply(existing.get());
        }
        long labels = repository.labelsBetween(tx, locationId, firstObject, secondObject);
        if (labels >= maxLabels) {
            throw new Errors.LimitExceeded("labelsPerObjectPair", maxLabels, labels,
                    "Objects '" + firstObject + "' and '" + secondObject + "' already have " + labels
                            + " association labels; the limit is " + maxLabels,
                    Map.of("firstObjectKey", firstObject, "secondObjectKey", secondObject));
        }
        Association created = repository.create(tx, properties);
        outbox.record(tx, locationId, EventType.AssociationCreate, AssociationEvents.created(created));
        return created;
    }

    public Association get(String locationId, String id) {
        if (!Ids.looksLikeId(id)) {
            throw new Errors.NotFound("Association", id);
        }
        return db.read(tx -> repository.find(tx, locationId, id)).orElseThrow(() -> new Errors.NotFound("Association", id));
    }

    public Association getByKey(String locationId, String key) {
        if (key == null || key.length() > 64 || !key.matches(KEY_PATTERN)) {
            throw new Errors.NotFound("Association", "key", key == null ? "" : QuotedValues.abbreviate(key));
        }
        return db.read(tx -> repository.byKey(tx, locationId, key)).orElseThrow(() -> new Errors.NotFound("Association", "key", key));
    }

    public AssociationRepository.Page list(String locationId, Integer skip, Integer limit) {
        int from = skip(skip);
        int size = pageSize(limit);
        return db.read(tx -> new AssociationRepository.Page(repository.page(tx, locationId, from, size), repository.count(tx, locationId)));
    }

    public List<Association> ofObject(String locationId, String objectKey) {
        // The object and its associations in one read (they were two): the 404 and the list see one snapshot.
        return db.read(tx -> {
            objects.find(tx, locationId, objectKey)
                    .orElseThrow(() -> new Errors.NotFound("Object", "key", QuotedValues.abbreviate(objectKey)));
            return repository.ofObject(tx, locationId, objectKey);
        });
    }

    /**
     * Renames the labels (both profiles show the new names at once, since links point at the label)
     * and may change the cardinality. The key, the objects and the label type never change.
     */
    public Association update(String locationId, String id, AssociationUpdateRequest request) {
        if (!Ids.looksLikeId(id)) {
            throw new Errors.NotFound("Association", id);
        }
        String firstLabel = request.firstObjectLabel().strip();
        String requestedSecond = blank(request.secondObjectLabel()) ? firstLabel : request.secondObjectLabel().strip();
        return db.write(tx -> {
            // Exclusive: waits for the links in flight under the label (they hold it shared) and holds new ones back.
            Association current = locks.labelForChange(tx, locationId, id).map(Association::from)
                    .orElseThrow(() -> new Errors.NotFound("Association", id));
            if (current.labelType() == LabelType.SINGLE && !firstLabel.equalsIgnoreCase(requestedSecond)) {
                throw Errors.ValidationFailed.of("secondObjectLabel", "must equal firstObjectLabel or be left out: this is a single label "
                        + "(create a new pair label instead)");
            }
            if (current.labelType() == LabelType.PAIR && firstLabel.equalsIgnoreCase(requestedSecond)) {
                throw Errors.ValidationFailed.of("secondObjectLabel", "must differ from firstObjectLabel: this is a pair label");
            }
            String secondLabel = current.labelType() == LabelType.SINGLE ? firstLabel : requestedSecond;
            Cardinality cardinality = request.cardinality() == null ? current.cardinality() : request.cardinality();
            if (current.isSymmetric() && !cardinality.fitsSymmetricLabel()) {
                throw Errors.ValidationFailed.of("cardinality",
                        "must be MANY_TO_MANY or ONE_TO_ONE for a single label between records of the same object");
            }
            if (cardinality != current.cardinality()) {
                refuseIfLinksBreak(tx, current, cardinality);
            }
            Association updated = repository.update(tx, locationId, id, Map.of("firstObjectLabel", firstLabel, "secondObjectLabel", secondLabel,
                    "cardinality", cardinality.name(), "updatedAt", Timestamps.now()));
            outbox.record(tx, locationId, EventType.AssociationUpdate, AssociationEvents.of(updated));
            return updated;
        });
    }

    /** Counted under the label's exclusive lock, so no link can be added between this check and the change. */
    private void refuseIfLinksBreak(org.neo4j.driver.TransactionContext tx, Association association, Cardinality tighter) {
        var excess = repository.excessLinks(tx, association,
                LinkRules.limits(tighter, association.isSymmetric(), config.limits().recordsPerLabel()));
        if (excess.links() > 0) {
            throw new Errors.LimitExceeded("cardinality", 1, excess.links(),
                    "Cannot change cardinality to " + tighter + ": " + excess.links() + " existing links on " + excess.records()
                            + " records break it; remove them first",
                    Map.of("cardinality", tighter.name(), "breakingLinks", excess.links(), "recordsOverLimit", excess.records()));
        }
    }

    public record Deleted(String id, long links) {
    }

    /** The help article's rule: a label still in use is kept, unless the caller forces it with its links. */
    public Deleted delete(String locationId, String id, boolean force) {
        if (!Ids.looksLikeId(id)) {
            throw new Errors.NotFound("Association", id);
        }
        return db.write(tx -> {
            Association association = locks.labelForChange(tx, locationId, id).map(Association::from)
                    .orElseThrow(() -> new Errors.NotFound("Association", id));
            long links = repository.links(tx, association);
            if (links > 0 && !force) {
                throw new Errors.AssociationInUse(id, links);
            }
            if (links > 0) {
                // The label's exclusive lock holds back new links; the records' locks hold back their own deletion.
                locks.records(tx, locationId, repository.recordsLinkedUnder(tx, association));
                outbox.recordAll(tx, locationId, EventType.RelationDelete,
                        repository.linksOf(tx, association).stream().map(RelationEvents::of).toList());
            }
            outbox.record(tx, locationId, EventType.AssociationDelete, AssociationEvents.of(association));
            return new Deleted(id, repository.deleteWithLinks(tx, association));
        });
    }

    /** MANAGER_EMPLOYEE for key manager_employee: a Neo4j type a person reads without a legend. */
    public static String relationshipType(String key) {
        return key.toUpperCase(Locale.ROOT);
    }

    static int pageSize(Integer limit) {
        return SearchWindow.pageSize(limit, "limit");
    }

    static int skip(Integer skip) {
        if (skip == null) {
            return 0;
        }
        if (skip < 0 || skip > MAX_SKIP) {
            throw Errors.ValidationFailed.of("skip", "must be between 0 and " + MAX_SKIP);
        }
        return skip;
    }

    private static Errors.Conflict duplicateKey(Association existing) {
        return new Errors.Conflict("DUPLICATE_ASSOCIATION_KEY", "An association with key '" + existing.key()
                + "' already exists in this location (" + existing.id() + ")", "key", Map.of("associationId", existing.id()));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }


}

package io.liaison.association;

import io.liaison.config.LiaisonConfig;
import io.liaison.error.Errors;
import io.liaison.neo4j.Ids;
import io.liaison.neo4j.Timestamps;
import io.liaison.neo4j.Neo4jErrors;
import io.liaison.object.ObjectCatalog;
import io.liaison.object.ObjectType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neo4j.driver.exceptions.ClientException;

/** The rules of association labels: keys, label types, cardinality, the labels-per-object-pair limit, deletion. */
@ApplicationScoped
public class AssociationService {

    public static final String KEY_PATTERN = "^[a-z0-9_]+$";
    public static final int MAX_LABEL_LENGTH = 64;
    /** Keys whose relationship type Liaison uses for its own data (Location→ApiKey, the migration chain). */
    static final java.util.Set<String> RESERVED_KEYS = java.util.Set.of("has_key", "next");
    public static final int DEFAULT_PAGE = 20;
    public static final int MAX_PAGE = 100;
    public static final int MAX_SKIP = 10_000;

    private final AssociationRepository repository;
    private final ObjectCatalog objects;
    private final LiaisonConfig config;

    public AssociationService(AssociationRepository repository, ObjectCatalog objects, LiaisonConfig config) {
        this.repository = repository;
        this.objects = objects;
        this.config = config;
    }

    public Association create(String locationId, AssociationRequest request) {
        if (RESERVED_KEYS.contains(request.key())) {
            throw Errors.ValidationFailed.of("key", "'" + request.key() + "' is reserved: its relationship type is one Liaison uses itself");
        }
        ObjectType first = objects.find(locationId, request.firstObjectKey()).orElseThrow(
                () -> Errors.ValidationFailed.of("firstObjectKey", "'" + request.firstObjectKey() + "' is not an object of this location"));
        ObjectType second = objects.find(locationId, request.secondObjectKey()).orElseThrow(
                () -> Errors.ValidationFailed.of("secondObjectKey", "'" + request.secondObjectKey() + "' is not an object of this location"));
        String firstLabel = request.firstObjectLabel().strip();
        String secondLabel = blank(request.secondObjectLabel()) ? firstLabel : request.secondObjectLabel().strip();
        LabelType labelType = firstLabel.equalsIgnoreCase(secondLabel) ? LabelType.SINGLE : LabelType.PAIR;
        if (labelType == LabelType.SINGLE) {
            secondLabel = firstLabel;
        }
        Cardinality cardinality = request.cardinality() == null ? Cardinality.MANY_TO_MANY : request.cardinality();
        boolean symmetric = labelType == LabelType.SINGLE && first.key().equals(second.key());
        if (symmetric && !cardinality.fitsSymmetricLabel()) {
            throw Errors.ValidationFailed.of("cardinality", "must be MANY_TO_MANY or ONE_TO_ONE for a single label between records of "
                    + "the same object, because such a link has no sides");
        }
        ZonedDateTime now = Timestamps.now();
        Map<String, Object> properties = new HashMap<>();
        properties.put("id", Ids.newId());
        properties.put("locationId", locationId);
        properties.put("key", request.key());
        properties.put("firstObjectKey", first.key());
        properties.put("firstObjectLabel", firstLabel);
        properties.put("secondObjectKey", second.key());
        properties.put("secondObjectLabel", secondLabel);
        properties.put("labelType", labelType.name());
        properties.put("cardinality", cardinality.name());
        properties.put("relationshipType", relationshipType(request.key()));
        properties.put("createdAt", now);
        properties.put("updatedAt", now);
        int maxLabels = config.limits().labelsPerObjectPair();
        try {
            return repository.write(tx -> {
                if (!tx.lockLocation(locationId)) {
                    throw new Errors.NotFound("Location", locationId);
                }
                // An object deleted since the lookup above (its deletion holds the location's lock) must not gain a label.
                if (!tx.objectExists(locationId, first.key())) {
                    throw Errors.ValidationFailed.of("firstObjectKey", "'" + first.key() + "' is not an object of this location");
                }
                if (!tx.objectExists(locationId, second.key())) {
                    throw Errors.ValidationFailed.of("secondObjectKey", "'" + second.key() + "' is not an object of this location");
                }
                tx.byKey(locationId, request.key()).ifPresent(existing -> {
                    throw duplicateKey(existing);
                });
                long labels = tx.labelsBetween(locationId, first.key(), second.key());
                if (labels >= maxLabels) {
                    throw new Errors.LimitExceeded("labelsPerObjectPair", maxLabels, labels,
                            "Objects '" + first.key() + "' and '" + second.key() + "' already have " + labels
                                    + " association labels; the limit is " + maxLabels,
                            Map.of("firstObjectKey", first.key(), "secondObjectKey", second.key()));
                }
                return tx.create(properties);
            });
        } catch (ClientException e) {
            // The (locationId, key) constraint is the last line of defence behind the lock above.
            if (Neo4jErrors.isConstraintViolation(e)) {
                throw repository.findByKey(locationId, request.key()).map(AssociationService::duplicateKey).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    public Association get(String locationId, String id) {
        if (!Ids.looksLikeId(id)) {
            throw new Errors.NotFound("Association", id);
        }
        return repository.find(locationId, id).orElseThrow(() -> new Errors.NotFound("Association", id));
    }

    public Association getByKey(String locationId, String key) {
        if (key == null || key.length() > 64 || !key.matches(KEY_PATTERN)) {
            throw new Errors.NotFound("Association", "key", key == null ? "" : abbreviate(key));
        }
        return repository.findByKey(locationId, key).orElseThrow(() -> new Errors.NotFound("Association", "key", key));
    }

    public AssociationRepository.Page list(String locationId, Integer skip, Integer limit) {
        return repository.list(locationId, skip(skip), pageSize(limit));
    }

    public List<Association> ofObject(String locationId, String objectKey) {
        objects.find(locationId, objectKey).orElseThrow(() -> new Errors.NotFound("Object", "key", abbreviate(objectKey)));
        return repository.ofObject(locationId, objectKey);
    }

    /**
     * Renames the labels (both profiles show the new names at once, since links point at the label)
     * and may change the cardinality. The key, the objects and the label type never change.
     */
    public Association update(String locationId, String id, AssociationUpdateRequest request) {
        Association current = get(locationId, id);
        String firstLabel = request.firstObjectLabel().strip();
        String secondLabel = blank(request.secondObjectLabel()) ? firstLabel : request.secondObjectLabel().strip();
        if (current.labelType() == LabelType.SINGLE && !firstLabel.equalsIgnoreCase(secondLabel)) {
            throw Errors.ValidationFailed.of("secondObjectLabel", "must equal firstObjectLabel or be left out: this is a single label "
                    + "(create a new pair label instead)");
        }
        if (current.labelType() == LabelType.PAIR && firstLabel.equalsIgnoreCase(secondLabel)) {
            throw Errors.ValidationFailed.of("secondObjectLabel", "must differ from firstObjectLabel: this is a pair label");
        }
        if (current.labelType() == LabelType.SINGLE) {
            secondLabel = firstLabel;
        }
        Cardinality cardinality = request.cardinality() == null ? current.cardinality() : request.cardinality();
        if (current.isSymmetric() && !cardinality.fitsSymmetricLabel()) {
            throw Errors.ValidationFailed.of("cardinality", "must be MANY_TO_MANY or ONE_TO_ONE for a single label between records of the same object");
        }
        Map<String, Object> changes = Map.of("firstObjectLabel", firstLabel, "secondObjectLabel", secondLabel,
                "cardinality", cardinality.name(), "updatedAt", Timestamps.now());
        return repository.write(tx -> {
            Association locked = tx.lock(locationId, id).orElseThrow(() -> new Errors.NotFound("Association", id));
            if (cardinality != locked.cardinality()) {
                refuseIfLinksBreak(tx, locked, cardinality);
            }
            return tx.update(locationId, id, changes);
        });
    }

    /** Counted under the label's lock, so no link can be added between this check and the change. */
    private static void refuseIfLinksBreak(AssociationRepository.LabelWrites tx, Association association, Cardinality tighter) {
        long records = 0;
        long excess = 0;
        if (association.isSymmetric()) {
            if (tighter.firstLinksToOne()) {
                long[] any = tx.excessLinks(association, "any");
                records = any[0];
                excess = any[1];
            }
        } else {
            if (tighter.firstLinksToOne()) {
                long[] out = tx.excessLinks(association, "out");
                records += out[0];
                excess += out[1];
            }
            if (tighter.secondLinksToOne()) {
                long[] in = tx.excessLinks(association, "in");
                records += in[0];
                excess += in[1];
            }
        }
        if (excess > 0) {
            throw new Errors.LimitExceeded("cardinality", 1, excess,
                    "Cannot change cardinality to " + tighter + ": " + excess + " existing links on " + records
                            + " records break it; remove them first",
                    Map.of("cardinality", tighter.name(), "breakingLinks", excess, "recordsOverLimit", records));
        }
    }

    public record Deleted(String id, long links) {
    }

    /** The help article's rule: a label still in use is kept, unless the caller forces it with its links. */
    public Deleted delete(String locationId, String id, boolean force) {
        if (!Ids.looksLikeId(id)) {
            throw new Errors.NotFound("Association", id);
        }
        return repository.write(tx -> {
            Association association = tx.lock(locationId, id).orElseThrow(() -> new Errors.NotFound("Association", id));
            long links = tx.links(association);
            if (links > 0 && !force) {
                throw new Errors.AssociationInUse(id, links);
            }
            return new Deleted(id, tx.deleteWithLinks(association));
        });
    }

    /** MANAGER_EMPLOYEE for key manager_employee: a Neo4j type a person reads without a legend. */
    static String relationshipType(String key) {
        return key.toUpperCase(Locale.ROOT);
    }

    static int pageSize(Integer limit) {
        if (limit == null) {
            return DEFAULT_PAGE;
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw Errors.ValidationFailed.of("limit", "must be between 1 and " + MAX_PAGE);
        }
        return limit;
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

    static String abbreviate(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "…" : value;
    }

}

package io.liaison.object;

import io.liaison.config.LiaisonConfig;
import io.liaison.error.Errors;
import io.liaison.error.Problems;
import io.liaison.error.Updates;
import io.liaison.event.EventOutbox;
import io.liaison.event.EventType;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Ids;
import io.liaison.neo4j.Locks;
import io.liaison.neo4j.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.neo4j.driver.TransactionContext;

/**
 * The rules of custom objects: keys, labels, declared fields, the objects-per-location and
 * fields-per-object limits (checked in the writing transaction, after the location is locked), and
 * deletion that refuses to orphan records or association labels unless forced.
 */
@ApplicationScoped
public class ObjectSchemaService {

    /** The part after {@code custom_objects.}: HighLevel's lowercase, underscore-separated keys. */
    static final Pattern OBJECT_NAME = Pattern.compile("[a-z][a-z0-9_]{0,49}");

    private final ObjectSchemaRepository repository;
    private final LiaisonConfig config;
    private final GraphDatabase db;
    private final Locks locks;
    private final EventOutbox outbox;
    private final RecordRepository records;
    private final AssociationCascade associations;

    public ObjectSchemaService(ObjectSchemaRepository repository, LiaisonConfig config, GraphDatabase db, Locks locks, EventOutbox outbox,
            RecordRepository records, AssociationCascade associations) {
        this.repository = repository;
        this.config = config;
        this.db = db;
        this.locks = locks;
        this.outbox = outbox;
        this.records = records;
        this.associations = associations;
    }

    public ObjectSchema create(String locationId, ObjectRequests.CreateObject body) {
        Problems problems = new Problems();
        String singular = FieldDeclarations.required(body.labels() == null ? null : body.labels().singular(), "labels.singular", problems);
        String plural = FieldDeclarations.required(body.labels() == null ? null : body.labels().plural(), "labels.plural", problems);
        String key = objectKey(body.key(), problems);
        List<ObjectField> fields = declaredFields(key, body, problems);
        problems.throwIfAny();
        String description = Updates.text(body.description());
        String primaryKey = fields.get(0).key();
        return db.write(tx -> {
            lockLocation(tx, locationId);
            List<ObjectSchema> existing = repository.all(tx, locationId);
            refuseOverLimits(locationId, existing, key, fields.size());
            var now = Timestamps.now();
            Map<String, Object> p = new HashMap<>();
            p.put("id", Ids.newId());
            p.put("locationId", locationId);
            p.put("key", key);
            p.put("graphLabel", GraphLabels.derive(singular, existing.stream().map(ObjectSchema::graphLabel).toList()));
            p.put("singular", singular);
            p.put("plural", plural);
            p.put("description", description);
            p.put("primaryDisplayProperty", primaryKey);
            p.put("fields", repository.fieldsJson(fields));
            p.put("searchableProperties", List.of(primaryKey));
            p.put("createdAt", now);
            p.put("updatedAt", now);
            p.values().removeIf(v -> v == null);
            ObjectSchema created = repository.create(tx, p);
            outbox.record(tx, locationId, EventType.ObjectSchemaCreate, ObjectSchemaEvents.of(CustomObject.of(created)));
            return created;
        });
    }

    /** A new object's fields, its primary display property first, each key once; their problems go to {@code problems}. */
    private static List<ObjectField> declaredFields(String key, ObjectRequests.CreateObject body, Problems problems) {
        List<ObjectField> fields = new ArrayList<>();
        ObjectRequests.DisplayProperty display = body.primaryDisplayPropertyDetails();
        if (display == null) {
            problems.add("primaryDisplayPropertyDetails", "should not be empty");
        } else {
            ObjectField primary = FieldDeclarations.field(key, null, ObjectRequests.FieldBody.basic(display.key(), display.name(),
                    display.dataType()), "primaryDisplayPropertyDetails", problems);
            if (primary != null && !primary.type().canBePrimary()) {
                problems.add("primaryDisplayPropertyDetails.dataType", "must be TEXT or NUMERICAL");
            }
            if (primary != null) {
                fields.add(primary);
            }
        }
        for (int i = 0; body.fields() != null && i < body.fields().size(); i++) {
            ObjectField f = FieldDeclarations.field(key, null, body.fields().get(i), "fields[" + i + "]", problems);
            if (f != null && fields.stream().anyMatch(existing -> existing.key().equals(f.key()))) {
                problems.add("fields[" + i + "].key", "'" + f.key() + "' is declared twice");
            } else if (f != null) {
                fields.add(f);
            }
        }
        return fields;
    }

    /**
     * The objects-per-location and fields-per-object limits, and one object per key, checked against
     * the objects the location has under its lock.
     */
    private void refuseOverLimits(String locationId, List<ObjectSchema> existing, String key, int fieldCount) {
        int limit = config.limits().customObjects();
        if (existing.size() >= limit) {
            throw new Errors.LimitExceeded("customObjects", limit, existing.size(),
                    "This location already has " + existing.size() + " custom objects, the most it may have ("
                            + "LIAISON_LIMITS_CUSTOM_OBJECTS=" + limit + ")", Map.of("locationId", locationId));
        }
        checkFieldCount(fieldCount);
        if (existing.stream().anyMatch(o -> o.key().equals(key))) {
            throw new Errors.Conflict("DUPLICATE_OBJECT_KEY", "This location already has an object with key '" + key + "'",
                    "key", Map.of("key", key));
        }
    }

    public List<CustomObject> all(String locationId) {
        List<CustomObject> all = new ArrayList<>();
        all.add(CustomObject.contactIn(locationId));
        all.add(CustomObject.businessIn(locationId));
        db.read(tx -> repository.all(tx, locationId)).stream().map(CustomObject::of).forEach(all::add);
        return all;
    }

    public record Described(CustomObject object, List<FieldView> fields) {
    }

    /** An object and its fields; {@code contact} answers the standard object. */
    public Described describe(String locationId, String key) {
        if (ObjectType.CONTACT_KEY.equals(key)) {
            return new Described(CustomObject.contactIn(locationId), FieldView.contactFields(locationId));
        }
        if (ObjectType.BUSINESS_KEY.equals(key)) {
            return new Described(CustomObject.businessIn(locationId), FieldView.businessFields(locationId));
        }
        ObjectSchema schema = get(locationId, key);
        return new Described(CustomObject.of(schema), schema.fields().stream().map(f -> FieldView.of(schema, f)).toList());
    }

    public ObjectSchema get(String locationId, String key) {
        String lookup = normaliseLookup(key);
        return db.read(tx -> repository.find(tx, locationId, lookup)).orElseThrow(() -> notFound(key));
    }

    public ObjectSchema update(String locationId, String key, ObjectRequests.UpdateObject body) {
        refuseStandard(key);
        Problems problems = new Problems();
        Map<String, Object> given = new HashMap<>();
        if (body.labels() != null) {
            if (body.labels().singular() != null) {
                given.put("singular", FieldDeclarations.required(body.labels().singular(), "labels.singular", problems));
            }
            if (body.labels().plural() != null) {
                given.put("plural", FieldDeclarations.required(body.labels().plural(), "labels.plural", problems));
            }
        }
        if (body.description() != null) {
            given.put("description", Updates.text(body.description()));
        }
        problems.throwIfAny();
        String keyOrId = normaliseLookup(key);
        return db.write(tx -> {
            ObjectSchema current = lockedForChange(tx, locationId, keyOrId).orElseThrow(() -> notFound(key));
            Map<String, Object> changes = new HashMap<>(given);
            if (body.searchableProperties() != null) {
                changes.put("searchableProperties", searchable(current, body.searchableProperties()));
            }
            changes.put("updatedAt", Timestamps.now());
            return write(tx, current, changes);
        });
    }

    /** The searchable properties as given, each once, by short key; 422 naming each one that is not a field. */
    private static List<String> searchable(ObjectSchema current, List<String> given) {
        List<String> searchable = new ArrayList<>();
        Problems wrong = new Problems();
        for (int i = 0; i < given.size(); i++) {
            String property = given.get(i);
            String shortKey = property == null ? "" : current.shortKey(property.strip());
            if (current.field(shortKey).isEmpty()) {
                wrong.add("searchableProperties[" + i + "]", "'" + property + "' is not a field of " + current.key());
            } else if (!searchable.contains(shortKey)) {
                searchable.add(shortKey);
            }
        }
        wrong.throwIfAny();
        return searchable;
    }

    /** Declares more fields on an object; the fields-per-object limit holds under concurrency. */
    public ObjectSchema addFields(String locationId, String key, List<ObjectRequests.FieldBody> bodies) {
        refuseStandard(key);
        String objectKey = normaliseLookup(key);
        ObjectSchema known = get(locationId, key);
        Problems problems = new Problems();
        List<ObjectField> added = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            String at = bodies.size() == 1 ? "" : "fields[" + i + "]";
            ObjectField f = FieldDeclarations.field(known.key(), known.id(), bodies.get(i), at, problems);
            if (f != null) {
                added.add(f);
            }
        }
        problems.throwIfAny();
        return db.write(tx -> {
            ObjectSchema current = lockedForChange(tx, locationId, objectKey).orElseThrow(() -> notFound(key));
            return write(tx, current, Map.of("fields", repository.fieldsJson(withAdded(current.key(), current.fields(), added)),
                    "updatedAt", Timestamps.now()));
        });
    }

    /**
     * The location's lock, which every change of an object or of a field set takes first; 404 when
     * there is no such location.
     */
    void lockLocation(TransactionContext tx, String locationId) {
        if (!locks.location(tx, locationId)) {
            throw new Errors.NotFound("Location", locationId);
        }
    }

    /** The object (by key or id) as it is under the location's lock, which this takes; empty when there is none. */
    Optional<ObjectSchema> lockedForChange(TransactionContext tx, String locationId, String keyOrId) {
        lockLocation(tx, locationId);
        return repository.find(tx, locationId, keyOrId);
    }

    /** Writes an object's changes, with its ObjectSchemaUpdate, in the caller's transaction. */
    ObjectSchema write(TransactionContext tx, ObjectSchema current, Map<String, Object> changes) {
        ObjectSchema updated = repository.update(tx, current, changes);
        outbox.record(tx, current.locationId(), EventType.ObjectSchemaUpdate, ObjectSchemaEvents.of(CustomObject.of(updated)));
        return updated;
    }

    /**
     * The fields an object (or the contact object) has once {@code added} are declared: a key may be
     * declared once, and the fields-per-object limit holds. Called inside the writing transaction,
     * after the location is locked, so concurrent declarations cannot both pass.
     */
    List<ObjectField> withAdded(String ownerKey, List<ObjectField> current, List<ObjectField> added) {
        List<ObjectField> fields = new ArrayList<>(current);
        for (ObjectField f : added) {
            if (fields.stream().anyMatch(e -> e.key().equals(f.key()))) {
                throw new Errors.Conflict("DUPLICATE_FIELD_KEY", ownerKey + " already has a field '" + f.key() + "'",
                        "key", Map.of("key", f.key(), "objectKey", ownerKey));
            }
            fields.add(f);
        }
        checkFieldCount(fields.size());
        return fields;
    }

    /** What an object's deletion removed: the object, and the records and association labels that went with it. */
    public record Deleted(ObjectSchema schema, ObjectSchemaRepository.Usage removed) {
    }

    /**
     * Deletes an object in one transaction, refused (409 OBJECT_IN_USE) while records or association
     * labels use it, unless forced: then its records, their links and those labels go with it.
     */
    public Deleted delete(String locationId, String key, boolean force) {
        refuseStandard(key);
        String keyOrId = normaliseLookup(key);
        return db.write(tx -> {
            ObjectSchema schema = lockedForChange(tx, locationId, keyOrId).orElseThrow(() -> notFound(key));
            // Exclusive: waits for record writes in flight (they hold it shared), so none is missed.
            locks.objectSchema(tx, locationId, schema.id());
            ObjectSchemaRepository.Usage usage = repository.usage(tx, schema);
            if (usage.inUse() && !force) {
                throw new Errors.Conflict("OBJECT_IN_USE", schema.key() + " still has " + usage.records() + " records and "
                        + usage.associations() + " association labels; remove them first, or delete with force=true to remove them too",
                        null, Map.of("objectKey", schema.key(), "records", usage.records(), "associations", usage.associations()));
            }
            recordRemovals(tx, schema);
            // Labels before records: relation writes lock a label before its records, so this order cannot deadlock with them.
            repository.deleteAssociationsOf(tx, schema);
            repository.deleteRecordsOf(tx, schema);
            repository.delete(tx, schema);
            return new Deleted(schema, usage);
        });
    }

    /**
     * The events of what an object's deletion removes, in its transaction: a RelationDelete per link
     * of its records, a RecordDelete per record, an AssociationDelete per label (HighLevel has no
     * event for an object's deletion). The labels are locked first, in id order, as the lock order
     * wants (location, object, labels, records): no link under them is added or removed meanwhile.
     * Then the records are locked and each record's links and the record itself are recorded as they
     * are now. One event per link and per record, in this one transaction: its cost grows with them
     * (see docs/design/events.md, "What a cascade costs").
     */
    private void recordRemovals(TransactionContext tx, ObjectSchema schema) {
        AssociationCascade.LockedLabels labels = associations.lockLabelsOf(tx, schema.locationId(), schema.key());
        locks.records(tx, schema.locationId(), records.idsOf(tx, schema));
        List<ObjectRecord> removed = records.allOf(tx, schema);
        associations.recordLinksRemovedWith(tx, schema.locationId(), removed.stream().map(ObjectRecord::id).toList());
        outbox.recordAll(tx, schema.locationId(), EventType.RecordDelete, removed.stream().map(RecordEvents::of).toList());
        labels.recordDeleted(tx);
    }

    private void checkFieldCount(int count) {
        int limit = config.limits().fieldsPerObject();
        if (count > limit) {
            throw new Errors.LimitExceeded("fieldsPerObject", limit, count - 1L,
                    "An object may declare at most " + limit + " fields (LIAISON_LIMITS_FIELDS_PER_OBJECT)", null);
        }
    }

    /** A path key: the standard object, an id, or a custom key with or without its prefix. */
    static String normaliseLookup(String key) {
        if (key == null || key.isBlank() || key.length() > 100) {
            throw notFound(key == null ? "" : key.length() > 100 ? key.substring(0, 100) : key);
        }
        return key.startsWith(ObjectSchema.KEY_PREFIX) || Ids.looksLikeId(key) && !OBJECT_NAME.matcher(key).matches()
                ? key : ObjectSchema.KEY_PREFIX + key;
    }

    static void refuseStandard(String key) {
        if (ObjectType.CONTACT_KEY.equals(key)) {
            throw new Errors.BadRequest("STANDARD_OBJECT", "The standard contact object cannot be changed or deleted; "
                    + "contacts are served by /contacts/", "key");
        }
        if (ObjectType.BUSINESS_KEY.equals(key)) {
            throw new Errors.BadRequest("STANDARD_OBJECT", "The standard business object cannot be changed or deleted; "
                    + "businesses are served by /businesses/", "key");
        }
    }

    static Errors.NotFound notFound(String key) {
        return new Errors.NotFound("Object", "key", key);
    }

    /** An object key as HighLevel may write it: custom_objects.pet, HighLevel's documented custom_object.pet, or pet. */
    static String normaliseObjectKey(String given) {
        if (ObjectType.standard(given).isPresent()) {
            return given;
        }
        String name = given.startsWith(ObjectSchema.KEY_PREFIX) ? given.substring(ObjectSchema.KEY_PREFIX.length())
                : given.startsWith(ObjectSchema.SINGULAR_PREFIX) ? given.substring(ObjectSchema.SINGULAR_PREFIX.length()) : given;
        return ObjectSchema.KEY_PREFIX + name;
    }

    private static String objectKey(String given, Problems problems) {
        if (given == null || given.isBlank()) {
            problems.add("key", "should not be empty");
            return null;
        }
        String name = given.strip();
        if (name.startsWith(ObjectSchema.KEY_PREFIX)) {
            name = name.substring(ObjectSchema.KEY_PREFIX.length());
        }
        if (!OBJECT_NAME.matcher(name).matches()) {
            problems.add("key", "must be custom_objects.<name>, the name 1 to 50 lowercase letters, digits or underscores starting with a letter");
            return null;
        }
        return ObjectSchema.KEY_PREFIX + name;
    }
}

package io.liaison.object;

import io.liaison.phone.PhoneNumbers;
import io.liaison.error.Errors;
import io.liaison.event.EventOutbox;
import io.liaison.event.EventType;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Ids;
import io.liaison.neo4j.Locks;
import io.liaison.neo4j.SearchWindow;
import io.liaison.neo4j.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.TransactionContext;

/**
 * The rules of custom-object records: values are validated against the object's declared fields,
 * the primary display property is required and becomes the node's {@code displayName}, and search
 * pages newest first with a stable searchAfter cursor.
 */
@ApplicationScoped
public class RecordService {

    /** HighLevel's limits on a record's owner and followers. */
    static final int MAX_OWNERS = 1;
    static final int MAX_FOLLOWERS = 10;

    private final ObjectSchemaService objects;
    private final RecordRepository repository;
    private final FieldValues values;
    private final GraphDatabase db;
    private final Locks locks;
    private final EventOutbox outbox;
    private final SchemaNodes schemas;
    private final AssociationCascade associations;

    public RecordService(ObjectSchemaService objects, RecordRepository repository, PhoneNumbers phones, GraphDatabase db, Locks locks,
            EventOutbox outbox, SchemaNodes schemas, AssociationCascade associations) {
        this.objects = objects;
        this.repository = repository;
        this.values = new FieldValues(phones);
        this.db = db;
        this.locks = locks;
        this.outbox = outbox;
        this.schemas = schemas;
        this.associations = associations;
    }

    /**
     * One transaction: the object (by key or id) is locked, shared, and read under that lock, and
     * the values are checked against those fields (422, and nothing is written, when they do not
     * fit). Records of one object are created in parallel, while a change of its fields or its
     * deletion (exclusive) waits for them, so no record is written against fields that are no
     * longer there.
     */
    public ObjectRecord create(String locationId, String objectKey, ObjectRequests.RecordBody body) {
        ObjectSchemaService.refuseStandard(objectKey);
        String keyOrId = ObjectSchemaService.normaliseLookup(objectKey);
        return db.write(tx -> {
            ObjectSchema schema = lockedForRecords(tx, locationId, keyOrId).orElseThrow(() -> ObjectSchemaService.notFound(objectKey));
            ObjectRecord created = recorded(tx, EventType.RecordCreate, repository.create(tx, schema, newRecordProperties(schema, body)));
            return answered(schema, created.withoutCursor());
        });
    }

    /** What a new record is written with; 422 for values the object's fields refuse. */
    Map<String, Object> newRecordProperties(ObjectSchema schema, ObjectRequests.RecordBody body) {
        Map<String, Object> checked = values.of(schema, body.properties(), false);
        checked.values().removeIf(v -> v == null);
        if (!checked.containsKey(schema.primaryDisplayProperty())) {
            throw Errors.ValidationFailed.of("properties." + schema.primaryDisplayProperty(),
                    "should not be empty: it is the primary display property of " + schema.key());
        }
        ZonedDateTime now = Timestamps.now();
        Map<String, Object> properties = new HashMap<>(checked);
        String id = Ids.newId();
        properties.put("id", id);
        properties.put("locationId", schema.locationId());
        properties.put("objectKey", schema.key());
        properties.put("objectId", schema.id());
        properties.put("displayName", displayName(schema, checked, id));
        properties.put("createdAt", now);
        properties.put("updatedAt", now);
        properties.putAll(people(body));
        return properties;
    }

    public ObjectRecord get(String locationId, String objectKey, String id) {
        ObjectSchema schema = schema(locationId, objectKey);
        return answered(schema, (Ids.looksLikeId(id) ? db.read(tx -> repository.find(tx, schema, id)) : Optional.<ObjectRecord>empty())
                .orElseThrow(() -> new Errors.NotFound("Record", id)).withoutCursor());
    }

    /** One transaction, as {@link #create}; the record is changed under its own lock too. */
    public ObjectRecord update(String locationId, String objectKey, String id, ObjectRequests.RecordBody body) {
        ObjectSchemaService.refuseStandard(objectKey);
        String keyOrId = ObjectSchemaService.normaliseLookup(objectKey);
        return db.write(tx -> {
            ObjectSchema schema = lockedForRecords(tx, locationId, keyOrId).orElseThrow(() -> ObjectSchemaService.notFound(objectKey));
            Update update = update(schema, id, body);
            return answered(schema, write(tx, schema, update).orElseThrow(() -> new Errors.NotFound("Record", id)).withoutCursor());
        });
    }

    /** An update, checked against the object's fields: 422 for refused values, 404 for an id that can never exist. */
    Update update(ObjectSchema schema, String id, ObjectRequests.RecordBody body) {
        Map<String, Object> given = values.of(schema, body.properties(), true);
        if (given.containsKey(schema.primaryDisplayProperty()) && given.get(schema.primaryDisplayProperty()) == null) {
            throw Errors.ValidationFailed.of("properties." + schema.primaryDisplayProperty(),
                    "cannot be cleared: it is the primary display property of " + schema.key());
        }
        if (!Ids.looksLikeId(id)) {
            throw new Errors.NotFound("Record", id);
        }
        return new Update(id, given, people(body));
    }

    /**
     * Writes a checked update under the record's lock: its display name follows from the values the
     * record has once the update is applied, read under that lock. Empty when there is no such record.
     */
    private Optional<ObjectRecord> write(TransactionContext tx, ObjectSchema schema, Update update) {
        var current = locks.recordForChange(tx, schema.locationId(), schema.key(), update.id());
        if (current.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> merged = new HashMap<>(current.get().asMap());
        merged.putAll(update.values());
        Map<String, Object> changes = new HashMap<>(update.values());
        changes.putAll(update.people());
        changes.put("displayName", displayName(schema, merged, update.id()));
        changes.put("updatedAt", Timestamps.now());
        return Optional.of(recorded(tx, EventType.RecordUpdate, repository.update(tx, schema, update.id(), changes)));
    }

    /** One write of a batch. */
    sealed interface Write permits Create, Update {
    }

    /** A new record's properties, id included ({@link #newRecordProperties}). */
    record Create(Map<String, Object> properties) implements Write {
    }

    /** An update of record {@code id}: its checked values (a null clears), and the owner and followers it sets. */
    record Update(String id, Map<String, Object> values, Map<String, Object> people) implements Write {
    }

    /**
     * Writes a batch in one transaction, under the object's lock as a single create is: each item is a
     * new record's properties or an update of an id. Answers, in order, each record written, or empty
     * for an update whose record does not exist. Empty as a whole when the object is gone; 409
     * OBJECT_CHANGED when its fields changed after the items were checked against {@code schema}.
     */
    Optional<List<Optional<ObjectRecord>>> writeEach(ObjectSchema schema, List<Write> items) {
        return db.write(tx -> {
            Optional<ObjectSchema> locked = lockedForRecords(tx, schema.locationId(), schema.id());
            if (locked.isEmpty()) {
                return Optional.<List<Optional<ObjectRecord>>>empty();
            }
            refuseIfChanged(schema, locked.get());
            List<Map<String, Object>> creates = items.stream().filter(Create.class::isInstance).map(i -> ((Create) i).properties()).toList();
            Map<String, ObjectRecord> created = repository.createAll(tx, schema, creates);
            outbox.recordAll(tx, schema.locationId(), EventType.RecordCreate, creates.stream()
                    .map(properties -> RecordEvents.of(created.get((String) properties.get("id")))).toList());
            List<Optional<ObjectRecord>> written = new ArrayList<>();
            for (Write item : items) {
                written.add(item instanceof Create create ? Optional.of(created.get((String) create.properties().get("id")))
                        : write(tx, schema, (Update) item));
            }
            return Optional.of(written);
        });
    }

    /**
     * A batch's values were checked against {@code checked} before its transaction; if the object, as
     * read under the lock, changed since (a field deleted or its options changed), they may no longer
     * fit, so the batch is refused.
     */
    private static void refuseIfChanged(ObjectSchema checked, ObjectSchema locked) {
        if (!java.util.Objects.equals(checked.updatedAt(), locked.updatedAt())) {
            throw new Errors.Conflict("OBJECT_CHANGED", "The fields of " + checked.key()
                    + " changed while these records were being written; send them again", null, Map.of("objectKey", checked.key()));
        }
    }

    /**
     * Deletes a record and its links in one transaction. Each link gets its RelationDelete, then the
     * record its RecordDelete, read under the record's lock, so the event carries the record exactly
     * as it was deleted.
     */
    public void delete(String locationId, String objectKey, String id) {
        ObjectSchema schema = schema(locationId, objectKey);
        if (!Ids.looksLikeId(id) || db.write(tx -> {
            locks.recordForChange(tx, schema.locationId(), schema.key(), id).ifPresent(r -> {
                associations.recordLinksRemovedWith(tx, schema.locationId(), List.of(id));
                recorded(tx, EventType.RecordDelete, RecordRepository.toRecord(r));
            });
            return repository.delete(tx, schema, id);
        }).isEmpty()) {
            throw new Errors.NotFound("Record", id);
        }
    }

    /** The object (by key or id), locked shared for writing its records ({@link Locks#objectSchemaForRecords}), as it is under the lock. */
    private Optional<ObjectSchema> lockedForRecords(TransactionContext tx, String locationId, String keyOrId) {
        return locks.objectSchemaForRecords(tx, locationId, keyOrId).map(schemas::toSchema);
    }

    /** The record's HighLevel event, in the transaction that changed it. */
    private ObjectRecord recorded(TransactionContext tx, EventType type, ObjectRecord record) {
        outbox.record(tx, record.locationId(), type, RecordEvents.of(record));
        return record;
    }

    public RecordRepository.Page search(String locationId, String objectKey, ObjectRequests.SearchRecords body) {
        ObjectSchema schema = schema(locationId, objectKey);
        SearchWindow window = SearchWindow.of(body.page(), body.pageLimit(), body.searchAfter(), "[createdAtMillis, id]");
        String query = body.query() == null || body.query().isBlank() ? null : body.query().strip();
        List<ObjectField> fields = schema.searchableProperties().stream().map(schema::field).flatMap(Optional::stream).toList();
        if (query != null) {
            int colon = query.indexOf(':');
            String head = colon > 0 ? schema.shortKey(query.substring(0, colon).strip()) : null;
            if (head != null && FieldDeclarations.FIELD_KEY.matcher(head).matches()) {
                ObjectField field = schema.field(head).orElseThrow(() -> Errors.ValidationFailed.of("query",
                        "names '" + head + "', which is not a field of " + schema.key() + "; use field:value with a field key, or free text"));
                fields = List.of(field);
                query = query.substring(colon + 1).strip();
            }
            query = query.toLowerCase(Locale.ROOT);
        }
        List<String> lists = fields.stream().filter(RecordService::isList).map(ObjectField::key).toList();
        List<String> scalars = fields.stream().filter(f -> !isList(f))
                .flatMap(f -> f.type() == FieldType.TEXTBOX_LIST ? f.optionKeys().stream().map(o -> f.key() + "." + o)
                        : java.util.stream.Stream.of(f.key()))
                .toList();
        String matching = query;
        var page = db.read(tx -> new RecordRepository.Page(repository.search(tx, schema, matching, scalars, lists, window),
                repository.searchTotal(tx, schema, matching, scalars, lists, window)));
        return new RecordRepository.Page(page.records().stream().map(r -> answered(schema, r)).toList(), page.total());
    }

    /**
     * A record as HighLevel answers it: a MONETORY amount, stored as a number (so it compares and
     * sorts), is answered as {@code {"currency": "default", "value": 100}} (HighLevel's IRecordSchema).
     */
    private static ObjectRecord answered(ObjectSchema schema, ObjectRecord record) {
        Map<String, Object> properties = new LinkedHashMap<>(record.properties());
        schema.fields().stream().filter(f -> f.type() == FieldType.MONETORY).map(ObjectField::key)
                .filter(k -> properties.get(k) instanceof Number).forEach(k -> properties.put(k, Map.of("currency", "default",
                        "value", properties.get(k))));
        return record.withProperties(properties);
    }

    ObjectSchema schema(String locationId, String objectKey) {
        ObjectSchemaService.refuseStandard(objectKey);
        return objects.get(locationId, objectKey);
    }

    private static boolean isList(ObjectField f) {
        return f.type() == FieldType.MULTIPLE_OPTIONS || f.type() == FieldType.CHECKBOX && !f.optionKeys().isEmpty();
    }

    /** The owner and followers the body sets; a list left out is kept, an empty one clears. */
    private static Map<String, Object> people(ObjectRequests.RecordBody body) {
        Map<String, Object> people = new HashMap<>();
        if (body.owner() != null) {
            people.put(RecordRepository.OWNER, body.owner().isEmpty() ? null : body.owner().stream().map(String::strip).distinct().toList());
        }
        if (body.followers() != null) {
            people.put(RecordRepository.FOLLOWERS,
                    body.followers().isEmpty() ? null : body.followers().stream().map(String::strip).distinct().toList());
        }
        return people;
    }

    private static String displayName(ObjectSchema schema, Map<String, Object> values, String id) {
        Object primary = values.get(schema.primaryDisplayProperty());
        return primary == null ? id : primary.toString();
    }
}

package io.liaison.object;

import io.liaison.error.Errors;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Ids;
import io.liaison.neo4j.Locks;
import io.liaison.neo4j.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HighLevel's Custom Fields V2 API over the fields custom objects declare: the same field definitions
 * as {@code POST /objects/} and {@code POST /objects/{key}/fields}, checked by the same rules
 * ({@link FieldDeclarations#field}, {@link ObjectSchemaService#withAdded},
 * {@link FieldDeclarations#updated}). A field whose values records still hold is never deleted.
 */
@ApplicationScoped
class FieldService {

    private final ObjectSchemaService objects;
    private final ObjectSchemaRepository repository;
    private final GraphDatabase db;
    private final Locks locks;

    public FieldService(ObjectSchemaService objects, ObjectSchemaRepository repository, GraphDatabase db, Locks locks) {
        this.objects = objects;
        this.repository = repository;
        this.db = db;
        this.locks = locks;
    }

    public FieldView create(String locationId, ObjectRequests.FieldBody body) {
        if (body.objectKey() == null || body.objectKey().isBlank()) {
            throw Errors.ValidationFailed.of("objectKey", "should not be empty");
        }
        String objectKey = customObjectKey(body.objectKey().strip(), "objectKey");
        ObjectSchema schema = objects.addFields(locationId, objectKey, List.of(body));
        String given = body.key() != null ? body.key() : body.fieldKey();
        String key = schema.shortKey(given.strip());
        return schema.field(key).map(f -> FieldView.of(schema, f)).orElseThrow();
    }

    /** A field by id, in any object of the location; another location's field is missing. */
    public FieldView get(String locationId, String id) {
        Located found = locate(locationId, id);
        return FieldView.of(found.schema(), found.field());
    }

    public FieldView update(String locationId, String id, ObjectRequests.FieldUpdate body) {
        Located found = locate(locationId, id);
        ObjectSchema schema = db.write(tx -> {
            ObjectSchema current = objects.lockedForChange(tx, locationId, found.schema().id()).orElseThrow(() -> notFound(id));
            ObjectField field = current.fieldById(id).orElseThrow(() -> notFound(id));
            ObjectField changed = FieldDeclarations.updated(field, body);
            List<ObjectField> fields = current.fields().stream().map(f -> f.id().equals(id) ? changed : f).toList();
            return objects.write(tx, current, Map.of("fields", repository.fieldsJson(fields), "updatedAt", Timestamps.now()));
        });
        return FieldView.of(schema, schema.fieldById(id).orElseThrow(() -> notFound(id)));
    }

    public record Deleted(String id, String key) {
    }

    /**
     * Deletes a field no record holds a value for (409 FIELD_IN_USE otherwise: clear the values
     * first), and never the primary display property. It leaves the searchable properties with it.
     */
    public Deleted delete(String locationId, String id) {
        Located found = locate(locationId, id);
        ObjectSchema schema = db.write(tx -> {
            ObjectSchema current = objects.lockedForChange(tx, locationId, found.schema().id()).orElse(null);
            ObjectField field = current == null ? null : current.fieldById(id).orElse(null);
            // Exclusive: record writes in flight (they hold it shared) finish before the records holding a value are counted.
            if (field == null || !locks.objectSchema(tx, locationId, current.id())) {
                throw notFound(id);
            }
            refuseIfKept(current, field, repository.recordsWithField(tx, current, field));
            Map<String, Object> changes = new HashMap<>();
            changes.put("fields", repository.fieldsJson(current.fields().stream().filter(f -> !f.id().equals(id)).toList()));
            changes.put("searchableProperties", current.searchableProperties().stream().filter(k -> !k.equals(field.key())).toList());
            changes.put("updatedAt", Timestamps.now());
            return objects.write(tx, current, changes);
        });
        return new Deleted(id, schema.fieldKey(found.field().key()));
    }

    /** The primary display property is never deleted, nor a field records still hold a value for. */
    private static void refuseIfKept(ObjectSchema schema, ObjectField field, long records) {
        if (field.key().equals(schema.primaryDisplayProperty())) {
            throw new Errors.Conflict("PRIMARY_DISPLAY_PROPERTY", field.key() + " is the primary display property of "
                    + schema.key() + " and cannot be deleted", "id", Map.of("id", field.id(), "fieldKey", schema.fieldKey(field.key())));
        }
        if (records > 0) {
            throw new Errors.Conflict("FIELD_IN_USE", records + " records of " + schema.key() + " hold a value for "
                    + schema.fieldKey(field.key()) + "; clear it on them first", "id",
                    Map.of("id", field.id(), "fieldKey", schema.fieldKey(field.key()), "records", records));
        }
    }

    public record ObjectFields(List<FieldView> fields, List<Folder> folders) {
    }

    /** Liaison keeps one folder per object: its id is the object's, and every field of the object is in it. */
    public record Folder(String id, String name, String objectKey, String locationId) {
        static Folder of(ObjectSchema schema) {
            return new Folder(schema.id(), schema.folder(), schema.key(), schema.locationId());
        }
    }

    /**
     * HighLevel's POST /custom-fields/folder. Liaison keeps one folder per object, made with it, so a
     * second one is refused (409 ONE_FOLDER_PER_OBJECT, naming the folder there is) once the body and
     * the object are known to be right.
     */
    public Folder createFolder(String locationId, ObjectRequests.CreateFolder body) {
        String objectKey = required(body.objectKey(), "objectKey");
        required(body.name(), "name");
        ObjectSchema schema = objects.get(locationId, customObjectKey(objectKey, "objectKey"));
        throw new Errors.Conflict("ONE_FOLDER_PER_OBJECT", "Liaison keeps one field folder per object, and " + schema.key()
                + " has it: folder " + schema.id() + " ('" + schema.folder() + "'); rename it with PUT /custom-fields/folder/"
                + schema.id(), "objectKey", Map.of("folderId", schema.id(), "objectKey", schema.key()));
    }

    /** HighLevel's PUT /custom-fields/folder/{id}: the object's folder takes the new name. */
    public Folder renameFolder(String locationId, String id, ObjectRequests.UpdateFolder body) {
        String name = required(body.name(), "name");
        if (!Ids.looksLikeId(id)) {
            throw folderNotFound(id);
        }
        // Not part of the object's schema as HighLevel sends it, so no ObjectSchemaUpdate is recorded.
        return db.write(tx -> {
            objects.lockLocation(tx, locationId);
            return repository.renameFolder(tx, locationId, id, name);
        }).map(Folder::of).orElseThrow(() -> folderNotFound(id));
    }

    /**
     * HighLevel's DELETE /custom-fields/folder/{id}. An object's one folder holds all its fields and
     * goes only with the object (DELETE /objects/{key}), so deleting it is refused.
     */
    public Folder deleteFolder(String locationId, String id) {
        Folder folder = findFolder(locationId, id).orElseThrow(() -> folderNotFound(id));
        throw new Errors.Conflict("ONE_FOLDER_PER_OBJECT", "Folder " + id + " is the one field folder of " + folder.objectKey()
                + " and holds all its fields; it is deleted with its object (DELETE /objects/" + folder.objectKey() + ")", "id",
                Map.of("folderId", id, "objectKey", folder.objectKey()));
    }

    private Optional<Folder> findFolder(String locationId, String id) {
        return Ids.looksLikeId(id) ? db.read(tx -> repository.find(tx, locationId, id)).filter(s -> s.id().equals(id)).map(Folder::of) : Optional.empty();
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw Errors.ValidationFailed.of(field, "should not be empty");
        }
        return value.strip();
    }

    private static Errors.NotFound folderNotFound(String id) {
        return new Errors.NotFound("Custom field folder", id);
    }

    public ObjectFields ofObject(String locationId, String objectKey) {
        String key = objectKey == null ? "" : objectKey.strip();
        if (ObjectType.BUSINESS_KEY.equals(key)) {
            return new ObjectFields(FieldView.businessFields(locationId), List.of());
        }
        ObjectSchema schema = objects.get(locationId, customObjectKey(key, "objectKey"));
        return new ObjectFields(schema.fields().stream().map(f -> FieldView.of(schema, f)).toList(),
                List.of(Folder.of(schema)));
    }

    private record Located(ObjectSchema schema, ObjectField field) {
    }

    private Located locate(String locationId, String id) {
        if (!Ids.looksLikeId(id)) {
            throw notFound(id);
        }
        for (ObjectSchema schema : db.read(tx -> repository.all(tx, locationId))) {
            Optional<ObjectField> field = schema.fieldById(id);
            if (field.isPresent()) {
                return new Located(schema, field.get());
            }
        }
        throw notFound(id);
    }

    /** HighLevel's V2 field API serves custom objects (and reads the business object's fixed fields). */
    private static String customObjectKey(String given, String param) {
        if (ObjectType.CONTACT_KEY.equals(given)) {
            throw new Errors.BadRequest("STANDARD_OBJECT", "Contact fields are defined with /locations/{locationId}/customFields, "
                    + "as in HighLevel", param);
        }
        if (ObjectType.BUSINESS_KEY.equals(given)) {
            throw new Errors.BadRequest("STANDARD_OBJECT", "The business object's fields are fixed in Liaison", param);
        }
        return ObjectSchemaService.normaliseObjectKey(given);
    }

    static Errors.NotFound notFound(String id) {
        return new Errors.NotFound("Custom field", id);
    }
}

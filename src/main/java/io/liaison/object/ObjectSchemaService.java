package io.liaison.object;

import io.liaison.config.LiaisonConfig;
import io.liaison.error.Errors;
import io.liaison.neo4j.Ids;
import io.liaison.neo4j.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of custom objects: keys, labels, declared fields, the objects-per-location and
 * fields-per-object limits (checked in the writing transaction, after the location is locked), and
 * deletion that refuses to orphan records or association labels unless forced.
 */
@ApplicationScoped
public class ObjectSchemaService {

    /** The part after {@code custom_objects.}: HighLevel's lowercase, underscore-separated keys. */
    static final Pattern OBJECT_NAME = Pattern.compile("[a-z][a-z0-9_]{0,49}");
    static final Pattern FIELD_KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    static final Pattern OPTION_KEY = Pattern.compile("[A-Za-z0-9_\\-.]{1,100}");
    /** "id" is the record's own id; every other record property Liaison keeps is camelCase, so cannot clash. */
    static final Set<String> RESERVED_FIELD_KEYS = Set.of("id");

    private final ObjectSchemaRepository repository;
    private final LiaisonConfig config;

    public ObjectSchemaService(ObjectSchemaRepository repository, LiaisonConfig config) {
        this.repository = repository;
        this.config = config;
    }

    public ObjectSchema create(String locationId, ObjectRequests.CreateObject body) {
        List<String> problems = new ArrayList<>();
        String singular = required(body.labels() == null ? null : body.labels().singular(), "labels.singular", problems);
        String plural = required(body.labels() == null ? null : body.labels().plural(), "labels.plural", problems);
        String key = objectKey(body.key(), problems);
        ObjectField primary = null;
        ObjectRequests.DisplayProperty display = body.primaryDisplayPropertyDetails();
        if (display == null) {
            problems.add("primaryDisplayPropertyDetails should not be empty");
        } else {
            primary = field(key, new ObjectRequests.FieldBody(null, display.key(), display.name(), display.dataType(), null, null),
                    "primaryDisplayPropertyDetails", problems);
            if (primary != null && !primary.type().canBePrimary()) {
                problems.add("primaryDisplayPropertyDetails.dataType must be TEXT or NUMERICAL");
            }
        }
        List<ObjectField> fields = new ArrayList<>();
        if (primary != null) {
            fields.add(primary);
        }
        if (body.fields() != null) {
            for (int i = 0; i < body.fields().size(); i++) {
                ObjectField f = field(key, body.fields().get(i), "fields[" + i + "]", problems);
                if (f != null) {
                    if (fields.stream().anyMatch(existing -> existing.key().equals(f.key()))) {
                        problems.add("fields[" + i + "].key '" + f.key() + "' is declared twice");
                    } else {
                        fields.add(f);
                    }
                }
            }
        }
        failOn(problems);
        String description = blankToNull(body.description());
        String primaryKey = fields.get(0).key();
        return repository.create(locationId, existing -> {
            int limit = config.limits().customObjects();
            if (existing.size() >= limit) {
                throw new Errors.LimitExceeded("customObjects", limit, existing.size(),
                        "This location already has " + existing.size() + " custom objects, the most it may have ("
                                + "LIAISON_LIMITS_CUSTOM_OBJECTS=" + limit + ")", Map.of("locationId", locationId));
            }
            checkFieldCount(fields.size());
            if (existing.stream().anyMatch(o -> o.key().equals(key))) {
                throw new Errors.Conflict("DUPLICATE_OBJECT_KEY", "This location already has an object with key '" + key + "'",
                        "key", Map.of("key", key));
            }
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
            return p;
        });
    }

    public List<CustomObject> all(String locationId) {
        List<CustomObject> all = new ArrayList<>();
        all.add(CustomObject.contactIn(locationId));
        all.add(CustomObject.businessIn(locationId));
        repository.all(locationId).stream().map(CustomObject::of).forEach(all::add);
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
        return repository.find(locationId, normaliseLookup(key)).orElseThrow(() -> notFound(key));
    }

    public ObjectSchema update(String locationId, String key, ObjectRequests.UpdateObject body) {
        refuseStandard(key);
        List<String> problems = new ArrayList<>();
        Map<String, Object> given = new HashMap<>();
        if (body.labels() != null) {
            if (body.labels().singular() != null) {
                given.put("singular", required(body.labels().singular(), "labels.singular", problems));
            }
            if (body.labels().plural() != null) {
                given.put("plural", required(body.labels().plural(), "labels.plural", problems));
            }
        }
        if (body.description() != null) {
            given.put("description", blankToNull(body.description()));
        }
        failOn(problems);
        return repository.update(locationId, normaliseLookup(key), current -> {
            Map<String, Object> changes = new HashMap<>(given);
            if (body.searchableProperties() != null) {
                List<String> searchable = new ArrayList<>();
                List<String> wrong = new ArrayList<>();
                for (int i = 0; i < body.searchableProperties().size(); i++) {
                    String given1 = body.searchableProperties().get(i);
                    String shortKey = given1 == null ? "" : current.shortKey(given1.strip());
                    if (current.field(shortKey).isEmpty()) {
                        wrong.add("searchableProperties[" + i + "] '" + given1 + "' is not a field of " + current.key());
                    } else if (!searchable.contains(shortKey)) {
                        searchable.add(shortKey);
                    }
                }
                failOn(wrong);
                changes.put("searchableProperties", searchable);
            }
            changes.put("updatedAt", Timestamps.now());
            return changes;
        }).orElseThrow(() -> notFound(key));
    }

    /** Declares more fields on an object; the fields-per-object limit holds under concurrency. */
    public ObjectSchema addFields(String locationId, String key, List<ObjectRequests.FieldBody> bodies) {
        refuseStandard(key);
        String objectKey = normaliseLookup(key);
        List<String> problems = new ArrayList<>();
        List<ObjectField> added = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            String at = bodies.size() == 1 ? "" : "fields[" + i + "]";
            ObjectField f = field(objectKey, bodies.get(i), at, problems);
            if (f != null) {
                added.add(f);
            }
        }
        failOn(problems);
        return repository.update(locationId, objectKey, current -> {
            List<ObjectField> fields = new ArrayList<>(current.fields());
            for (ObjectField f : added) {
                if (current.field(f.key()).isPresent() || fields.stream().anyMatch(e -> e.key().equals(f.key()))) {
                    throw new Errors.Conflict("DUPLICATE_FIELD_KEY", current.key() + " already has a field '" + f.key() + "'",
                            "key", Map.of("key", f.key(), "objectKey", current.key()));
                }
                fields.add(f);
            }
            checkFieldCount(fields.size());
            return Map.of("fields", repository.fieldsJson(fields), "updatedAt", Timestamps.now());
        }).orElseThrow(() -> notFound(key));
    }

    public ObjectSchemaRepository.Deleted delete(String locationId, String key, boolean force) {
        refuseStandard(key);
        return repository.delete(locationId, normaliseLookup(key), (schema, usage) -> {
            if (usage.inUse() && !force) {
                throw new Errors.Conflict("OBJECT_IN_USE", schema.key() + " still has " + usage.records() + " records and "
                        + usage.associations() + " association labels; remove them first, or delete with force=true to remove them too",
                        null, Map.of("objectKey", schema.key(), "records", usage.records(), "associations", usage.associations()));
            }
        }).orElseThrow(() -> notFound(key));
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

    private static String objectKey(String given, List<String> problems) {
        if (given == null || given.isBlank()) {
            problems.add("key should not be empty");
            return null;
        }
        String name = given.strip();
        if (name.startsWith(ObjectSchema.KEY_PREFIX)) {
            name = name.substring(ObjectSchema.KEY_PREFIX.length());
        }
        if (!OBJECT_NAME.matcher(name).matches()) {
            problems.add("key must be custom_objects.<name>, the name 1 to 50 lowercase letters, digits or underscores starting with a letter");
            return null;
        }
        return ObjectSchema.KEY_PREFIX + name;
    }

    /** Validates one field declaration; {@code at} prefixes each problem ("fields[2]" or ""). */
    private static ObjectField field(String objectKey, ObjectRequests.FieldBody body, String at, List<String> problems) {
        String p = at.isEmpty() ? "" : at + ".";
        if (body == null) {
            problems.add(at + " should not be empty");
            return null;
        }
        int before = problems.size();
        String key = body.key() == null || objectKey == null ? body.key() : ObjectSchema.shortFieldKey(objectKey, body.key().strip());
        if (key == null || key.isEmpty()) {
            problems.add(p + "key should not be empty");
        } else if (!FIELD_KEY.matcher(key).matches()) {
            problems.add(p + "key must be 1 to 64 lowercase letters, digits or underscores starting with a letter");
        } else if (RESERVED_FIELD_KEYS.contains(key)) {
            problems.add(p + "key '" + key + "' is reserved");
        }
        String name = required(body.name(), p + "name", problems);
        FieldType type = null;
        if (body.dataType() == null || body.dataType().isBlank()) {
            problems.add(p + "dataType should not be empty");
        } else {
            type = FieldType.parse(body.dataType().strip()).orElse(null);
            if (type == null) {
                problems.add(p + "dataType must be one of " + FieldType.supported());
            }
        }
        List<ObjectField.Option> options = null;
        if (type != null && type.needsOptions() && (body.options() == null || body.options().isEmpty())) {
            problems.add(p + "options should not be empty for " + type);
        } else if (type != null && !type.takesOptions() && body.options() != null && !body.options().isEmpty()) {
            problems.add(p + "options are only for SINGLE_OPTIONS, MULTIPLE_OPTIONS, RADIO, TEXTBOX_LIST and CHECKBOX");
        } else if (body.options() != null && !body.options().isEmpty()) {
            options = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (int i = 0; i < body.options().size(); i++) {
                var o = body.options().get(i);
                String ok = o == null || o.key() == null ? "" : o.key().strip();
                if (!OPTION_KEY.matcher(ok).matches()) {
                    problems.add(p + "options[" + i + "].key must be 1 to 100 letters, digits, '_', '-' or '.'");
                } else if (!seen.add(ok)) {
                    problems.add(p + "options[" + i + "].key '" + ok + "' is given twice");
                } else {
                    String label = o.label() == null || o.label().isBlank() ? ok : o.label().strip();
                    options.add(new ObjectField.Option(ok, label));
                }
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new ObjectField(Ids.newId(), key, name, type.name(), blankToNull(body.description()), options,
                Timestamps.iso(Timestamps.now()));
    }

    private static String required(String value, String field, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(field + " should not be empty");
            return null;
        }
        return value.strip();
    }

    static void failOn(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new Errors.ValidationFailed(problems, problems.get(0).split("[ ']")[0]);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

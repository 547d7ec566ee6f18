package io.liaison.object;

import io.liaison.config.LiaisonConfig;
import io.liaison.error.Errors;
import io.liaison.error.Problems;
import io.liaison.error.Updates;
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
        Problems problems = new Problems();
        String singular = required(body.labels() == null ? null : body.labels().singular(), "labels.singular", problems);
        String plural = required(body.labels() == null ? null : body.labels().plural(), "labels.plural", problems);
        String key = objectKey(body.key(), problems);
        ObjectField primary = null;
        ObjectRequests.DisplayProperty display = body.primaryDisplayPropertyDetails();
        if (display == null) {
            problems.add("primaryDisplayPropertyDetails", "should not be empty");
        } else {
            primary = field(key, null, ObjectRequests.FieldBody.basic(display.key(), display.name(), display.dataType()),
                    "primaryDisplayPropertyDetails", problems);
            if (primary != null && !primary.type().canBePrimary()) {
                problems.add("primaryDisplayPropertyDetails.dataType", "must be TEXT or NUMERICAL");
            }
        }
        List<ObjectField> fields = new ArrayList<>();
        if (primary != null) {
            fields.add(primary);
        }
        if (body.fields() != null) {
            for (int i = 0; i < body.fields().size(); i++) {
                ObjectField f = field(key, null, body.fields().get(i), "fields[" + i + "]", problems);
                if (f != null) {
                    if (fields.stream().anyMatch(existing -> existing.key().equals(f.key()))) {
                        problems.add("fields[" + i + "].key", "'" + f.key() + "' is declared twice");
                    } else {
                        fields.add(f);
                    }
                }
            }
        }
        problems.throwIfAny();
        String description = Updates.text(body.description());
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
        Problems problems = new Problems();
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
            given.put("description", Updates.text(body.description()));
        }
        problems.throwIfAny();
        return repository.update(locationId, normaliseLookup(key), current -> {
            Map<String, Object> changes = new HashMap<>(given);
            if (body.searchableProperties() != null) {
                List<String> searchable = new ArrayList<>();
                Problems wrong = new Problems();
                for (int i = 0; i < body.searchableProperties().size(); i++) {
                    String given1 = body.searchableProperties().get(i);
                    String shortKey = given1 == null ? "" : current.shortKey(given1.strip());
                    if (current.field(shortKey).isEmpty()) {
                        wrong.add("searchableProperties[" + i + "]", "'" + given1 + "' is not a field of " + current.key());
                    } else if (!searchable.contains(shortKey)) {
                        searchable.add(shortKey);
                    }
                }
                wrong.throwIfAny();
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
        ObjectSchema known = get(locationId, key);
        Problems problems = new Problems();
        List<ObjectField> added = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            String at = bodies.size() == 1 ? "" : "fields[" + i + "]";
            ObjectField f = field(known.key(), known.id(), bodies.get(i), at, problems);
            if (f != null) {
                added.add(f);
            }
        }
        problems.throwIfAny();
        return repository.update(locationId, objectKey, current -> Map.of("fields", repository.fieldsJson(withAdded(current.key(),
                current.fields(), added)), "updatedAt", Timestamps.now())).orElseThrow(() -> notFound(key));
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

    /**
     * Validates one field declaration for the object {@code objectKey} (whose id, the field's folder,
     * is {@code objectId}, or null before the object exists); {@code at} prefixes each problem
     * ("fields[2]" or ""). Answers null when there are problems.
     */
    static ObjectField field(String objectKey, String objectId, ObjectRequests.FieldBody body, String at, Problems problems) {
        String p = at.isEmpty() ? "" : at + ".";
        if (body == null) {
            problems.add(at, "should not be empty");
            return null;
        }
        int before = problems.size();
        String key = fieldKeyOf(objectKey, body.key(), body.fieldKey(), p, problems);
        if (body.objectKey() != null && objectKey != null && !objectKey.equals(normaliseObjectKey(body.objectKey().strip()))) {
            problems.add(p + "objectKey", "must be " + objectKey + ", the object this field is declared on");
        }
        if (body.parentId() != null && !body.parentId().strip().equals(objectId)) {
            problems.add(p + "parentId", (objectId == null ? "must be left out here" : "must be " + objectId) + ": Liaison keeps one folder per object, whose id is the object's");
        }
        String name = required(body.name(), p + "name", problems);
        FieldType type = null;
        if (body.dataType() == null || body.dataType().isBlank()) {
            problems.add(p + "dataType", "should not be empty");
        } else {
            type = FieldType.parse(body.dataType().strip()).orElse(null);
            if (type == null) {
                problems.add(p + "dataType", "must be one of " + FieldType.supported() + ("FILE_UPLOAD".equals(body.dataType().strip()) ? " (Liaison stores no files)" : ""));
            }
        }
        refuseFileSettings(body.acceptedFormats(), body.maxFileLimit(), p, problems);
        if (Boolean.TRUE.equals(body.allowCustomOption()) && type != null && type != FieldType.RADIO) {
            problems.add(p + "allowCustomOption", "is only for RADIO fields");
        }
        List<ObjectField.Option> options = null;
        if (type != null && type.needsOptions() && (body.options() == null || body.options().isEmpty())) {
            problems.add(p + "options", "should not be empty for " + type);
        } else if (type != null && !type.takesOptions() && body.options() != null && !body.options().isEmpty()) {
            problems.add(p + "options", "are only for SINGLE_OPTIONS, MULTIPLE_OPTIONS, RADIO, TEXTBOX_LIST and CHECKBOX");
        } else if (type != null && body.options() != null && !body.options().isEmpty()) {
            options = options(type, body.options(), List.of(), p, problems);
        }
        if (problems.size() > before) {
            return null;
        }
        return new ObjectField(Ids.newId(), key, name, type.name(), Updates.text(body.description()), options,
                Timestamps.iso(Timestamps.now()), Updates.text(body.placeholder()), body.showInForms(),
                type == FieldType.RADIO ? body.allowCustomOption() : null, null, null);
    }

    /**
     * A field after HighLevel's update (name, description, placeholder, showInForms, options,
     * allowCustomOption); its key, object and type never change. Options may be relabelled and added,
     * never removed: records may hold them.
     */
    static ObjectField updated(ObjectField current, ObjectRequests.FieldUpdate body) {
        Problems problems = new Problems();
        String name = body.name() == null ? current.name() : required(body.name(), "name", problems);
        refuseFileSettings(body.acceptedFormats(), body.maxFileLimit(), "", problems);
        FieldType type = current.type();
        if (Boolean.TRUE.equals(body.allowCustomOption()) && type != FieldType.RADIO) {
            problems.add("allowCustomOption", "is only for RADIO fields");
        }
        List<ObjectField.Option> options = current.options();
        if (body.options() != null) {
            if (!type.takesOptions()) {
                problems.add("options", "are only for SINGLE_OPTIONS, MULTIPLE_OPTIONS, RADIO, TEXTBOX_LIST and CHECKBOX");
            } else if (body.options().isEmpty() && type.needsOptions()) {
                problems.add("options", "should not be empty for " + type);
            } else {
                options = options(type, body.options(), current.options() == null ? List.of() : current.options(), "", problems);
                List<String> kept = options == null ? List.of() : options.stream().map(ObjectField.Option::key).toList();
                for (String old : current.optionKeys()) {
                    if (!kept.contains(old)) {
                        problems.add("options", "must keep the option '" + old + "': records may hold it");
                    }
                }
            }
        }
        problems.throwIfAny();
        String description = Updates.text(body.description(), current.description());
        String placeholder = Updates.text(body.placeholder(), current.placeholder());
        Boolean showInForms = body.showInForms() == null ? current.showInForms() : body.showInForms();
        // A RADIO field keeps what it was given, true or false; other types have no such setting.
        Boolean allowCustom = body.allowCustomOption() == null || type != FieldType.RADIO ? current.allowCustomOption()
                : body.allowCustomOption();
        return new ObjectField(current.id(), current.key(), name, current.dataType(), description,
                options == null || options.isEmpty() ? null : options, current.dateAdded(), placeholder, showInForms, allowCustom,
                current.position(), Timestamps.iso(Timestamps.now()));
    }

    /** The short key from {@code key} or HighLevel's {@code fieldKey} (either form; both must agree). */
    private static String fieldKeyOf(String objectKey, String givenKey, String givenFieldKey, String p, Problems problems) {
        String fromKey = givenKey == null || objectKey == null ? givenKey : ObjectSchema.shortFieldKey(objectKey, givenKey.strip());
        String fromFieldKey = givenFieldKey == null || objectKey == null ? givenFieldKey
                : ObjectSchema.shortFieldKey(objectKey, givenFieldKey.strip());
        if (fromKey != null && fromFieldKey != null && !fromKey.equals(fromFieldKey)) {
            problems.add(p + "fieldKey", "'" + givenFieldKey + "' and key '" + givenKey + "' name different fields; give one");
            return null;
        }
        String key = fromKey != null ? fromKey : fromFieldKey;
        String named = givenKey != null ? "key" : "fieldKey";
        if (key == null || key.isEmpty()) {
            problems.add(p + "fieldKey", "should not be empty");
        } else if (!FIELD_KEY.matcher(key).matches()) {
            problems.add(p + named, "must end in 1 to 64 lowercase letters, digits or underscores starting with a letter" + (objectKey == null ? "" : ", alone or after '" + objectKey + ".'"));
        } else if (RESERVED_FIELD_KEYS.contains(key)) {
            problems.add(p + named, "'" + key + "' is reserved");
        }
        return key;
    }

    /** HighLevel's file settings belong to FILE_UPLOAD fields, which Liaison does not have. */
    private static void refuseFileSettings(Object acceptedFormats, Object maxFileLimit, String p, Problems problems) {
        if (acceptedFormats != null && !(acceptedFormats instanceof com.fasterxml.jackson.databind.JsonNode n && n.isNull())) {
            problems.add(p + "acceptedFormats", "is only for FILE_UPLOAD fields, which Liaison does not store");
        }
        if (maxFileLimit != null && !(maxFileLimit instanceof com.fasterxml.jackson.databind.JsonNode n && n.isNull())) {
            problems.add(p + "maxFileLimit", "is only for FILE_UPLOAD fields, which Liaison does not store");
        }
    }

    /**
     * Options as given, checked: keys unique and well formed, a url only on RADIO. On update an option
     * without a key keeps the key of the {@code existing} option with its label, or gets one from its label.
     */
    private static List<ObjectField.Option> options(FieldType type, List<ObjectRequests.OptionBody> given,
            List<ObjectField.Option> existing, String p, Problems problems) {
        List<ObjectField.Option> options = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            var o = given.get(i);
            String label = o == null ? null : Updates.text(o.label());
            String ok = o == null ? "" : o.key() != null ? o.key().strip() : existing.isEmpty() || label == null ? "" : existing.stream()
                    .filter(e -> e.label().equalsIgnoreCase(label)).map(ObjectField.Option::key).findFirst().orElse(optionKeyOf(label));
            if (!OPTION_KEY.matcher(ok).matches()) {
                problems.add(p + "options[" + i + "].key", "must be 1 to 100 letters, digits, '_', '-' or '.'");
            } else if (!seen.add(ok)) {
                problems.add(p + "options[" + i + "].key", "'" + ok + "' is given twice");
            } else if (o.url() != null && type != FieldType.RADIO) {
                problems.add(p + "options[" + i + "].url", "is only for RADIO fields");
            } else {
                options.add(new ObjectField.Option(ok, label == null ? ok : label, Updates.text(o.url())));
            }
        }
        return options;
    }

    /** An option key made from a label ("Long board" becomes long_board), as HighLevel keys look. */
    static String optionKeyOf(String label) {
        String key = java.text.Normalizer.normalize(label, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return key.length() > 100 ? key.substring(0, 100) : key;
    }

    private static String required(String value, String field, Problems problems) {
        if (value == null || value.isBlank()) {
            problems.add(field, "should not be empty");
            return null;
        }
        return value.strip();
    }

}

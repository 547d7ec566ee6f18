package io.liaison.object;

import io.liaison.error.Problems;
import io.liaison.error.Updates;
import io.liaison.neo4j.Ids;
import io.liaison.neo4j.Timestamps;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of a field declaration, shared by custom objects ({@code POST /objects/}, their
 * {@code /fields}, the Custom Fields V2 API) and the contact's custom fields: the key in either of
 * HighLevel's forms, the type, the options, and the settings Liaison does not keep. Each problem is
 * collected with the member it names ({@link Problems}), so one 422 lists them all. A plain object:
 * no database, no HTTP (FieldDeclarationsTest). Whether a key is already taken, and the
 * fields-per-object limit, depend on the stored fields and are checked by {@link ObjectSchemaService}.
 */
final class FieldDeclarations {

    static final Pattern FIELD_KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    static final Pattern OPTION_KEY = Pattern.compile("[A-Za-z0-9_\\-.]{1,100}");
    /** "id" is the record's own id; every other record property Liaison keeps is camelCase, so cannot clash. */
    static final Set<String> RESERVED_FIELD_KEYS = Set.of("id");

    private FieldDeclarations() {
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
        if (body.objectKey() != null && objectKey != null && !objectKey.equals(ObjectSchemaService.normaliseObjectKey(body.objectKey().strip()))) {
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
        return ObjectField.builder().id(Ids.newId()).key(key).name(name).type(type).description(Updates.text(body.description()))
                .options(options).dateAdded(Timestamps.iso(Timestamps.now())).placeholder(Updates.text(body.placeholder()))
                .showInForms(body.showInForms()).allowCustomOption(type == FieldType.RADIO ? body.allowCustomOption() : null).build();
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
        return current.toBuilder().name(name).description(description).options(options == null || options.isEmpty() ? null : options)
                .placeholder(placeholder).showInForms(showInForms).allowCustomOption(allowCustom).dateUpdated(Timestamps.iso(Timestamps.now()))
                .build();
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

    static String required(String value, String field, Problems problems) {
        if (value == null || value.isBlank()) {
            problems.add(field, "should not be empty");
            return null;
        }
        return value.strip();
    }
}

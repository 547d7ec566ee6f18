package io.liaison.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liaison.phone.PhoneNumbers;
import io.liaison.error.Errors;
import io.liaison.error.Problems;
import io.liaison.error.Updates;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.neo4j.driver.TransactionContext;

/**
 * The contact's custom fields, as HighLevel's {@code /locations/{locationId}/customFields} defines
 * them. They are field definitions like a custom object's, checked by the same rules
 * ({@link FieldDeclarations#field}, {@link ObjectSchemaService#withAdded},
 * {@link FieldDeclarations#updated}); the key is made from the name, as HighLevel does
 * ("Pin code" is {@code contact.pin_code}). Contact writes look their values up here.
 */
@ApplicationScoped
public class ContactFieldService {

    static final String MODEL = ObjectType.CONTACT_KEY;

    private final ObjectSchemaService objects;
    private final FieldSetRepository repository;
    private final ObjectMapper json;
    private final FieldValues values;
    private final GraphDatabase db;

    public ContactFieldService(ObjectSchemaService objects, FieldSetRepository repository, ObjectMapper json, PhoneNumbers phones,
            GraphDatabase db) {
        this.objects = objects;
        this.repository = repository;
        this.json = json;
        this.values = new FieldValues(phones);
        this.db = db;
    }

    public List<ContactFieldRequests.CustomFieldView> list(String locationId, String model) {
        if (model != null && !model.isBlank() && !List.of(MODEL, "all", "opportunity").contains(model.strip())) {
            throw Errors.ValidationFailed.of("model", "must be contact, opportunity or all");
        }
        // Liaison has no opportunities, so it has none of their fields.
        if ("opportunity".equals(model == null ? null : model.strip())) {
            return List.of();
        }
        return db.read(tx -> repository.fields(tx, locationId, MODEL)).stream().map(f -> ContactFieldRequests.CustomFieldView.of(locationId, f)).toList();
    }

    public ContactFieldRequests.CustomFieldView create(String locationId, ContactFieldRequests.CreateField body) {
        Problems problems = new Problems();
        refuseUnsupported(body.model(), body.acceptedFormat(), body.isMultipleFile(), body.maxNumberOfFiles(), problems);
        String name = body.name() == null ? "" : body.name().strip();
        String key = FieldDeclarations.optionKeyOf(name);
        if (!name.isEmpty() && !FieldDeclarations.FIELD_KEY.matcher(key).matches()) {
            problems.add("name", "must start with a letter and hold letters or digits: the field's key is made from it");
        }
        problems.throwIfAny();
        ObjectField declared = FieldDeclarations.field(MODEL, null, ObjectRequests.FieldBody.builder().key(key).name(body.name())
                .dataType(body.dataType()).placeholder(body.placeholder())
                .options(options(body.options(), body.textBoxListOptions(), true, problems)).build(), "", problems);
        problems.throwIfAny();
        ObjectField field = declared.withPosition(body.position() == null ? 0 : body.position());
        db.write(tx -> repository.write(tx, locationId, MODEL, objects.withAdded(MODEL, fieldsForChange(tx, locationId), List.of(field))));
        return ContactFieldRequests.CustomFieldView.of(locationId, field);
    }

    /** By id, or by field key ({@code contact.pin_code} or {@code pin_code}), as HighLevel allows. */
    public ContactFieldRequests.CustomFieldView get(String locationId, String idOrKey) {
        return find(locationId, idOrKey).map(f -> ContactFieldRequests.CustomFieldView.of(locationId, f))
                .orElseThrow(() -> FieldService.notFound(idOrKey));
    }

    public ContactFieldRequests.CustomFieldView update(String locationId, String id, ContactFieldRequests.UpdateField body) {
        Problems problems = new Problems();
        refuseUnsupported(body.model(), body.acceptedFormat(), body.isMultipleFile(), body.maxNumberOfFiles(), problems);
        if (body.name() == null || body.name().isBlank()) {
            problems.add("name", "should not be empty");
        }
        List<ObjectRequests.OptionBody> options = options(body.options(), body.textBoxListOptions(), false, problems);
        problems.throwIfAny();
        if (!Ids.looksLikeId(id)) {
            throw FieldService.notFound(id);
        }
        var update = new ObjectRequests.FieldUpdate(null, body.name(), null, body.placeholder(), null, options, null, null, null);
        List<ObjectField> fields = db.write(tx -> {
            List<ObjectField> current = fieldsForChange(tx, locationId);
            ObjectField field = current.stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow(() -> FieldService.notFound(id));
            ObjectField changed = FieldDeclarations.updated(field, update);
            ObjectField placed = body.position() == null ? changed : changed.withPosition(body.position());
            return repository.write(tx, locationId, MODEL, current.stream().map(f -> f.id().equals(id) ? placed : f).toList());
        });
        return fields.stream().filter(f -> f.id().equals(id)).findFirst().map(f -> ContactFieldRequests.CustomFieldView.of(locationId, f))
                .orElseThrow(() -> FieldService.notFound(id));
    }

    /** Refused with 409 FIELD_IN_USE while contacts hold a value for it: clear their values first. */
    public void delete(String locationId, String id) {
        if (!Ids.looksLikeId(id)) {
            throw FieldService.notFound(id);
        }
        db.write(tx -> {
            List<ObjectField> current = fieldsForChange(tx, locationId);
            ObjectField field = current.stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow(() -> FieldService.notFound(id));
            long contacts = repository.contactsWithValue(tx, locationId, valueProperties(field));
            if (contacts > 0) {
                throw new Errors.Conflict("FIELD_IN_USE", contacts + " contacts hold a value for " + fieldKey(field)
                        + "; clear it on them first", "id", Map.of("id", id, "fieldKey", fieldKey(field), "contacts", contacts));
            }
            return repository.write(tx, locationId, MODEL, current.stream().filter(f -> !f.id().equals(id)).toList());
        });
    }

    /** The contact's fields as they are under the location's lock, which this takes first. */
    private List<ObjectField> fieldsForChange(TransactionContext tx, String locationId) {
        objects.lockLocation(tx, locationId);
        return repository.fieldsForChange(tx, locationId, MODEL);
    }

    /** A contact field by id or key, for contact writes; empty for a name no field has. */
    public Optional<ObjectField> find(String locationId, String idOrKey) {
        if (idOrKey == null || idOrKey.isBlank()) {
            return Optional.empty();
        }
        List<ObjectField> fields = db.read(tx -> repository.fields(tx, locationId, MODEL));
        return find(fields, idOrKey.strip());
    }

    /** The location's contact fields, read once for a contact write that names several. */
    public List<ObjectField> all(String locationId) {
        return db.read(tx -> repository.fields(tx, locationId, MODEL));
    }

    public static Optional<ObjectField> find(List<ObjectField> fields, String idOrKey) {
        if (idOrKey == null || idOrKey.isBlank()) {
            return Optional.empty();
        }
        String key = ObjectSchema.shortFieldKey(MODEL, idOrKey.strip());
        return fields.stream().filter(f -> f.id().equals(idOrKey.strip()) || f.key().equals(key)).findFirst();
    }

    public static String fieldKey(ObjectField field) {
        return MODEL + "." + field.key();
    }

    /**
     * A contact's value for a defined field, checked as a record's value of that type is, answered as
     * JSON (an option given by its label becomes its key; a monetary amount its number).
     */
    public JsonNode value(ObjectField field, JsonNode value, String at, Problems problems) {
        if (Updates.clears(value)
                || field.type() == FieldType.TEXTBOX_LIST) {
            return value;
        }
        return values.convert(field, value, at, problems).map(json::valueToTree).map(JsonNode.class::cast).orElse(value);
    }

    /** The names a contact's value for this field may be kept under (see ContactService). */
    private static List<String> valueProperties(ObjectField field) {
        return Stream.of(field.id(), field.key(), fieldKey(field))
                .flatMap(n -> Stream.of(customFieldValuesProperty(n), customFieldNumberProperty(n)))
                .toList();
    }

    /*
     * Where a contact node keeps its custom fields' values: written and searched by contact/, read
     * here when a field is deleted. Named here, with the fields, so that object/ needs no contact/.
     */
    private static final String CUSTOM_FIELD_VALUES = "customFieldValues.";
    private static final String CUSTOM_FIELD_NUMBER = "customFieldNumber.";

    /** Where a contact keeps one custom field's comparable values (lowercased text, canonical numbers). */
    public static String customFieldValuesProperty(String idOrKey) {
        return CUSTOM_FIELD_VALUES + idOrKey;
    }

    /** Where a contact keeps one custom field's value as a number, when it is one, for ranges. */
    public static String customFieldNumberProperty(String idOrKey) {
        return CUSTOM_FIELD_NUMBER + idOrKey;
    }

    /** Whether a contact's property holds a custom field's value. */
    public static boolean isCustomFieldProperty(String property) {
        return property.startsWith(CUSTOM_FIELD_VALUES) || property.startsWith(CUSTOM_FIELD_NUMBER);
    }

    private static List<ObjectRequests.OptionBody> options(List<String> options, List<ContactFieldRequests.TextBoxOption> textBoxes,
            boolean withKeys, Problems problems) {
        if (options != null && textBoxes != null) {
            problems.add("options", "and textBoxListOptions cannot both be given");
            return null;
        }
        if (textBoxes != null) {
            List<ObjectRequests.OptionBody> boxes = new ArrayList<>();
            for (int i = 0; i < textBoxes.size(); i++) {
                var box = textBoxes.get(i);
                if (box == null || box.label() == null || box.label().isBlank()) {
                    problems.add("textBoxListOptions[" + i + "].label", "should not be empty");
                } else if (box.prefillValue() != null && !box.prefillValue().isBlank()) {
                    problems.add("textBoxListOptions[" + i + "].prefillValue", "is not kept by Liaison; leave it empty");
                } else {
                    boxes.add(new ObjectRequests.OptionBody(withKeys ? FieldDeclarations.optionKeyOf(box.label()) : null, box.label(), null));
                }
            }
            return boxes;
        }
        return options == null ? null : options.stream()
                .map(o -> new ObjectRequests.OptionBody(withKeys && o != null ? FieldDeclarations.optionKeyOf(o) : null, o, null)).toList();
    }

    private static void refuseUnsupported(String model, JsonNode acceptedFormat, JsonNode isMultipleFile, JsonNode maxNumberOfFiles,
            Problems problems) {
        if (model != null && !MODEL.equals(model.strip())) {
            problems.add("model", "must be contact: Liaison has no opportunities");
        }
        for (var setting : new Object[][] {{"acceptedFormat", acceptedFormat}, {"isMultipleFile", isMultipleFile},
                {"maxNumberOfFiles", maxNumberOfFiles}}) {
            if (setting[1] != null && !((JsonNode) setting[1]).isNull()) {
                problems.add((String) setting[0], "is only for FILE_UPLOAD fields, which Liaison does not store");
            }
        }
    }
}

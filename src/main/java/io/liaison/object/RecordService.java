package io.liaison.object;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.phone.PhoneNumbers;
import io.liaison.error.Errors;
import io.liaison.error.Problems;
import io.liaison.error.Updates;
import io.liaison.neo4j.Ids;
import io.liaison.neo4j.SearchWindow;
import io.liaison.neo4j.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rules of custom-object records: values are validated against the object's declared fields,
 * the primary display property is required and becomes the node's {@code displayName}, and search
 * pages newest first with a stable searchAfter cursor.
 */
@ApplicationScoped
public class RecordService {

    static final int MAX_TEXT = 1_000;
    static final int MAX_LARGE_TEXT = 10_000;
    /** HighLevel's limits on a record's owner and followers. */
    static final int MAX_OWNERS = 1;
    static final int MAX_FOLLOWERS = 10;

    private final ObjectSchemaService objects;
    private final RecordRepository repository;
    private final PhoneNumbers phones;

    public RecordService(ObjectSchemaService objects, RecordRepository repository, PhoneNumbers phones) {
        this.objects = objects;
        this.repository = repository;
        this.phones = phones;
    }

    /** One transaction: the values are checked against the object as it is under the lock the write takes. */
    public ObjectRecord create(String locationId, String objectKey, ObjectRequests.RecordBody body) {
        ObjectSchemaService.refuseStandard(objectKey);
        RecordRepository.Written written = repository.create(locationId, ObjectSchemaService.normaliseLookup(objectKey),
                schema -> newRecordProperties(schema, body)).orElseThrow(() -> ObjectSchemaService.notFound(objectKey));
        return answered(written.schema(), written.record().withoutCursor());
    }

    /** What a new record is written with; 422 for values the object's fields refuse. */
    Map<String, Object> newRecordProperties(ObjectSchema schema, ObjectRequests.RecordBody body) {
        Map<String, Object> values = values(schema, body.properties(), false);
        values.values().removeIf(v -> v == null);
        if (!values.containsKey(schema.primaryDisplayProperty())) {
            throw Errors.ValidationFailed.of("properties." + schema.primaryDisplayProperty(),
                    "should not be empty: it is the primary display property of " + schema.key());
        }
        ZonedDateTime now = Timestamps.now();
        Map<String, Object> properties = new HashMap<>(values);
        String id = Ids.newId();
        properties.put("id", id);
        properties.put("locationId", schema.locationId());
        properties.put("objectKey", schema.key());
        properties.put("objectId", schema.id());
        properties.put("displayName", displayName(schema, values, id));
        properties.put("createdAt", now);
        properties.put("updatedAt", now);
        properties.putAll(people(body));
        return properties;
    }

    public ObjectRecord get(String locationId, String objectKey, String id) {
        ObjectSchema schema = schema(locationId, objectKey);
        return answered(schema, (Ids.looksLikeId(id) ? repository.find(schema, id) : Optional.<ObjectRecord>empty())
                .orElseThrow(() -> new Errors.NotFound("Record", id)).withoutCursor());
    }

    /** One transaction, as {@link #create}. */
    public ObjectRecord update(String locationId, String objectKey, String id, ObjectRequests.RecordBody body) {
        ObjectSchemaService.refuseStandard(objectKey);
        RecordRepository.Updated updated = repository.update(locationId, ObjectSchemaService.normaliseLookup(objectKey), id,
                schema -> changesFrom(schema, id, body)).orElseThrow(() -> ObjectSchemaService.notFound(objectKey));
        return answered(updated.schema(), updated.record().orElseThrow(() -> new Errors.NotFound("Record", id)).withoutCursor());
    }

    /** How an update changes the record it finds; 422 for refused values, 404 for an id that can never exist. */
    Function<Map<String, Object>, Map<String, Object>> changesFrom(ObjectSchema schema, String id, ObjectRequests.RecordBody body) {
        Map<String, Object> given = values(schema, body.properties(), true);
        if (given.containsKey(schema.primaryDisplayProperty()) && given.get(schema.primaryDisplayProperty()) == null) {
            throw Errors.ValidationFailed.of("properties." + schema.primaryDisplayProperty(),
                    "cannot be cleared: it is the primary display property of " + schema.key());
        }
        if (!Ids.looksLikeId(id)) {
            throw new Errors.NotFound("Record", id);
        }
        return current -> {
            Map<String, Object> merged = new HashMap<>(current);
            merged.putAll(given);
            Map<String, Object> changes = new HashMap<>(given);
            changes.putAll(people(body));
            changes.put("displayName", displayName(schema, merged, id));
            changes.put("updatedAt", Timestamps.now());
            return changes;
        };
    }

    public void delete(String locationId, String objectKey, String id) {
        ObjectSchema schema = schema(locationId, objectKey);
        if (!Ids.looksLikeId(id) || repository.delete(schema, id).isEmpty()) {
            throw new Errors.NotFound("Record", id);
        }
    }

    public RecordRepository.Page search(String locationId, String objectKey, ObjectRequests.SearchRecords body) {
        ObjectSchema schema = schema(locationId, objectKey);
        SearchWindow window = SearchWindow.of(body.page(), body.pageLimit(), body.searchAfter(), "[createdAtMillis, id]");
        String query = body.query() == null || body.query().isBlank() ? null : body.query().strip();
        List<ObjectField> fields = schema.searchableProperties().stream().map(schema::field).flatMap(Optional::stream).toList();
        if (query != null) {
            int colon = query.indexOf(':');
            String head = colon > 0 ? schema.shortKey(query.substring(0, colon).strip()) : null;
            if (head != null && ObjectSchemaService.FIELD_KEY.matcher(head).matches()) {
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
        var page = repository.search(schema, query, scalars, lists, window);
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

    /**
     * The given values, checked against the declared fields and converted to what Neo4j stores.
     * A null (or on update an empty string) means "clear the field".
     */
    Map<String, Object> values(ObjectSchema schema, Map<String, JsonNode> given, boolean forUpdate) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (given == null) {
            if (!forUpdate) {
                throw Errors.ValidationFailed.of("properties", "should not be empty");
            }
            return values;
        }
        Problems problems = new Problems();
        given.forEach((rawKey, value) -> {
            String key = rawKey == null ? "" : schema.shortKey(rawKey.strip());
            String at = "properties." + key;
            int dot = key.indexOf('.');
            Optional<ObjectField> field = schema.field(dot < 0 ? key : key.substring(0, dot));
            if (field.isEmpty() || dot >= 0 && field.get().type() != FieldType.TEXTBOX_LIST) {
                problems.add(at, "is not a field of " + schema.key());
                return;
            }
            if (field.get().type() == FieldType.TEXTBOX_LIST) {
                textBoxes(field.get(), dot < 0 ? null : key.substring(dot + 1), value, at, problems).forEach(values::put);
                return;
            }
            if (Updates.clears(value)) {
                values.put(key, null);
                return;
            }
            convert(field.get(), value, at, problems, phones).ifPresent(v -> values.put(key, v));
        });
        problems.throwIfAny();
        return values;
    }

    /**
     * A TEXTBOX_LIST's texts, stored (and answered) as {@code "<field>.<option>"} properties:
     * {@code "boxes.option_a": "text"} sets one, {@code "boxes": {"option_a": "text"}} several.
     */
    private static Map<String, Object> textBoxes(ObjectField field, String option, JsonNode value, String at, Problems problems) {
        Map<String, Object> boxes = new LinkedHashMap<>();
        Map<String, JsonNode> given = new LinkedHashMap<>();
        if (option != null) {
            given.put(option, value);
        } else if (value != null && value.isObject()) {
            value.fields().forEachRemaining(e -> given.put(e.getKey(), e.getValue()));
        } else {
            problems.add(at, "must be an object of texts by option key " + field.optionKeys() + " (TEXTBOX_LIST)");
            return boxes;
        }
        given.forEach((box, text) -> {
            String boxAt = "properties." + field.key() + "." + box;
            if (!field.optionKeys().contains(box)) {
                problems.add(boxAt, "is not an option of " + field.key() + "; its options are " + field.optionKeys());
            } else if (Updates.clears(text)) {
                boxes.put(field.key() + "." + box, null);
            } else if (!text.isTextual() || text.asText().length() > MAX_TEXT) {
                problems.add(boxAt, "must be a string of at most " + MAX_TEXT + " characters (TEXTBOX_LIST)");
            } else {
                boxes.put(field.key() + "." + box, text.asText().strip());
            }
        });
        return boxes;
    }

    static Optional<Object> convert(ObjectField field, JsonNode value, String at, Problems problems, PhoneNumbers phones) {
        switch (field.type()) {
            case PHONE -> {
                if (!value.isTextual()) {
                    problems.add(at, "must be a phone number written as text, such as +1 888-888-8888 (PHONE)");
                } else {
                    try {
                        return Optional.of(phones.normalize(value.asText()));
                    } catch (PhoneNumbers.InvalidPhoneNumber e) {
                        problems.add(at, e.getMessage() + " (PHONE)");
                    }
                }
            }
            case MONETORY -> {
                // HighLevel writes an amount as a number or as {"currency": "default", "value": 100}.
                JsonNode amount = value;
                if (value.isObject()) {
                    JsonNode currency = value.path("currency");
                    boolean onlyKnownKeys = java.util.stream.StreamSupport.stream(
                            java.util.Spliterators.spliteratorUnknownSize(value.fieldNames(), 0), false)
                            .allMatch(k -> k.equals("currency") || k.equals("value"));
                    if (!onlyKnownKeys || !currency.isMissingNode() && !"default".equals(currency.asText(null))) {
                        problems.add(at, "must be a number or {currency: \"default\", value: number}; " + "an amount is in the location's currency (MONETORY)");
                        return Optional.empty();
                    }
                    amount = value.path("value");
                }
                if (amount.isNumber() && Double.isFinite(amount.asDouble())) {
                    return Optional.of(amount.isIntegralNumber() && amount.canConvertToLong() ? (Object) amount.asLong() : amount.asDouble());
                }
                problems.add(at, "must be a number or {currency: \"default\", value: number} (MONETORY)");
            }
            case TEXT, LARGE_TEXT -> {
                int max = field.type() == FieldType.TEXT ? MAX_TEXT : MAX_LARGE_TEXT;
                if (!value.isTextual()) {
                    problems.add(at, "must be a string (" + field.dataType() + ")");
                } else if (value.asText().length() > max) {
                    problems.add(at, "must be at most " + max + " characters (" + field.dataType() + ")");
                } else {
                    return Optional.of(value.asText().strip());
                }
            }
            case NUMERICAL -> {
                if (!value.isNumber()) {
                    problems.add(at, "must be a number (NUMERICAL)");
                } else if (value.isIntegralNumber() && value.canConvertToLong()) {
                    return Optional.of(value.asLong());
                } else if (Double.isFinite(value.asDouble())) {
                    return Optional.of(value.asDouble());
                } else {
                    problems.add(at, "must be a finite number (NUMERICAL)");
                }
            }
            case DATE -> {
                try {
                    if (!value.isTextual() || value.asText().length() > 10) {
                        throw new DateTimeParseException("not a date", value.toString(), 0);
                    }
                    return Optional.of(LocalDate.parse(value.asText()).toString());
                } catch (DateTimeParseException e) {
                    problems.add(at, "must be a date as YYYY-MM-DD (DATE)");
                }
            }
            case SINGLE_OPTIONS, RADIO -> {
                Optional<String> option = value.isTextual() ? option(field, value.asText()) : Optional.empty();
                if (option.isEmpty() && Boolean.TRUE.equals(field.allowCustomOption()) && value.isTextual()
                        && value.asText().length() <= MAX_TEXT) {
                    // HighLevel: a custom value is kept on this record only and does not become an option.
                    return Optional.of(value.asText().strip());
                }
                if (option.isEmpty()) {
                    problems.add(at, "must be one of " + field.optionKeys() + " (" + field.dataType() + ")");
                }
                return option.map(o -> o);
            }
            case CHECKBOX, MULTIPLE_OPTIONS -> {
                if (field.type() == FieldType.CHECKBOX && field.optionKeys().isEmpty()) {
                    if (!value.isBoolean()) {
                        problems.add(at, "must be true or false (CHECKBOX)");
                        return Optional.empty();
                    }
                    return Optional.of(value.asBoolean());
                }
                if (!value.isArray() || value.size() > field.optionKeys().size()) {
                    problems.add(at, "must be a list of options from " + field.optionKeys() + " (" + field.dataType() + ")");
                    return Optional.empty();
                }
                LinkedHashSet<String> chosen = new LinkedHashSet<>();
                for (JsonNode item : value) {
                    Optional<String> option = item.isTextual() ? option(field, item.asText()) : Optional.empty();
                    if (option.isEmpty()) {
                        problems.add(at, "must be a list of options from " + field.optionKeys() + " (" + field.dataType() + ")");
                        return Optional.empty();
                    }
                    chosen.add(option.get());
                }
                return Optional.of(List.copyOf(chosen));
            }
            default -> problems.add(at, "has a type Liaison cannot store");
        }
        return Optional.empty();
    }

    /** An option given by its key, or by its label as a person would type it. */
    private static Optional<String> option(ObjectField field, String given) {
        String g = given.strip();
        return field.options().stream().filter(o -> o.key().equals(g)).map(ObjectField.Option::key).findFirst()
                .or(() -> field.options().stream().filter(o -> o.label().equalsIgnoreCase(g)).map(ObjectField.Option::key).findFirst());
    }
}

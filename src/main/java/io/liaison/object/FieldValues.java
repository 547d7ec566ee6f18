package io.liaison.object;

import io.liaison.phone.PhoneNumbers;
import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.error.Errors;
import io.liaison.error.Problems;
import io.liaison.error.Updates;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterators;
import java.util.stream.StreamSupport;

/**
 * Field values as a write gives them (JSON), checked against their declared fields and converted to
 * what Neo4j stores, one method per field type. Records use it for their {@code properties}, the
 * contact's custom fields for their values. Each problem names the field ({@code at}) and its type;
 * a write collects them all ({@link Problems}) and answers them in one 422. A plain object: no
 * database, no HTTP (FieldValuesTest).
 */
final class FieldValues {

    static final int MAX_TEXT = 1_000;
    static final int MAX_LARGE_TEXT = 10_000;

    private final PhoneNumbers phones;

    FieldValues(PhoneNumbers phones) {
        this.phones = phones;
    }

    /**
     * A record's values, checked against the object's declared fields and converted to what Neo4j
     * stores; 422 naming each value refused. A null (or blank text) means "clear the field"; a body
     * without values is refused on create and changes nothing on update.
     */
    Map<String, Object> of(ObjectSchema schema, Map<String, JsonNode> given, boolean forUpdate) {
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
            } else if (field.get().type() == FieldType.TEXTBOX_LIST) {
                values.putAll(textBoxes(field.get(), dot < 0 ? null : key.substring(dot + 1), value, at, problems));
            } else if (Updates.clears(value)) {
                values.put(key, null);
            } else {
                convert(field.get(), value, at, problems).ifPresent(v -> values.put(key, v));
            }
        });
        problems.throwIfAny();
        return values;
    }

    /**
     * A TEXTBOX_LIST's texts, stored (and answered) as {@code "<field>.<option>"} properties:
     * {@code "boxes.option_a": "text"} sets one, {@code "boxes": {"option_a": "text"}} several.
     */
    static Map<String, Object> textBoxes(ObjectField field, String option, JsonNode value, String at, Problems problems) {
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

    /** One value (not a clearing one) as its field's type stores it; empty, with a problem at {@code at}, when refused. */
    Optional<Object> convert(ObjectField field, JsonNode value, String at, Problems problems) {
        return switch (field.type()) {
            case PHONE -> phone(value, at, problems);
            case MONETORY -> amount(value, at, problems);
            case TEXT -> text(field, MAX_TEXT, value, at, problems);
            case LARGE_TEXT -> text(field, MAX_LARGE_TEXT, value, at, problems);
            case NUMERICAL -> number(value, at, problems);
            case DATE -> date(value, at, problems);
            case SINGLE_OPTIONS, RADIO -> oneOption(field, value, at, problems);
            case CHECKBOX, MULTIPLE_OPTIONS -> field.type() == FieldType.CHECKBOX && field.optionKeys().isEmpty()
                    ? trueOrFalse(value, at, problems) : options(field, value, at, problems);
            default -> refused(problems, at, "has a type Liaison cannot store");
        };
    }

    private Optional<Object> phone(JsonNode value, String at, Problems problems) {
        if (!value.isTextual()) {
            return refused(problems, at, "must be a phone number written as text, such as +1 888-888-8888 (PHONE)");
        }
        try {
            return Optional.of(phones.normalize(value.asText()));
        } catch (PhoneNumbers.InvalidPhoneNumber e) {
            return refused(problems, at, e.getMessage() + " (PHONE)");
        }
    }

    /** HighLevel writes an amount as a number or as {@code {"currency": "default", "value": 100}}. */
    private static Optional<Object> amount(JsonNode value, String at, Problems problems) {
        JsonNode amount = value;
        if (value.isObject()) {
            JsonNode currency = value.path("currency");
            boolean onlyKnownKeys = StreamSupport.stream(Spliterators.spliteratorUnknownSize(value.fieldNames(), 0), false)
                    .allMatch(k -> k.equals("currency") || k.equals("value"));
            if (!onlyKnownKeys || !currency.isMissingNode() && !"default".equals(currency.asText(null))) {
                return refused(problems, at,
                        "must be a number or {currency: \"default\", value: number}; an amount is in the location's currency (MONETORY)");
            }
            amount = value.path("value");
        }
        if (amount.isNumber() && Double.isFinite(amount.asDouble())) {
            return Optional.of(amount.isIntegralNumber() && amount.canConvertToLong() ? (Object) amount.asLong() : amount.asDouble());
        }
        return refused(problems, at, "must be a number or {currency: \"default\", value: number} (MONETORY)");
    }

    private static Optional<Object> text(ObjectField field, int max, JsonNode value, String at, Problems problems) {
        if (!value.isTextual()) {
            return refused(problems, at, "must be a string (" + field.dataType() + ")");
        }
        if (value.asText().length() > max) {
            return refused(problems, at, "must be at most " + max + " characters (" + field.dataType() + ")");
        }
        return Optional.of(value.asText().strip());
    }

    /** A whole number stays whole (a long), a fraction a double. */
    private static Optional<Object> number(JsonNode value, String at, Problems problems) {
        if (!value.isNumber()) {
            return refused(problems, at, "must be a number (NUMERICAL)");
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return Optional.of(value.asLong());
        }
        if (Double.isFinite(value.asDouble())) {
            return Optional.of(value.asDouble());
        }
        return refused(problems, at, "must be a finite number (NUMERICAL)");
    }

    private static Optional<Object> date(JsonNode value, String at, Problems problems) {
        if (value.isTextual() && value.asText().length() <= 10) {
            try {
                return Optional.of(LocalDate.parse(value.asText()).toString());
            } catch (DateTimeParseException e) {
                // refused below
            }
        }
        return refused(problems, at, "must be a date as YYYY-MM-DD (DATE)");
    }

    private static Optional<Object> oneOption(ObjectField field, JsonNode value, String at, Problems problems) {
        Optional<String> option = value.isTextual() ? option(field, value.asText()) : Optional.empty();
        if (option.isPresent()) {
            return Optional.of(option.get());
        }
        if (Boolean.TRUE.equals(field.allowCustomOption()) && value.isTextual() && value.asText().length() <= MAX_TEXT) {
            // HighLevel: a custom value is kept on this record only and does not become an option.
            return Optional.of(value.asText().strip());
        }
        return refused(problems, at, "must be one of " + field.optionKeys() + " (" + field.dataType() + ")");
    }

    /** A CHECKBOX without options. */
    private static Optional<Object> trueOrFalse(JsonNode value, String at, Problems problems) {
        return value.isBoolean() ? Optional.of(value.asBoolean()) : refused(problems, at, "must be true or false (CHECKBOX)");
    }

    /** Several options (MULTIPLE_OPTIONS, a CHECKBOX with options), each once, in the order given. */
    private static Optional<Object> options(ObjectField field, JsonNode value, String at, Problems problems) {
        String expected = "must be a list of options from " + field.optionKeys() + " (" + field.dataType() + ")";
        if (!value.isArray() || value.size() > field.optionKeys().size()) {
            return refused(problems, at, expected);
        }
        LinkedHashSet<String> chosen = new LinkedHashSet<>();
        for (JsonNode item : value) {
            Optional<String> option = item.isTextual() ? option(field, item.asText()) : Optional.empty();
            if (option.isEmpty()) {
                return refused(problems, at, expected);
            }
            chosen.add(option.get());
        }
        return Optional.of(List.copyOf(chosen));
    }

    /** An option given by its key, or by its label as a person would type it. */
    private static Optional<String> option(ObjectField field, String given) {
        String g = given.strip();
        return field.options().stream().filter(o -> o.key().equals(g)).map(ObjectField.Option::key).findFirst()
                .or(() -> field.options().stream().filter(o -> o.label().equalsIgnoreCase(g)).map(ObjectField.Option::key).findFirst());
    }

    private static Optional<Object> refused(Problems problems, String at, String message) {
        problems.add(at, message);
        return Optional.empty();
    }
}

package io.liaison.contact;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.contact.ContactQuery.Condition;
import io.liaison.contact.ContactQuery.Field;
import io.liaison.contact.ContactQuery.Filter;
import io.liaison.contact.ContactQuery.Group;
import io.liaison.contact.ContactQuery.Kind;
import io.liaison.contact.ContactQuery.Operator;
import io.liaison.contact.ContactQuery.Sort;
import io.liaison.error.Errors;
import io.liaison.phone.PhoneNumbers;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads HighLevel's search grammar into a {@link ContactQuery}: every field, operator and value is
 * checked here, and whatever Liaison does not run is refused with 422 naming where it is, so a
 * filter is never silently ignored.
 */
final class ContactFilters {

    /** Conditions in one search, counted through every group. */
    static final int MAX_CONDITIONS = 50;
    static final int MAX_DEPTH = 3;
    /** HighLevel's limit on a filter value. */
    static final int MAX_VALUE_LENGTH = 75;
    static final int MAX_VALUES = 50;
    private static final Set<String> CONDITION_KEYS = Set.of("field", "operator", "value");
    private static final Set<String> GROUP_KEYS = Set.of("group", "filters");
    private static final Set<String> RANGE_KEYS = Set.of("gt", "gte", "lt", "lte");

    private int conditions;
    private final Function<String, Optional<String>> customFields;
    private final PhoneNumbers phones;

    private ContactFilters(Function<String, Optional<String>> customFields, PhoneNumbers phones) {
        this.customFields = customFields;
        this.phones = phones;
    }

    /**
     * The filters joined by AND; empty when there are none. {@code customFields} answers the name a custom
     * field's values are kept under for a name a filter gives ({@code customFields.<name>}), or nothing when
     * the name is unknown, which is a 422 naming it. {@code phones} reads a phone a filter compares
     * whole, as a write would store it.
     */
    static Optional<Filter> parse(List<JsonNode> filters, Function<String, Optional<String>> customFields, PhoneNumbers phones) {
        if (filters == null || filters.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ContactFilters(customFields, phones).group(false, filters.iterator(), "filters", 1));
    }

    static List<Sort> sort(List<ContactSearchRequest.SortBody> sort) {
        if (sort == null || sort.isEmpty()) {
            return ContactQuery.NEWEST_FIRST;
        }
        List<Sort> order = new ArrayList<>();
        for (int i = 0; i < sort.size(); i++) {
            ContactSearchRequest.SortBody s = sort.get(i);
            String at = "sort[" + i + "]";
            if (s == null || s.field() == null) {
                throw Errors.ValidationFailed.of(at + ".field", "should not be empty");
            }
            Field field = Field.named(s.field()).filter(Field::sortable).orElseThrow(() -> Errors.ValidationFailed.of(at + ".field",
                    "'" + s.field() + "' is not a field Liaison sorts by; sortable: " + String.join(", ", Field.names(true))));
            String direction = s.direction() == null ? "asc" : s.direction().toLowerCase(Locale.ROOT);
            if (!direction.equals("asc") && !direction.equals("desc")) {
                throw Errors.ValidationFailed.of(at + ".direction", "must be asc or desc");
            }
            if (order.stream().anyMatch(o -> o.field() == field)) {
                throw Errors.ValidationFailed.of(at + ".field", "sorts by '" + s.field() + "' a second time");
            }
            order.add(new Sort(field, direction.equals("desc")));
        }
        return List.copyOf(order);
    }

    /**
     * The searchAfter cursor for this sort: one value per sort field (epoch milliseconds for a time,
     * text otherwise), then the id.
     */
    static List<Object> cursor(List<Object> searchAfter, List<Sort> sort) {
        String shape = "[" + String.join(", ", sort.stream().map(s -> s.field().apiName()
                + (s.field().kind() == Kind.DATETIME ? "Millis" : "")).toList()) + ", id]";
        String problem = "must be the searchAfter value of a contact of a previous page with the same sort: " + shape;
        if (searchAfter.size() != sort.size() + 1 || !(searchAfter.get(sort.size()) instanceof String)) {
            throw Errors.ValidationFailed.of("searchAfter", problem);
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < sort.size(); i++) {
            Object v = searchAfter.get(i);
            if (sort.get(i).field().kind() == Kind.DATETIME) {
                if (!(v instanceof Number millis)) {
                    throw Errors.ValidationFailed.of("searchAfter", problem);
                }
                values.add(ZonedDateTime.ofInstant(Instant.ofEpochMilli(millis.longValue()), ZoneOffset.UTC));
            } else if (v instanceof String text && text.length() <= 1_000) {
                values.add(text);
            } else {
                throw Errors.ValidationFailed.of("searchAfter", problem);
            }
        }
        values.add(searchAfter.get(sort.size()));
        return List.copyOf(values);
    }

    private Group group(boolean any, Iterator<JsonNode> items, String at, int depth) {
        List<Filter> filters = new ArrayList<>();
        for (int i = 0; items.hasNext(); i++) {
            filters.add(filter(items.next(), at + "[" + i + "]", depth));
        }
        if (filters.isEmpty()) {
            throw Errors.ValidationFailed.of(at, "should not be empty");
        }
        return new Group(any, List.copyOf(filters));
    }

    private Filter filter(JsonNode node, String at, int depth) {
        if (node == null || !node.isObject()) {
            throw Errors.ValidationFailed.of(at, "must be a condition {field, operator, value} or a group {group, filters}");
        }
        if (node.has("group") || node.has("filters")) {
            refuseUnknownKeys(node, GROUP_KEYS, at);
            String join = node.path("group").asText("");
            if (!node.path("group").isTextual() || !(join.equals("AND") || join.equals("OR"))) {
                throw Errors.ValidationFailed.of(at + ".group", "must be AND or OR");
            }
            if (!node.path("filters").isArray()) {
                throw Errors.ValidationFailed.of(at + ".filters", "must be a list of conditions and groups");
            }
            if (depth >= MAX_DEPTH) {
                throw Errors.ValidationFailed.of(at, "nests groups deeper than " + MAX_DEPTH + " levels");
            }
            return group(join.equals("OR"), node.path("filters").iterator(), at + ".filters", depth + 1);
        }
        refuseUnknownKeys(node, CONDITION_KEYS, at);
        if (++conditions > MAX_CONDITIONS) {
            throw Errors.ValidationFailed.of("filters", "must hold at most " + MAX_CONDITIONS + " conditions in all");
        }
        return condition(node, at);
    }

    private static void refuseUnknownKeys(JsonNode node, Set<String> known, String at) {
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                throw Errors.ValidationFailed.of(at + "." + name, "is not part of a " + (known == GROUP_KEYS ? "group" : "condition")
                        + " Liaison runs; a condition is {field, operator, value}, a group {group, filters}");
            }
        });
    }

    private Condition condition(JsonNode node, String at) {
        JsonNode fieldNode = node.path("field");
        if (!fieldNode.isTextual() || fieldNode.asText().isBlank()) {
            throw Errors.ValidationFailed.of(at + ".field", "should not be empty");
        }
        String name = fieldNode.asText();
        Field field;
        String customField = null;
        if (name.startsWith(Field.CUSTOM_FIELD_PREFIX)) {
            field = Field.CUSTOM_FIELD;
            customField = name.substring(Field.CUSTOM_FIELD_PREFIX.length());
            if (customField.isBlank() || customField.length() > 100) {
                throw Errors.ValidationFailed.of(at + ".field", "must name a custom field: customFields.<id or key>");
            }
            customField = customFields.apply(customField).orElseThrow(() -> Errors.ValidationFailed.of(at + ".field", "'" + name
                    + "' names no custom field of this location (by id, key or contact.<key>) and no contact holds a value under it"));
        } else {
            field = Field.named(name).orElseThrow(() -> Errors.ValidationFailed.of(at + ".field", "'" + name
                    + "' is not a field Liaison searches; searchable: " + String.join(", ", Field.names(false))
                    + " and customFields.<id or key>"));
        }
        JsonNode operatorNode = node.path("operator");
        Operator operator = (operatorNode.isTextual() ? Operator.named(operatorNode.asText()) : Optional.<Operator>empty())
                .orElseThrow(() -> Errors.ValidationFailed.of(at + ".operator", "'" + operatorNode.asText()
                        + "' is not an operator Liaison runs; operators: eq, not_eq, contains, not_contains, exists, not_exists, range"));
        if (!field.kind().operators().contains(operator)) {
            throw Errors.ValidationFailed.of(at + ".operator", "'" + operator.apiName() + "' does not apply to '" + name + "'; it takes "
                    + String.join(", ", field.kind().operators().stream().sorted().map(Operator::apiName).toList()));
        }
        JsonNode value = node.get("value");
        String valueAt = at + ".value";
        if (operator == Operator.EXISTS || operator == Operator.NOT_EXISTS) {
            if (value != null && !value.isNull()) {
                throw Errors.ValidationFailed.of(valueAt, "must be left out with " + operator.apiName());
            }
            return new Condition(field, customField, operator, null, Map.of());
        }
        if (value == null || value.isNull()) {
            throw Errors.ValidationFailed.of(valueAt, "should not be empty with " + operator.apiName());
        }
        if (operator == Operator.RANGE) {
            return new Condition(field, customField, operator, null, bounds(field, value, valueAt));
        }
        return new Condition(field, customField, operator, value(field, operator, value, valueAt), Map.of());
    }

    private Object value(Field field, Operator operator, JsonNode value, String at) {
        return switch (field.kind()) {
            case EXACT_TEXT -> text(value, at);
            case TEXT -> text(value, at).toLowerCase(Locale.ROOT);
            case PHONE -> {
                String typed = text(value, at);
                String digits = PhoneNumbers.digits(typed);
                if (digits == null) {
                    throw Errors.ValidationFailed.of(at, "must hold the digits of a phone number");
                }
                yield operator == Operator.EQ || operator == Operator.NOT_EQ ? storedDigits(typed, digits) : digits;
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw Errors.ValidationFailed.of(at, "must be true or false");
                }
                yield value.asBoolean();
            }
            case TAGS -> {
                List<String> tags = new ArrayList<>();
                if (value.isArray()) {
                    if (value.isEmpty() || value.size() > MAX_VALUES) {
                        throw Errors.ValidationFailed.of(at, "must hold 1 to " + MAX_VALUES + " tags");
                    }
                    for (int i = 0; i < value.size(); i++) {
                        tags.add(text(value.get(i), at + "[" + i + "]").toLowerCase(Locale.ROOT));
                    }
                } else {
                    tags.add(text(value, at).toLowerCase(Locale.ROOT));
                }
                yield List.copyOf(tags);
            }
            case DATE -> date(value, at);
            case DATETIME -> throw new IllegalStateException("times take only range and exists");
            case CUSTOM -> {
                if (value.isTextual() || value.isBoolean() || value.isNumber()) {
                    String token = customFieldToken(value);
                    if (token.length() > MAX_VALUE_LENGTH) {
                        throw Errors.ValidationFailed.of(at, "must be at most " + MAX_VALUE_LENGTH + " characters");
                    }
                    if (token.isEmpty()) {
                        throw Errors.ValidationFailed.of(at, "should not be empty; use not_exists for a custom field without a value");
                    }
                    yield token;
                }
                throw Errors.ValidationFailed.of(at, "must be text, a number or a boolean");
            }
        };
    }

    /** gt/gte/lt/lte, at least one, each of the field's kind; a custom field's bounds are all numbers or all text. */
    /**
     * A whole number compared with stored ones: the digits of its E.164 form, as a write stores it
     * ({@code (888) 888-8888} is {@code 18888888888} in the US); a number that is not valid keeps the
     * digits given, which a number stored as typed before E.164 may have. Part of a number
     * ({@code contains}) is compared as given.
     */
    private String storedDigits(String typed, String digits) {
        try {
            return PhoneNumbers.digits(phones.normalize(typed));
        } catch (PhoneNumbers.InvalidPhoneNumber notANumber) {
            return digits;
        }
    }

    private static Map<String, Object> bounds(Field field, JsonNode value, String at) {
        if (!value.isObject() || value.isEmpty()) {
            throw Errors.ValidationFailed.of(at, "must be an object with gt, gte, lt or lte");
        }
        Map<String, Object> bounds = new LinkedHashMap<>();
        Boolean numeric = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> bound = it.next();
            String boundAt = at + "." + bound.getKey();
            if (!RANGE_KEYS.contains(bound.getKey())) {
                throw Errors.ValidationFailed.of(boundAt, "is not a range bound; use gt, gte, lt or lte");
            }
            JsonNode b = bound.getValue();
            Object converted = switch (field.kind()) {
                case DATE -> date(b, boundAt);
                case DATETIME -> instant(b, boundAt);
                case CUSTOM -> {
                    if (b.isNumber() && Double.isFinite(b.asDouble())) {
                        yield b.asDouble();
                    }
                    if (b.isTextual() && !b.asText().isBlank()) {
                        yield text(b, boundAt).toLowerCase(Locale.ROOT);
                    }
                    throw Errors.ValidationFailed.of(boundAt, "must be a number, or text such as a date YYYY-MM-DD");
                }
                default -> throw new IllegalStateException(field + " takes no range");
            };
            if (field.kind() == Kind.CUSTOM) {
                boolean isNumber = converted instanceof Double;
                if (numeric != null && numeric != isNumber) {
                    throw Errors.ValidationFailed.of(at, "must have bounds that are all numbers or all text");
                }
                numeric = isNumber;
            }
            bounds.put(bound.getKey(), converted);
        }
        if (bounds.containsKey("gt") && bounds.containsKey("gte") || bounds.containsKey("lt") && bounds.containsKey("lte")) {
            throw Errors.ValidationFailed.of(at, "must not have both gt and gte, or both lt and lte");
        }
        return Map.copyOf(bounds);
    }

    private static String text(JsonNode value, String at) {
        if (!value.isTextual() || value.asText().isBlank()) {
            throw Errors.ValidationFailed.of(at, "must be non-empty text");
        }
        if (value.asText().length() > MAX_VALUE_LENGTH) {
            throw Errors.ValidationFailed.of(at, "must be at most " + MAX_VALUE_LENGTH + " characters");
        }
        return value.asText().strip();
    }

    private static String date(JsonNode value, String at) {
        try {
            if (value.isTextual() && value.asText().length() <= 10) {
                return LocalDate.parse(value.asText()).toString();
            }
        } catch (DateTimeParseException e) {
            // refused below
        }
        throw Errors.ValidationFailed.of(at, "must be a date as YYYY-MM-DD");
    }

    private static ZonedDateTime instant(JsonNode value, String at) {
        try {
            if (value.isIntegralNumber() && value.canConvertToLong()) {
                return ZonedDateTime.ofInstant(Instant.ofEpochMilli(value.asLong()), ZoneOffset.UTC);
            }
            if (value.isTextual() && value.asText().length() <= 40) {
                String text = value.asText();
                return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC)
                        : ZonedDateTime.ofInstant(Instant.parse(text), ZoneOffset.UTC);
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            // refused below
        }
        throw Errors.ValidationFailed.of(at, "must be a time: ISO-8601 (2024-06-06T18:54:57.221Z), a date (2024-06-06) or epoch milliseconds");
    }

    /**
     * How a custom field's value is compared: lowercased text, numbers in one canonical form (100,
     * 100.0 and "100.0" are equal: HighLevel clients often send numbers as text), booleans as
     * true/false. The same function prepares stored values and filter values.
     */
    static String customFieldToken(JsonNode value) {
        if (value.isNumber()) {
            return canonical(value.decimalValue());
        }
        if (value.isBoolean()) {
            return Boolean.toString(value.asBoolean());
        }
        String text = value.asText().strip();
        if (NUMBER.matcher(text).matches()) {
            return canonical(new BigDecimal(text));
        }
        return text.toLowerCase(Locale.ROOT);
    }

    /** Plain decimal numbers only, short enough that reading them is cheap. */
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?\\d{1,30}(\\.\\d{1,30})?");

    private static String canonical(BigDecimal number) {
        return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
    }

    /** A stored custom-field value as a number, for numeric ranges; empty when it is not one. */
    static Optional<Double> customFieldNumber(JsonNode value) {
        if (value.isNumber() && Double.isFinite(value.asDouble())) {
            return Optional.of(value.asDouble());
        }
        if (value.isTextual() && NUMBER.matcher(value.asText().strip()).matches()) {
            return Optional.of(new BigDecimal(value.asText().strip()).doubleValue());
        }
        return Optional.empty();
    }
}

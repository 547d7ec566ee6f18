package io.liaison.contact;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A contact search as {@link ContactService} has checked it and {@link ContactRepository} runs it:
 * HighLevel's advanced filters as a tree, the sort order, and the page (an offset, or the sort values
 * of the last contact of the previous page).
 */
record ContactQuery(String text, Optional<Filter> filter, List<Sort> sort, Optional<List<Object>> after, int skip,
        int size) {

    /** The fields HighLevel's search names that Liaison searches, and how each compares. */
    public enum Field {
        ID("id", Kind.EXACT_TEXT, false),
        FIRST_NAME("firstNameLowerCase", Kind.TEXT, true),
        LAST_NAME("lastNameLowerCase", Kind.TEXT, true),
        FULL_NAME("fullNameLowerCase", Kind.TEXT, true),
        EMAIL("email", Kind.TEXT, true),
        PHONE("phone", Kind.PHONE, false),
        COMPANY_NAME("companyName", Kind.TEXT, true),
        ADDRESS("address", Kind.TEXT, false),
        CITY("city", Kind.TEXT, false),
        STATE("state", Kind.TEXT, false),
        POSTAL_CODE("postalCode", Kind.TEXT, false),
        COUNTRY("country", Kind.TEXT, false),
        WEBSITE("website", Kind.TEXT, false),
        TIMEZONE("timezone", Kind.TEXT, false),
        SOURCE("source", Kind.TEXT, false),
        GENDER("gender", Kind.TEXT, false),
        TYPE("type", Kind.TEXT, false),
        ASSIGNED_TO("assignedTo", Kind.EXACT_TEXT, false),
        DND("dnd", Kind.BOOLEAN, false),
        TAGS("tags", Kind.TAGS, false),
        DATE_OF_BIRTH("dateOfBirth", Kind.DATE, true),
        DATE_ADDED("dateAdded", Kind.DATETIME, true),
        DATE_UPDATED("dateUpdated", Kind.DATETIME, true),
        /** {@code customFields.<id or key>}: the value of one custom field. */
        CUSTOM_FIELD("customFields.", Kind.CUSTOM, false);

        public static final String CUSTOM_FIELD_PREFIX = "customFields.";
        private static final Map<String, String> ALIASES = Map.of("firstName", "firstNameLowerCase", "lastName",
                "lastNameLowerCase", "address1", "address", "emailLowerCase", "email");

        private final String apiName;
        private final Kind kind;
        private final boolean sortable;

        Field(String apiName, Kind kind, boolean sortable) {
            this.apiName = apiName;
            this.kind = kind;
            this.sortable = sortable;
        }

        public String apiName() {
            return apiName;
        }

        public Kind kind() {
            return kind;
        }

        public boolean sortable() {
            return sortable;
        }

        /** The standard field of this name; custom fields are recognised by their prefix instead. */
        static Optional<Field> named(String name) {
            String canonical = ALIASES.getOrDefault(name, name);
            return Arrays.stream(values()).filter(f -> f != CUSTOM_FIELD && f.apiName.equals(canonical)).findFirst();
        }

        static List<String> names(boolean sortableOnly) {
            return Arrays.stream(values()).filter(f -> f != CUSTOM_FIELD && (!sortableOnly || f.sortable))
                    .map(Field::apiName).toList();
        }
    }

    /** How a field's values compare, which decides the operators and values it takes. */
    public enum Kind {
        /** Compared as given (ids). */
        EXACT_TEXT(Set.of(Operator.EQ, Operator.NOT_EQ, Operator.EXISTS, Operator.NOT_EXISTS)),
        /** Compared case-insensitively. */
        TEXT(Set.of(Operator.EQ, Operator.NOT_EQ, Operator.CONTAINS, Operator.NOT_CONTAINS, Operator.EXISTS, Operator.NOT_EXISTS)),
        /** Compared on its digits, as duplicates are. */
        PHONE(Set.of(Operator.EQ, Operator.NOT_EQ, Operator.CONTAINS, Operator.NOT_CONTAINS, Operator.EXISTS, Operator.NOT_EXISTS)),
        BOOLEAN(Set.of(Operator.EQ, Operator.NOT_EQ, Operator.EXISTS, Operator.NOT_EXISTS)),
        /** A list: eq means "has any of these tags", not_eq "has none of them". */
        TAGS(Set.of(Operator.EQ, Operator.NOT_EQ, Operator.EXISTS, Operator.NOT_EXISTS)),
        /** A calendar date, YYYY-MM-DD. */
        DATE(Set.of(Operator.EQ, Operator.NOT_EQ, Operator.RANGE, Operator.EXISTS, Operator.NOT_EXISTS)),
        /** An instant, given as ISO-8601, YYYY-MM-DD (midnight UTC) or epoch milliseconds. */
        DATETIME(Set.of(Operator.RANGE, Operator.EXISTS, Operator.NOT_EXISTS)),
        /** Text, number, boolean or a list of options; compared case-insensitively, numbers by value. */
        CUSTOM(Set.of(Operator.values()));

        private final Set<Operator> operators;

        Kind(Set<Operator> operators) {
            this.operators = operators;
        }

        public Set<Operator> operators() {
            return operators;
        }
    }

    public enum Operator {
        EQ("eq"), NOT_EQ("not_eq"), CONTAINS("contains"), NOT_CONTAINS("not_contains"), EXISTS("exists"),
        NOT_EXISTS("not_exists"), RANGE("range");

        private final String apiName;

        Operator(String apiName) {
            this.apiName = apiName;
        }

        public String apiName() {
            return apiName;
        }

        static Optional<Operator> named(String name) {
            return Arrays.stream(values()).filter(o -> o.apiName.equals(name)).findFirst();
        }
    }

    public sealed interface Filter permits Group, Condition {
    }

    /** Filters joined by AND, or by OR when {@code any}. */
    public record Group(boolean any, List<Filter> filters) implements Filter {
    }

    /**
     * One comparison. {@code value} is normalised for the field's kind (lowercased text, phone
     * digits, a list of tags, a time); {@code bounds} holds a range's gt/gte/lt/lte.
     * {@code customField} is the custom field's id or key for {@link Field#CUSTOM_FIELD}.
     */
    public record Condition(Field field, String customField, Operator operator, Object value, Map<String, Object> bounds)
            implements Filter {
    }

    public record Sort(Field field, boolean descending) {
    }

    /** HighLevel's default order, newest first; its cursor is [dateAddedMillis, id]. */
    public static final List<Sort> NEWEST_FIRST = List.of(new Sort(Field.DATE_ADDED, true));
}

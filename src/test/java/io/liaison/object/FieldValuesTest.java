package io.liaison.object;

import io.liaison.phone.PhoneNumbers;
import io.liaison.error.Errors;
import io.liaison.error.Problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A field's value converted by its declared type ({@link FieldValues#convert}), the rule records and
 * the contact's custom fields share: what is stored for a good value, and the problem, naming the field
 * and the type, for a bad one. Plain JUnit: no service, no database. The HTTP tests (FieldTypesTest,
 * RecordResourceTest) keep the wiring.
 */
class FieldValuesTest {

    /** Phone values are read as written in the US when they carry no +country code (the default setting). */
    private static final FieldValues VALUES = new FieldValues(new PhoneNumbers("US"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AT = "properties.f";

    private static ObjectField field(FieldType type, String... options) {
        List<ObjectField.Option> declared = options.length == 0 ? null
                : java.util.Arrays.stream(options).map(o -> new ObjectField.Option(o, o.toUpperCase(), null)).toList();
        return ObjectField.builder().id("f1").key("f").name("F").type(type).options(declared).build();
    }

    private static ObjectField named(String key, FieldType type, String... options) {
        ObjectField f = field(type, options);
        return f.toBuilder().id(key + "_id").key(key).name(key).build();
    }

    private static ObjectField withCustomOptions(ObjectField f) {
        return f.toBuilder().allowCustomOption(true).build();
    }

    /** The stored value, or the problems. */
    private static Object convert(ObjectField field, String json) throws Exception {
        JsonNode value = JSON.readTree(json);
        Problems problems = new Problems();
        Optional<Object> stored = VALUES.convert(field, value, AT, problems);
        assertEquals(problems.isEmpty(), stored.isPresent(), "a value is stored exactly when there is no problem: " + problems.texts());
        return stored.isPresent() ? stored.get() : problems.list();
    }

    private static void refused(ObjectField field, String json, String mentions) throws Exception {
        Object result = convert(field, json);
        assertTrue(result instanceof List<?> problems && problems.size() == 1
                && problems.get(0) instanceof Problems.Problem problem && problem.field().equals(AT)
                && problem.message().contains(mentions),
                json + " as " + field.dataType() + ": " + result);
    }

    @Nested
    class Text {
        @Test
        void isStoredWithoutSurroundingSpaces() throws Exception {
            assertEquals("Blue", convert(field(FieldType.TEXT), "\"  Blue \""));
        }

        @Test
        void aNumberOrAnOverlongTextIsRefused() throws Exception {
            refused(field(FieldType.TEXT), "42", "must be a string (TEXT)");
            refused(field(FieldType.TEXT), "\"" + "x".repeat(FieldValues.MAX_TEXT + 1) + "\"", "at most " + FieldValues.MAX_TEXT);
        }

        @Test
        void largeTextTakesMoreThanText() throws Exception {
            String long1001 = "\"" + "x".repeat(FieldValues.MAX_TEXT + 1) + "\"";
            assertEquals(FieldValues.MAX_TEXT + 1, ((String) convert(field(FieldType.LARGE_TEXT), long1001)).length());
        }
    }

    @Nested
    class Numerical {
        @Test
        void wholeNumbersStayWholeAndFractionsStayFractions() throws Exception {
            assertEquals(250L, convert(field(FieldType.NUMERICAL), "250"));
            assertEquals(2.5, convert(field(FieldType.NUMERICAL), "2.5"));
        }

        @Test
        void textIsRefused() throws Exception {
            refused(field(FieldType.NUMERICAL), "\"250\"", "must be a number (NUMERICAL)");
        }
    }

    @Nested
    class Monetory {
        @Test
        void aNumberOrHighLevelsDefaultCurrencyObject() throws Exception {
            assertEquals(100L, convert(field(FieldType.MONETORY), "100"));
            assertEquals(99.5, convert(field(FieldType.MONETORY), "{\"currency\": \"default\", \"value\": 99.5}"));
            assertEquals(7L, convert(field(FieldType.MONETORY), "{\"value\": 7}"));
        }

        @Test
        void anotherCurrencyAnUnknownMemberOrTextIsRefused() throws Exception {
            refused(field(FieldType.MONETORY), "{\"currency\": \"USD\", \"value\": 1}", "location's currency");
            refused(field(FieldType.MONETORY), "{\"value\": 1, \"rate\": 2}", "(MONETORY)");
            refused(field(FieldType.MONETORY), "\"100\"", "(MONETORY)");
        }
    }

    @Nested
    class Date {
        @Test
        void anIsoDateIsStoredAsItIs() throws Exception {
            assertEquals("2024-02-29", convert(field(FieldType.DATE), "\"2024-02-29\""));
        }

        @Test
        void anImpossibleDateOrADateTimeIsRefused() throws Exception {
            refused(field(FieldType.DATE), "\"2023-02-29\"", "YYYY-MM-DD (DATE)");
            refused(field(FieldType.DATE), "\"2024-02-29T10:00:00Z\"", "YYYY-MM-DD (DATE)");
            refused(field(FieldType.DATE), "20240229", "YYYY-MM-DD (DATE)");
        }
    }

    @Nested
    class SingleOption {
        @Test
        void anOptionByItsKeyOrByItsLabelIsStoredAsItsKey() throws Exception {
            assertEquals("short", convert(field(FieldType.SINGLE_OPTIONS, "short", "long"), "\"short\""));
            assertEquals("long", convert(field(FieldType.SINGLE_OPTIONS, "short", "long"), "\"long\"".toUpperCase()));
        }

        @Test
        void anUnknownOptionIsRefusedNamingTheOptions() throws Exception {
            refused(field(FieldType.RADIO, "short", "long"), "\"medium\"", "[short, long] (RADIO)");
        }

        @Test
        void aRadioThatAllowsCustomOptionsKeepsTheCustomValue() throws Exception {
            assertEquals("medium", convert(withCustomOptions(field(FieldType.RADIO, "short", "long")), "\" medium \""));
        }
    }

    @Nested
    class ManyOptions {
        @Test
        void aListOfOptionsIsStoredOnceEachInTheGivenOrder() throws Exception {
            assertEquals(List.of("b", "a"), convert(field(FieldType.MULTIPLE_OPTIONS, "a", "b", "c"), "[\"b\", \"A\", \"b\"]"));
        }

        @Test
        void anUnknownOptionOrNotAListIsRefused() throws Exception {
            refused(field(FieldType.MULTIPLE_OPTIONS, "a", "b"), "[\"a\", \"z\"]", "list of options from [a, b]");
            refused(field(FieldType.MULTIPLE_OPTIONS, "a", "b"), "\"a\"", "list of options from [a, b]");
        }

        @Test
        void aCheckboxWithoutOptionsIsTrueOrFalse() throws Exception {
            assertEquals(true, convert(field(FieldType.CHECKBOX), "true"));
            refused(field(FieldType.CHECKBOX), "\"yes\"", "true or false (CHECKBOX)");
        }
    }

    @Nested
    class Phone {
        @Test
        void aPhoneNumberIsStoredWithoutSurroundingSpaces() throws Exception {
            assertEquals("+18888888888", convert(field(FieldType.PHONE), "\" +1 888-888-8888 \""));
        }

        @Test
        void wordsOrANumberAreRefused() throws Exception {
            refused(field(FieldType.PHONE), "\"call me\"", "(PHONE)");
            refused(field(FieldType.PHONE), "7000000", "(PHONE)");
        }

        @Test
        void aNumberNoRegionHasIsRefusedQuotingIt() throws Exception {
            refused(field(FieldType.PHONE), "\"+1 555 0100\"", "must be a valid phone number: '+1 555 0100'");
        }
    }

    /** A record's {@code properties} as a whole ({@link FieldValues#of}): keys in either form, text boxes, clearing. */
    @Nested
    class Properties {
        private final ObjectSchema tickets = ObjectSchema.builder().id("o1").locationId("loc").key("custom_objects.tickets")
                .primaryDisplayProperty("name")
                .fields(List.of(named("name", FieldType.TEXT), named("boxes", FieldType.TEXTBOX_LIST, "option_a", "option_b"))).build();

        private Map<String, Object> values(String json, boolean forUpdate) throws Exception {
            Map<String, JsonNode> given = new LinkedHashMap<>();
            JSON.readTree(json).fields().forEachRemaining(e -> given.put(e.getKey(), e.getValue()));
            return VALUES.of(tickets, given, forUpdate);
        }

        private void refusedAt(String json, String at, String mentions) {
            var refused = assertThrows(Errors.ValidationFailed.class, () -> values(json, false), json);
            assertEquals(at, refused.param(), refused.getMessage());
            assertTrue(refused.getMessage().contains(mentions), refused.getMessage());
        }

        @Test
        void keysInTheirLongFormAndTextBoxesOneByOneOrTogether() throws Exception {
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("name", "T");
            expected.put("boxes.option_a", "A");
            expected.put("boxes.option_b", "B");
            assertEquals(expected, values("{\"custom_objects.tickets.name\": \"T\", \"boxes.option_a\": \"A\", "
                    + "\"boxes\": {\"option_b\": \" B \"}}", false));
        }

        @Test
        void nullOrBlankClearsAField() throws Exception {
            Map<String, Object> cleared = new LinkedHashMap<>();
            cleared.put("name", null);
            cleared.put("boxes.option_a", null);
            assertEquals(cleared, values("{\"name\": null, \"boxes.option_a\": \"\"}", true));
        }

        @Test
        void anUnknownFieldOrTextBoxIsRefusedNamingIt() {
            refusedAt("{\"wheels\": 4}", "properties.wheels", "is not a field of custom_objects.tickets");
            refusedAt("{\"name.first\": \"x\"}", "properties.name.first", "is not a field");
            refusedAt("{\"boxes.option_z\": \"x\"}", "properties.boxes.option_z", "not an option");
        }

        @Test
        void textBoxesAreAnObjectOfBoundedTexts() {
            refusedAt("{\"boxes\": \"x\"}", "properties.boxes", "TEXTBOX_LIST");
            refusedAt("{\"boxes.option_a\": \"" + "x".repeat(FieldValues.MAX_TEXT + 1) + "\"}", "properties.boxes.option_a",
                    "at most " + FieldValues.MAX_TEXT);
        }

        @Test
        void everyProblemIsAnsweredAtOnce() {
            var refused = assertThrows(Errors.ValidationFailed.class, () -> values("{\"name\": 42, \"wheels\": 4}", false));
            assertEquals(2, refused.problems().size(), refused.problems().toString());
        }

        @Test
        void aCreateNeedsPropertiesAndAnUpdateMayLeaveThemOut() {
            var refused = assertThrows(Errors.ValidationFailed.class, () -> VALUES.of(tickets, null, false));
            assertEquals("properties", refused.param());
            assertEquals(Map.of(), VALUES.of(tickets, null, true));
        }
    }
}

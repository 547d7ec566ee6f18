package io.liaison.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.liaison.error.Errors;
import io.liaison.object.ContactFieldService;
import io.liaison.object.ObjectField;
import io.liaison.phone.PhoneNumbers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Contact field normalisation ({@link ContactFieldRules}) as plain Java: a request in, the properties a
 * write sets (or the 422 listing every field at fault) out. No service, no database; the HTTP tests
 * (ContactResourceTest, ContactFieldsTest) keep the wiring: a refused request writes nothing.
 */
class ContactFieldRulesTest {

    /** As the service's mapper writes them (quarkus.jackson.serialization-inclusion=non_null). */
    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** A defined field's value as ContactFieldService would convert it: here upper-cased, refused when "bad". */
    private static final ContactFieldRules.DefinedFieldValue CONVERTED = (field, value, at, problems) -> {
        if (value.asText().equals("bad")) {
            problems.add(at, "must be one of " + field.key() + "'s options");
            return value;
        }
        return NODES.textNode(value.asText().toUpperCase());
    };
    private static final ContactFieldRules RULES = new ContactFieldRules(new PhoneNumbers("US"), JSON, CONVERTED);

    private static Map<String, Object> given(ContactRequest.Builder request) {
        return RULES.given(request.build(), List.of());
    }

    private static ContactRequest.Builder request() {
        return ContactRequest.builder();
    }

    /** The request is refused with one 422 whose problems name these fields, in this order; its param is the first. */
    private static void assertRefused(List<String> fields, ContactRequest.Builder request, List<ObjectField> defined) {
        Errors.ValidationFailed failed = assertThrows(Errors.ValidationFailed.class, () -> RULES.given(request.build(), defined));
        assertEquals(fields.get(0), failed.param());
        List<String> problems = failed.problems();
        assertEquals(fields.size(), problems.size(), problems.toString());
        for (int i = 0; i < fields.size(); i++) {
            assertTrue(problems.get(i).startsWith(fields.get(i) + " "), problems.toString());
        }
    }

    private static void assertRefused(List<String> fields, ContactRequest.Builder request) {
        assertRefused(fields, request, List.of());
    }

    private static ObjectField field(String id, String key) {
        return new ObjectField(id, key, key, "SINGLE_OPTIONS", null, null, null, null, null, null, null, null);
    }

    @Nested
    class LeftOutClearedOrSet {

        @Test
        void aFieldLeftOutIsNotWrittenSoTheContactKeepsIt() {
            assertEquals(Map.of(), given(request()));
            assertFalse(given(request().firstName("Ann")).containsKey("lastName"));
        }

        @Test
        void anEmptyOrBlankFieldIsWrittenAsNullWhichClearsIt() {
            Map<String, Object> f = given(request().city("").email("  ").timezone("").gender("").dateOfBirth(" "));
            for (String key : List.of("city", "email", "emailLowerCase", "timezone", "gender", "dateOfBirth")) {
                assertTrue(f.containsKey(key), key);
                assertNull(f.get(key), key);
            }
        }

        @Test
        void textIsStoredWithoutItsSurroundingSpaces() {
            assertEquals("Ann", given(request().firstName("  Ann ")).get("firstName"));
        }
    }

    @Nested
    class EmailAndPhone {

        @Test
        void anEmailIsAlsoKeptLowerCasedForDuplicates() {
            Map<String, Object> f = given(request().email("Ann@Lee.IO"));
            assertEquals("Ann@Lee.IO", f.get("email"));
            assertEquals("ann@lee.io", f.get("emailLowerCase"));
        }

        @Test
        void aPhoneIsStoredInE164WithItsDigitsForDuplicates() {
            Map<String, Object> f = given(request().phone("(888) 555-0140"));
            assertEquals("+18885550140", f.get("phone"));
            assertEquals("18885550140", f.get("phoneDigits"));
        }

        @Test
        void aPhoneThatIsNoNumberIsRefusedNamingIt() {
            for (String phone : List.of("...", "---", "(-)", "+1 555 0100", "call me")) {
                assertRefused(List.of("phone"), request().phone(phone));
            }
        }

        @Test
        void anEmptyPhoneClearsItAndItsDigits() {
            Map<String, Object> f = given(request().phone(""));
            assertTrue(f.containsKey("phone") && f.get("phone") == null);
            assertTrue(f.containsKey("phoneDigits") && f.get("phoneDigits") == null);
        }
    }

    @Nested
    class DatesAndZones {

        @Test
        void aBirthDateInAnyOfHighLevelsFormatsIsKeptAsAnIsoDate() {
            for (String sent : List.of("1990-09-25", "1990/09/25", "1990.09.25", "1990_09_25", "09/25/1990", "09-25-1990",
                    "09.25.1990", "09_25_1990")) {
                assertEquals("1990-09-25", given(request().dateOfBirth(sent)).get("dateOfBirth"), sent);
            }
        }

        @Test
        void impossibleBirthDatesAreRefusedNotClamped() {
            assertRefused(List.of("dateOfBirth"), request().dateOfBirth("2021-02-31"));
            assertRefused(List.of("dateOfBirth"), request().dateOfBirth("yesterday"));
            assertEquals("2020-02-29", given(request().dateOfBirth("02/29/2020")).get("dateOfBirth"));
        }

        @Test
        void aTimezoneMustBeAnIanaZone() {
            assertEquals("America/Chicago", given(request().timezone(" America/Chicago ")).get("timezone"));
            assertRefused(List.of("timezone"), request().timezone("Mars/Base"));
        }
    }

    @Nested
    class GenderAndType {

        @Test
        void areOneOfTheirValuesInAnyCaseKeptLowerCased() {
            Map<String, Object> f = given(request().gender("Female").type("CUSTOMER"));
            assertEquals("female", f.get("gender"));
            assertEquals("customer", f.get("type"));
        }

        @Test
        void anythingElseIsRefusedNamingTheChoices() {
            Errors.ValidationFailed failed = assertThrows(Errors.ValidationFailed.class,
                    () -> RULES.given(request().gender("robot").type("vendor").build(), List.of()));
            assertEquals(List.of("gender must be one of male, female, other", "type must be one of lead, customer"),
                    failed.problems());
        }
    }

    @Nested
    class TagsAndDnd {

        @Test
        void tagsAreStrippedAndKeptOnce() {
            assertEquals(List.of("vip", "new"), given(request().tags(List.of(" vip", "new", "vip "))).get("tags"));
        }

        @Test
        void anEmptyTagListClearsTheTags() {
            assertEquals(List.of(), given(request().tags(List.of())).get("tags"));
        }

        @Test
        void dndSettingsAreKeptAsJsonTextWithoutTheMissingParts() throws Exception {
            var settings = new ContactRequest.DndSettings(new ContactRequest.DndSetting("active", "busy", null), null, null, null, null, null);
            Map<String, Object> f = given(request().dnd(false).dndSettings(settings)
                    .inboundDndSettings(new ContactRequest.InboundDndSettings(new ContactRequest.InboundDndSetting("inactive", null))));
            assertEquals(false, f.get("dnd"));
            assertEquals("{\"Call\":{\"status\":\"active\",\"message\":\"busy\"}}", f.get("dndSettings"));
            assertEquals(settings, JSON.readValue((String) f.get("dndSettings"), ContactRequest.DndSettings.class));
            assertEquals("{\"all\":{\"status\":\"inactive\"}}", f.get("inboundDndSettings"));
        }
    }

    @Nested
    class CustomFields {

        private static ContactRequest.CustomFieldValue value(String id, String key, JsonNode value) {
            return new ContactRequest.CustomFieldValue(id, key, value, null);
        }

        @Test
        void aNameNoFieldDefinesIsKeptAsGivenAndSearchableUnderIt() throws Exception {
            Map<String, Object> f = given(request().customFields(List.of(value(null, "note", NODES.textNode("Kept As Given")))));
            List<Contact.CustomField> kept = List.of(JSON.readValue((String) f.get("customFields"), Contact.CustomField[].class));
            assertEquals(List.of(new Contact.CustomField(null, "note", NODES.textNode("Kept As Given"))), kept);
            assertEquals(List.of("kept as given"), f.get(ContactFieldService.customFieldValuesProperty("note")));
        }

        @Test
        void aDefinedFieldIsKeptUnderItsIdAndKeyWithItsValueConvertedByItsType() throws Exception {
            List<ObjectField> defined = List.of(field("f1", "shape"));
            Map<String, Object> f = RULES.given(request().customFields(List.of(value(null, "contact.shape", NODES.textNode("fish"))))
                    .build(), defined);
            List<Contact.CustomField> kept = List.of(JSON.readValue((String) f.get("customFields"), Contact.CustomField[].class));
            assertEquals(List.of(new Contact.CustomField("f1", "shape", NODES.textNode("FISH"))), kept);
            assertEquals(List.of("fish"), f.get(ContactFieldService.customFieldValuesProperty("f1")));
            assertEquals(List.of("fish"), f.get(ContactFieldService.customFieldValuesProperty("shape")));
        }

        @Test
        void aNumberIsAlsoKeptAsANumberForRanges() {
            Map<String, Object> f = given(request().customFields(List.of(value("len", null, NODES.numberNode(290)))));
            assertEquals(290.0, f.get(ContactFieldService.customFieldNumberProperty("len")));
        }

        @Test
        void eachValueWithoutANameOrTooLongOrRefusedByItsTypeIsNamedByItsPlace() {
            List<ContactRequest.CustomFieldValue> values = new ArrayList<>();
            values.add(value(" ", null, NODES.textNode("no name")));
            values.add(null);
            values.add(value("big", null, NODES.textNode("x".repeat(ContactFieldRules.MAX_CUSTOM_FIELD_VALUE))));
            values.add(value("f1", null, NODES.textNode("bad")));
            values.add(value("fine", null, NODES.textNode("ok")));
            assertRefused(List.of("customFields[0]", "customFields[1]", "customFields[2].field_value", "customFields[3].field_value"),
                    request().customFields(values), List.of(field("f1", "shape")));
        }

        @Test
        void anEmptyListClearsEveryValue() {
            Map<String, Object> f = given(request().customFields(Collections.emptyList()));
            assertEquals("[]", f.get("customFields"));
        }
    }

    @Nested
    class EveryProblemAtOnce {

        @Test
        void oneRefusalListsEveryFieldAtFaultInTheOrderOfTheRequest() {
            assertRefused(List.of("phone", "timezone", "gender", "type", "dateOfBirth", "customFields[0]"),
                    request().phone("---").timezone("Nowhere/Else").gender("x").type("y").dateOfBirth("never")
                            .customFields(List.of(value(null, null, null))));
        }

        private static ContactRequest.CustomFieldValue value(String id, String key, JsonNode value) {
            return new ContactRequest.CustomFieldValue(id, key, value, null);
        }
    }
}

package io.liaison.object;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.liaison.error.Errors;
import io.liaison.error.Problems;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A field declaration checked ({@link FieldDeclarations}), the rule custom objects, the Custom Fields V2
 * API and the contact's custom fields share: the field it makes for a good one, and each problem, named
 * by the member it is about, for a bad one. Plain JUnit: no service, no database. The HTTP tests
 * (ObjectResourceTest, CustomFieldsV2Test, FieldTypesTest) keep one refusal per endpoint for the wiring.
 */
class FieldDeclarationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOARDS = "custom_objects.boards";
    private static final String BOARDS_ID = "BoardsObjectId123456";

    /** A declaration as a client sends it, by member name. */
    private static ObjectRequests.FieldBody body(Object... members) {
        return read(ObjectRequests.FieldBody.class, members);
    }

    private static ObjectRequests.FieldUpdate update(Object... members) {
        return read(ObjectRequests.FieldUpdate.class, members);
    }

    private static <T> T read(Class<T> type, Object... members) {
        Map<String, Object> given = new HashMap<>();
        for (int i = 0; i < members.length; i += 2) {
            given.put((String) members[i], members[i + 1]);
        }
        return JSON.convertValue(given, type);
    }

    /** The builder sets each of the body's members, as a client sending them by name does. */
    @Test
    void aBodyBuiltByNameIsTheBodyAClientSends() {
        ObjectRequests.OptionBody option = new ObjectRequests.OptionBody("red", "Red", null);
        ObjectRequests.FieldBody built = ObjectRequests.FieldBody.builder().locationId("LocationId1234567890").key("colour")
                .fieldKey("custom_objects.boards.colour").objectKey(BOARDS).name("Colour").dataType("RADIO").description("Its colour")
                .placeholder("Pick one").showInForms(false).options(List.of(option)).allowCustomOption(true)
                .acceptedFormats(JSON.valueToTree(".png")).maxFileLimit(JSON.valueToTree(2)).parentId(BOARDS_ID).build();
        assertEquals(body("locationId", "LocationId1234567890", "key", "colour", "fieldKey", "custom_objects.boards.colour",
                "objectKey", BOARDS, "name", "Colour", "dataType", "RADIO", "description", "Its colour", "placeholder", "Pick one",
                "showInForms", false, "options", List.of(Map.of("key", "red", "label", "Red")), "allowCustomOption", true,
                "acceptedFormats", ".png", "maxFileLimit", 2, "parentId", BOARDS_ID), built);
        assertEquals(new ObjectRequests.FieldBody(null, "k", null, null, "N", "TEXT", null, null, null, null, null, null, null, null),
                ObjectRequests.FieldBody.basic("k", "N", "TEXT"));
    }

    /** The problems of a declaration on the boards object, at "fields[1]" as in POST /objects/. */
    private static Problems problems(ObjectRequests.FieldBody body) {
        Problems problems = new Problems();
        ObjectField field = FieldDeclarations.field(BOARDS, BOARDS_ID, body, "fields[1]", problems);
        assertEquals(problems.isEmpty(), field != null, "a field is made exactly when there is no problem: " + problems.texts());
        return problems;
    }

    private static void refused(ObjectRequests.FieldBody body, String member, String mentions) {
        Problems problems = problems(body);
        assertTrue(problems.list().stream().anyMatch(p -> p.field().equals("fields[1]." + member) && p.message().contains(mentions)),
                member + " should be refused mentioning '" + mentions + "': " + problems.texts());
    }

    @Nested
    class Keys {
        @Test
        void aKeyInEitherFormMakesTheShortKey() {
            Problems problems = new Problems();
            assertEquals("length_cm", FieldDeclarations.field(BOARDS, null, body("key", "custom_objects.boards.length_cm", "name", "L",
                    "dataType", "NUMERICAL"), "", problems).key());
            assertEquals("length_cm", FieldDeclarations.field(BOARDS, null, body("fieldKey", "length_cm", "name", "L",
                    "dataType", "NUMERICAL"), "", problems).key());
            assertTrue(problems.isEmpty(), problems.texts().toString());
        }

        @Test
        void aBadlyFormedOrReservedKeyIsRefused() {
            refused(body("key", "Bad Key", "name", "Y", "dataType", "TEXT"), "key", "lowercase letters");
            refused(body("key", "id", "name", "Id", "dataType", "TEXT"), "key", "'id' is reserved");
            refused(body("name", "No key", "dataType", "TEXT"), "fieldKey", "should not be empty");
        }

        @Test
        void aKeyAndAFieldKeyNamingDifferentFieldsAreRefused() {
            refused(body("key", "a", "fieldKey", "custom_objects.boards.b", "name", "A", "dataType", "TEXT"), "fieldKey",
                    "name different fields");
        }

        @Test
        void anotherObjectOrFolderIsRefused() {
            refused(body("key", "a", "name", "A", "dataType", "TEXT", "objectKey", "custom_objects.other"), "objectKey",
                    "must be " + BOARDS);
            refused(body("key", "a", "name", "A", "dataType", "TEXT", "parentId", "SomeOtherFolder12345"), "parentId",
                    "must be " + BOARDS_ID);
            assertTrue(problems(body("key", "a", "name", "A", "dataType", "TEXT", "objectKey", "boards", "parentId", BOARDS_ID)).isEmpty());
        }
    }

    @Nested
    class Types {
        @Test
        void aNameAndAKnownTypeAreNeeded() {
            Problems problems = problems(body("key", "size", "name", "", "dataType", "NUMBER"));
            assertEquals(List.of("fields[1].name", "fields[1].dataType"), problems.list().stream().map(Problems.Problem::field).toList());
        }

        @Test
        void fileUploadsAreRefusedSayingWhy() {
            refused(body("key", "files", "name", "Files", "dataType", "FILE_UPLOAD"), "dataType", "Liaison stores no files");
            refused(body("key", "a", "name", "A", "dataType", "TEXT", "acceptedFormats", ".pdf"), "acceptedFormats", "FILE_UPLOAD");
            refused(body("key", "a", "name", "A", "dataType", "TEXT", "maxFileLimit", 2), "maxFileLimit", "FILE_UPLOAD");
        }

        @Test
        void customOptionsAreForRadioOnly() {
            refused(body("key", "a", "name", "A", "dataType", "TEXT", "allowCustomOption", true), "allowCustomOption", "RADIO");
            Problems problems = new Problems();
            ObjectField radio = FieldDeclarations.field(BOARDS, null, body("key", "a", "name", "A", "dataType", "RADIO",
                    "allowCustomOption", true, "options", List.of(Map.of("key", "x", "label", "X"))), "", problems);
            assertEquals(Boolean.TRUE, radio.allowCustomOption());
        }
    }

    @Nested
    class Options {
        @Test
        void optionTypesNeedOptionsAndOtherTypesTakeNone() {
            refused(body("key", "shape", "name", "Shape", "dataType", "SINGLE_OPTIONS"), "options", "should not be empty");
            refused(body("key", "boxes", "name", "Boxes", "dataType", "TEXTBOX_LIST"), "options", "should not be empty");
            refused(body("key", "pick", "name", "Pick", "dataType", "RADIO"), "options", "should not be empty");
            refused(body("key", "size", "name", "Size", "dataType", "TEXT", "options", List.of(Map.of("key", "s"))), "options",
                    "are only for");
        }

        @Test
        void optionKeysAreWellFormedAndGivenOnce() {
            refused(body("key", "a", "name", "A", "dataType", "SINGLE_OPTIONS", "options", List.of(Map.of("key", "x y", "label", "X"))),
                    "options[0].key", "letters, digits");
            refused(body("key", "a", "name", "A", "dataType", "SINGLE_OPTIONS", "options",
                    List.of(Map.of("key", "x", "label", "X"), Map.of("key", "x", "label", "Again"))), "options[1].key", "given twice");
        }

        @Test
        void aUrlIsForRadioOptionsOnly() {
            refused(body("key", "a", "name", "A", "dataType", "SINGLE_OPTIONS", "options",
                    List.of(Map.of("key", "x", "label", "X", "url", "https://e.com/x.png"))), "options[0].url", "RADIO");
        }

        @Test
        void anOptionKeyIsMadeFromItsLabelAsHighLevelDoes() {
            assertEquals("long_board", FieldDeclarations.optionKeyOf("Long board"));
            assertEquals("creme_brulee", FieldDeclarations.optionKeyOf(" Crème brûlée! "));
        }
    }

    @Nested
    class Updates {
        private final ObjectField shape = FieldDeclarations.field(BOARDS, null, body("key", "shape", "name", "Shape",
                "dataType", "SINGLE_OPTIONS", "options", List.of(Map.of("key", "fish", "label", "Fish"), Map.of("key", "gun", "label", "Gun"))),
                "", new Problems());

        @Test
        void optionsAreRelabelledAndAddedKeepingTheirKeys() {
            ObjectField changed = FieldDeclarations.updated(shape, update("name", "Board shape", "options",
                    List.of(Map.of("key", "fish", "label", "Fish tail"), Map.of("label", "Gun"), Map.of("label", "Mini mal"))));
            assertEquals("Board shape", changed.name());
            assertEquals(List.of("fish", "gun", "mini_mal"), changed.optionKeys());
            assertEquals("Fish tail", changed.options().get(0).label());
            assertEquals(shape.id(), changed.id());
            assertNotNull(changed.dateUpdated());
        }

        @Test
        void anOptionRecordsMayHoldIsNeverRemoved() {
            var refused = assertThrows(Errors.ValidationFailed.class, () -> FieldDeclarations.updated(shape,
                    update("options", List.of(Map.of("key", "fish", "label", "Fish")))));
            assertEquals("options", refused.param());
            assertTrue(refused.getMessage().contains("'gun'"), refused.getMessage());
        }

        @Test
        void fileSettingsAreRefusedAndLeftOutMembersAreKept() {
            var refused = assertThrows(Errors.ValidationFailed.class, () -> FieldDeclarations.updated(shape, update("maxFileLimit", 3)));
            assertEquals("maxFileLimit", refused.param());
            ObjectField kept = FieldDeclarations.updated(shape, update("placeholder", "Which?"));
            assertEquals("Shape", kept.name());
            assertEquals(shape.optionKeys(), kept.optionKeys());
            assertEquals("Which?", kept.placeholder());
            assertNull(FieldDeclarations.updated(kept, update("placeholder", "")).placeholder(), "an empty text clears");
        }
    }
}

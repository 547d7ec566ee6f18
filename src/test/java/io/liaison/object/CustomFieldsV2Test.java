package io.liaison.object;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.liaison.support.HighLevelSchema;
import io.liaison.support.Race;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HighLevel's Custom Fields V2 API (/custom-fields/) over the fields custom objects declare. */
@QuarkusTest
class CustomFieldsV2Test {

    private Tenant tenant;
    private String surfboards;
    private String objectId;

    @BeforeEach
    void surfboards() {
        tenant = Api.newTenant("Custom fields V2");
        surfboards = Objects.createObject(tenant, "custom_objects.surfboards", "Surfboard");
        objectId = tenant.request().get("/objects/" + surfboards).then().statusCode(200).extract().path("object.id");
    }

    private Map<String, Object> field(String fieldKey, String dataType) {
        Map<String, Object> body = new HashMap<>();
        body.put("locationId", tenant.locationId());
        body.put("objectKey", surfboards);
        body.put("fieldKey", fieldKey);
        body.put("name", "Field " + fieldKey);
        body.put("dataType", dataType);
        return body;
    }

    private String create(Map<String, Object> body) {
        return tenant.request().body(body).post("/custom-fields/").then().statusCode(201).extract().path("field.id");
    }

    private List<String> fieldKeys() {
        return tenant.request().get("/custom-fields/object-key/" + surfboards).then().statusCode(200).extract().path("fields.fieldKey");
    }

    @Test
    void aFieldIsCreatedReadAndListedInHighLevelsShapeWithEverySettingKept() {
        Map<String, Object> body = field("custom_object.surfboards.fin_setup", "RADIO");
        body.put("description", "How the fins are set");
        body.put("placeholder", "Pick one");
        body.put("showInForms", false);
        body.put("allowCustomOption", true);
        body.put("parentId", objectId);
        body.put("options", List.of(Map.of("key", "thruster", "label", "Thruster", "url", "https://example.com/thruster.png"),
                Map.of("key", "quad", "label", "Quad")));
        String created = tenant.request().body(body).post("/custom-fields/").then().statusCode(201)
                .body("field.fieldKey", equalTo("custom_objects.surfboards.fin_setup"))
                .body("field.objectKey", equalTo(surfboards))
                .body("field.parentId", equalTo(objectId))
                .body("field.placeholder", equalTo("Pick one"))
                .body("field.showInForms", equalTo(false))
                .body("field.allowCustomOption", equalTo(true))
                .body("field.description", equalTo("How the fins are set"))
                .body("field.options[0].url", equalTo("https://example.com/thruster.png"))
                .extract().asString();
        HighLevelSchema.assertMatches("apps/objects.json", "ICustomField", fieldOf(created));
        String id = io.restassured.path.json.JsonPath.from(created).getString("field.id");

        String read = tenant.request().get("/custom-fields/" + id).then().statusCode(200)
                .body("field.placeholder", equalTo("Pick one")).body("field.showInForms", equalTo(false)).extract().asString();
        HighLevelSchema.assertMatches("apps/objects.json", "ICustomField", fieldOf(read));
        tenant.request().get("/custom-fields/object-key/" + surfboards).then().statusCode(200)
                .body("fields.fieldKey", hasItem("custom_objects.surfboards.fin_setup"))
                .body("folders[0].id", equalTo(objectId));
        tenant.request().queryParam("fetchProperties", true).get("/objects/" + surfboards).then().statusCode(200)
                .body("fields.find { it.id == '" + id + "' }.placeholder", equalTo("Pick one"));

        // allowCustomOption: a RADIO record may hold a value that is not an option, as in HighLevel.
        tenant.request().body(Map.of("locationId", tenant.locationId(), "properties", Map.of("name", "Board", "fin_setup", "five fins")))
                .post("/objects/" + surfboards + "/records").then().statusCode(201)
                .body("record.properties.fin_setup", equalTo("five fins"));
    }

    /** allowCustomOption on a RADIO field keeps false as it keeps true, when created and when changed. */
    @Test
    void allowCustomOptionRoundTripsFalseAndTrue() {
        Map<String, Object> body = field("stance", "RADIO");
        body.put("allowCustomOption", false);
        body.put("options", List.of(Map.of("key", "regular", "label", "Regular"), Map.of("key", "goofy", "label", "Goofy")));
        String id = tenant.request().body(body).post("/custom-fields/").then().statusCode(201)
                .body("field.allowCustomOption", equalTo(false)).extract().path("field.id");
        tenant.request().get("/custom-fields/" + id).then().statusCode(200).body("field.allowCustomOption", equalTo(false));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "properties", Map.of("name", "Board", "stance", "switch")))
                .post("/objects/" + surfboards + "/records").then().statusCode(422);

        tenant.request().body(Map.of("locationId", tenant.locationId(), "allowCustomOption", true)).put("/custom-fields/" + id)
                .then().statusCode(200).body("field.allowCustomOption", equalTo(true));
        tenant.request().get("/custom-fields/" + id).then().body("field.allowCustomOption", equalTo(true));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "allowCustomOption", false)).put("/custom-fields/" + id)
                .then().statusCode(200).body("field.allowCustomOption", equalTo(false));
        tenant.request().get("/custom-fields/" + id).then().body("field.allowCustomOption", equalTo(false));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "name", "Stance")).put("/custom-fields/" + id)
                .then().statusCode(200).body("field.allowCustomOption", equalTo(false));
    }

    /** The field inside a {@code {field}} answer, as JSON. */
    private static String fieldOf(String envelope) {
        try {
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            return json.writeValueAsString(json.readTree(envelope).get("field"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void settingsLiaisonDoesNotKeepAreRefusedNamingThemAndNothingIsWritten() {
        // The declaration's own refusals (file settings, parentId, allowCustomOption, option urls, key against fieldKey) are
        // FieldDeclarationsTest's; here, one of them and the members the request reader refuses.
        refused(with(field("a", "TEXT"), "required", true), "required", "UNKNOWN_FIELD");
        refused(with(field("a", "SINGLE_OPTIONS"), "options", List.of(Map.of("key", "x", "label", "X", "colour", "red"))),
                "options[0].colour", "UNKNOWN_FIELD");
        refused(field("a", "FILE_UPLOAD"), "dataType", "VALIDATION_FAILED");
        refused(with(field("a", "TEXT"), "objectKey", "contact"), "objectKey", "STANDARD_OBJECT");
        // The same strictness on Liaison's own field endpoint and on an object's fields.
        tenant.request().body(Map.of("locationId", tenant.locationId(), "key", "a", "name", "A", "dataType", "TEXT", "required", true))
                .post("/objects/" + surfboards + "/fields").then().statusCode(422).body("code", equalTo("UNKNOWN_FIELD"))
                .body("param", equalTo("required"));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "key", "a", "name", "A", "dataType", "TEXT",
                "objectKey", "custom_objects.other")).post("/objects/" + surfboards + "/fields").then().statusCode(422)
                .body("param", equalTo("objectKey"));
        Map<String, Object> object = Objects.objectBody(tenant, "custom_objects.wetsuits", "Wetsuit", "Wetsuits");
        object.put("fields", List.of(Map.of("key", "size", "name", "Size", "dataType", "TEXT", "searchable", true)));
        tenant.request().body(object).post("/objects/").then().statusCode(422).body("code", equalTo("UNKNOWN_FIELD"))
                .body("param", equalTo("fields[0].searchable"));
        object.remove("fields");
        object.put("icon", "wave");
        tenant.request().body(object).post("/objects/").then().statusCode(422).body("param", equalTo("icon"));
        assertEquals(List.of("custom_objects.surfboards.name"), fieldKeys());
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        body.put(key, value);
        return body;
    }

    private void refused(Map<String, Object> body, String param, String code) {
        tenant.request().body(body).post("/custom-fields/").then().statusCode(code.equals("STANDARD_OBJECT") ? 400 : 422)
                .body("code", equalTo(code)).body("param", equalTo(param));
    }

    @Test
    void anUpdateChangesTheSettingsKeepsEveryOptionKeyAndNeverTheType() {
        Map<String, Object> body = field("shape", "SINGLE_OPTIONS");
        body.put("options", List.of(Map.of("key", "fish", "label", "Fish"), Map.of("key", "gun", "label", "Gun")));
        String id = create(body);
        String path = "/custom-fields/" + id;
        tenant.request().body(Map.of("locationId", tenant.locationId(), "name", "Board shape", "placeholder", "Which shape?",
                        "options", List.of(Map.of("key", "fish", "label", "Fish tail"), Map.of("label", "Gun"), Map.of("label", "Mini mal"))))
                .put(path).then().statusCode(200)
                .body("field.name", equalTo("Board shape"))
                .body("field.placeholder", equalTo("Which shape?"))
                .body("field.options.key", contains("fish", "gun", "mini_mal"))
                .body("field.options.label", contains("Fish tail", "Gun", "Mini mal"))
                .body("field.fieldKey", equalTo("custom_objects.surfboards.shape"));
        // Removing an option and file settings: FieldDeclarationsTest; here, that an update's refusal reaches the client.
        tenant.request().body(Map.of("options", List.of(Map.of("key", "fish", "label", "Fish")))).put(path).then().statusCode(422)
                .body("message", hasItem(containsString("'gun'")));
        tenant.request().body(Map.of("dataType", "TEXT")).put(path).then().statusCode(422).body("code", equalTo("UNKNOWN_FIELD"))
                .body("param", equalTo("dataType"));
        tenant.request().get(path).then().statusCode(200).body("field.options.key", contains("fish", "gun", "mini_mal"))
                .body("field.dataType", equalTo("SINGLE_OPTIONS"));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "properties", Map.of("name", "B", "shape", "Mini mal")))
                .post("/objects/" + surfboards + "/records").then().statusCode(201).body("record.properties.shape", equalTo("mini_mal"));
    }

    @Test
    void aFieldRecordsHoldIsNotDeletedUntilTheirValuesAreCleared() {
        String id = create(field("length_cm", "NUMERICAL"));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "searchableProperties", List.of("name", "length_cm")))
                .put("/objects/" + surfboards).then().statusCode(200);
        String record = Objects.createRecord(tenant, surfboards, Map.of("name", "Log", "length_cm", 290));
        tenant.request().delete("/custom-fields/" + id).then().statusCode(409).body("code", equalTo("FIELD_IN_USE"))
                .body("details.records", equalTo(1));
        tenant.request().get("/custom-fields/" + id).then().statusCode(200);

        tenant.request().body(Map.of("properties", Map.of("length_cm", ""))).put("/objects/" + surfboards + "/records/" + record)
                .then().statusCode(200);
        tenant.request().delete("/custom-fields/" + id).then().statusCode(200).body("succeded", equalTo(true))
                .body("key", equalTo("custom_objects.surfboards.length_cm"));
        tenant.request().get("/custom-fields/" + id).then().statusCode(404);
        tenant.request().get("/objects/" + surfboards).then().statusCode(200)
                .body("object.searchableProperties", contains("custom_objects.surfboards.name"));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "properties", Map.of("name", "Log", "length_cm", 1)))
                .post("/objects/" + surfboards + "/records").then().statusCode(422).body("message", hasItem(startsWith("properties.length_cm")));

        String primary = tenant.request().get("/custom-fields/object-key/" + surfboards).then().extract().path("fields[0].id");
        tenant.request().delete("/custom-fields/" + primary).then().statusCode(409).body("code", equalTo("PRIMARY_DISPLAY_PROPERTY"));
    }

    @Test
    void concurrentCreatesOfOneFieldKeyMakeExactlyOneField() throws Exception {
        List<Callable<Integer>> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            requests.add(() -> tenant.request().body(field("custom_objects.surfboards.colour", "TEXT")).post("/custom-fields/").statusCode());
        }
        List<Integer> statuses = Race.run(requests);
        assertEquals(1, Race.count(statuses, 201), statuses.toString());
        assertEquals(7, Race.count(statuses, 409), statuses.toString());
        assertEquals(List.of("custom_objects.surfboards.name", "custom_objects.surfboards.colour"), fieldKeys());
    }

    /**
     * Records written while their field is deleted: either the deletion sees a value and is refused, or
     * the writes that come after it are refused. Never a deleted field with values left behind.
     */
    @Test
    void aFieldDeletedWhileRecordsAreWrittenLeavesNoValueBehind() throws Exception {
        String id = create(field("wax", "TEXT"));
        String record = Objects.createRecord(tenant, surfboards, "Waxed board");
        List<Callable<Integer>> requests = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            requests.add(() -> tenant.request().body(Map.of("properties", Map.of("wax", "warm " + n)))
                    .put("/objects/" + surfboards + "/records/" + record).statusCode());
        }
        requests.add(() -> tenant.request().delete("/custom-fields/" + id).statusCode());
        List<Integer> statuses = Race.run(requests);
        int deletion = statuses.get(statuses.size() - 1);
        assertTrue(deletion == 200 || deletion == 409, statuses.toString());
        var properties = tenant.request().get("/objects/" + surfboards + "/records/" + record).then().statusCode(200)
                .extract().jsonPath().getMap("record.properties");
        if (deletion == 200) {
            assertTrue(!properties.containsKey("wax"), "a deleted field kept a value: " + properties + " " + statuses);
            assertEquals(List.of("custom_objects.surfboards.name"), fieldKeys());
        } else {
            assertTrue(properties.containsKey("wax"), properties.toString());
        }
        // A write reads the object under the lock it writes with: refused for the deleted field (422), never 409 OBJECT_CHANGED.
        statuses.subList(0, 6).forEach(s -> assertTrue(s == 200 || s == 422, statuses.toString()));
    }

    /**
     * Records created while their field is deleted, each create in one transaction that checks its
     * values against the object as it is under the object's lock: a create either comes first (its
     * value then keeps the field) or after the deletion (422, the field is gone). Never a deleted
     * field with values left behind, never a create refused only because the object changed meanwhile.
     */
    @Test
    void aFieldDeletedWhileRecordsAreCreatedLeavesNoValueBehind() throws Exception {
        String id = create(field("wax", "TEXT"));
        List<Callable<Integer>> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            requests.add(() -> tenant.request().body(Map.of("properties", Map.of("name", "Board " + n, "wax", "warm " + n)))
                    .post("/objects/" + surfboards + "/records").statusCode());
        }
        requests.add(() -> tenant.request().delete("/custom-fields/" + id).statusCode());
        List<Integer> statuses = Race.run(requests);
        int deletion = statuses.get(statuses.size() - 1);
        assertTrue(deletion == 200 || deletion == 409, statuses.toString());
        statuses.subList(0, 8).forEach(s -> assertTrue(s == 201 || s == 422, statuses.toString()));
        List<Map<String, Object>> records = tenant.request().body(Map.of("locationId", tenant.locationId(), "pageLimit", 100))
                .post("/objects/" + surfboards + "/records/search").then().statusCode(200).extract().jsonPath().getList("records.properties");
        assertEquals(Race.count(statuses.subList(0, 8), 201), records.size(), statuses.toString());
        long withWax = records.stream().filter(p -> p.containsKey("wax")).count();
        if (deletion == 200) {
            assertEquals(0, withWax, "a deleted field kept a value: " + records + " " + statuses);
            assertEquals(List.of("custom_objects.surfboards.name"), fieldKeys());
        } else {
            assertTrue(withWax > 0, records.toString());
            assertEquals(records.size(), withWax, records.toString());
        }
    }

    @Test
    void anotherLocationsFieldBehavesAsMissing() {
        String id = create(field("fins", "NUMERICAL"));
        Tenant other = Api.newTenant("Other surf shop");
        other.request().get("/custom-fields/" + id).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        other.request().body(Map.of("name", "Stolen")).put("/custom-fields/" + id).then().statusCode(404);
        other.request().delete("/custom-fields/" + id).then().statusCode(404);
        other.request().get("/custom-fields/object-key/" + surfboards).then().statusCode(404);
        Map<String, Object> body = field("intruder", "TEXT");
        body.put("locationId", other.locationId());
        other.request().body(body).post("/custom-fields/").then().statusCode(404);
        other.request().body(field("intruder", "TEXT")).post("/custom-fields/").then().statusCode(403);
        tenant.request().get("/custom-fields/" + id).then().statusCode(200).body("field.name", equalTo("Field fins"));
        assertEquals(List.of("custom_objects.surfboards.name", "custom_objects.surfboards.fins"), fieldKeys());
        tenant.request().get("/custom-fields/object-key/" + surfboards).then().body("fields", hasSize(2))
                .body("fields.name", not(hasItem("Field intruder")));
    }
}

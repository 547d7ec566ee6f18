package io.liaison.contact;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.liaison.support.HighLevelSchema;
import io.liaison.support.Race;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HighLevel's /locations/{locationId}/customFields: the contact's custom field definitions, and contact values for them. */
@QuarkusTest
class ContactCustomFieldsTest {

    private Tenant tenant;
    private String fields;

    @BeforeEach
    void tenant() {
        tenant = Api.newTenant("Contact custom fields");
        fields = "/locations/" + tenant.locationId() + "/customFields";
    }

    private String create(Map<String, Object> body) {
        return tenant.request().body(body).post(fields).then().statusCode(201).extract().path("customField.id");
    }

    private static String customField(String envelope) throws Exception {
        var json = new ObjectMapper();
        return json.writeValueAsString(json.readTree(envelope).get("customField"));
    }

    @Test
    void aFieldIsDefinedReadListedAndUpdatedInHighLevelsShape() throws Exception {
        String created = tenant.request().body(Map.of("name", "Pin code", "dataType", "TEXT", "placeholder", "Your pin", "position", 2,
                "model", "contact")).post(fields).then().statusCode(201)
                .body("customField.fieldKey", equalTo("contact.pin_code"))
                .body("customField.placeholder", equalTo("Your pin"))
                .body("customField.position", equalTo(2))
                .body("customField.model", equalTo("contact"))
                .body("customField.locationId", equalTo(tenant.locationId())).extract().asString();
        HighLevelSchema.assertMatches("apps/locations.json", "CustomFieldSuccessfulResponseDto", created);
        HighLevelSchema.assertMatches("apps/locations.json", "CustomFieldSchema", customField(created));
        String id = io.restassured.path.json.JsonPath.from(created).getString("customField.id");

        tenant.request().get(fields + "/" + id).then().statusCode(200).body("customField.name", equalTo("Pin code"));
        tenant.request().get(fields + "/contact.pin_code").then().statusCode(200).body("customField.id", equalTo(id));
        String list = tenant.request().get(fields).then().statusCode(200).body("customFields.id", contains(id)).extract().asString();
        HighLevelSchema.assertMatches("apps/locations.json", "CustomFieldsListSuccessfulResponseDto", list);
        tenant.request().queryParam("model", "opportunity").get(fields).then().statusCode(200).body("customFields", hasSize(0));

        String board = create(Map.of("name", "Board", "dataType", "SINGLE_OPTIONS", "options", List.of("Long board", "Fish")));
        tenant.request().body(Map.of("name", "Board type", "options", List.of("Long board", "Fish", "Gun"))).put(fields + "/" + board)
                .then().statusCode(200).body("customField.name", equalTo("Board type"))
                .body("customField.fieldKey", equalTo("contact.board"))
                .body("customField.picklistOptions", contains("Long board", "Fish", "Gun"));
        tenant.request().body(Map.of("name", "Board type", "options", List.of("Fish"))).put(fields + "/" + board).then().statusCode(422)
                .body("message", hasItem(startsWith("options must keep the option 'long_board'")));
        String boxes = create(Map.of("name", "Sizes", "dataType", "TEXTBOX_LIST",
                "textBoxListOptions", List.of(Map.of("label", "Chest", "prefillValue", ""), Map.of("label", "Waist"))));
        tenant.request().get(fields + "/" + boxes).then().body("customField.picklistOptions", contains("Chest", "Waist"));
    }

    @Test
    void whatLiaisonDoesNotKeepIsRefusedNamingItAndNothingIsWritten() {
        refused(Map.of("name", "Scan", "dataType", "TEXT", "acceptedFormat", List.of(".pdf")), "acceptedFormat", "VALIDATION_FAILED");
        refused(Map.of("name", "Scan", "dataType", "TEXT", "isMultipleFile", true), "isMultipleFile", "VALIDATION_FAILED");
        refused(Map.of("name", "Scan", "dataType", "TEXT", "maxNumberOfFiles", 2), "maxNumberOfFiles", "VALIDATION_FAILED");
        refused(Map.of("name", "Deal size", "dataType", "TEXT", "model", "opportunity"), "model", "VALIDATION_FAILED");
        refused(Map.of("name", "Scan", "dataType", "FILE_UPLOAD"), "dataType", "VALIDATION_FAILED");
        refused(Map.of("name", "Scan", "dataType", "TEXT", "fieldKey", "contact.scan"), "fieldKey", "UNKNOWN_FIELD");
        refused(Map.of("name", "Sizes", "dataType", "TEXTBOX_LIST", "textBoxListOptions", List.of(Map.of("label", "Chest", "prefillValue", "90"))),
                "textBoxListOptions[0].prefillValue", "VALIDATION_FAILED");
        refused(Map.of("name", "1st board", "dataType", "TEXT"), "name", "VALIDATION_FAILED");
        tenant.request().get(fields).then().statusCode(200).body("customFields", hasSize(0));
    }

    private void refused(Map<String, Object> body, String param, String code) {
        tenant.request().body(body).post(fields).then().statusCode(422).body("code", equalTo(code)).body("param", equalTo(param));
    }

    @Test
    void contactValuesForADefinedFieldAreCheckedAndKeptUnderItsIdAndKey() {
        String length = create(Map.of("name", "Board length", "dataType", "NUMERICAL"));
        String shape = create(Map.of("name", "Shape", "dataType", "SINGLE_OPTIONS", "options", List.of("Long board", "Fish")));
        String contact = tenant.createContact(Map.of("firstName", "Kelly", "customFields", List.of(
                Map.of("key", "board_length", "field_value", 290),
                Map.of("id", shape, "field_value", "Fish"),
                Map.of("key", "undefined_note", "field_value", "kept as before"))));
        tenant.request().get("/contacts/" + contact).then().statusCode(200)
                .body("contact.customFields.find { it.key == 'board_length' }.id", equalTo(length))
                .body("contact.customFields.find { it.key == 'board_length' }.value", equalTo(290))
                .body("contact.customFields.find { it.id == '" + shape + "' }.value", equalTo("fish"))
                .body("contact.customFields.find { it.key == 'undefined_note' }.value", equalTo("kept as before"));
        // Found by every name of the field: its id, its key, and the contact.<key> the field API answers.
        for (String name : List.of("customFields." + length, "customFields.board_length", "customFields.contact.board_length")) {
            tenant.request().body(Map.of("filters", List.of(Map.of("field", name, "operator", "range", "value", Map.of("gte", 250)))))
                    .post("/contacts/search").then().statusCode(200).body("contacts.id", contains(contact));
        }
        tenant.request().body(Map.of("filters", List.of(Map.of("field", "customFields.contact.shape", "operator", "eq", "value", "fish"))))
                .post("/contacts/search").then().statusCode(200).body("contacts.id", contains(contact));
        // A name no field defines is found as it was given, while a contact holds a value under it.
        tenant.request().body(Map.of("filters", List.of(Map.of("field", "customFields.undefined_note", "operator", "exists"))))
                .post("/contacts/search").then().statusCode(200).body("contacts.id", contains(contact));
        // Any other name is a 422 naming it, not an empty result.
        tenant.request().body(Map.of("filters", List.of(Map.of("field", "customFields.board_lenght", "operator", "exists"))))
                .post("/contacts/search").then().statusCode(422).body("param", equalTo("filters[0].field"))
                .body("message", hasItem(containsString("'customFields.board_lenght' names no custom field")));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "firstName", "Bad", "customFields",
                        List.of(Map.of("id", length, "field_value", "long"))))
                .post("/contacts/").then().statusCode(422).body("param", equalTo("customFields[0].field_value"));
        tenant.request().body(Map.of("customFields", List.of(Map.of("id", shape, "field_value", "Gun")))).put("/contacts/" + contact)
                .then().statusCode(422).body("message", hasItem(startsWith("customFields[0].field_value must be one of")));
    }

    @Test
    void aFieldContactsHoldIsNotDeletedUntilTheirValuesAreCleared() {
        String id = create(Map.of("name", "Stance", "dataType", "TEXT"));
        String contact = tenant.createContact(Map.of("firstName", "Goofy", "customFields", List.of(Map.of("id", id, "field_value", "goofy"))));
        tenant.request().delete(fields + "/" + id).then().statusCode(409).body("code", equalTo("FIELD_IN_USE"))
                .body("details.contacts", equalTo(1));
        tenant.request().body(Map.of("customFields", List.of())).put("/contacts/" + contact).then().statusCode(200);
        tenant.request().delete(fields + "/" + id).then().statusCode(200).body("succeded", equalTo(true));
        tenant.request().get(fields + "/" + id).then().statusCode(404);
        tenant.request().get(fields).then().body("customFields", hasSize(0));
    }

    @Test
    void concurrentCreatesOfOneNameMakeExactlyOneField() throws Exception {
        List<Callable<Integer>> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            requests.add(() -> tenant.request().body(Map.of("name", "Home break", "dataType", "TEXT")).post(fields).statusCode());
        }
        List<Integer> statuses = Race.run(requests);
        assertEquals(1, Race.count(statuses, 201), statuses.toString());
        assertEquals(7, Race.count(statuses, 409), statuses.toString());
        tenant.request().get(fields).then().body("customFields.fieldKey", contains("contact.home_break"));
    }

    @Test
    void anotherLocationsFieldBehavesAsMissing() {
        String id = create(Map.of("name", "Secret", "dataType", "TEXT"));
        Tenant other = Api.newTenant("Other shop");
        String theirs = "/locations/" + other.locationId() + "/customFields/";
        other.request().get(theirs + id).then().statusCode(404);
        other.request().get(theirs + "contact.secret").then().statusCode(404);
        other.request().body(Map.of("name", "Mine now")).put(theirs + id).then().statusCode(404);
        other.request().delete(theirs + id).then().statusCode(404);
        other.request().get(fields).then().statusCode(403);
        other.request().get(theirs).then().statusCode(200).body("customFields", hasSize(0));
        // Their contacts naming it keep the value as an unknown field, as before definitions existed.
        String contact = other.createContact(Map.of("firstName", "X", "customFields", List.of(Map.of("id", id, "field_value", 5))));
        other.request().get("/contacts/" + contact).then().body("contact.customFields[0].key", equalTo(null));
        tenant.request().get(fields + "/" + id).then().statusCode(200).body("customField.name", equalTo("Secret"));
    }
}

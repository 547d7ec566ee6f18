package io.liaison.object;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HighLevel's PHONE, MONETORY, RADIO and TEXTBOX_LIST field types on custom objects, with their values checked. */
@QuarkusTest
class FieldTypesTest {

    private Tenant tenant;
    private String tickets;
    private String records;

    @BeforeEach
    void tickets() {
        tenant = Api.newTenant("Field types");
        Map<String, Object> body = Objects.objectBody(tenant, "custom_objects.tickets", "Ticket", "Tickets");
        body.put("fields", List.of(
                Map.of("key", "phone_number", "name", "Phone", "dataType", "PHONE"),
                Map.of("key", "money", "name", "Money", "dataType", "MONETORY"),
                Map.of("key", "type_of_ticket", "name", "Type", "dataType", "RADIO",
                        "options", List.of(Map.of("key", "doubt", "label", "Doubt"), Map.of("key", "bug", "label", "Bug"))),
                Map.of("key", "my_textbox_list", "name", "Boxes", "dataType", "TEXTBOX_LIST",
                        "options", List.of(Map.of("key", "option_a", "label", "A"), Map.of("key", "option_b", "label", "B")))));
        tickets = tenant.request().body(body).post("/objects/").then().statusCode(201).extract().path("object.key");
        records = "/objects/" + tickets + "/records";
    }

    private Map<String, Object> record(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.putIfAbsent("name", "Ticket");
        return Map.of("locationId", tenant.locationId(), "properties", all);
    }

    @Test
    void valuesOfEachTypeAreKeptInHighLevelsShape() {
        String id = tenant.request().body(record(Map.of("phone_number", "+917000000000", "money", Map.of("currency", "default", "value", 100.5),
                        "type_of_ticket", "Doubt", "my_textbox_list.option_a", "Value 1", "my_textbox_list", Map.of("option_b", "Value 2"))))
                .post(records).then().statusCode(201)
                .body("record.properties.phone_number", equalTo("+917000000000"))
                .body("record.properties.money.currency", equalTo("default"))
                .body("record.properties.money.value", equalTo(100.5f))
                .body("record.properties.type_of_ticket", equalTo("doubt"))
                .body("record.properties.'my_textbox_list.option_a'", equalTo("Value 1"))
                .body("record.properties.'my_textbox_list.option_b'", equalTo("Value 2"))
                .extract().path("record.id");
        tenant.request().body(Map.of("properties", Map.of("money", 7, "my_textbox_list.option_a", "", "phone_number", "+44 20 7946 0000")))
                .put(records + "/" + id).then()
                .statusCode(200).body("record.properties.money", equalTo(Map.of("currency", "default", "value", 7)))
                .body("record.properties.phone_number", equalTo("+442079460000"))
                .body("record.properties", not(hasKey("my_textbox_list.option_a")))
                .body("record.properties.'my_textbox_list.option_b'", equalTo("Value 2"));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "searchableProperties", List.of("name", "my_textbox_list")))
                .put("/objects/" + tickets).then().statusCode(200);
        tenant.request().body(Map.of("locationId", tenant.locationId(), "query", "value 2")).post(records + "/search").then()
                .statusCode(200).body("records.id", contains(id));
    }

    @Test
    void valuesThatDoNotFitTheTypeAreRefusedNamingThemAndNothingIsWritten() {
        refused(Map.of("phone_number", "call me"), "properties.phone_number", "PHONE");
        // Each type's refusals are FieldValuesTest's; here, that they reach the client, a text box's by its dotted name.
        refused(Map.of("my_textbox_list.option_z", "x"), "properties.my_textbox_list.option_z", "not an option");
        tenant.request().body(Map.of("locationId", tenant.locationId())).post(records + "/search").then().body("total", equalTo(0));
    }

    private void refused(Map<String, Object> properties, String field, String problem) {
        tenant.request().body(record(properties)).post(records).then().statusCode(422)
                .body("message", hasItem(startsWith(field))).body("message[0]", containsString(problem));
    }

    @Test
    void optionFieldsNeedOptionsAndFileUploadsAreRefused() {
        tenant.request().body(Map.of("locationId", tenant.locationId(), "key", "boxes", "name", "Boxes", "dataType", "TEXTBOX_LIST"))
                .post("/objects/" + tickets + "/fields").then().statusCode(422).body("message[0]", containsString("options"));
        // The other declaration refusals (RADIO without options, FILE_UPLOAD) are FieldDeclarationsTest's.
        tenant.request().body(Map.of("locationId", tenant.locationId(), "key", "alt_phone", "name", "Alt phone", "dataType", "PHONE"))
                .post("/objects/" + tickets + "/fields").then().statusCode(201);
    }
}

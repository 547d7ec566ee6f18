package io.liaison.contact;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
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

/**
 * Every field HighLevel defines on a contact is kept and answered, anything else is refused; the
 * duplicate lookup, the duplicate error's meta and the tag endpoints, against HighLevel's schemas.
 */
@QuarkusTest
class ContactFieldsTest {

    private static final String SPEC = "apps/contacts.json";

    /** A value for every field of CreateContactDto, as an integrator would send it. */
    private static final Map<String, Object> EVERY_FIELD = Map.ofEntries(
            Map.entry("firstName", "Rosan"), Map.entry("lastName", "Deo"), Map.entry("name", "Rosan Deo"),
            Map.entry("email", "rosan@deos.com"), Map.entry("gender", "male"), Map.entry("phone", "+1 888-888-8888"),
            Map.entry("address1", "3535 1st St N"), Map.entry("city", "Dolomite"), Map.entry("state", "AL"),
            Map.entry("postalCode", "35061"), Map.entry("website", "https://www.tesla.com"), Map.entry("timezone", "America/Chihuahua"),
            Map.entry("dnd", true),
            Map.entry("dndSettings", Map.of("Call", Map.of("status", "active", "message", "busy", "code", "X1"),
                    "Email", Map.of("status", "inactive"), "SMS", Map.of("status", "permanent"), "WhatsApp", Map.of("status", "active"),
                    "GMB", Map.of("status", "inactive"), "FB", Map.of("status", "active"))),
            Map.entry("inboundDndSettings", Map.of("all", Map.of("status", "active", "message", "quiet"))),
            Map.entry("tags", List.of("nisi sint commodo amet", "consequat")),
            Map.entry("customFields", List.of(Map.of("id", "6dvNaf7VhkQ9snc5vnjJ", "key", "my_custom_field", "field_value", "9039160788"))),
            Map.entry("source", "public api"), Map.entry("dateOfBirth", "1990-09-25"), Map.entry("country", "US"),
            Map.entry("companyName", "DGS VolMAX"), Map.entry("assignedTo", "y0BeYjuRIlDwsDcOHOJo"));

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = Api.newTenant("Fields");
    }

    @Test
    void everyFieldOfCreateContactDtoIsKeptAndAnswered() {
        List<String> specFields = new ArrayList<>(HighLevelSchema.propertyNames(SPEC, "CreateContactDto"));
        specFields.remove("locationId");
        assertEquals(specFields.stream().sorted().toList(), EVERY_FIELD.keySet().stream().sorted().toList(),
                "the test sends every field HighLevel's CreateContactDto defines");
        Map<String, Object> body = new HashMap<>(EVERY_FIELD);
        body.put("locationId", tenant.locationId());
        String created = tenant.request().body(body).post("/contacts/").then().statusCode(201).extract().asString();
        HighLevelSchema.assertMatches(SPEC, "CreateContactsSuccessfulResponseDto", created);
        String id = io.restassured.path.json.JsonPath.from(created).getString("contact.id");
        String read = tenant.request().get("/contacts/" + id).then().statusCode(200)
                .body("contact.gender", equalTo("male"))
                .body("contact.dnd", equalTo(true))
                .body("contact.dndSettings.Call.status", equalTo("active"))
                .body("contact.dndSettings.Call.message", equalTo("busy"))
                .body("contact.dndSettings.Call.code", equalTo("X1"))
                .body("contact.dndSettings.SMS.status", equalTo("permanent"))
                .body("contact.dndSettings.FB.status", equalTo("active"))
                .body("contact.inboundDndSettings.all.status", equalTo("active"))
                .body("contact.inboundDndSettings.all.message", equalTo("quiet"))
                .body("contact.assignedTo", equalTo("y0BeYjuRIlDwsDcOHOJo"))
                .body("contact.firstNameLowerCase", equalTo("rosan"))
                .body("contact.fullNameLowerCase", equalTo("rosan deo"))
                .body("contact.customFields[0].id", equalTo("6dvNaf7VhkQ9snc5vnjJ"))
                .body("contact.customFields[0].value", equalTo("9039160788"))
                .body("contact.phone", equalTo("+18888888888"))
                .extract().asString();
        HighLevelSchema.assertMatches(SPEC, "ContactsByIdSuccessfulResponseDto", read);
        var contact = io.restassured.path.json.JsonPath.from(read);
        for (String field : List.of("firstName", "lastName", "name", "email", "address1", "city", "state", "postalCode",
                "website", "timezone", "source", "dateOfBirth", "country", "companyName", "tags")) {
            assertEquals(EVERY_FIELD.get(field), contact.get("contact." + field), field + " is answered as it was sent");
        }
    }

    @Test
    void updateChangesAndClearsTheNewFieldsAndTheAnswerMatchesHighLevel() {
        String id = tenant.createContact(Map.of("firstName", "Ann", "gender", "female", "type", "lead", "dnd", true,
                "assignedTo", "u1", "dndSettings", Map.of("SMS", Map.of("status", "active"))));
        String updated = tenant.request().body(Map.of("dnd", false, "type", "Customer", "assignedTo", "", "gender", "other",
                        "inboundDndSettings", Map.of("all", Map.of("status", "inactive"))))
                .put("/contacts/" + id).then().statusCode(200)
                .body("contact.dnd", equalTo(false)).body("contact.type", equalTo("customer")).body("contact.gender", equalTo("other"))
                .body("contact.assignedTo", nullValue())
                .body("contact.dndSettings.SMS.status", equalTo("active"))
                .body("contact.inboundDndSettings.all.status", equalTo("inactive"))
                .extract().asString();
        HighLevelSchema.assertMatches(SPEC, "UpdateContactsSuccessfulResponseDto", updated);
        String upserted = tenant.request().body(Map.of("locationId", tenant.locationId(), "firstName", "Ann", "email", "ann@x.io",
                "createNewIfDuplicateAllowed", true)).post("/contacts/upsert").then().statusCode(200).extract().asString();
        HighLevelSchema.assertMatches(SPEC, "UpsertContactsSuccessfulResponseDto", upserted);
    }

    @Test
    void aFieldLiaisonDoesNotKeepIsRefusedNamingItAndNothingIsWritten() {
        Map<String, Object> unknown = new HashMap<>(Map.of("locationId", tenant.locationId(), "firstName", "A", "favouriteColour", "blue"));
        tenant.request().body(unknown).post("/contacts/").then().statusCode(422)
                .body("code", equalTo("UNKNOWN_FIELD")).body("param", equalTo("favouriteColour"))
                .body("message[0]", startsWith("favouriteColour is not a field"));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "dndSettings", Map.of("Fax", Map.of("status", "active"))))
                .post("/contacts/").then().statusCode(422).body("param", equalTo("dndSettings.Fax"));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "customFields", List.of(Map.of("id", "x", "fieldValue", "y"))))
                .post("/contacts/").then().statusCode(422).body("param", equalTo("customFields[0].fieldValue"));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "dnd", "yes")).post("/contacts/").then().statusCode(422)
                .body("param", equalTo("dnd"));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "dndSettings", Map.of("Call", Map.of("status", "sometimes"))))
                .post("/contacts/").then().statusCode(422).body("message[0]", containsString("status must be active, inactive or permanent"));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "dndSettings", Map.of("Call", Map.of("message", "no status"))))
                .post("/contacts/").then().statusCode(422).body("message[0]", containsString("status"));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "inboundDndSettings", Map.of("all", Map.of("status", "permanent"))))
                .post("/contacts/").then().statusCode(422);
        tenant.request().body(Map.of("locationId", tenant.locationId(), "assignedTo", "x".repeat(65))).post("/contacts/").then()
                .statusCode(422).body("param", equalTo("assignedTo"));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "createNewIfDuplicateAllowed", true)).post("/contacts/")
                .then().statusCode(422).body("param", equalTo("createNewIfDuplicateAllowed"));
        tenant.request().get("/contacts/").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void aDuplicateCarriesHighLevelsMetaAndIsFoundByTheDuplicateLookup() {
        String id = tenant.createContact(Map.of("firstName", "Dup", "lastName", "Licate", "email", "dup@x.io", "phone", "+1 888 555 0100"));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "email", "DUP@x.io")).post("/contacts/").then().statusCode(409)
                .body("code", equalTo("DUPLICATE_CONTACT"))
                .body("meta.contactId", equalTo(id)).body("meta.matchingField", equalTo("email"))
                .body("meta.contactName", equalTo("Dup Licate"));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "phone", "18885550100")).post("/contacts/").then().statusCode(409)
                .body("meta.contactId", equalTo(id)).body("meta.matchingField", equalTo("phone"));

        tenant.request().queryParam("locationId", tenant.locationId()).queryParam("email", "Dup@X.io")
                .get("/contacts/search/duplicate").then().statusCode(200).body("contact.id", equalTo(id));
        tenant.request().queryParam("number", "+18885550100").get("/contacts/search/duplicate").then().statusCode(200)
                .body("contact.id", equalTo(id));
        String none = tenant.request().queryParam("email", "nobody@x.io").get("/contacts/search/duplicate").then().statusCode(200)
                .body("contact", nullValue()).extract().asString();
        assertTrue(none.contains("\"contact\":null"), none);
        tenant.request().get("/contacts/search/duplicate").then().statusCode(422).body("param", equalTo("email"));
        Tenant other = Api.newTenant("Other");
        other.request().queryParam("email", "dup@x.io").get("/contacts/search/duplicate").then().statusCode(200)
                .body("contact", nullValue());
    }

    @Test
    void tagsAreAddedAndRemovedInHighLevelsShape() {
        String id = tenant.createContact(Map.of("firstName", "Tag", "tags", List.of("a")));
        String added = tenant.request().body(Map.of("tags", List.of("b", "a", " c "))).post("/contacts/" + id + "/tags").then()
                .statusCode(201).body("tags", contains("a", "b", "c")).extract().asString();
        HighLevelSchema.assertMatches(SPEC, "CreateAddTagSuccessfulResponseDto", added);
        String removed = tenant.request().body(Map.of("tags", List.of("a", "zz"))).delete("/contacts/" + id + "/tags").then()
                .statusCode(200).body("tags", contains("b", "c")).extract().asString();
        HighLevelSchema.assertMatches(SPEC, "CreateDeleteTagSuccessfulResponseDto", removed);
        tenant.request().get("/contacts/" + id).then().body("contact.tags", contains("b", "c"));
        tenant.request().body(Map.of("tags", List.of())).post("/contacts/" + id + "/tags").then().statusCode(422);
        tenant.request().body(Map.of("tag", "x")).post("/contacts/" + id + "/tags").then().statusCode(422).body("param", equalTo("tag"));
        Tenant other = Api.newTenant("Other");
        other.request().body(Map.of("tags", List.of("x"))).post("/contacts/" + id + "/tags").then().statusCode(404);
        other.request().body(Map.of("tags", List.of("b"))).delete("/contacts/" + id + "/tags").then().statusCode(404);
        tenant.request().get("/contacts/" + id).then().body("contact.tags", contains("b", "c"));
    }

    @Test
    void concurrentTagAdditionsNeverTakeAContactPastItsTagLimit() throws Exception {
        List<String> existing = new ArrayList<>();
        for (int i = 0; i < ContactService.MAX_TAGS - 5; i++) {
            existing.add("t" + i);
        }
        String id = tenant.createContact(Map.of("firstName", "Racer", "tags", existing));
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String tag = "new" + i;
            calls.add(() -> tenant.request().body(Map.of("tags", List.of(tag))).post("/contacts/" + id + "/tags").then().extract().statusCode());
        }
        List<Integer> statuses = Race.run(calls);
        assertEquals(5, Race.count(statuses, 201), statuses.toString());
        assertEquals(15, Race.count(statuses, 409), statuses.toString());
        List<String> tags = tenant.request().get("/contacts/" + id).then().extract().path("contact.tags");
        assertEquals(ContactService.MAX_TAGS, tags.size());
        assertEquals(5, tags.stream().filter(t -> t.startsWith("new")).count());
    }

    @Test
    void aFullTagListRefusesMoreWithTheNumbers() {
        List<String> full = new ArrayList<>();
        for (int i = 0; i < ContactService.MAX_TAGS; i++) {
            full.add("t" + i);
        }
        String id = tenant.createContact(Map.of("firstName", "Full", "tags", full));
        tenant.request().body(Map.of("tags", List.of("t1", "one-more"))).post("/contacts/" + id + "/tags").then().statusCode(409)
                .body("code", equalTo("LIMIT_EXCEEDED")).body("details.maximum", equalTo(ContactService.MAX_TAGS))
                .body("details.current", equalTo(ContactService.MAX_TAGS));
        tenant.request().body(Map.of("tags", List.of("t1", "t2"))).post("/contacts/" + id + "/tags").then().statusCode(201);
        tenant.request().get("/contacts/" + id).then().body("contact.tags", hasItem("t99"));
        tenant.request().body(Map.of("tags", List.of("t1"))).delete("/contacts/" + id + "/tags").then().statusCode(200);
        tenant.request().get("/contacts/" + id).then().body("contact.tags.size()", equalTo(ContactService.MAX_TAGS - 1));
    }
}

package io.liaison.contact;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ContactBulkTest {

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = Api.newTenant("Bulk contacts");
    }

    private Response bulk(List<?> contacts) {
        Map<String, Object> body = new HashMap<>();
        body.put("locationId", tenant.locationId());
        body.put("contacts", contacts);
        return tenant.request().body(body).post("/contacts/bulk");
    }

    private long total() {
        return ((Number) tenant.request().get("/contacts/").then().statusCode(200).extract().path("total")).longValue();
    }

    @Test
    void eachItemIsJudgedByTheSingleEndpointsRulesAndTheValidOnesAreWritten() {
        String existing = tenant.createContact(Map.of("firstName", "Old", "email", "old@example.com"));
        List<Object> items = new ArrayList<>();
        items.add(Map.of("firstName", "Ann", "email", "ann@example.com", "tags", List.of("vip")));
        items.add(Map.of("firstName", "Bad", "email", "not-an-email"));
        items.add(Map.of("lastName", "Renamed", "email", "OLD@example.com"));
        items.add(Map.of("firstName", "Tz", "timezone", "Mars/Base"));
        items.add(Collections.singletonMap("firstName", null));
        items.add(Map.of("firstName", "Other place", "locationId", "someOtherLocation"));
        bulk(items).then().statusCode(200)
                .body("created", equalTo(2)).body("updated", equalTo(1)).body("failed", equalTo(3))
                .body("results[0].index", equalTo(0)).body("results[0].status", equalTo("created"))
                .body("results[0].contact.email", equalTo("ann@example.com")).body("results[0].error", nullValue())
                .body("results[1].status", equalTo("failed")).body("results[1].contact", nullValue())
                .body("results[1].error.statusCode", equalTo(422)).body("results[1].error.code", equalTo("VALIDATION_FAILED"))
                .body("results[1].error.message", hasItem(startsWith("email")))
                .body("results[2].status", equalTo("updated")).body("results[2].contact.id", equalTo(existing))
                .body("results[2].contact.name", equalTo("Old Renamed"))
                .body("results[3].status", equalTo("failed")).body("results[3].error.message", hasItem(startsWith("timezone")))
                .body("results[4].status", equalTo("created"))
                .body("results[5].status", equalTo("failed")).body("results[5].error.code", equalTo("LOCATION_MISMATCH"));
        assertEquals(3, total());
    }

    /** An item the single endpoint could not read (an unknown field, a wrong type, not an object) fails alone at its index. */
    @Test
    void anItemThatDoesNotFitTheBodyFailsAloneAtItsIndex() {
        List<Object> items = new ArrayList<>();
        items.add(Map.of("firstName", "Typo", "emial", "typo@example.com"));
        items.add(Map.of("firstName", "Fine", "email", "fine@example.com"));
        items.add(Map.of("firstName", 123));
        items.add("not an object");
        items.add(Map.of("firstName", "Tags", "tags", "vip"));
        bulk(items).then().statusCode(200)
                .body("created", equalTo(1)).body("failed", equalTo(4))
                .body("results[0].status", equalTo("failed")).body("results[0].error.statusCode", equalTo(422))
                .body("results[0].error.code", equalTo("UNKNOWN_FIELD")).body("results[0].error.param", equalTo("emial"))
                .body("results[0].error.message", hasItem(startsWith("emial is not a field")))
                .body("results[1].status", equalTo("created")).body("results[1].contact.email", equalTo("fine@example.com"))
                .body("results[2].error.code", equalTo("VALIDATION_FAILED")).body("results[2].error.param", equalTo("firstName"))
                .body("results[3].error.code", equalTo("VALIDATION_FAILED")).body("results[3].error.param", equalTo("contacts[3]"))
                .body("results[4].error.code", equalTo("VALIDATION_FAILED")).body("results[4].error.param", equalTo("tags"));
        assertEquals(1, total());
    }

    @Test
    void anUnknownFieldOfTheBodyIsRefused() {
        tenant.request().body(Map.of("locationId", tenant.locationId(), "contacts", List.of(Map.of("firstName", "X")), "upsert", true))
                .post("/contacts/bulk").then().statusCode(422).body("code", equalTo("UNKNOWN_FIELD")).body("param", equalTo("upsert"));
        assertEquals(0, total());
    }

    @Test
    void duplicatesWithinTheBatchBecomeOneContact() {
        bulk(List.of(Map.of("firstName", "Cat", "email", "cat@example.com"),
                Map.of("lastName", "Stevens", "email", "Cat@Example.com", "phone", "+1 888 555 0100"),
                Map.of("companyName", "Island", "phone", "18885550100")))
                .then().statusCode(200).body("created", equalTo(1)).body("updated", equalTo(2))
                .body("results[2].contact.name", equalTo("Cat Stevens"))
                .body("results[2].contact.companyName", equalTo("Island"))
                .body("results[2].contact.id", equalTo(bulk(List.of(Map.of("email", "cat@example.com"))).path("results[0].contact.id")));
        assertEquals(1, total());
    }

    /**
     * A batch is judged per batch (its emails and phones matched once) but must upsert exactly as the
     * single endpoint does item after item: the same answers and the same contacts, including an item
     * that finds a contact by the email an earlier item gave it, and one that takes an email an earlier
     * item freed.
     */
    @Test
    void aBatchUpsertsAsTheSingleEndpointDoesItemAfterItem() {
        Tenant oneByOne = Api.newTenant("Bulk contacts one by one");
        List<Map<String, Object>> items = List.of(
                Map.of("firstName", "Ann", "email", "ann@example.com", "tags", List.of("vip")),
                Map.of("lastName", "Lee", "email", "ANN@example.com", "phone", "+1 888 555 0101"),
                Map.of("email", "ann.lee@example.com", "phone", "18885550101"),
                Map.of("companyName", "Acme", "email", "ann.lee@example.com", "tags", List.of("customer")),
                Map.of("firstName", "Bob", "email", "ann@example.com"),
                Map.of("firstName", "Before", "lastName", "Updated", "email", "pre@example.com", "dnd", true),
                Map.of("firstName", "Cy", "phone", "+1 888 555 0102"),
                Map.of("lastName", "Again", "phone", "1 888 555 0102"));
        List<String> answered = new ArrayList<>();
        for (Tenant t : List.of(oneByOne, tenant)) {
            t.createContact(Map.of("firstName", "Before", "email", "pre@example.com"));
        }
        Map<String, String> names = new HashMap<>();
        for (Map<String, Object> item : items) {
            Map<String, Object> body = new HashMap<>(item);
            body.put("locationId", oneByOne.locationId());
            var answer = oneByOne.request().body(body).post("/contacts/upsert").then().statusCode(200).extract().jsonPath();
            answered.add((answer.getBoolean("new") ? "created " : "updated ") + comparable(answer.getMap("contact"), names));
        }
        var batch = bulk(items).then().statusCode(200).extract().jsonPath();
        Map<String, String> batchNames = new HashMap<>();
        List<String> batchAnswered = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            batchAnswered.add(batch.getString("results[" + i + "].status") + " " + comparable(batch.getMap("results[" + i + "].contact"), batchNames));
        }
        assertEquals(answered, batchAnswered);
        assertEquals(contactsOf(oneByOne, names), contactsOf(tenant, batchNames));
        assertEquals(4, total());
    }

    /** A contact as text, its id replaced by the order in which the test met it, its times and location left out. */
    private static String comparable(Map<String, Object> contact, Map<String, String> names) {
        Map<String, Object> kept = new java.util.TreeMap<>(contact);
        kept.put("id", names.computeIfAbsent((String) contact.get("id"), id -> "contact" + names.size()));
        kept.keySet().removeAll(List.of("locationId", "dateAdded", "dateUpdated", "searchAfter"));
        return kept.toString();
    }

    private static List<String> contactsOf(Tenant who, Map<String, String> names) {
        List<Map<String, Object>> contacts = who.request().get("/contacts/").then().statusCode(200).extract().jsonPath().getList("contacts");
        return contacts.stream().map(c -> comparable(c, names)).sorted().toList();
    }

    @Test
    void aPhoneOwnedByAnotherContactFailsThatItemOnly() {
        String owner = tenant.createContact(Map.of("firstName", "Phone", "phone", "+1 888 555 0199"));
        tenant.createContact(Map.of("firstName", "Mail", "email", "mail@example.com"));
        bulk(List.of(Map.of("email", "mail@example.com", "phone", "1 (888) 555-0199"), Map.of("firstName", "Fine")))
                .then().statusCode(200).body("failed", equalTo(1)).body("created", equalTo(1))
                .body("results[0].error.statusCode", equalTo(409)).body("results[0].error.code", equalTo("DUPLICATE_CONTACT"))
                .body("results[0].error.details.contactId", equalTo(owner));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "query", "mail@example.com")).post("/contacts/search")
                .then().body("contacts[0].phone", nullValue());
    }

    @Test
    void theBatchIsBounded() {
        bulk(List.of()).then().statusCode(422).body("param", equalTo("contacts"));
        tenant.request().body(Map.of("locationId", tenant.locationId())).post("/contacts/bulk").then().statusCode(422);
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(Map.of("firstName", "N" + i));
        }
        bulk(tooMany).then().statusCode(422).body("message[0]", startsWith("contacts must contain at most 1000"));
        assertEquals(0, total());
        bulk(tooMany.subList(0, 1000)).then().statusCode(200).body("created", equalTo(1000));
        assertEquals(1000, total());
    }

    @Test
    void anotherLocationsKeyWritesNothingHere() {
        Tenant other = Api.newTenant("Bulk other");
        other.request().body(Map.of("locationId", tenant.locationId(), "contacts", List.of(Map.of("firstName", "X"))))
                .post("/contacts/bulk").then().statusCode(403);
        assertEquals(0, total());
    }
}

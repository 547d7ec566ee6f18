package io.liaison.contact;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Values;

@QuarkusTest
class ContactResourceTest {

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = Api.newTenant("Contacts");
    }

    @Test
    void createsAContactAndReadsItBackInHighLevelsEnvelope() {
        String id = tenant.request().body(Map.of("locationId", tenant.locationId(), "firstName", "Rosan", "lastName", "Deo",
                        "email", "Rosan@Deos.com", "phone", "+1 888-888-8888", "tags", List.of("vip", "vip", "lead"),
                        "dateOfBirth", "09/25/1990", "customFields", List.of(Map.of("id", "cf1", "field_value", "blue")),
                        "gender", "Male"))
                .post("/contacts/").then().statusCode(201)
                .body("contact.name", equalTo("Rosan Deo"))
                .body("contact.emailLowerCase", equalTo("rosan@deos.com"))
                .body("contact.locationId", equalTo(tenant.locationId()))
                .body("contact.dateOfBirth", equalTo("1990-09-25"))
                .body("contact.tags", contains("vip", "lead"))
                .body("contact.dateAdded", notNullValue())
                .extract().path("contact.id");
        tenant.request().get("/contacts/" + id).then().statusCode(200)
                .body("contact.id", equalTo(id))
                .body("contact.email", equalTo("Rosan@Deos.com"))
                .body("contact.customFields[0].id", equalTo("cf1"))
                .body("contact.customFields[0].value", equalTo("blue"));
    }

    @Test
    void createNeedsTheLocationIdAndValidFields() {
        tenant.request().body(Map.of("firstName", "A")).post("/contacts/").then().statusCode(422)
                .body("message", hasItem(startsWith("locationId")));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "email", "not-an-email", "firstName", "x".repeat(300)))
                .post("/contacts/").then().statusCode(422)
                .body("statusCode", equalTo(422)).body("error", equalTo("Unprocessable Entity"))
                .body("message", hasItem(startsWith("email "))).body("message", hasItem(startsWith("firstName ")));
        // Field normalisation's refusals (dates, zones, gender...) are ContactFieldRulesTest's; phones below show their wiring.
        tenant.request().body(Map.of("locationId", tenant.locationId(), "tags", "not-a-list"))
                .post("/contacts/").then().statusCode(422).body("message", hasItem(startsWith("tags")));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "tags", java.util.Collections.nCopies(101, "t")))
                .post("/contacts/").then().statusCode(422).body("message", hasItem(startsWith("tags")));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "firstName", 123)).post("/contacts/").then().statusCode(422)
                .body("message", hasItem(startsWith("firstName")));
        tenant.request().body("[1,2]").post("/contacts/").then().statusCode(400);
        tenant.request().body("{").post("/contacts/").then().statusCode(400).body("code", equalTo("MALFORMED_JSON"));
        // Nothing was written by any of these.
        tenant.request().get("/contacts/").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void anOversizedBodyIs413() throws Exception {
        String body = "{\"locationId\":\"" + tenant.locationId() + "\",\"firstName\":\"" + "x".repeat(2_000_000) + "\"}";
        // The server may answer 413 and close the connection while the client is still sending the body, and
        // then the client sees a broken pipe instead of the answer: that attempt is made again.
        for (int attempt = 1; ; attempt++) {
            try {
                given().contentType(ContentType.JSON).header("Authorization", "Bearer " + tenant.apiKey())
                        .body(body).post("/contacts/").then().statusCode(413);
                return;
            } catch (Exception e) { // RestAssured throws the socket's checked exception undeclared
                if (attempt == 5 || !(e instanceof java.net.SocketException || e.getCause() instanceof java.net.SocketException)) {
                    throw e;
                }
            }
        }
    }

    @Test
    void unknownAndForeignContactsAreNotFound() {
        tenant.request().get("/contacts/doesNotExist123").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        tenant.request().get("/contacts/" + "x".repeat(300)).then().statusCode(404);
        Tenant other = Api.newTenant("Other");
        String theirs = other.createContact("Their", "Contact");
        tenant.request().get("/contacts/" + theirs).then().statusCode(404);
        tenant.request().body(Map.of("firstName", "Hijack")).put("/contacts/" + theirs).then().statusCode(404);
        tenant.request().delete("/contacts/" + theirs).then().statusCode(404);
        other.request().get("/contacts/" + theirs).then().statusCode(200).body("contact.firstName", equalTo("Their"));
    }

    @Test
    void anotherLocationIdIsForbidden() {
        Tenant other = Api.newTenant("Other");
        tenant.request().body(Map.of("locationId", other.locationId(), "firstName", "X")).post("/contacts/").then().statusCode(403)
                .body("code", equalTo("LOCATION_MISMATCH"));
        tenant.request().queryParam("locationId", other.locationId()).get("/contacts/").then().statusCode(403);
        tenant.request().body(Map.of("locationId", other.locationId(), "query", "x")).post("/contacts/search").then().statusCode(403);
        tenant.request().body(Map.of("locationId", other.locationId(), "email", "a@b.co")).post("/contacts/upsert").then().statusCode(403);
        String mine = tenant.createContact("Mine", "Only");
        tenant.request().body(Map.of("locationId", other.locationId(), "firstName", "X")).put("/contacts/" + mine).then().statusCode(403);
        other.request().get("/contacts/").then().body("total", equalTo(0));
    }

    @Test
    void everyContactEndpointNeedsAKey() {
        given().get("/contacts/").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        given().get("/contacts/abc").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").post("/contacts/").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").put("/contacts/abc").then().statusCode(401);
        given().delete("/contacts/abc").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").post("/contacts/upsert").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").post("/contacts/search").then().statusCode(401);
        given().header("Authorization", "Basic abc").get("/contacts/").then().statusCode(401);
        given().header("Authorization", "Bearer lk_unknown").get("/contacts/").then().statusCode(401);
    }

    @Test
    void updateKeepsOmittedFieldsAndClearsEmptyOnes() {
        String id = tenant.createContact(Map.of("firstName", "Ann", "lastName", "Lee", "city", "Oslo", "email", "ann@lee.io"));
        tenant.request().body(Map.of("lastName", "Berg", "city", "")).put("/contacts/" + id).then().statusCode(200)
                .body("succeded", equalTo(true))
                .body("contact.name", equalTo("Ann Berg"))
                .body("contact.email", equalTo("ann@lee.io"))
                .body("contact.city", nullValue());
        tenant.request().body(Map.of("email", "bad")).put("/contacts/" + id).then().statusCode(422);
        tenant.request().get("/contacts/" + id).then().body("contact.email", equalTo("ann@lee.io"));
    }

    @Test
    void deleteRemovesTheContact() {
        String id = tenant.createContact("Gone", "Soon");
        tenant.request().delete("/contacts/" + id).then().statusCode(200).body("succeded", equalTo(true));
        tenant.request().get("/contacts/" + id).then().statusCode(404);
        tenant.request().delete("/contacts/" + id).then().statusCode(404);
    }

    @Test
    void aSecondContactWithTheSameEmailOrPhoneIsAConflict() {
        String id = tenant.createContact(Map.of("email", "dup@x.io", "phone", "+1 (888) 555-0100"));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "email", "DUP@x.io")).post("/contacts/").then().statusCode(409)
                .body("code", equalTo("DUPLICATE_CONTACT")).body("details.contactId", equalTo(id));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "phone", "18885550100")).post("/contacts/").then().statusCode(409)
                .body("details.matchingField", equalTo("phone"));
        // The same email in another location is a different person.
        Tenant other = Api.newTenant("Other");
        other.createContact(Map.of("email", "dup@x.io"));
    }

    @Test
    void upsertMatchesOnEmailThenPhone() {
        String byEmail = tenant.request().body(Map.of("locationId", tenant.locationId(), "email", "up@x.io", "firstName", "Up"))
                .post("/contacts/upsert").then().statusCode(200).body("new", equalTo(true)).extract().path("contact.id");
        tenant.request().body(Map.of("locationId", tenant.locationId(), "email", "UP@x.io", "lastName", "Dated"))
                .post("/contacts/upsert").then().statusCode(200).body("new", equalTo(false))
                .body("contact.id", equalTo(byEmail)).body("contact.name", equalTo("Up Dated"));
        String byPhone = tenant.createContact(Map.of("phone", "+44 20 7946 0000"));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "phone", "442079460000", "firstName", "Phoned"))
                .post("/contacts/upsert").then().statusCode(200).body("new", equalTo(false)).body("contact.id", equalTo(byPhone));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "email", "bad")).post("/contacts/upsert").then().statusCode(422);
    }

    @Test
    void concurrentUpsertsOfOnePersonCreateOneContact() throws Exception {
        var pool = Executors.newFixedThreadPool(12);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            calls.add(() -> tenant.request().body(Map.of("locationId", tenant.locationId(), "email", "race@x.io"))
                    .post("/contacts/upsert").then().extract().statusCode());
        }
        for (var f : pool.invokeAll(calls)) {
            assertEquals(200, f.get());
        }
        pool.shutdown();
        tenant.request().queryParam("query", "race@x.io").get("/contacts/").then().body("total", equalTo(1));
    }

    @Test
    void listPagesWithStartAfterIdAndFiltersByQuery() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(tenant.createContact("Page" + i, "Person"));
        }
        tenant.createContact("Someone", "Else");
        var first = tenant.request().queryParam("locationId", tenant.locationId()).queryParam("query", "person").queryParam("limit", 2)
                .get("/contacts/").then().statusCode(200).body("total", equalTo(5)).body("contacts", hasSize(2)).extract();
        String last = first.path("meta.startAfterId");
        var second = tenant.request().queryParam("query", "person").queryParam("limit", 2).queryParam("startAfterId", last)
                .get("/contacts/").then().statusCode(200).body("contacts", hasSize(2)).extract();
        List<String> seen = new ArrayList<>(first.path("contacts.id"));
        seen.addAll(second.path("contacts.id"));
        assertEquals(ids.subList(0, 4), seen);
        tenant.request().queryParam("limit", 0).get("/contacts/").then().statusCode(422).body("message", hasItem(startsWith("limit")));
        tenant.request().queryParam("limit", 101).get("/contacts/").then().statusCode(422);
        tenant.request().queryParam("limit", "ten").get("/contacts/").then().statusCode(422).body("param", equalTo("limit"));
        tenant.request().queryParam("startAfterId", "unknown").get("/contacts/").then().statusCode(422);
    }

    @Test
    void searchPagesNewestFirstAndStaysCorrectWhileContactsAreAdded() {
        for (int i = 0; i < 5; i++) {
            tenant.createContact("Search" + i, "Target");
        }
        var page1 = tenant.request().body(Map.of("locationId", tenant.locationId(), "query", "target", "pageLimit", 2))
                .post("/contacts/search").then().statusCode(200).body("total", equalTo(5))
                .body("contacts.firstName", contains("Search4", "Search3")).extract();
        List<Object> cursor = page1.path("contacts[1].searchAfter");
        tenant.createContact("Search5", "Target");
        tenant.request().body(Map.of("query", "target", "pageLimit", 2, "searchAfter", cursor))
                .post("/contacts/search").then().statusCode(200)
                .body("contacts.firstName", contains("Search2", "Search1"));
        tenant.request().body(Map.of("query", "target", "page", 2, "pageLimit", 2)).post("/contacts/search").then()
                .body("contacts.firstName", contains("Search3", "Search2"));
        // HighLevel's advanced search documents pages of up to 500; the old GET /contacts/ keeps its 100.
        tenant.request().body(Map.of("query", "target", "pageLimit", 500)).post("/contacts/search").then().statusCode(200)
                .body("contacts.size()", equalTo(6));
        tenant.request().body(Map.of("pageLimit", 501)).post("/contacts/search").then().statusCode(422)
                .body("message", hasItem(startsWith("pageLimit must be between 1 and 500")));
        tenant.request().body(Map.of("page", 22, "pageLimit", 500)).post("/contacts/search").then().statusCode(422)
                .body("param", equalTo("page"));
        tenant.request().body(Map.of("searchAfter", List.of("x"))).post("/contacts/search").then().statusCode(422);
        tenant.request().body(Map.of("page", 100_000)).post("/contacts/search").then().statusCode(422);
    }

    @Test
    void aPhoneWithoutDigitsIsRefusedAndNeverMatchesAnother() {
        String first = tenant.createContact(Map.of("firstName", "Has", "phone", "+1 888 555 0100"));
        for (String phone : new String[] { "...", "---", "(-)" }) {
            tenant.request().body(Map.of("locationId", tenant.locationId(), "phone", phone)).post("/contacts/").then().statusCode(422)
                    .body("message", hasItem(startsWith("phone ")));
            tenant.request().body(Map.of("locationId", tenant.locationId(), "phone", phone, "firstName", "Mallory"))
                    .post("/contacts/upsert").then().statusCode(422);
        }
        tenant.request().get("/contacts/" + first).then().body("contact.firstName", equalTo("Has"));
    }

    @Test
    void phonesAreStoredInE164AndAnInvalidOneWritesNothing() {
        String id = tenant.createContact(Map.of("firstName", "Eve", "phone", "(888) 555-0140"));
        tenant.request().get("/contacts/" + id).then().body("contact.phone", equalTo("+18885550140"));
        tenant.request().body(Map.of("firstName", "Changed", "phone", "+1 555 0100")).put("/contacts/" + id).then().statusCode(422)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("message", hasItem(startsWith("phone must be a valid phone number: '+1 555 0100'")));
        tenant.request().get("/contacts/" + id).then().body("contact.firstName", equalTo("Eve")).body("contact.phone", equalTo("+18885550140"));

        // A contact's PHONE custom field is stored as its phone is.
        tenant.request().body(Map.of("name", "Mobile", "dataType", "PHONE")).post("/locations/" + tenant.locationId() + "/customFields")
                .then().statusCode(201);
        tenant.request().body(Map.of("customFields", List.of(Map.of("key", "contact.mobile", "field_value", "+44 20 7946 0000"))))
                .put("/contacts/" + id).then().statusCode(200).body("contact.customFields[0].value", equalTo("+442079460000"));
        tenant.request().body(Map.of("firstName", "Changed", "customFields", List.of(Map.of("key", "contact.mobile", "field_value", "call me"))))
                .put("/contacts/" + id).then().statusCode(422)
                .body("message", hasItem(startsWith("customFields[0].field_value must be a valid phone number")));

        tenant.request().body(Map.of("phone", "")).put("/contacts/" + id).then().statusCode(200).body("contact.phone", nullValue())
                .body("contact.firstName", equalTo("Eve"));
    }

    @Inject
    Driver driver;

    /** Stores are not rewritten: a number stored as typed before E.164 is still found, by its digits. */
    @Test
    void aNumberStoredAsTypedBeforeE164IsStillFoundAndMatched() {
        String withCountryCode = tenant.createContact(Map.of("firstName", "Old"));
        String withoutCountryCode = tenant.createContact(Map.of("firstName", "Older"));
        try (var session = driver.session()) {
            session.run("MATCH (c:Contact {id: $id}) SET c.phone = '+1 888-555-0177', c.phoneDigits = '18885550177'",
                    Values.parameters("id", withCountryCode)).consume();
            session.run("MATCH (c:Contact {id: $id}) SET c.phone = '(888) 555-0178', c.phoneDigits = '8885550178'",
                    Values.parameters("id", withoutCountryCode)).consume();
        }
        tenant.request().queryParam("locationId", tenant.locationId()).queryParam("number", "888.555.0177").get("/contacts/search/duplicate")
                .then().statusCode(200).body("contact.id", equalTo(withCountryCode));
        tenant.request().queryParam("locationId", tenant.locationId()).queryParam("number", "(888) 555-0178").get("/contacts/search/duplicate")
                .then().statusCode(200).body("contact.id", equalTo(withoutCountryCode));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "phone", "888 555 0177")).post("/contacts/").then().statusCode(409)
                .body("details.contactId", equalTo(withCountryCode));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "phone", "(888) 555-0177", "lastName", "Timer"))
                .post("/contacts/upsert").then().statusCode(200).body("new", equalTo(false))
                .body("contact.id", equalTo(withCountryCode)).body("contact.phone", equalTo("+18885550177"));
    }

    @Test
    void pagingWithStartAfterAloneMovesForward() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(tenant.createContact("Time" + i, "Cursor"));
        }
        List<String> seen = new ArrayList<>();
        Long cursor = null;
        for (int page = 0; page < 5; page++) {
            var request = tenant.request().queryParam("limit", 1);
            if (cursor != null) {
                request = request.queryParam("startAfter", cursor);
            }
            var response = request.get("/contacts/").then().statusCode(200).extract();
            List<String> got = response.path("contacts.id");
            if (got.isEmpty()) {
                break;
            }
            seen.addAll(got);
            cursor = ((Number) response.path("meta.startAfter")).longValue();
        }
        assertEquals(ids, seen);
    }
}

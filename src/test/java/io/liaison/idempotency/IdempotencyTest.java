package io.liaison.idempotency;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liaison.neo4j.Timestamps;
import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.liaison.support.Race;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IdempotencyTest {

    @Inject
    IdempotencyRepository keys;

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = Api.newTenant("Idempotency");
    }

    private Response createContact(Tenant who, String key, String firstName) {
        return who.request().header("Idempotency-Key", key)
                .body(Map.of("locationId", who.locationId(), "firstName", firstName, "lastName", "Retry"))
                .post("/contacts/");
    }

    private int contactsNamed(Tenant who, String firstName) {
        return who.request().body(Map.of("locationId", who.locationId(), "query", firstName + " retry"))
                .post("/contacts/search").then().statusCode(200).extract().path("total");
    }

    @Test
    void theSameRequestWithTheSameKeyIsAnsweredOnceAndReplayed() {
        Response first = createContact(tenant, "create-ann-1", "Ann");
        first.then().statusCode(201).header(IdempotencyFilters.REPLAYED_HEADER, nullValue());
        String id = first.path("contact.id");

        createContact(tenant, "create-ann-1", "Ann").then().statusCode(201)
                .header(IdempotencyFilters.REPLAYED_HEADER, equalTo("true"))
                .body("contact.id", equalTo(id));
        assertEquals(1, contactsNamed(tenant, "Ann"));
    }

    @Test
    void theSameKeyWithAnotherBodyIs422AndWritesNothing() {
        createContact(tenant, "create-bob", "Bob").then().statusCode(201);
        createContact(tenant, "create-bob", "Bobby").then().statusCode(422)
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED")).body("param", equalTo("Idempotency-Key"));
        assertEquals(0, contactsNamed(tenant, "Bobby"));
        // Another path with the key is another request too.
        tenant.request().header("Idempotency-Key", "create-bob")
                .body(Map.of("locationId", tenant.locationId(), "firstName", "Bob", "lastName", "Retry"))
                .post("/contacts/upsert").then().statusCode(422).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
    }

    @Test
    void keysOfOneLocationNeitherCollideWithNorRevealAnothers() {
        Tenant other = Api.newTenant("Idempotency other");
        String mine = createContact(tenant, "shared-key", "Cleo").then().statusCode(201).extract().path("contact.id");
        // The other location sends the same key and body: it runs, in its own location.
        String theirs = createContact(other, "shared-key", "Cleo").then().statusCode(201)
                .header(IdempotencyFilters.REPLAYED_HEADER, nullValue())
                .body("contact.locationId", equalTo(other.locationId())).extract().path("contact.id");
        assertNotEquals(mine, theirs);
        // And a different body under that key is simply a new request there.
        createContact(other, "used-only-by-me", "Dora").then().statusCode(201);
        createContact(tenant, "used-only-by-me", "Eve").then().statusCode(201);
        assertEquals(1, contactsNamed(other, "Cleo"));
        assertEquals(1, contactsNamed(tenant, "Cleo"));
    }

    @Test
    void aClientErrorIsRememberedAndReplayedToo() {
        var body = Map.of("locationId", tenant.locationId(), "email", "not-an-email");
        tenant.request().header("Idempotency-Key", "bad-email").body(body).post("/contacts/").then().statusCode(422)
                .header(IdempotencyFilters.REPLAYED_HEADER, nullValue()).body("message", hasItem(startsWith("email")));
        tenant.request().header("Idempotency-Key", "bad-email").body(body).post("/contacts/").then().statusCode(422)
                .header(IdempotencyFilters.REPLAYED_HEADER, equalTo("true")).body("message", hasItem(startsWith("email")));
    }

    @Test
    void aKeyMustBeShortVisibleText() {
        createContact(tenant, "k".repeat(256), "Finn").then().statusCode(422)
                .body("code", equalTo("VALIDATION_FAILED")).body("param", equalTo("Idempotency-Key"));
        createContact(tenant, "k".repeat(255), "Finn").then().statusCode(201);
        assertEquals(1, contactsNamed(tenant, "Finn"));
    }

    @Test
    void requestsWithoutAKeyOrOtherThanPostAreUntouched() {
        String id = createContact(tenant, "get-key", "Gus").then().statusCode(201).extract().path("contact.id");
        tenant.request().header("Idempotency-Key", "get-key").get("/contacts/" + id).then().statusCode(200)
                .header(IdempotencyFilters.REPLAYED_HEADER, nullValue());
        tenant.request().body(Map.of("locationId", tenant.locationId(), "firstName", "Hal", "lastName", "Retry"))
                .post("/contacts/").then().statusCode(201);
        tenant.request().body(Map.of("locationId", tenant.locationId(), "firstName", "Hal", "lastName", "Retry"))
                .post("/contacts/").then().statusCode(201);
        assertEquals(2, contactsNamed(tenant, "Hal"));
    }

    @Test
    void anExpiredKeyIsSweptAndThenRunsAgain() {
        String first = createContact(tenant, "old-key", "Ivy").then().statusCode(201).extract().path("contact.id");
        assertTrue(keys.deleteExpired(Timestamps.now().plusHours(25)) >= 1);
        String second = createContact(tenant, "old-key", "Ivy").then().statusCode(201)
                .header(IdempotencyFilters.REPLAYED_HEADER, nullValue()).extract().path("contact.id");
        assertNotEquals(first, second);
        assertEquals(2, contactsNamed(tenant, "Ivy"));
    }

    @Test
    void manyConcurrentIdenticalRequestsWriteExactlyOnce() throws Exception {
        List<Callable<Integer>> requests = new ArrayList<>();
        Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 24; i++) {
            requests.add(() -> {
                Response response = createContact(tenant, "race-key", "Jay");
                if (response.statusCode() == 201) {
                    ids.add(response.path("contact.id"));
                } else {
                    response.then().body("code", equalTo("IDEMPOTENCY_KEY_IN_FLIGHT"));
                }
                return response.statusCode();
            });
        }
        List<Integer> statuses = Race.run(requests);
        assertEquals(statuses.size(), Race.count(statuses, 201) + Race.count(statuses, 409), statuses.toString());
        assertTrue(Race.count(statuses, 201) >= 1);
        assertEquals(1, new HashSet<>(ids).size(), "every 201 carries the one contact");
        assertEquals(1, contactsNamed(tenant, "Jay"));
        // Once answered, a retry is a replay.
        createContact(tenant, "race-key", "Jay").then().statusCode(201)
                .header(IdempotencyFilters.REPLAYED_HEADER, equalTo("true")).body("contact.id", equalTo(ids.iterator().next()));
    }

    @Test
    void concurrentIdenticalBulkLinkRequestsLinkOnce() throws Exception {
        String hub = tenant.createContact("Hub", "Idem");
        String label = tenant.createAssociation("knows", "contact", "Knows", "contact", null, null);
        List<Object> links = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            links.add(Map.of("associationId", label, "firstRecordId", hub, "secondRecordId", tenant.createContact("Spoke" + i, "Idem")));
        }
        Map<String, Object> body = Map.of("locationId", tenant.locationId(), "relations", links);
        Set<List<String>> answers = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<Callable<Integer>> requests = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            requests.add(() -> {
                Response response = tenant.request().header("Idempotency-Key", "bulk-race").body(body).post("/associations/relations/bulk");
                if (response.statusCode() == 200) {
                    answers.add(response.path("results.id"));
                } else {
                    response.then().body("code", equalTo("IDEMPOTENCY_KEY_IN_FLIGHT"));
                }
                return response.statusCode();
            });
        }
        List<Integer> statuses = Race.run(requests);
        assertEquals(statuses.size(), Race.count(statuses, 200) + Race.count(statuses, 409), statuses.toString());
        assertTrue(Race.count(statuses, 200) >= 1);
        assertEquals(1, answers.size(), "every 200 is the one batch's answer");
        assertEquals(20, answers.iterator().next().size());
        tenant.request().get("/associations/relations/" + hub).then().statusCode(200).body("total", equalTo(20));
        tenant.request().header("Idempotency-Key", "bulk-race").body(body).post("/associations/relations/bulk").then().statusCode(200)
                .header(IdempotencyFilters.REPLAYED_HEADER, equalTo("true")).body("created", equalTo(20))
                .body("results.id", equalTo(answers.iterator().next()));
    }

    @Test
    void theAgencyHasItsOwnScope() {
        String name = "Agency idem " + System.nanoTime();
        String first = Api.agency().header("Idempotency-Key", "agency-key").body(Map.of("name", name))
                .post("/locations/").then().statusCode(201).extract().path("id");
        Api.agency().header("Idempotency-Key", "agency-key").body(Map.of("name", name))
                .post("/locations/").then().statusCode(201).header(IdempotencyFilters.REPLAYED_HEADER, equalTo("true"))
                .body("id", equalTo(first));
        createContact(tenant, "agency-key", "Kim").then().statusCode(201).body("contact.id", not(equalTo(first)));
    }
}

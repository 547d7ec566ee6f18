package io.liaison.location;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liaison.support.Api;
import io.liaison.support.Neo4jTestResource;
import io.liaison.support.Race;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApiKeyManagementTest {

    @Test
    void keysAreListedWithIdPrefixCreationAndLastUseButNeverTheKey() {
        var tenant = Api.newTenant("Listed keys");
        String unused = Api.agency().post("/locations/" + tenant.locationId() + "/api-keys").then().statusCode(201)
                .body("id", notNullValue()).body("readOnly", equalTo(false)).extract().path("apiKey");
        tenant.request().get("/contacts/").then().statusCode(200);

        String body = Api.agency().get("/locations/" + tenant.locationId() + "/api-keys").then().statusCode(200)
                .body("apiKeys", hasSize(2)).extract().asString();
        JsonPath keys = new JsonPath(body);
        assertFalse(body.contains(tenant.apiKey()), "a listed key must not show the key itself");
        assertFalse(body.contains(unused));
        assertEquals(tenant.apiKey().substring(0, 7), keys.getString("apiKeys[0].prefix"));
        assertEquals(unused.substring(0, 7), keys.getString("apiKeys[1].prefix"));
        assertTrue(keys.getString("apiKeys[0].createdAt").startsWith("20"));
        assertTrue(keys.getString("apiKeys[0].lastUsedAt").startsWith("20"), "the key used above has a last use");
        assertEquals(null, keys.getString("apiKeys[1].lastUsedAt"), "the unused key has none");
    }

    @Test
    void aRevokedKeyIsRefusedAndTheOthersKeepWorking() {
        var tenant = Api.newTenant("Revoked");
        String second = Api.agency().post("/locations/" + tenant.locationId() + "/api-keys").then().statusCode(201).extract().path("apiKey");
        String secondId = idOfKeyWithPrefix(tenant.locationId(), second.substring(0, 7));
        given().header("Authorization", "Bearer " + second).get("/contacts/").then().statusCode(200);

        Api.agency().delete("/locations/" + tenant.locationId() + "/api-keys/" + secondId).then().statusCode(200)
                .body("deleted", equalTo(true)).body("id", equalTo(secondId));

        given().header("Authorization", "Bearer " + second).get("/contacts/").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        tenant.request().get("/contacts/").then().statusCode(200);
        Api.agency().get("/locations/" + tenant.locationId() + "/api-keys").then().body("apiKeys", hasSize(1))
                .body("apiKeys[0].id", not(equalTo(secondId)));
        Api.agency().delete("/locations/" + tenant.locationId() + "/api-keys/" + secondId).then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void aKeyIsRevokedOnlyThroughItsOwnLocation() {
        var owner = Api.newTenant("Key owner");
        var other = Api.newTenant("Other location");
        String ownerKeyId = idOfKeyWithPrefix(owner.locationId(), owner.apiKey().substring(0, 7));

        Api.agency().delete("/locations/" + other.locationId() + "/api-keys/" + ownerKeyId).then().statusCode(404);
        Api.agency().delete("/locations/" + owner.locationId() + "/api-keys/not-a-key-id").then().statusCode(404);
        owner.request().get("/contacts/").then().statusCode(200);
        // Key management is the agency's: a location key may not list or revoke keys, not even its own.
        owner.request().get("/locations/" + owner.locationId() + "/api-keys").then().statusCode(401);
        owner.request().delete("/locations/" + owner.locationId() + "/api-keys/" + ownerKeyId).then().statusCode(401);
    }

    /**
     * Another instance revokes the key: this one only learns it from the database. The cache may
     * trust a key for less than a second, so after one second the key must be refused here too.
     */
    @Test
    void aKeyRevokedByAnotherInstanceIsRefusedHereWithinOneSecond() throws InterruptedException {
        var tenant = Api.newTenant("Revoked elsewhere");
        tenant.request().get("/contacts/").then().statusCode(200);

        Neo4jTestResource.neo4j().defaultDatabaseService().executeTransactionally(
                "MATCH (k:ApiKey {hash: $hash}) DETACH DELETE k", Map.of("hash", Tokens.hash(tenant.apiKey())));
        Thread.sleep(1_000);

        tenant.request().get("/contacts/").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
    }

    /**
     * The same, with the key in continuous use: a cache whose entries lived on while they are used
     * (a sliding expiry) would keep a busy key alive for ever. Every request begun one second after
     * the key left the database is refused, however busy the key was.
     */
    @Test
    void aKeyRevokedByAnotherInstanceWhileInContinuousUseIsRefusedWithinOneSecond() throws Exception {
        var tenant = Api.newTenant("Revoked while busy");
        long until = System.nanoTime() + java.time.Duration.ofSeconds(4).toNanos();
        java.util.concurrent.atomic.AtomicLong deletedAt = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
        // Each request: when it began relative to the deletion, and what it was answered.
        List<long[]> answers = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread user = new Thread(() -> {
            while (System.nanoTime() - until < 0) {
                long began = System.nanoTime();
                int status = tenant.request().get("/contacts/").statusCode();
                long deleted = deletedAt.get();
                answers.add(new long[] {deleted == Long.MAX_VALUE ? Long.MIN_VALUE : began - deleted, status});
            }
        });
        user.start();
        Thread.sleep(700);
        Neo4jTestResource.neo4j().defaultDatabaseService().executeTransactionally(
                "MATCH (k:ApiKey {hash: $hash}) DETACH DELETE k", Map.of("hash", Tokens.hash(tenant.apiKey())));
        deletedAt.set(System.nanoTime());
        user.join();

        long oneSecond = java.time.Duration.ofSeconds(1).toNanos();
        List<long[]> before = answers.stream().filter(a -> a[0] == Long.MIN_VALUE).toList();
        List<long[]> late = answers.stream().filter(a -> a[0] >= oneSecond).toList();
        assertFalse(before.isEmpty(), "the key was in use before it was deleted");
        assertTrue(before.stream().allMatch(a -> a[1] == 200), "the key worked before it was deleted");
        assertTrue(late.size() >= 5, "requests went on after the deletion: " + late.size());
        assertEquals(List.of(401), late.stream().map(a -> (int) a[1]).distinct().toList(),
                "every request begun a second after the revocation is refused");
    }

    /** The point of the cache: a request runs its own transaction only, not a second one for the key. */
    @Test
    void repeatedRequestsWithOneKeyDoNotEachLookTheKeyUp() {
        var tenant = Api.newTenant("Cached key");
        // A contact's read is one transaction: the contact with its business link, in one statement.
        String id = tenant.createContact("Ada", "Lovelace");
        tenant.request().get("/contacts/" + id).then().statusCode(200);

        double before = transactionsBegun();
        int requests = 40;
        for (int i = 0; i < requests; i++) {
            tenant.request().get("/contacts/" + id).then().statusCode(200);
        }
        double used = transactionsBegun() - before;

        // Each request runs its own transaction; the key is looked up again only when its cache entry
        // has expired (every 0.9 s), plus a background write of "last used" now and then. Without the
        // cache it would be two per request; the bound leaves room for a slow machine.
        assertTrue(used >= requests && used <= requests * 7 / 4, "transactions begun for " + requests + " requests: " + used);
    }

    @Test
    void aReadOnlyKeyReadsAndSearchesButWritesNothing() {
        var tenant = Api.newTenant("Read only");
        String contactId = tenant.createContact("Grace", "Hopper");
        String readOnly = Api.agency().body(Map.of("readOnly", true)).post("/locations/" + tenant.locationId() + "/api-keys")
                .then().statusCode(201).body("readOnly", equalTo(true)).extract().path("apiKey");
        var reader = new Api.Tenant(tenant.locationId(), readOnly);

        reader.request().get("/contacts/" + contactId).then().statusCode(200);
        reader.request().body(Map.of("locationId", tenant.locationId(), "pageLimit", 10)).post("/contacts/search")
                .then().statusCode(200).body("contacts", hasSize(1));
        reader.request().body(Map.of("locationId", tenant.locationId(), "firstName", "Alan")).post("/contacts/")
                .then().statusCode(403).body("code", equalTo("READ_ONLY_KEY")).body("statusCode", equalTo(403));
        reader.request().body(Map.of("firstName", "Changed")).put("/contacts/" + contactId)
                .then().statusCode(403).body("code", equalTo("READ_ONLY_KEY"));
        reader.request().delete("/contacts/" + contactId).then().statusCode(403).body("code", equalTo("READ_ONLY_KEY"));

        tenant.request().body(Map.of("locationId", tenant.locationId(), "pageLimit", 10)).post("/contacts/search")
                .then().statusCode(200).body("contacts", hasSize(1)).body("contacts[0].firstName", equalTo("Grace"));
        Api.agency().get("/locations/" + tenant.locationId() + "/api-keys").then()
                .body("apiKeys.find { it.prefix == '" + readOnly.substring(0, 7) + "' }.readOnly", equalTo(true));
    }

    @Test
    void aKeyWithoutBodyHasEveryRight() {
        var tenant = Api.newTenant("Full rights");
        given().header("Authorization", "Bearer " + Api.AGENCY_TOKEN).post("/locations/" + tenant.locationId() + "/api-keys")
                .then().statusCode(201).body("readOnly", equalTo(false)).body("apiKey", notNullValue());
        Api.agency().post("/locations/" + tenant.locationId() + "/api-keys").then().statusCode(201).body("readOnly", equalTo(false));
        Api.agency().body(Map.of("readOnly", false)).post("/locations/" + tenant.locationId() + "/api-keys")
                .then().statusCode(201).body("readOnly", equalTo(false));
        Api.agency().body(Map.of("readOnly", "yes")).post("/locations/" + tenant.locationId() + "/api-keys")
                .then().statusCode(422).body("code", equalTo("VALIDATION_FAILED")).body("param", equalTo("readOnly"));
        Api.agency().body("{\"readOnly\": ").post("/locations/" + tenant.locationId() + "/api-keys")
                .then().statusCode(400).body("code", equalTo("MALFORMED_JSON"));
        Api.agency().get("/locations/" + tenant.locationId() + "/api-keys").then().body("apiKeys", hasSize(4));
    }

    /** At most 50 keys per location, however many requests race for the last places. */
    @Test
    void concurrentKeyCreationsStopExactlyAtTheLimit() throws Exception {
        var tenant = Api.newTenant("Key limit");
        for (int i = 1; i < 45; i++) {
            Api.agency().post("/locations/" + tenant.locationId() + "/api-keys").then().statusCode(201);
        }
        List<Callable<Integer>> requests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            requests.add(() -> Api.agency().post("/locations/" + tenant.locationId() + "/api-keys").then().extract().statusCode());
        }

        List<Integer> statuses = Race.run(requests);

        assertEquals(5, Race.count(statuses, 201), statuses.toString());
        assertEquals(15, Race.count(statuses, 409), statuses.toString());
        Api.agency().get("/locations/" + tenant.locationId() + "/api-keys").then().body("apiKeys", hasSize(50));
        Api.agency().post("/locations/" + tenant.locationId() + "/api-keys").then().statusCode(409)
                .body("code", equalTo("LIMIT_EXCEEDED")).body("details.maximum", equalTo(50)).body("details.current", equalTo(50));
    }

    @Test
    void aConfiguredAgencyTokenIsRotatedInTheConfigurationNotThroughTheApi() {
        Api.agency().post("/agency/token/rotate").then().statusCode(409).body("code", equalTo("AGENCY_TOKEN_CONFIGURED"));
        Api.agency().body(Map.of("name", "Still works")).post("/locations/").then().statusCode(201);
        given().post("/agency/token/rotate").then().statusCode(401);
    }

    @Test
    void anUnknownLocationHasNoKeys() {
        Api.agency().get("/locations/nope12345/api-keys").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        Api.agency().delete("/locations/nope12345/api-keys/0123456789abcdef0123").then().statusCode(404);
        Api.agency().get("/locations/" + "x".repeat(300) + "/api-keys").then().statusCode(404).body("message", not(nullValue()));
    }

    private static String idOfKeyWithPrefix(String locationId, String prefix) {
        return Api.agency().get("/locations/" + locationId + "/api-keys").then().statusCode(200).extract()
                .path("apiKeys.find { it.prefix == '" + prefix + "' }.id");
    }

    /** Every transaction the service began, whichever way (in-process or Bolt), summed over the series. */
    static double transactionsBegun() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = Pattern.compile("(?m)^liaison_transactions_total\\{[^}]*} ([0-9.E]+)$").matcher(metrics);
        double total = 0;
        int series = 0;
        while (matcher.find()) {
            total += Double.parseDouble(matcher.group(1));
            series++;
        }
        assertEquals(4, series, "liaison_transactions_total is exported by way and access");
        return total;
    }
}

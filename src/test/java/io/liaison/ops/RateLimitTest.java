package io.liaison.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.liaison.support.Api;
import io.liaison.support.Race;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** HighLevel's per-key limits, with a burst of 5 per hour and 8 per day so that a test reaches them. */
@QuarkusTest
@TestProfile(RateLimitTest.Limited.class)
class RateLimitTest {

    public static class Limited implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // The proxy's X-Forwarded-For is trusted here, so that requests can come from several client addresses.
            return Map.of("liaison.rate-limit.enabled", "true",
                    "liaison.rate-limit.burst", "5",
                    "liaison.rate-limit.burst-interval", "PT1H",
                    "liaison.rate-limit.daily", "8",
                    "liaison.rate-limit.failed-authentications", "3",
                    "liaison.rate-limit.failed-authentications-window", "PT1H",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true");
        }
    }

    @Test
    void aKeyPastItsBurstGets429WithHighLevelsHeadersAndOtherKeysDoNot() {
        var tenant = Api.newTenant("Burst");
        for (int i = 4; i >= 0; i--) {
            tenant.request().get("/contacts/").then().statusCode(200)
                    .header("X-RateLimit-Max", "5")
                    .header("X-RateLimit-Remaining", String.valueOf(i))
                    .header("X-RateLimit-Interval-Milliseconds", "3600000")
                    .header("X-RateLimit-Limit-Daily", "8")
                    .header("X-RateLimit-Daily-Remaining", String.valueOf(3 + i));
        }

        tenant.request().get("/contacts/").then().statusCode(429)
                .body("statusCode", equalTo(429)).body("code", equalTo("RATE_LIMITED"))
                .header("X-RateLimit-Remaining", "0").header("X-RateLimit-Daily-Remaining", "3")
                .header("Retry-After", matchesPattern("[1-9][0-9]*"));
        // A refused write writes nothing; the limit is the location's, so its second key is refused too, another location's is not.
        tenant.request().body(Map.of("locationId", tenant.locationId(), "firstName", "Late")).post("/contacts/").then().statusCode(429);
        String second = Api.agency().post("/locations/" + tenant.locationId() + "/api-keys").then().statusCode(201).extract().path("apiKey");
        given().header("Authorization", "Bearer " + second).get("/contacts/").then().statusCode(429);
        Api.newTenant("Burst neighbour").request().get("/contacts/").then().statusCode(200)
                .header("X-RateLimit-Remaining", "4").body("total", equalTo(0));
        // The agency token is not limited and carries no headers.
        Api.agency().get("/locations/" + tenant.locationId()).then().statusCode(200).header("X-RateLimit-Max", nullValue());
    }

    @Test
    void concurrentRequestsGetExactlyTheBurst() throws Exception {
        var tenant = Api.newTenant("Burst race");
        List<Callable<Integer>> requests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            requests.add(() -> tenant.request().get("/contacts/").then().extract().statusCode());
        }

        List<Integer> statuses = Race.run(requests);

        assertEquals(5, Race.count(statuses, 200), statuses.toString());
        assertEquals(15, Race.count(statuses, 429), statuses.toString());
    }

    /** All the keys of a location share its budget: a second key does not double it, even when both race. */
    @Test
    void twoKeysOfOneLocationShareItsBudgetUnderConcurrentRequests() throws Exception {
        var tenant = Api.newTenant("Shared budget");
        var other = new Api.Tenant(tenant.locationId(),
                Api.agency().post("/locations/" + tenant.locationId() + "/api-keys").then().statusCode(201).extract().path("apiKey"));
        tenant.request().get("/contacts/").then().statusCode(200).header("X-RateLimit-Remaining", "4");
        other.request().get("/contacts/").then().statusCode(200).header("X-RateLimit-Remaining", "3");
        List<Callable<Integer>> requests = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            requests.add(() -> tenant.request().get("/contacts/").then().extract().statusCode());
            requests.add(() -> other.request().get("/contacts/").then().extract().statusCode());
        }

        List<Integer> statuses = Race.run(requests);

        assertEquals(3, Race.count(statuses, 200), statuses.toString());
        assertEquals(17, Race.count(statuses, 429), statuses.toString());
    }

    /**
     * Guessing keys from one address: after 3 failures it gets 429 with Retry-After, without the
     * token being looked up (even a valid key, since it cannot be told apart without a lookup), while
     * another address is unaffected.
     */
    @Test
    void badConsoleSignInsCountTowardTheSameBound() {
        var tenant = Api.newTenant("Console guessed");
        String guesser = "203.0.113.9";
        for (int i = 0; i < 3; i++) {
            given().header("X-Forwarded-For", guesser).contentType(io.restassured.http.ContentType.JSON)
                    .body(java.util.Map.of("token", "lk_guess_" + i)).post("/console/session").then().statusCode(401);
        }
        // Blocked now: even the right key is refused from that address, at sign-in and as a bearer token.
        given().header("X-Forwarded-For", guesser).contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("token", tenant.apiKey())).post("/console/session").then().statusCode(429)
                .body("code", equalTo("RATE_LIMITED")).header("Retry-After", matchesPattern("[1-9][0-9]*"));
        tenant.request().header("X-Forwarded-For", guesser).get("/contacts/").then().statusCode(429);
        given().header("X-Forwarded-For", "203.0.113.10").contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("token", tenant.apiKey())).post("/console/session").then().statusCode(200);
    }

    @Test
    void repeatedBadTokensFromOneAddressGet429AndAnotherAddressDoesNot() {
        var tenant = Api.newTenant("Guessed");
        String guesser = "203.0.113.7";
        for (int i = 0; i < 3; i++) {
            given().header("X-Forwarded-For", guesser).header("Authorization", "Bearer guess-" + i).get("/contacts/").then()
                    .statusCode(401);
        }
        double before = transactionsBegun();
        for (int i = 3; i < 23; i++) {
            given().header("X-Forwarded-For", guesser).header("Authorization", "Bearer guess-" + i).get("/contacts/").then()
                    .statusCode(429).body("code", equalTo("RATE_LIMITED")).header("Retry-After", matchesPattern("[1-9][0-9]*"));
        }
        double used = transactionsBegun() - before;
        tenant.request().header("X-Forwarded-For", guesser).get("/contacts/").then().statusCode(429);
        // 20 refused guesses looked nothing up (a few background transactions may run meanwhile).
        org.junit.jupiter.api.Assertions.assertTrue(used < 10, "transactions begun for 20 refused guesses: " + used);

        String neighbour = "203.0.113.8";
        given().header("X-Forwarded-For", neighbour).header("Authorization", "Bearer wrong").get("/contacts/").then().statusCode(401);
        tenant.request().header("X-Forwarded-For", neighbour).get("/contacts/").then().statusCode(200);
        tenant.request().get("/contacts/").then().statusCode(200);
    }

    private static double transactionsBegun() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("(?m)^liaison_transactions_total\\{[^}]*} ([0-9.E]+)$")
                .matcher(metrics);
        double total = 0;
        while (matcher.find()) {
            total += Double.parseDouble(matcher.group(1));
        }
        return total;
    }
}

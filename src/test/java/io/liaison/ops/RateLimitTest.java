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
            return Map.of("liaison.rate-limit.enabled", "true",
                    "liaison.rate-limit.burst", "5",
                    "liaison.rate-limit.burst-interval", "PT1H",
                    "liaison.rate-limit.daily", "8");
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
        // A refused write writes nothing, and the limit is per key.
        tenant.request().body(Map.of("locationId", tenant.locationId(), "firstName", "Late")).post("/contacts/").then().statusCode(429);
        String second = Api.agency().post("/locations/" + tenant.locationId() + "/api-keys").then().statusCode(201).extract().path("apiKey");
        given().header("Authorization", "Bearer " + second).get("/contacts/").then().statusCode(200)
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
}

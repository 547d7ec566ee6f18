package io.liaison.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.liaison.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An external Neo4j that does not answer at start-up: the service still starts, says it is not
 * ready, and tells clients to come back instead of failing them with a 500.
 */
@QuarkusTest
@TestProfile(DatabaseUnavailableTest.NothingListensOnBolt.class)
class DatabaseUnavailableTest {

    public static class NothingListensOnBolt implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.neo4j.uri", "bolt://127.0.0.1:" + closedPort(),
                    "quarkus.neo4j.authentication.disabled", "true",
                    "liaison.embedded.enabled", "false");
        }

        /** Not the shared in-process Neo4j: this profile has none. */
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Test
    void anApiCallIs503WithRetryAfterInTheErrorShape() {
        given().header("Authorization", "Bearer some-location-key").get("/contacts/")
                .then().statusCode(503)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("statusCode", equalTo(503))
                .body("error", equalTo("Service Unavailable"))
                .body("code", equalTo("DATABASE_UNAVAILABLE"));
        Api.agency().contentType(ContentType.JSON).body(Map.of("name", "x")).post("/locations/")
                .then().statusCode(503).header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("code", equalTo("DATABASE_UNAVAILABLE"));
    }

    @Test
    void theServiceIsAliveButNotReady() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'Liaison schema' }.status", equalTo("DOWN"));
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

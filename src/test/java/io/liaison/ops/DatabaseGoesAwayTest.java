package io.liaison.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.liaison.neo4j.EmbeddedNeo4j;
import io.liaison.support.Api;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Neo4j stops answering while the service runs: clients get 503 with Retry-After, never a 500. */
@QuarkusTest
@TestProfile(DatabaseGoesAwayTest.OwnNeo4j.class)
class DatabaseGoesAwayTest {

    public static class OwnNeo4j implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Give up quickly instead of the default 30 s of retries.
            return Map.of("quarkus.neo4j.max-transaction-retry-time", "1S");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StoppableNeo4j.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    /** A Neo4j of this test's own, which the test may stop. */
    public static class StoppableNeo4j implements QuarkusTestResourceLifecycleManager {
        static EmbeddedNeo4j neo4j;

        @Override
        public Map<String, String> start() {
            try (ServerSocket socket = new ServerSocket(0)) {
                int port = socket.getLocalPort();
                socket.close();
                neo4j = EmbeddedNeo4j.start(Files.createTempDirectory("liaison-goes-away"), port, "32m");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of(
                    "quarkus.neo4j.uri", neo4j.boltUri(),
                    "quarkus.neo4j.authentication.disabled", "true",
                    "liaison.embedded.enabled", "false");
        }

        @Override
        public void stop() {
            neo4j.close();
        }
    }

    @Test
    void whenNeo4jStopsAnApiCallIs503WithRetryAfter() {
        var tenant = Api.newTenant("Goes away");
        String id = tenant.createContact("Ada", "Lovelace");
        tenant.request().get("/contacts/" + id).then().statusCode(200);

        StoppableNeo4j.neo4j.close();

        tenant.request().get("/contacts/" + id).then().statusCode(503)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("statusCode", equalTo(503))
                .body("code", equalTo("DATABASE_UNAVAILABLE"));
        given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
    }
}

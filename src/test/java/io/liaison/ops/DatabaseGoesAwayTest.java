package io.liaison.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.liaison.neo4j.EmbeddedNeo4j;
import io.liaison.support.Api;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Neo4j stops answering while the service runs: clients get 503 with Retry-After, never a 500. */
@QuarkusTest
@TestProfile(DatabaseGoesAwayTest.OwnNeo4j.class)
class DatabaseGoesAwayTest {

    public static class OwnNeo4j implements QuarkusTestProfile {
        // The service's own settings (application.properties) are under test: nothing is overridden.

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StoppableNeo4j.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    /** A Neo4j of this test's own, which the test may stop and start again. */
    public static class StoppableNeo4j implements QuarkusTestResourceLifecycleManager {
        static EmbeddedNeo4j neo4j;
        static Path home;
        static int port;

        @Override
        public Map<String, String> start() {
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
                socket.close();
                home = Files.createTempDirectory("liaison-goes-away");
                neo4j = EmbeddedNeo4j.start(home, port, "32m");
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

    /**
     * The outage deadline is a correctness property: a client that gives up after 5 s must get its
     * 503 (the service aims at under 2 s; the time measured is printed, not asserted). Then the
     * database comes back on the same port and the service returns to service by itself.
     */
    @Test
    void whenNeo4jStopsAnApiCallIs503WithRetryAfterAndTheServiceRecoversByItself() {
        var tenant = Api.newTenant("Goes away");
        String id = tenant.createContact("Ada", "Lovelace");
        tenant.request().get("/contacts/" + id).then().statusCode(200);
        RestAssuredConfig impatientClient = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", 5_000).setParam("http.connection.timeout", 5_000));

        StoppableNeo4j.neo4j.close();

        long started = System.nanoTime();
        tenant.request().config(impatientClient).get("/contacts/" + id).then().statusCode(503)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("statusCode", equalTo(503))
                .body("code", equalTo("DATABASE_UNAVAILABLE"));
        System.out.printf("First request after Neo4j stopped: 503 in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        started = System.nanoTime();
        tenant.request().config(impatientClient).body(Map.of("locationId", tenant.locationId(), "firstName", "Grace"))
                .post("/contacts/").then().statusCode(503).body("code", equalTo("DATABASE_UNAVAILABLE"));
        System.out.printf("Next request during the outage: 503 in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));

        StoppableNeo4j.neo4j = EmbeddedNeo4j.start(StoppableNeo4j.home, StoppableNeo4j.port, "32m");

        int status = 0;
        int unansweredWithinFiveSeconds = 0;
        for (int attempt = 0; attempt < 60 && status != 200; attempt++) {
            long began = System.nanoTime();
            // A request still unanswered after 2 s: what the service's threads are doing then is printed.
            var watch = SLOW_REQUEST_WATCH.schedule(() -> printServiceThreads(attemptLabel(began)), 2, java.util.concurrent.TimeUnit.SECONDS);
            try {
                status = tenant.request().config(impatientClient).get("/contacts/" + id).then().extract().statusCode();
                System.out.printf("Request while Neo4j came back: %d in %d ms%n", status, (System.nanoTime() - began) / 1_000_000);
            } catch (Exception e) { // RestAssured throws the client's SocketTimeoutException unwrapped
                // Seen once in CI (1 run of 3): the first request after the restart was not answered within
                // the client's 5 s. What this test holds is that the service comes back by itself, so a
                // slow answer while it does is counted and printed (a known gap, issue 22), not fatal. The
                // threads printed for it showed the request planning Cypher: the restarted database's query
                // cache is empty (docs/operations/reliability.md, "The slow first requests after Neo4j comes back").
                if (!(e instanceof java.net.SocketTimeoutException) && !(e.getCause() instanceof java.net.SocketTimeoutException)) {
                    throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                }
                unansweredWithinFiveSeconds++;
            } finally {
                watch.cancel(false);
            }
            if (status != 200) {
                sleep(500);
            }
        }
        System.out.printf("Requests not answered within 5 s while Neo4j came back: %d%n", unansweredWithinFiveSeconds);
        assertEquals(200, status, "the service is back in service once Neo4j is");
        tenant.request().get("/contacts/" + id).then().statusCode(200).body("contact.firstName", equalTo("Ada"));
        given().get("/q/health/ready").then().statusCode(200);
    }

    private static final java.util.concurrent.ScheduledExecutorService SLOW_REQUEST_WATCH =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "slow-request-watch");
                thread.setDaemon(true);
                return thread;
            });

    private static String attemptLabel(long began) {
        return "a request unanswered after " + (System.nanoTime() - began) / 1_000_000 + " ms";
    }

    /** The stacks of the service's threads that are in Liaison's or Neo4j's code: where a slow request waits. */
    private static void printServiceThreads(String why) {
        StringBuilder dump = new StringBuilder("DatabaseGoesAwayTest: " + why + "; the service's busy threads:\n");
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            boolean ours = java.util.Arrays.stream(stack).anyMatch(f -> f.getClassName().startsWith("io.liaison.")
                    && !f.getClassName().startsWith("io.liaison.ops.DatabaseGoesAwayTest"));
            if (ours) {
                dump.append("  ").append(thread.getName()).append(' ').append(thread.getState()).append('\n');
                for (int i = 0; i < Math.min(stack.length, 40); i++) {
                    dump.append("      at ").append(stack[i]).append('\n');
                }
            }
        });
        System.out.println(dump);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

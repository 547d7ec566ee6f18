package io.liaison.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liaison.location.LocationRepository;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An open event stream lives no longer than the key that opened it. */
@QuarkusTest
class StreamRevocationTest {

    @TestHTTPResource("/events/stream")
    URI streamUri;

    @Inject
    GraphDatabase db;

    @Inject
    LocationRepository locations;

    private final HttpClient client = HttpClient.newHttpClient();

    /** Opens a stream and answers when the server ends it (the body reaches its end). */
    private CompletableFuture<Long> open(Tenant tenant) throws Exception {
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(streamUri)
                .header("Authorization", "Bearer " + tenant.apiKey()).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        InputStream body = response.body();
        assertTrue(body.read() != -1, "the stream sends its opening comment");
        return CompletableFuture.supplyAsync(() -> {
            try (body) {
                while (body.read() != -1) {
                    // comments and keep-alives until the server ends the stream
                }
            } catch (Exception e) {
                // a reset connection ends the stream too
            }
            return System.nanoTime();
        });
    }

    private static String keyId(Tenant tenant) {
        return Api.agency().get("/locations/" + tenant.locationId() + "/api-keys").then().statusCode(200).extract().path("apiKeys[0].id");
    }

    @Test
    void revokingTheKeyEndsItsStreamWithinOneSecond() throws Exception {
        Tenant tenant = Api.newTenant("Revoked stream");
        Tenant bystander = Api.newTenant("Other stream");
        String keyId = keyId(tenant);
        CompletableFuture<Long> ended = open(tenant);
        CompletableFuture<Long> other = open(bystander);

        long revokedAt = System.nanoTime();
        Api.agency().delete("/locations/" + tenant.locationId() + "/api-keys/" + keyId).then().statusCode(200);

        long endedAt = ended.get(10, TimeUnit.SECONDS);
        assertTrue(Duration.ofNanos(endedAt - revokedAt).toMillis() < 1000, "ended " + Duration.ofNanos(endedAt - revokedAt));
        Thread.sleep(500);
        assertFalse(other.isDone(), "another key's stream stays open");
        tenant.request().get("/events").then().statusCode(401);
    }

    @Test
    void aKeyRevokedByAnotherInstanceEndsItsStreamWithinOneSecond() throws Exception {
        Tenant tenant = Api.newTenant("Revoked elsewhere");
        String keyId = keyId(tenant);
        CompletableFuture<Long> ended = open(tenant);

        // Straight in the database, as another instance sharing it would: this instance is not told.
        long revokedAt = System.nanoTime();
        assertTrue(db.write(tx -> locations.revokeKey(tx, tenant.locationId(), keyId)).isPresent());

        long endedAt = ended.get(10, TimeUnit.SECONDS);
        assertTrue(Duration.ofNanos(endedAt - revokedAt).toMillis() < 1000, "ended " + Duration.ofNanos(endedAt - revokedAt));
    }
}

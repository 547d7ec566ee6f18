package io.liaison.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Locks;
import io.liaison.support.Api;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Test helpers: events recorded straight through the outbox, subscriptions through the API, and signature checks. */
final class Outbox {
    private Outbox() {
    }

    /** Records one event in a transaction of its own, as a write path does inside its transaction. */
    static String record(GraphDatabase db, Api.Tenant tenant, EventType type, String recordId, Map<String, Object> fields) {
        Map<String, Object> payload = new HashMap<>(fields);
        payload.put("id", recordId);
        return db.write(tx -> new EventOutbox().record(tx, tenant.locationId(), type, payload));
    }

    static WebhookDispatcher dispatcher(GraphDatabase db, TestClock clock, int maxAttempts) {
        return new WebhookDispatcher(db, new Locks(db), new WebhookDispatcher.Settings(maxAttempts, Duration.ofSeconds(10), Duration.ofMinutes(1),
                Duration.ofSeconds(1), 4, 200, true), clock);
    }

    record Subscription(String id, String secret) {
    }

    static Subscription subscribe(Api.Tenant tenant, String url, List<String> events) {
        var response = tenant.request().body(Map.of("url", url, "events", events)).post("/webhooks").then().statusCode(201).extract();
        return new Subscription(response.path("webhook.id"), response.path("webhook.secret"));
    }

    /** Standard Webhooks verification, written out here independently of the signer. */
    static void assertSigned(String secret, Receiver.Received request) throws Exception {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String signed = request.id() + "." + request.timestamp() + "." + request.body();
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, request.signature(), "signature of " + request.id());
    }
}
